package extract

import (
	"regexp"
	"strings"
	"sync"
)

// sectionHeads match the six headings of fmt2019/fmt2021 reports and the
// variants the spec lists. They are searched in order, each after the
// previous one, so table 三's own rows "三、本年度办理结果" and
// "四、结转下年度继续办理" can never be taken for headings: they do not
// match the heading texts.
var sectionHeads = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{
		regexp.MustCompile(`一\s*[、.．]\s*总\s*体\s*情\s*况`),
		regexp.MustCompile(`二\s*[、.．]\s*主\s*动\s*公\s*开(政府信息)?(的)?(工作)?(情况)?`),
		regexp.MustCompile(`三\s*[、.．]\s*收\s*到和处理政府信息公开申请(的)?(情况)?`),
		regexp.MustCompile(`四\s*[、.．]\s*[^。；\n]{0,16}?行政法?复议[^。；\n]{0,16}?行政诉讼(的)?(情况)?`),
		regexp.MustCompile(`五\s*[、.．]\s*[^。；\n]{0,14}?(存在|主要问题)[^。；\n]{0,12}?(问题|不足)([及和与、]?(其)?(改进|整改)(措施|情况|方向|计划)?(情况)?)?`),
		regexp.MustCompile(`六\s*[、.．]\s*其\s*他需要报告的事项`),
	}
})

// legacyHead matches a numbered heading of a pre-2019 report.
var legacyHead = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)(^|\s|。)([一二三四五六七八九十])\s*、\s*([^\s，。；、0-9（(]{2,18})`)
})

// legacyHeadEnds are words a legacy heading ends with; in flattened text
// the body follows without a break, so the heading is cut after the last.
var legacyHeadEnds = []string{"情况", "措施", "统计表", "概述", "事项"}

func trimLegacyHeading(h string) string {
	best := -1
	for _, e := range legacyHeadEnds {
		if i := strings.LastIndex(h, e); i >= 0 && i+len(e) > best {
			best = i + len(e)
		}
	}
	if best > 0 {
		return h[:best]
	}
	return h
}

type sectionSpan struct {
	number     int
	heading    string
	start, end int // heading start, body start
}

// findSections locates the six headings in order.
func findSections(text string) []sectionSpan {
	var out []sectionSpan
	cur := 0
	for i, re := range sectionHeads() {
		loc := re.FindStringIndex(text[cur:])
		if loc == nil {
			continue
		}
		s := sectionSpan{number: i + 1, start: cur + loc[0], end: cur + loc[1]}
		s.heading = strings.TrimSpace(text[s.start:s.end])
		out = append(out, s)
		cur = s.end
	}
	return out
}

// findLegacySections finds numbered headings 一、二、… in order.
func findLegacySections(text string) []sectionSpan {
	numerals := "一二三四五六七八九十"
	var out []sectionSpan
	want := 0
	for _, m := range legacyHead().FindAllStringSubmatchIndex(text, -1) {
		if want >= 10 {
			break
		}
		num := text[m[4]:m[5]]
		if num != string([]rune(numerals)[want]) {
			continue
		}
		if len(out) > 0 && m[4] < out[len(out)-1].end {
			continue
		}
		h := trimLegacyHeading(text[m[6]:m[7]])
		end := m[6] + len(h)
		out = append(out, sectionSpan{number: want + 1, heading: strings.TrimSpace(text[m[4]:end]), start: m[4], end: end})
		want++
	}
	return out
}

// buildSections cuts the text at the headings. The text before the first
// heading (title, preamble: the statistical period, the notice cited) is
// section 0 with an empty heading.
func buildSections(d *docText, spans []sectionSpan) []Section {
	var out []Section
	if len(spans) > 0 {
		if pre := strings.TrimSpace(d.text[:spans[0].start]); pre != "" {
			out = append(out, Section{Number: 0, Text: pre, Pos: d.posAt(0)})
		}
	}
	for i, s := range spans {
		end := len(d.text)
		if i+1 < len(spans) {
			end = spans[i+1].start
		}
		out = append(out, Section{Number: s.number, Heading: s.heading,
			Text: strings.TrimSpace(d.text[s.end:end]), Pos: d.posAt(s.start)})
	}
	return out
}
