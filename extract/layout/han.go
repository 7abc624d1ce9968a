package layout

import "unicode"

// IsHan reports whether r is a Chinese (Han) character, by Unicode's Han
// script: the one test of the readers (is a page Chinese text, which
// element holds the report), the audit (how long is a section, how alike
// are two) and the segmenter.
func IsHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// HanCount returns the number of Han characters in s.
func HanCount(s string) int {
	n := 0
	for _, r := range s {
		if IsHan(r) {
			n++
		}
	}
	return n
}
