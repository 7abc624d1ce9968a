package pdfread

import "unicode"

// readable reports whether a page's glyphs are text a person could read.
// A page is unreadable when more than a fifth of its characters are
// U+FFFD, private-use or control characters (fonts without a ToUnicode
// map decode to these), or when it has more than 20 letters and no
// Chinese at all (codes shown as Latin-1 bytes; digits alone are fine). A page with almost no
// text is neither: ok is false, empty is true.
func readable(gs []glyph) (ok, empty bool) {
	var total, bad, cjk, letters int
	for _, g := range gs {
		for _, r := range g.s {
			total++
			switch {
			case r == unicode.ReplacementChar,
				r >= 0xE000 && r <= 0xF8FF, r >= 0xF0000,
				r < 0x20 && r != '\n' && r != '\t',
				r >= 0x7F && r < 0xA0:
				bad++
			case isCJK(r):
				cjk++
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	if total-bad < 4 && bad < 4 {
		return false, true
	}
	if bad*5 > total {
		return false, false
	}
	if cjk == 0 && letters > 20 {
		return false, false
	}
	return true, false
}
