package pdfread

import (
	"reflect"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// font is what the interpreter needs of a PDF font: how many bytes a
// character code takes, its text, and its advance width.
type font struct {
	twoByte bool // Type0 with a 2-byte CMap (Identity-H, UCS2, UTF16)
	gbk     bool // Type0 with a GBK/EUC CMap: 1 byte below 0x81, else 2
	mode    decodeMode
	enc     pdf.TextEncoding
	memo    map[string]string // code → text, cmap lookups are linear scans
	widths  map[int]float64   // code/CID → width in 1/1000 em
	dw      float64           // default width, 0 = unknown
	first   int
	simpleW []float64
}

type decodeMode uint8

const (
	decodeLib     decodeMode = iota // ledongthuc's encoder (ToUnicode, WinAnsi, Differences)
	decodeUTF16                     // UniGB-UCS2-H, UniGB-UTF16-H
	decodeGBK                       // GBK-EUC-H and relatives, no ToUnicode
	decodeGarbled                   // Identity-H without ToUnicode: no text can be had
)

// objKey identifies a PDF object for caches and cycle checks. ledongthuc
// keeps the object number unexported; reflection reads it without
// modifying anything. ok is false if the field cannot be found (a
// changed library), and callers then fall back to not caching.
type objKey struct {
	id  uint64
	gen uint64
}

func keyOf(v pdf.Value) (objKey, bool) {
	rv := reflect.ValueOf(v)
	p := rv.FieldByName("ptr")
	if !p.IsValid() || p.Kind() != reflect.Struct || p.NumField() < 2 {
		return objKey{}, false
	}
	id, gen := p.Field(0), p.Field(1)
	if !isUint(id) || !isUint(gen) {
		return objKey{}, false
	}
	return objKey{id.Uint(), gen.Uint()}, true
}

func isUint(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// newFont reads a font dictionary. It may panic on malformed input; the
// page reader recovers.
func newFont(v pdf.Value) *font {
	f := &font{memo: map[string]string{}}
	sub := v.Key("Subtype").Name()
	encName := v.Key("Encoding").Name()
	hasToUnicode := v.Key("ToUnicode").Kind() == pdf.Stream
	if sub == "Type0" {
		switch {
		case strings.Contains(encName, "UCS2") || strings.Contains(encName, "UTF16"):
			f.twoByte, f.mode = true, decodeUTF16
		case strings.Contains(encName, "GBK") || strings.Contains(encName, "EUC") || strings.Contains(encName, "GBT"):
			f.gbk, f.mode = true, decodeGBK
		case hasToUnicode:
			f.twoByte, f.mode = true, decodeLib
		default:
			f.twoByte, f.mode = true, decodeGarbled
		}
		d := v.Key("DescendantFonts").Index(0)
		f.dw = 1000
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.widths = readW(d.Key("W"))
	} else {
		f.first = int(v.Key("FirstChar").Int64())
		w := v.Key("Widths")
		n := w.Len()
		if n > 4096 {
			n = 4096
		}
		for i := 0; i < n; i++ {
			f.simpleW = append(f.simpleW, w.Index(i).Float64())
		}
	}
	if f.mode == decodeLib {
		pf := pdf.Font{V: v}
		f.enc = pf.Encoder()
	}
	return f
}

// readW reads a CIDFont W array: c [w1 w2 …] or cFirst cLast w.
func readW(w pdf.Value) map[int]float64 {
	m := map[int]float64{}
	n := w.Len()
	for i := 0; i < n && len(m) < 1<<16; {
		c := int(w.Index(i).Int64())
		if i+1 >= n {
			break
		}
		nx := w.Index(i + 1)
		if nx.Kind() == pdf.Array {
			for j := 0; j < nx.Len() && j < 1<<16; j++ {
				m[c+j] = nx.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		last := int(nx.Int64())
		wd := w.Index(i + 2).Float64()
		for k := c; k <= last && k-c < 1<<16; k++ {
			m[k] = wd
		}
		i += 3
	}
	return m
}

// codeLen returns the length of the character code starting at s[i].
func (f *font) codeLen(s string, i int) int {
	switch {
	case f.twoByte:
		if i+1 < len(s) {
			return 2
		}
		return 1
	case f.gbk:
		if s[i] >= 0x81 && i+1 < len(s) {
			return 2
		}
	}
	return 1
}

// text returns the Unicode text of one character code.
func (f *font) text(code string) string {
	if t, ok := f.memo[code]; ok {
		return t
	}
	var t string
	switch f.mode {
	case decodeLib:
		if f.enc != nil {
			t = f.enc.Decode(code)
		} else {
			t = code
		}
	case decodeUTF16:
		var u []uint16
		for i := 0; i+1 < len(code); i += 2 {
			u = append(u, uint16(code[i])<<8|uint16(code[i+1]))
		}
		t = string(utf16.Decode(u))
	case decodeGBK:
		b, err := simplifiedchinese.GB18030.NewDecoder().String(code)
		if err != nil {
			b = "\uFFFD"
		}
		t = b
	case decodeGarbled:
		t = "\uFFFD"
	}
	if len(f.memo) < 1<<16 {
		f.memo[code] = t
	}
	return t
}

// width returns the advance of a code in 1/1000 em, or 0 if the font
// does not say.
func (f *font) width(code string) float64 {
	c := 0
	for i := 0; i < len(code); i++ {
		c = c<<8 | int(code[i])
	}
	if f.twoByte || f.gbk {
		if w, ok := f.widths[c]; ok {
			return w
		}
		if f.widths != nil && len(f.widths) > 0 {
			return f.dw
		}
		return 0 // no W array: Word-style fonts, estimate
	}
	if i := c - f.first; i >= 0 && i < len(f.simpleW) {
		return f.simpleW[i]
	}
	return 0
}

// estimateWidth guesses a glyph advance (1/1000 em) from its text when the
// font gives none: full width for CJK and full-width forms, half otherwise.
func estimateWidth(t string) float64 {
	for _, r := range t {
		if isWide(r) {
			return 1000
		}
		if r == ' ' {
			return 250
		}
		return 500
	}
	return 500
}

// isWide reports whether r is set full-width in Chinese text.
func isWide(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0xFF01 && r <= 0xFF60 || r >= 0x3000 && r <= 0x303F ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}

// isCJK reports whether r is a Han character.
func isCJK(r rune) bool {
	return r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x2FA1F
}
