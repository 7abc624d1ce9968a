package pdfread

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

var pdfNull pdf.Value // resources of a stream that has none

func ops(t *testing.T, src string) ([]string, error) {
	t.Helper()
	var out []string
	l := &lexer{b: []byte(src)}
	err := l.run(func(op string, args []operand) error {
		var b strings.Builder
		b.WriteString(op)
		for _, a := range args {
			b.WriteString(" " + describe(a))
		}
		out = append(out, b.String())
		return nil
	})
	return out, err
}

func describe(a operand) string {
	switch a.kind {
	case kNum:
		return "n"
	case kName:
		return "/" + a.str
	case kStr:
		return "(" + a.str + ")"
	case kArr:
		var parts []string
		for _, e := range a.arr {
			parts = append(parts, describe(e))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return "?"
}

func TestLexer(t *testing.T) {
	cases := []struct{ in, want string }{
		{"BT /F1 12 Tf (a\\(b\\)c) Tj ET", "BT|Tf /F1 n|Tj (a(b)c)|ET"},
		{"[(A) -250 <41>] TJ", "TJ [(A) n (A)]"},
		{"(nested (paren) ok\\101) Tj", "Tj (nested (paren) okA)"},
		{"/P <</MCID 0>> BDC (x) Tj EMC", "BDC /P ?|Tj (x)|EMC"},
		{"q BI /W 2 /H 2 ID \x00EI\xff EI Q (after) Tj", "q|BI|Q|Tj (after)"},
		{"% comment\n1 0 0 1 5 5 cm", "cm n n n n n n"},
		{"(unterminated", ""},
		{"] ) } 5 Tz", "Tz ? ? ? n"}, // stray delimiters are skipped
		// top-level arrays share the lexer's memory until the operator:
		// two before one operator, and nested ones, keep their elements
		{"[(a) [(b) (c)] 1] [(d)] TJ [] TJ [(e)] TJ", "TJ [(a) [(b) (c)] n] [(d)]|TJ []|TJ [(e)]"},
		{"(a\\101b) Tj (x(y)z) Tj <4> Tj <> Tj (pl\nain) Tj", "Tj (aAb)|Tj (x(y)z)|Tj (@)|Tj ()|Tj (pl\nain)"},
	}
	for _, c := range cases {
		got, err := ops(t, c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("%q: got %q, want %q", c.in, strings.Join(got, "|"), c.want)
		}
	}
}

// TestNestingLimit: arrays nested just up to the cap read; one more is an
// error, not a stack overflow.
func TestNestingLimit(t *testing.T) {
	at := strings.Repeat("[", maxNest) + strings.Repeat("]", maxNest) + " TJ"
	if _, err := ops(t, at); err != nil {
		t.Errorf("depth %d: %v", maxNest, err)
	}
	over := strings.Repeat("[", maxNest+1) + strings.Repeat("]", maxNest+1) + " TJ"
	if _, err := ops(t, over); !errors.Is(err, errNesting) {
		t.Errorf("depth %d: %v, want errNesting", maxNest+1, err)
	}
	dict := strings.Repeat("<<", maxNest+1) + strings.Repeat(">>", maxNest+1) + " BDC"
	if _, err := ops(t, dict); !errors.Is(err, errNesting) {
		t.Errorf("dict depth %d: %v, want errNesting", maxNest+1, err)
	}
}

func TestReadable(t *testing.T) {
	mk := func(s string) []glyph {
		var gs []glyph
		for _, r := range s {
			gs = append(gs, glyph{s: string(r)})
		}
		return gs
	}
	cases := []struct {
		in        string
		ok, empty bool
	}{
		{"政府信息公开工作年度报告", true, false},
		{"72 64 178 37 351 13 4 8 1 26", true, false},         // numbers only
		{"-3-", false, true},                                  // too little to judge
		{"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD政府", false, false},    // mostly U+FFFD
		{"\x01\x02\x03\x04\x05\x06\x07\x08", false, false},    // control characters
		{"ÃÂ¿Ã©Ã¨ÂÂ¬Ã¥ÂÂ¸Ã§ÂÂÃ¦ÂÂ¿Ã¥ÂºÂÃ¤Â¿Â¡", false, false}, // Latin-1 mojibake
		{"\uE001\uE002\uE003\uE004\uE005", false, false},      // private use
	}
	for _, c := range cases {
		ok, empty := readable(mk(c.in))
		if ok != c.ok || empty != c.empty {
			t.Errorf("%q: ok=%v empty=%v, want %v %v", c.in, ok, empty, c.ok, c.empty)
		}
	}
}

// TestTextless: pages without usable text (none, or undecodable) are
// listed in Document.Textless for OCR; the readable ones are read.
func TestTextless(t *testing.T) {
	line := func(s string, y float64) []glyph {
		var gs []glyph
		for i, r := range s {
			gs = append(gs, glyph{s: string(r), x: 50 + float64(i)*10, y: y, w: 10, h: 10})
		}
		return gs
	}
	res := []pageResult{
		{glyphs: line("政府信息公开工作年度报告", 700)},
		{}, // a scanned page: no text
		{glyphs: line("\uE001\uE002\uE003\uE004\uE005\uE006", 700)}, // no ToUnicode
		{glyphs: line("主动公开政府信息情况", 700)},
	}
	doc, err := assemble(res, ReaderLib)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(doc.Textless, []int{2, 3}) {
		t.Errorf("Textless = %v, want [2 3]", doc.Textless)
	}
	if txt := strings.ReplaceAll(doc.Text(), " ", ""); !strings.Contains(txt, "年度报告") || !strings.Contains(txt, "主动公开") {
		t.Errorf("text pages not read: %q", txt)
	}
	// every page readable: nothing to OCR
	doc, err = assemble(res[:1], ReaderLib)
	if err != nil || len(doc.Textless) != 0 {
		t.Errorf("one text page: Textless %v, err %v", doc.Textless, err)
	}
}

func TestDedupe(t *testing.T) {
	gs := []glyph{
		{s: "0", x: 100, y: 10, w: 5, h: 10},
		{s: "0", x: 105, y: 10, w: 5, h: 10},   // next digit: kept
		{s: "0", x: 100.4, y: 10, w: 5, h: 10}, // fake bold: dropped
		{s: "1", x: 100, y: 10, w: 5, h: 10},   // other text at the same place: kept
	}
	if got := dedupe(gs); len(got) != 3 || got[1].x != 105 || got[2].s != "1" {
		t.Errorf("dedupe: %+v", got)
	}
}

// TestRotatedText: a table printed sideways (text matrix turned a quarter)
// still comes out as lines read left to right, top to bottom.
func TestRotatedText(t *testing.T) {
	for _, tc := range []struct{ name, tm string }{
		{"upright", "1 0 0 1 %g %g Tm"},
		{"reading up", "0 1 -1 0 %g %g Tm"},
		{"reading down", "0 -1 1 0 %g %g Tm"},
	} {
		var src strings.Builder
		src.WriteString("BT /F1 10 Tf\n")
		// two lines "AB 12" and "CD 34", 14 units apart
		for i, txt := range []string{"AB", "CD"} {
			for j, part := range []string{txt, []string{"12", "34"}[i]} {
				x, y := 100.0+float64(j)*60, 700.0-float64(i)*14
				switch tc.name {
				case "reading up":
					x, y = 600-y, x // baseline along +y; lines further right are lower
				case "reading down":
					x, y = y, 800-x
				}
				src.WriteString(strings.ReplaceAll(strings.ReplaceAll(tc.tm, "%g %g", ftoa(x)+" "+ftoa(y)), "%", ""))
				src.WriteString(" (" + part + ") Tj\n")
			}
		}
		src.WriteString("ET\n")
		in := &interp{fonts: map[fontKey]*font{}}
		var out []glyph
		if err := in.run([]byte(src.String()), pdfNull, identity, 0, &out); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range groupLines(1, dedupe(upright(out))) {
			got = append(got, l.text())
		}
		if strings.Join(got, "|") != "AB 12|CD 34" {
			t.Errorf("%s: lines %q", tc.name, got)
		}
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// FuzzParseNum: parseNum is strconv.ParseFloat, with 0 where that fails.
func FuzzParseNum(f *testing.F) {
	for _, s := range []string{"0", "-0", "12", "-3.5", ".5", "5.", "+7", "--5", "1.2.3", "5-", "+", ".", "",
		"0.1", "123456789012345", "1234567890123456", "0.000000000000001", "99999999999999.9", "612.0000000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := strconv.ParseFloat(s, 64)
		if err != nil {
			want = 0
		}
		if got := parseNum([]byte(s)); math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("parseNum(%q) = %v, ParseFloat says %v", s, got, want)
		}
	})
}
