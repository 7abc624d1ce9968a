package segment

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
)

// span is a byte range [start, end) of a section text.
type span struct{ start, end int }

// maxSentence caps the bytes of one sentence: a run without sentence
// punctuation (a flattened table, a hostile input) is cut into pieces so
// that no field copies more than this.
const maxSentence = 1200

// sentences splits text into sentences. A sentence ends after 。！？!? or
// a line break (closing quotes and brackets stay with it); leading spaces
// are not part of it, and empty sentences are dropped.
func sentences(text string) []span {
	var out []span
	start := 0
	emit := func(end int) {
		for start < end {
			r, n := utf8.DecodeRuneInString(text[start:end])
			if !unicode.IsSpace(r) {
				break
			}
			start += n
		}
		for start < end {
			e := end
			if e-start > maxSentence {
				e = cutPoint(text, start, start+maxSentence)
			}
			out = append(out, span{start, e})
			start = e
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch r {
		case '。', '！', '？', '!', '?', '\n':
			for i < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[i:])
				if !strings.ContainsRune("”’」』）)】", r2) {
					break
				}
				i += n2
			}
			emit(i)
		}
	}
	emit(len(text))
	return out
}

// cutPoint returns where to cut text[start:limit]: after the last clause
// punctuation or space in its second half, else at the last rune
// boundary before limit.
func cutPoint(text string, start, limit int) int {
	for i := limit; i > start+(limit-start)/2; {
		r, n := utf8.DecodeLastRuneInString(text[start:i])
		if strings.ContainsRune("，,；;：: \t", r) {
			return i
		}
		i -= n
	}
	for limit > start && !utf8.RuneStart(text[limit]) {
		limit--
	}
	if limit == start { // cannot happen for valid UTF-8 and maxSentence > 4
		return start + 1
	}
	return limit
}

// sentenceAt returns the index of the sentence containing byte offset
// off, or -1.
func sentenceAt(ss []span, off int) int {
	lo, hi := 0, len(ss)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case off < ss[m].start:
			hi = m
		case off >= ss[m].end:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// fullWidthDigits maps ０-９ to 0-9.
var fullWidthDigits = strings.NewReplacer("０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9", "．", ".", ",", "")

// parseNumber reads an Arabic (half- or full-width, thousands commas
// allowed) or a Chinese numeral (零〇一二两三四五六七八九十百千万).
func parseNumber(s string) (float64, bool) { return parseScaled(s, 0) }

// parseScaled reads a number times 10^exp (exp 4 for 万), exactly for
// decimals: "0.35" with exp 4 is 3500.
func parseScaled(s string, exp int) (float64, bool) {
	a := fullWidthDigits.Replace(s)
	if a != "" && a[0] >= '0' && a[0] <= '9' {
		if strings.Trim(a, "0123456789") != "" && strings.Trim(a, "0123456789") != "." {
			return 0, false
		}
		v, err := strconv.ParseFloat(a+"e"+strconv.Itoa(exp), 64)
		return v, err == nil
	}
	v, ok := parseChinese(s)
	for ; exp > 0; exp-- {
		v *= 10
	}
	return v, ok
}

var cnDigit = map[rune]float64{'零': 0, '〇': 0, '○': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
var cnUnit = map[rune]float64{'十': 10, '百': 100, '千': 1000, '万': 10000}

// parseChinese reads 三, 十二, 二十一, 一百零五, 三千, 两万 and the
// positional 二〇二一.
func parseChinese(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	positional := !strings.ContainsAny(s, "十百千万")
	var total, section, digit float64
	seen := false
	for _, r := range s {
		if d, ok := cnDigit[r]; ok {
			if positional {
				total = total*10 + d
			} else {
				digit = d
			}
			seen = true
			continue
		}
		u, ok := cnUnit[r]
		if !ok {
			return 0, false
		}
		if digit == 0 && u == 10 && !seen {
			digit = 1 // 十二
		}
		if u == 10000 {
			total += (section + digit) * u
			section = 0
		} else {
			section += digit * u
		}
		digit, seen = 0, true
	}
	if positional {
		return total, seen
	}
	return total + section + digit, seen
}

// startsItem matches the start of a line that opens a heading or a list
// item: （一）, (1), 一、, 一是, 1., 1、, 第一.
var startsItem = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[（(]\s*[一二三四五六七八九十0-9]+\s*[)）]|[一二三四五六七八九十]+[、是]|[0-9]+[.、．]|第[一二三四五六七八九十]+)`)
})

// minWrapped is the fewest runes a line must have to be taken for a line
// that a page layout wrapped inside a sentence; shorter lines (headings,
// page numbers) end where they end.
const minWrapped = 15

// unwrap joins the lines that a page layout (PDF, a copied page) broke
// inside a sentence ("答\n复3050件", "行政复议351\n件"): a line break and the
// spaces around it are removed when the line before is long, does not end
// with sentence or clause-final punctuation, holds no tab (a table row),
// and the next line does not open a heading or an item. Other line
// breaks stay. idx maps each byte of the result to its byte in text; it
// is nil when nothing was removed.
func unwrap(text string) (string, []int) {
	if !strings.Contains(text, "\n") {
		return text, nil
	}
	out := make([]byte, 0, len(text))
	idx := make([]int, 0, len(text))
	lineStart, removed := 0, false
	for i := 0; i < len(text); {
		c := text[i]
		if c != '\n' && c != '\r' {
			out = append(out, c)
			idx = append(idx, i)
			i++
			continue
		}
		j := i
		for j < len(text) && strings.IndexByte(" \t\r\n", text[j]) >= 0 {
			j++
		}
		if softBreak(text[lineStart:i], text[j:]) {
			for len(out) > 0 && (out[len(out)-1] == ' ' || out[len(out)-1] == '\t') {
				out, idx = out[:len(out)-1], idx[:len(idx)-1]
			}
			removed = true
		} else {
			for k := i; k < j; k++ {
				out = append(out, text[k])
				idx = append(idx, k)
			}
		}
		lineStart = i + strings.LastIndexByte(text[i:j], '\n') + 1
		i = j
	}
	if !removed {
		return text, nil
	}
	return string(out), idx
}

// softBreak reports whether the break between line and the text after it
// is a wrap inside a sentence.
func softBreak(line, next string) bool {
	line = strings.TrimSpace(line)
	if next == "" || strings.ContainsRune(line, '\t') || utf8.RuneCountInString(line) < minWrapped {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune("。！？!?；;：:", last) {
		return false
	}
	first := next
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	return !strings.ContainsRune(first, '\t') && !startsItem().MatchString(first)
}

// remap moves the fields' offsets and sentences from the unwrapped text
// back to the text as given.
func remap(fs []extract.Field, text string, idx []int) {
	if idx == nil {
		return
	}
	for i := range fs {
		f := &fs[i]
		start, end := len(text), len(text)
		if f.Offset < len(idx) {
			start = idx[f.Offset]
		}
		if n := len(f.Sentence); n > 0 && f.Offset+n <= len(idx) {
			end = idx[f.Offset+n-1] + 1
		} else {
			end = start
		}
		f.Offset = start
		if f.Sentence != "" {
			f.Sentence = text[start:end]
		}
	}
}
