package pdfread

import (
	"fmt"
	"sort"
	"unicode"

	"github.com/nianbao/nianbao/extract/layout"
)

// plausible reports whether r can occur in a Chinese government report:
// ASCII and Latin-1, punctuation, symbols, numbers in circles, CJK.
// Glyph codes taken for Unicode (poppler without a ToUnicode map) land
// all over the rest: Greek extended, Runic, Ethiopic, Hangul…
func plausible(r rune) bool {
	switch {
	case r < 0x250, // Latin, Latin-1, Latin Extended-A/B
		r >= 0x2000 && r <= 0x27BF,   // punctuation, letterlike, arrows, maths, enclosed, shapes, symbols
		r >= 0x3000 && r <= 0x30FF,   // CJK punctuation, kana
		r >= 0x3200 && r <= 0x33FF,   // enclosed CJK, compatibility
		r >= 0x3400 && r <= 0x9FFF,   // CJK
		r >= 0xF900 && r <= 0xFAFF,   // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,   // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFFEF,   // full-width forms
		r >= 0x20000 && r <= 0x2FA1F: // CJK extensions
		return true
	}
	return false
}

// readable reports whether a page's glyphs are text a person could read.
// A page is unreadable when more than a fifth of its characters are
// U+FFFD, private-use, control or other characters a report does not use
// (fonts without a ToUnicode map decode to these), or when it has more than 20 letters and no
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
				r >= 0x7F && r < 0xA0,
				!plausible(r):
				bad++
			case layout.IsHan(r):
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

// dropUndecoded removes from a readable page the glyphs its fonts gave no
// text (U+FFFD), so that they never become label or cell text, with a
// note per font naming the page.
func dropUndecoded(page int, pr pageResult) ([]glyph, []layout.Note) {
	n := 0
	for _, g := range pr.glyphs {
		if g.s == "\uFFFD" {
			n++
		}
	}
	if n == 0 {
		return pr.glyphs, nil
	}
	out := make([]glyph, 0, len(pr.glyphs)-n)
	for _, g := range pr.glyphs {
		if g.s != "\uFFFD" {
			out = append(out, g)
		}
	}
	var notes []layout.Note
	names := make([]string, 0, len(pr.undecoded))
	for name := range pr.undecoded {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		notes = append(notes, layout.Note{Pos: layout.Pos{Page: page},
			Text: fmt.Sprintf("font %s: %d character codes have no Unicode text (no ToUnicode entry, encoding or known glyph name); dropped", name, pr.undecoded[name])})
		n -= pr.undecoded[name]
	}
	if n > 0 {
		notes = append(notes, layout.Note{Pos: layout.Pos{Page: page}, Text: fmt.Sprintf("%d characters without Unicode text dropped", n)})
	}
	return out, notes
}
