package layout

import (
	"strings"
	"unicode/utf8"
)

// CutBefore returns where to end a piece of text[start:] of at most max
// bytes: len(text) when the rest fits, else just after the last rune of
// seps in the second half of the window (so a piece ends at a separator
// whenever the text has one close enough), else at the last rune
// boundary before start+max. The segmenter feeds gojieba such pieces and
// the corpus's full-text index cuts long sentences with it.
func CutBefore(text string, start, max int, seps string) int {
	limit := start + max
	if limit >= len(text) {
		return len(text)
	}
	for i := limit; i > start+max/2; {
		r, n := utf8.DecodeLastRuneInString(text[start:i])
		if strings.ContainsRune(seps, r) {
			return i
		}
		i -= n
	}
	for i := limit; i > limit-utf8.UTFMax && i > start; i-- {
		if utf8.RuneStart(text[i]) {
			return i
		}
	}
	return limit // no rune boundary in reach: not UTF-8, or max below a rune's size
}
