package pdfread_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unicode"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/pdfread"
	"golang.org/x/text/unicode/norm"
)

// Font fixtures: one page per way a PDF can encode Chinese text, each read
// by us and by pdftotext (poppler), which must agree.

const fixtureText = "2024年政府信息公开工作年度报告"

// fontFixture builds a one-page PDF for a case; want is the text (without
// spaces) the page holds.
type fontFixture struct {
	name  string
	build func() []byte
	want  string
}

func fontFixtures() []fontFixture {
	return []fontFixture{
		{"identity-v", identityVPDF, "三、本年度办理结果" + fixtureText},
		{"gbk-euc-h", func() []byte { return predefPDF("GBK-EUC-H", gbkHex) }, fixtureText + "（一）予以公开"},
		{"gbk-euc-v", func() []byte { return predefPDF("GBK-EUC-V", gbkHex) }, fixtureText + "（一）予以公开"},
		{"gb-euc-h", func() []byte { return predefPDF("GB-EUC-H", gbkHex) }, fixtureText + "（一）予以公开"},
		{"unigb-ucs2-h", func() []byte { return predefPDF("UniGB-UCS2-H", ucs2Hex) }, fixtureText + "（一）予以公开"},
		{"unigb-ucs2-v", func() []byte { return predefPDF("UniGB-UCS2-V", ucs2Hex) }, fixtureText + "（一）予以公开"},
		{"identity-h-gb1", identityGB1PDF, fixtureText + "（一）予以公开"},
		{"differences", differencesPDF, "年报Report2024:А•—" + fixtureText},
		{"type3", type3PDF, "政府12" + fixtureText},
	}
}

// horizontalLine adds an Identity-H font with a ToUnicode map and returns
// content showing s at (x, y).
func horizontalLine(w *pdfWriter, ids *glyphIDs, s string, x, y float64) (string, map[int]rune) {
	codes := ids.codes(s)
	return fmt.Sprintf("BT /H 12 Tf %s %s Td %s Tj ET\n", ftoa1(x), ftoa1(y), hexCodes(codes)), ids.rev
}

// identityVPDF: a WPS-style page, the label set in a second copy of the
// font with Identity-V (glyphs advance downward by DW2).
func identityVPDF() []byte {
	w := newPDFWriter()
	ids := newGlyphIDs()
	vcodes := ids.codes("三、本年度办理结果")
	content, rev := horizontalLine(w, ids, fixtureText, 72, 760)
	tu := toUnicodeCMap(rev)
	h := w.type0Font("SimSun", "Identity-H", "Identity", " /W "+ids.widthsW(), tu)
	// W2: the first glyph with its own vertical metrics (w1y vx vy)
	v := w.type0Font("SimSun", "Identity-V", "Identity", " /W "+ids.widthsW()+fmt.Sprintf(" /DW2 [880 -1000] /W2 [%d [-1000 500 880]]", vcodes[0]), tu)
	content += fmt.Sprintf("BT /V 12 Tf 1 0 0 1 100 700 Tm %s Tj ET\n", hexCodes(vcodes))
	w.page(content, map[string]int{"H": h, "V": v})
	return w.bytes()
}

// predefPDF: a non-embedded STSong-Light with a predefined CMap and no
// ToUnicode map (poppler decodes it through poppler-data).
func predefPDF(cmapName string, enc func(string) string) []byte {
	w := newPDFWriter()
	desc := w.add("<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 2>>/DW 1000/W [814 [500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500 500]]>>")
	f := w.add(fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/STSong-Light-%s/Encoding/%s/DescendantFonts[%d 0 R]>>", cmapName, cmapName, desc))
	var content string
	if strings.HasSuffix(cmapName, "-V") {
		content = fmt.Sprintf("BT /F 12 Tf 1 0 0 1 300 760 Tm %s Tj ET\nBT /F 12 Tf 1 0 0 1 200 760 Tm %s Tj ET\n", enc(fixtureText), enc("（一）予以公开"))
	} else {
		content = fmt.Sprintf("BT /F 12 Tf 72 760 Td %s Tj 0 -20 Td %s Tj ET\n", enc(fixtureText), enc("（一）予以公开"))
	}
	w.page(content, map[string]int{"F": f})
	return w.bytes()
}

// identityGB1PDF: Identity-H codes that are Adobe-GB1 CIDs, no ToUnicode.
func identityGB1PDF() []byte {
	w := newPDFWriter()
	cids := func(s string) string {
		var cs []int
		for _, r := range s {
			cs = append(cs, pdfread.GB1CID(r))
		}
		return hexCodes(cs)
	}
	desc := w.add("<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 2>>/DW 1000>>")
	f := w.add(fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/STSong-Light-Identity-H/Encoding/Identity-H/DescendantFonts[%d 0 R]>>", desc))
	w.page(fmt.Sprintf("BT /F 12 Tf 72 760 Td %s Tj 0 -20 Td %s Tj ET\n", cids(fixtureText), cids("（一）予以公开")), map[string]int{"F": f})
	return w.bytes()
}

// differencesPDF: a simple font whose /Differences name glyphs uniXXXX,
// afii…, AGL names, beside an Identity-H line. (gbXXXX names, which we
// also read, are left out: poppler shows them as their raw codes.)
func differencesPDF() []byte {
	w := newPDFWriter()
	ids := newGlyphIDs()
	content, rev := horizontalLine(w, ids, fixtureText, 72, 700)
	h := w.type0Font("SimSun", "Identity-H", "Identity", "", toUnicodeCMap(rev))
	s := w.add("<</Type/Font/Subtype/Type1/BaseFont/Helvetica/FirstChar 32/LastChar 255/Encoding<</Type/Encoding/BaseEncoding/WinAnsiEncoding/Differences[128 /uni5E74 /uni62A5 /afii10017 /bullet /emdash]>>>>")
	content += "BT /S 12 Tf 72 760 Td <8081> Tj ( Report 2024:) Tj <828384> Tj ET\n"
	w.page(content, map[string]int{"H": h, "S": s})
	return w.bytes()
}

// type3PDF: a Type3 font (FontMatrix 0.01) whose glyphs are named in
// /Differences.
func type3PDF() []byte {
	w := newPDFWriter()
	ids := newGlyphIDs()
	content, rev := horizontalLine(w, ids, fixtureText, 72, 700)
	h := w.type0Font("SimSun", "Identity-H", "Identity", "", toUnicodeCMap(rev))
	proc := w.stream("", "100 0 0 0 100 100 d1 0 0 100 100 re f")
	t3 := w.add(fmt.Sprintf("<</Type/Font/Subtype/Type3/FontBBox[0 0 100 100]/FontMatrix[0.01 0 0 0.01 0 0]"+
		"/CharProcs<</g1 %[1]d 0 R/g2 %[1]d 0 R/one %[1]d 0 R/two %[1]d 0 R>>"+
		"/Encoding<</Type/Encoding/Differences[1 /uni653F /uni5E9C /one /two]>>/FirstChar 1/LastChar 4/Widths[100 100 50 50]/Resources<<>>>>", proc))
	// the CharProcs keys must be the Differences names
	t3obj := strings.Replace(w.objs[t3-1], "/g1 ", "/uni653F ", 1)
	w.objs[t3-1] = strings.Replace(t3obj, "/g2 ", "/uni5E9C ", 1)
	content += "BT /T 12 Tf 72 760 Td <01020304> Tj ET\n"
	w.page(content, map[string]int{"H": h, "T": t3})
	return w.bytes()
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestFontFixtures: each fixture reads to its text, with us and with
// pdftotext (poppler, with poppler-data for the predefined CMaps).
func TestFontFixtures(t *testing.T) {
	_, noPdftotext := exec.LookPath("pdftotext")
	_, noData := os.Stat("/usr/share/poppler/cMap/Adobe-GB1")
	for _, fx := range fontFixtures() {
		t.Run(fx.name, func(t *testing.T) {
			data := fx.build()
			doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: true})
			if err != nil {
				t.Fatal(err)
			}
			got := squeeze(ownText(doc))
			if m, e, ms, es := textDiff(got, fx.want); m+e > 0 {
				t.Errorf("text %q, want %q (missing %q, extra %q)", got, fx.want, ms, es)
			}
			for _, n := range doc.Notes {
				t.Errorf("note: %s", n)
			}
			if noPdftotext != nil || noData != nil {
				if os.Getenv("CI") == "true" {
					t.Fatalf("pdftotext or poppler-data missing: %v %v", noPdftotext, noData)
				}
				t.Skip("pdftotext or poppler-data not installed")
			}
			cmd := exec.Command("pdftotext", "-q", "-", "-")
			cmd.Stdin = bytes.NewReader(data)
			out, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			// Adobe-GB1-UCS2 (ours) gives the characters where poppler-data
			// gives vertical presentation forms and full-width ASCII
			// (GB-EUC single bytes): compare modulo NFKC
			if m, e, ms, es := textDiff(norm.NFKC.String(got), norm.NFKC.String(string(out))); m+e > 0 {
				t.Errorf("pdftotext reads %q, we %q (we lack %q, have extra %q)", squeeze(string(out)), got, ms, es)
			}
		})
	}
}

// TestUndecodedDropped: codes a font gives no text never become text;
// they are dropped with a note naming the page and the font.
func TestUndecodedDropped(t *testing.T) {
	w := newPDFWriter()
	ids := newGlyphIDs()
	content, rev := horizontalLine(w, ids, fixtureText, 72, 760)
	rev[0x0F04], rev[0x0F05] = 0, 0xE001 // mapped to U+0000 and to the private-use area
	tu := toUnicodeCMap(rev)             // codes 0x0F01-0x0F03 are not in it
	h := w.type0Font("ABCDEF+SimSun", "Identity-H", "Identity", "", tu)
	content += "BT /H 12 Tf 72 700 Td <0F010F020F030F040F05> Tj ET\n" + strings.Replace(content, "760", "730", 1)
	w.page(content, map[string]int{"H": h})
	data := w.bytes()
	doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := squeeze(ownText(doc)); got != fixtureText+fixtureText {
		t.Errorf("text %q, want %q twice", got, fixtureText)
	}
	// the page is in the note's Pos, not in its text; String renders both
	want := "font ABCDEF+SimSun: 5 character codes have no Unicode text"
	if len(doc.Notes) != 1 || doc.Notes[0].Pos != (layout.Pos{Page: 1}) || !strings.HasPrefix(doc.Notes[0].Text, want) ||
		!strings.HasPrefix(doc.Notes[0].String(), "page 1: "+want) {
		t.Errorf("notes %+v, want one on page 1 starting %q", doc.Notes, want)
	}
}

// TestGBGlyphNames: gbXXXX glyph names (a GBK code in hex, as Chinese
// producers name glyphs) decode, where poppler shows the raw codes; names
// nobody can read ("g33", "cid00033") are dropped with a note, not taken
// from the base encoding the /Differences replaced.
func TestGBGlyphNames(t *testing.T) {
	w := newPDFWriter()
	ids := newGlyphIDs()
	content, rev := horizontalLine(w, ids, fixtureText, 72, 700)
	h := w.type0Font("SimSun", "Identity-H", "Identity", "", toUnicodeCMap(rev))
	s := w.add("<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding<</Type/Encoding/BaseEncoding/WinAnsiEncoding/Differences[128 /gbB0A1 /gbC4EA /g33 /cid00033]>>>>")
	content += "BT /S 12 Tf 72 760 Td <80818283> Tj ET\n"
	w.page(content, map[string]int{"H": h, "S": s})
	data := w.bytes()
	doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := squeeze(ownText(doc)), "啊年"+fixtureText; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if len(doc.Notes) != 1 || !strings.Contains(doc.Notes[0].String(), "font Helvetica: 2 character codes") {
		t.Errorf("notes %q", layout.NoteStrings(doc.Notes))
	}
}
