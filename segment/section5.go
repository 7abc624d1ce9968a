package segment

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
)

// measuresStart finds where section 五 turns from problems to measures:
// a sub-heading (（二）改进措施, 二、改进情况) or a sentence announcing them
// (针对…问题, 下一步, 将采取以下措施, 2023年，我局将…).
var measuresStart = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:[（(]\s*二\s*[)）]|二\s*[、.．])\s*(?:[^。：:]{0,12}(?:改进|整改|措施|举措|打算|计划))|` +
		`(?:改进|整改)(?:措施|情况|举措|方向|计划)\s*[：:]|` +
		`针对[^。，]{0,20}(?:问题|不足)|下一步|下一阶段|今后|将采取以下|采取[^。]{0,10}措施加以改进|` +
		`从以下[^。：:]{0,8}方面|进一步的?改进\s*[：:]|(?:改进|措施)如下|` +
		`(?:19|20)[0-9]{2}\s*年[，,]?\s*(?:我|本|全)[^。，]{0,6}将`)
})

// problemsIntro is an introduction that ends where the problems begin:
// "（一）存在的主要问题：", "主要表现在：", "存在一些问题和不足：".
var problemsIntro = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:问题|不足|差距|短板|表现在|表现为|方面)[^。：:]{0,8}[：:]`)
})

// An enumeration marks items with a counter: 一是/二是, 第一/第二,
// （一）/（二）, 1./2., (1)/(2), 一、/二、.
type enumeration struct {
	format func(i int) []string // the spellings of marker i (1-based)
}

var cnNums = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"}

var enumerations = []enumeration{
	{func(i int) []string { return []string{cnNums[i] + "是"} }},
	{func(i int) []string { return []string{"第" + cnNums[i] + "，", "第" + cnNums[i] + ","} }},
	{func(i int) []string { return []string{"（" + cnNums[i] + "）", "(" + cnNums[i] + ")"} }},
	{func(i int) []string { return []string{cnNums[i] + "、"} }},
	{func(i int) []string {
		d := itoa(i)
		return []string{"（" + d + "）", "(" + d + ")", d + ".", d + "、", d + "．"}
	}},
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}

// items splits text[sp.start:sp.end] into items: by the first
// enumeration that has at least two markers in order, else by ；, else by
// sentences. Text before the first marker (an introduction) is dropped.
func items(text string, sp span) []span {
	part := text[sp.start:sp.end]
	if best := enumerate(part); len(best) >= 2 {
		for i := range best {
			best[i].start += sp.start
			best[i].end += sp.start
		}
		return best
	}
	var out []span
	for _, s := range sentences(part) {
		seg := part[s.start:s.end]
		start := s.start
		for seg != "" {
			j := strings.IndexAny(seg, "；;")
			end := len(seg)
			if j >= 0 {
				_, n := utf8.DecodeRuneInString(seg[j:])
				end = j + n
			}
			out = append(out, span{sp.start + start, sp.start + start + end})
			start += end
			seg = seg[end:]
		}
	}
	return out
}

// enumerate returns the items of the enumeration whose first marker
// comes first in part (needing markers 1 and 2 in order), or nil.
func enumerate(part string) []span {
	var best []span
	for _, e := range enumerations {
		var marks []int
		from := 0
		for i := 1; i < len(cnNums); i++ {
			at := -1
			for _, m := range e.format(i) {
				if j := markerAt(part[from:], m); j >= 0 && (at < 0 || from+j < at) {
					at = from + j
				}
			}
			if at < 0 {
				break
			}
			marks = append(marks, at)
			from = at + 1
		}
		if len(marks) < 2 || (best != nil && marks[0] >= best[0].start) {
			continue
		}
		best = best[:0]
		for i, m := range marks {
			end := len(part)
			if i+1 < len(marks) {
				end = marks[i+1]
			}
			best = append(best, span{m, end})
		}
	}
	return best
}

// markerAt finds marker m in s where it starts an item: not glued to a
// preceding digit (so "1." does not match inside "2021."), and for digit
// markers not followed by another digit (a decimal).
func markerAt(s, m string) int {
	from := 0
	for {
		j := strings.Index(s[from:], m)
		if j < 0 {
			return -1
		}
		j += from
		prev, _ := utf8.DecodeLastRuneInString(s[:j])
		next, _ := utf8.DecodeRuneInString(s[j+len(m):])
		okPrev := j == 0 || !(unicode.IsDigit(prev) || strings.ContainsRune("一二三四五六七八九十第", prev))
		okNext := !unicode.IsDigit(next)
		if okPrev && okNext {
			return j
		}
		from = j + len(m)
	}
}

// problemsMeasures splits section 五 into problem and measure fields.
func problemsMeasures(fs []extract.Field, sec int, text string) []extract.Field {
	body := span{0, len(text)}
	split := -1
	if loc := measuresStart().FindStringIndex(text); loc != nil {
		split = loc[0]
		// The turn starts its sentence when it is near the start of it:
		// "因此，我们考虑从以下三个方面作进一步的改进".
		start := 0
		if i := strings.LastIndexAny(text[:split], "。！？!?\n"); i >= 0 {
			_, n := utf8.DecodeRuneInString(text[i:])
			start = i + n
		}
		if utf8.RuneCountInString(text[start:split]) <= 24 {
			split = start
		}
	}
	probs, meas := body, span{len(text), len(text)}
	if split >= 0 {
		probs, meas = span{0, split}, span{split, len(text)}
		meas.start = skipIntro(text, meas, regexp.MustCompile(`[：:]`))
	}
	probs.start = skipIntro(text, probs, problemsIntro())
	add := func(kind string, sp span) {
		for _, it := range items(text, sp) {
			t := trimItem(text[it.start:it.end])
			if utf8.RuneCountInString(t) < 4 {
				continue
			}
			k := kind
			if split < 0 && looksLikeMeasure(t) {
				k = "measure"
			}
			raw := text[it.start:it.end]
			lead := len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
			fs = append(fs, extract.Field{Kind: k, Text: t, Section: sec, Offset: it.start + lead,
				Sentence: strings.TrimSpace(raw)})
		}
	}
	add("problem", probs)
	add("measure", meas)
	return fs
}

// skipIntro moves sp.start past an introduction that ends with a match of
// intro within the first sentence of sp.
func skipIntro(text string, sp span, intro *regexp.Regexp) int {
	part := text[sp.start:sp.end]
	first := part
	if ss := sentences(part); len(ss) > 0 {
		first = part[:ss[0].end]
	}
	if loc := intro.FindStringIndex(first); loc != nil {
		return sp.start + loc[1]
	}
	return sp.start
}

var itemMarker = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,]|[（(]\s*[一二三四五六七八九十0-9]+\s*[)）]|[一二三四五六七八九十]+、|[0-9]+[.、．])\s*`)
})

// trimItem removes the item marker, spaces, a colon left from a heading
// and the closing punctuation, and joins lines broken by the layout.
func trimItem(s string) string {
	s = itemMarker().ReplaceAllString(strings.TrimSpace(s), "")
	s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("：:，,；;。", r) })
	s = joinLines(s)
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("。；;，,", r)
	})
}

// looksLikeMeasure tells a measure from a problem when section 五 has no
// visible turn between them: measures start with a verb of action.
var measureVerb = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:将|要|我们将|进一步|持续|继续|加强|加大|推进|推动|完善|强化|提升|提高|健全|建立|深化|拓宽|丰富|规范|优化|做好|严格|落实|坚持|着力|抓好|扩大)`)
})

func looksLikeMeasure(t string) bool { return measureVerb().MatchString(t) }

// joinLines removes line breaks (and the spaces around them) that a PDF
// or a page put inside a sentence; between two Latin letters or digits
// they become one space.
func joinLines(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		left := strings.TrimRightFunc(s[:i], unicode.IsSpace)
		rest := strings.TrimLeftFunc(s[i:], unicode.IsSpace)
		b.WriteString(left)
		l, _ := utf8.DecodeLastRuneInString(left)
		r, _ := utf8.DecodeRuneInString(rest)
		if l < utf8.RuneSelf && r < utf8.RuneSelf && isAlnum(byte(l)) && isAlnum(byte(r)) {
			b.WriteByte(' ')
		}
		s = rest
	}
}
