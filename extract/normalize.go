package extract

import (
	"strings"
	"unicode"
)

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
