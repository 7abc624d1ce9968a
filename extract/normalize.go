package extract

import (
	"strings"
	"unicode"
)

// normText is a copy of a text made for label matching: whitespace
// removed, full-width digits, letters and brackets folded to ASCII,
// quotes dropped, item-number punctuation unified ("1、", "1．" → "1.").
// off maps each normalised rune back to its byte offset in the source.
type normText struct {
	src  string
	rs   []rune
	off  []int // byte offset in src of rs[i]
	end  []int // byte offset in src just after rs[i]
	text string
	// byteToRune maps a byte offset of text to a rune index.
	runeAt []int
}

// foldRune folds one rune for matching; 0 means drop it.
func foldRune(r rune) rune {
	switch {
	case unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\ufeff' || r == '\u200b':
		return 0
	case r >= '０' && r <= '９':
		return r - '０' + '0'
	case r >= 'Ａ' && r <= 'Ｚ':
		return r - 'Ａ' + 'A'
	case r >= 'ａ' && r <= 'ｚ':
		return r - 'ａ' + 'a'
	}
	switch r {
	case '（', '﹙':
		return '('
	case '）', '﹚':
		return ')'
	case '．', '。':
		// "1．" and, in labels, a stray "。" after a number
		if r == '．' {
			return '.'
		}
		return r
	case '“', '”', '"', '‘', '’', '\'', '「', '」', '『', '』':
		return 0
	case '－', '—', '–', '−':
		return '-'
	case '／':
		return '/'
	case '：':
		return ':'
	case '，':
		return ','
	case '；':
		return ';'
	}
	return r
}

func newNormText(s string) *normText {
	n := &normText{src: s}
	n.rs = make([]rune, 0, len(s)/2)
	for i, r := range s {
		f := foldRune(r)
		if f == 0 {
			continue
		}
		n.rs = append(n.rs, f)
		n.off = append(n.off, i)
		n.end = append(n.end, i+len(string(r)))
	}
	var b strings.Builder
	n.runeAt = make([]int, 0, len(n.rs)*3)
	for i, r := range n.rs {
		start := b.Len()
		b.WriteRune(r)
		for j := start; j < b.Len(); j++ {
			n.runeAt = append(n.runeAt, i)
		}
	}
	n.text = b.String()
	n.runeAt = append(n.runeAt, len(n.rs))
	return n
}

// srcStart returns the source byte offset of the normalised byte offset
// i (the start of the rune there); len(src) at the end.
func (n *normText) srcStart(i int) int {
	ri := n.runeAt[i]
	if ri >= len(n.off) {
		return len(n.src)
	}
	return n.off[ri]
}

// srcEnd returns the source byte offset just after the rune that ends
// at normalised byte offset i (exclusive end).
func (n *normText) srcEnd(i int) int {
	if i <= 0 {
		return 0
	}
	ri := n.runeAt[i-1]
	return n.end[ri]
}

// normalize returns s folded for matching (no position map).
func normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f := foldRune(r); f != 0 {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// itemNumber unifies "1、" "1．" "1," into "1." in a normalised label.
func unifyItemNumbers(s string) string {
	rs := []rune(s)
	for i := 1; i < len(rs); i++ {
		if (rs[i] == '、' || rs[i] == ',') && rs[i-1] >= '0' && rs[i-1] <= '9' {
			rs[i] = '.'
		}
	}
	return string(rs)
}
