package docxread

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
)

// text gathers the visible text of a paragraph or cell: runs joined as
// they are, whitespace runs collapsed to one space, a line break turned
// into nothing between two CJK characters and a space elsewhere, nothing
// at either end.
type text struct {
	b       strings.Builder
	last    rune
	pendSp  bool // whitespace seen since the last character
	pendBrk bool // line break seen since the last character
}

func (t *text) add(s string) {
	for _, r := range s {
		if invisible(r) {
			continue
		}
		if unicode.IsSpace(r) {
			t.space()
			continue
		}
		if t.b.Len() > 0 {
			switch {
			case t.pendBrk && !(cjk(t.last) && cjk(r)):
				t.b.WriteByte(' ')
			case !t.pendBrk && t.pendSp:
				t.b.WriteByte(' ')
			}
		}
		t.pendSp, t.pendBrk = false, false
		t.b.WriteRune(r)
		t.last = r
	}
}

func (t *text) space() {
	if t.b.Len() > 0 {
		t.pendSp = true
	}
}

func (t *text) brk() {
	if t.b.Len() > 0 {
		t.pendBrk = true
	}
}

func (t *text) String() string { return t.b.String() }

// cjk reports whether r is a Chinese character or CJK/full-width
// punctuation, between which a line break is only a wrap.
func cjk(r rune) bool {
	switch {
	case layout.IsHan(r):
		return true
	case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r >= 0x2014 && r <= 0x2026:
		return r != 0x3000 && r != utf8.RuneError
	}
	return false
}

// invisible reports whether r prints nothing: zero-width characters, a
// byte-order mark, a soft hyphen.
func invisible(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD:
		return true
	}
	return false
}

// collapse applies the text rules to a plain string.
func collapse(s string) string {
	var t text
	t.add(s)
	return t.String()
}
