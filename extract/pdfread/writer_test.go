package pdfread_test

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A small PDF writer for font fixtures: objects are numbered in the order
// added, object 1 is the catalog, 2 the page tree.
type pdfWriter struct {
	objs  []string
	pages []int
}

func newPDFWriter() *pdfWriter {
	return &pdfWriter{objs: []string{"", ""}} // 1 catalog, 2 pages: filled in bytes()
}

// add appends an object and returns its number.
func (w *pdfWriter) add(obj string) int {
	w.objs = append(w.objs, obj)
	return len(w.objs)
}

// stream adds a stream object with the given extra dictionary entries.
func (w *pdfWriter) stream(dict string, data string) int {
	return w.add(fmt.Sprintf("<<%s/Length %d>>stream\n%s\nendstream", dict, len(data), data))
}

// page adds a 595×842 page with the content and the fonts (resource
// name → object).
func (w *pdfWriter) page(content string, fonts map[string]int) {
	var fs strings.Builder
	for name, obj := range fonts {
		fmt.Fprintf(&fs, "/%s %d 0 R", name, obj)
	}
	c := w.stream("", content)
	w.pages = append(w.pages, w.add(fmt.Sprintf("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents %d 0 R/Resources<</Font<<%s>>>>>>", c, fs.String())))
}

func (w *pdfWriter) bytes() []byte {
	var kids strings.Builder
	for _, p := range w.pages {
		fmt.Fprintf(&kids, "%d 0 R ", p)
	}
	w.objs[0] = "<</Type/Catalog/Pages 2 0 R>>"
	w.objs[1] = fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", kids.String(), len(w.pages))
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(w.objs))
	for i, o := range w.objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(w.objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(w.objs)+1, x)
	return b.Bytes()
}

// hexCodes writes 2-byte codes as a hex string.
func hexCodes(codes []int) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, c := range codes {
		fmt.Fprintf(&b, "%04X", c)
	}
	b.WriteByte('>')
	return b.String()
}

// toUnicodeCMap maps each code to its text (2-byte codes).
func toUnicodeCMap(m map[int]rune) string {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n")
	b.WriteString("1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&b, "%d beginbfchar\n", len(m))
	for c, r := range m {
		u := utf16.Encode([]rune{r})
		fmt.Fprintf(&b, "<%04X> <", c)
		for _, x := range u {
			fmt.Fprintf(&b, "%04X", x)
		}
		b.WriteString(">\n")
	}
	b.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
	return b.String()
}

// glyphIDs numbers the distinct characters of texts from 3 (as a subset
// font would) and returns the codes of each text and the code → rune map.
type glyphIDs struct {
	ids map[rune]int
	rev map[int]rune
}

func newGlyphIDs() *glyphIDs { return &glyphIDs{ids: map[rune]int{}, rev: map[int]rune{}} }

func (g *glyphIDs) codes(s string) []int {
	var out []int
	for _, r := range s {
		id, ok := g.ids[r]
		if !ok {
			id = len(g.ids) + 3
			g.ids[r] = id
			g.rev[id] = r
		}
		out = append(out, id)
	}
	return out
}

// widthsW writes a W array: half width for ASCII, full otherwise.
func (g *glyphIDs) widthsW() string {
	var b strings.Builder
	b.WriteByte('[')
	for id, r := range g.rev {
		w := 1000
		if r < 0x80 {
			w = 500
		}
		fmt.Fprintf(&b, "%d [%d] ", id, w)
	}
	b.WriteByte(']')
	return b.String()
}

// type0Font adds a Type0 font with a CIDFontType2 descendant (not
// embedded: text extraction needs none) and returns its object number.
func (w *pdfWriter) type0Font(base, encoding, ordering, descExtra, toUnicode string) int {
	desc := w.add(fmt.Sprintf("<</Type/Font/Subtype/CIDFontType2/BaseFont/%s/CIDSystemInfo<</Registry(Adobe)/Ordering(%s)/Supplement 0>>/DW 1000%s>>", base, ordering, descExtra))
	tu := ""
	if toUnicode != "" {
		tu = fmt.Sprintf("/ToUnicode %d 0 R", w.stream("", toUnicode))
	}
	return w.add(fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/%s/Encoding/%s/DescendantFonts[%d 0 R]%s>>", base, encoding, desc, tu))
}

// gbkHex encodes text as GBK in a hex string.
func gbkHex(s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("<%X>", b)
}

// ucs2Hex encodes text as UTF-16BE in a hex string.
func ucs2Hex(s string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

func ftoa1(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
