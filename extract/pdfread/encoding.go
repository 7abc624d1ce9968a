package pdfread

import (
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Simple fonts (Type1, TrueType, Type3): one byte per code, its text from
// the ToUnicode map, else from the glyph name /Differences gives it, else
// from the base encoding (PDF 32000 9.10.2, as poppler does).

// glyphNameText returns the text a glyph name stands for, or "" if it is
// not known:
//   - uniXXXX (one or more groups of four hex digits) and uXXXX[XX];
//   - gbXXXX, a GB2312/GBK code in hex (Chinese producers name glyphs so);
//   - a name of the Adobe Glyph List (the subset in agl.gen.go: Latin,
//     Greek and Cyrillic, the afii names among them, punctuation and
//     symbols, CJK and full-width forms);
//   - a name with a suffix ("one.oldstyle", "A_B" ligatures: each part).
func glyphNameText(name string) string {
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if strings.Contains(name, "_") {
		var b strings.Builder
		for _, p := range strings.Split(name, "_") {
			t := glyphNameText(p)
			if t == "" {
				return ""
			}
			b.WriteString(t)
		}
		return b.String()
	}
	if r, ok := aglRune(name); ok {
		return string(r)
	}
	switch {
	case len(name) >= 7 && strings.HasPrefix(name, "uni") && (len(name)-3)%4 == 0:
		var b strings.Builder
		for i := 3; i < len(name); i += 4 {
			v, err := strconv.ParseUint(name[i:i+4], 16, 16)
			if err != nil || v >= 0xD800 && v <= 0xDFFF {
				return ""
			}
			b.WriteRune(rune(v))
		}
		return b.String()
	case len(name) >= 5 && len(name) <= 7 && name[0] == 'u':
		v, err := strconv.ParseUint(name[1:], 16, 32)
		if err != nil || v > 0x10FFFF || v >= 0xD800 && v <= 0xDFFF {
			return ""
		}
		return string(rune(v))
	case len(name) == 6 && strings.HasPrefix(name, "gb"):
		v, err := strconv.ParseUint(name[2:], 16, 16)
		if err != nil || v < 0x8140 {
			return ""
		}
		t, err := simplifiedchinese.GBK.NewDecoder().String(string([]byte{byte(v >> 8), byte(v)}))
		if err != nil || strings.ContainsRune(t, '\uFFFD') {
			return ""
		}
		return t
	}
	return ""
}

// aglRune looks a name up in the generated Adobe Glyph List subset.
func aglRune(name string) (rune, bool) {
	i := sort.Search(len(aglNames), func(i int) bool { return aglNames[i].name >= name })
	if i < len(aglNames) && aglNames[i].name == name {
		return aglNames[i].r, true
	}
	return 0, false
}

// baseEncoding returns the text of a code in a base encoding:
// WinAnsiEncoding (cp1252), MacRomanEncoding, or StandardEncoding, which
// is also used for fonts without one (the font program's built-in
// encoding is not read). ok is false for codes the encoding leaves
// undefined.
func baseEncoding(name string, c byte) (string, bool) {
	switch name {
	case "WinAnsiEncoding":
		if c < 0x20 {
			return "", false
		}
		r := charmap.Windows1252.DecodeByte(c)
		if r == '\uFFFD' {
			return "", false
		}
		return string(r), true
	case "MacRomanEncoding":
		if c < 0x20 {
			return "", false
		}
		return string(charmap.Macintosh.DecodeByte(c)), true
	}
	switch {
	case c < 0x20 || c == 0x7F:
		return "", false
	case c == 0x27:
		return "’", true
	case c == 0x60:
		return "‘", true
	case c < 0x80:
		return string(rune(c)), true
	}
	t := standardHigh[c-0x80]
	return t, t != ""
}

// standardHigh is StandardEncoding above 0x7F (PDF 32000 annex D.2).
var standardHigh = [128]string{
	0x21: "¡", 0x22: "¢", 0x23: "£", 0x24: "⁄", 0x25: "¥", 0x26: "ƒ", 0x27: "§",
	0x28: "¤", 0x29: "'", 0x2A: "“", 0x2B: "«", 0x2C: "‹", 0x2D: "›", 0x2E: "ﬁ", 0x2F: "ﬂ",
	0x31: "–", 0x32: "†", 0x33: "‡", 0x34: "·", 0x36: "¶", 0x37: "•", 0x38: "‚",
	0x39: "„", 0x3A: "”", 0x3B: "»", 0x3C: "…", 0x3D: "‰", 0x3F: "¿",
	0x41: "`", 0x42: "´", 0x43: "ˆ", 0x44: "˜", 0x45: "¯", 0x46: "˘", 0x47: "˙", 0x48: "¨",
	0x4A: "˚", 0x4B: "¸", 0x4D: "˝", 0x4E: "˛", 0x4F: "ˇ", 0x50: "—",
	0x61: "Æ", 0x63: "ª", 0x68: "Ł", 0x69: "Ø", 0x6A: "Œ", 0x6B: "º",
	0x71: "æ", 0x75: "ı", 0x78: "ł", 0x79: "ø", 0x7A: "œ", 0x7B: "ß",
}
