package legacy

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// glyph is one rune of the document with its position. A run of white
// space (spaces, tabs, line breaks, U+3000, NBSP) becomes one glyph ' '.
// Full-width digits are read as ASCII digits.
type glyph struct {
	r    rune
	line int // 1-based
	off  int // byte offset in the line
	abs  int // byte offset in the text
}

const sep = ' '

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// itemPunct are the characters that end an item number ("1、", "2.").
func itemPunct(r rune) bool { return r == '、' || r == '.' || r == '．' }

// newStream turns the text into glyphs.
func newStream(text string) []glyph {
	g := make([]glyph, 0, utf8.RuneCountInString(text))
	line, lineStart := 1, 0
	for i, r := range text {
		switch {
		case r == '\n':
			if len(g) > 0 && g[len(g)-1].r != sep {
				g = append(g, glyph{sep, line, i - lineStart, i})
			}
			line++
			lineStart = i + 1
			continue
		case unicode.IsSpace(r):
			if len(g) > 0 && g[len(g)-1].r != sep {
				g = append(g, glyph{sep, line, i - lineStart, i})
			}
			continue
		case r == '\u200b' || r == '\ufeff' || r == '\u00ad':
			continue
		case r >= '０' && r <= '９':
			r = r - '０' + '0'
		}
		g = append(g, glyph{r, line, i - lineStart, i})
	}
	return g
}

// text renders glyphs[from:to] with separators as single spaces.
func text(g []glyph, from, to int) string {
	var b strings.Builder
	for _, x := range g[from:to] {
		b.WriteRune(x.r)
	}
	return b.String()
}

// tokens returns the separator-delimited tokens of glyphs[from:to].
func tokens(g []glyph, from, to int) []string {
	return strings.Fields(text(g, from, to))
}

// hasPrefixAt reports whether the non-separator glyphs from i on spell s.
func hasPrefixAt(g []glyph, i int, s string) bool {
	for _, r := range s {
		for i < len(g) && g[i].r == sep {
			i++
		}
		if i >= len(g) || g[i].r != r {
			return false
		}
		i++
	}
	return true
}

// units are the 计量单位 words that end a label, longest first so that
// 人次 wins over 次 and 万元 over 元.
var units = []string{
	"个工作日", "工作日", "人次", "万元", "亿元", "千元", "件次", "小时", "分钟",
	"条", "件", "个", "次", "元", "项", "人", "篇", "期", "场", "份", "家",
	"天", "批", "户", "册", "套", "台", "张", "起", "宗", "例", "封",
}

// unitEndingAt returns the longest unit word whose last rune is
// glyphs[k], and the index of its first glyph.
func unitEndingAt(g []glyph, k int) (string, int) {
	for _, u := range units {
		ur := []rune(u)
		if k+1 < len(ur) {
			continue
		}
		ok := true
		for j := range ur {
			if g[k-len(ur)+1+j].r != ur[j] {
				ok = false
				break
			}
		}
		if ok {
			return u, k - len(ur) + 1
		}
	}
	return "", -1
}

// endsWithUnit reports whether s ends with a unit word and returns the
// label before it.
func endsWithUnit(s string) (label, unit string, ok bool) {
	for _, u := range units {
		if strings.HasSuffix(s, u) {
			return strings.TrimRight(s[:len(s)-len(u)], " "), u, true
		}
	}
	return "", "", false
}
