package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	titleRE   = regexp.MustCompile(`(.{2,60}?)\s*(\d{4})\s*年\s*度?\s*(政府信息公开|政务公开|信息公开)?\s*(工作)?\s*(年度)?\s*(报告|年报)`)
	periodRE  = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(起)?\s*(至|到|—|－|-|~)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	pubLineRE = regexp.MustCompile(`(发布时间|发布日期|发文日期|成文日期|日期)\s*[:：]\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})`)
	headerRE  = regexp.MustCompile(`(?m)^(标题|原文链接)\s*[:：]\s*(.+)$`)
)

// findMeta fills the metadata from the document's text and title.
func findMeta(d *docText, docTitle string) (Meta, []Warning, string) {
	var m Meta
	var warns []Warning
	text := d.text
	head := text
	if len(head) > 6000 {
		head = head[:6000]
	}
	// A "标题: …" header line (archived pages) is the most explicit title.
	url := ""
	for _, h := range headerRE.FindAllStringSubmatch(head, -1) {
		switch h[1] {
		case "标题":
			if m.Title == "" {
				m.Title = strings.TrimSpace(h[2])
			}
		case "原文链接":
			url = strings.TrimSpace(h[2])
		}
	}
	if m.Title == "" {
		m.Title = findTitle(d)
	}
	if m.Title == "" && docTitle != "" && titleRE.MatchString(collapse(docTitle)) {
		m.Title = docTitle
	}
	if t := titleRE.FindStringSubmatch(collapse(m.Title)); t != nil {
		m.Agency = strings.TrimSpace(t[1])
		m.Agency = cleanAgency(m.Agency)
		m.Year, _ = strconv.Atoi(t[2])
	}
	if p := periodRE.FindStringSubmatch(text); p != nil {
		m.PeriodStart = ymd(p[1], p[2], p[3])
		m.PeriodEnd = ymd(p[6], p[7], p[8])
		if m.Year == 0 {
			m.Year, _ = strconv.Atoi(p[1])
		}
	}
	if p := pubLineRE.FindStringSubmatch(head); p != nil {
		m.Published, m.PublishedFrom = ymd(p[2], p[3], p[4]), p[1]+" line"
	}
	if m.Title == "" {
		warns = append(warns, Warning{Code: "NO_TITLE", Severity: SevWarning, Message: "no report title (…年…政府信息公开工作年度报告) found"})
	}
	if m.Year == 0 {
		warns = append(warns, Warning{Code: "NO_YEAR", Severity: SevWarning, Message: "report year not found in the title or the statistical period"})
	}
	return m, warns, url
}

// findTitle looks for the report title in the first lines; a title broken
// over two or three lines ("…2020 年政府信息" / "公开工作年度报告") is joined.
func findTitle(d *docText) string {
	lines := strings.Split(d.text, "\n")
	n := 0
	for i := 0; i < len(lines) && n < 40; i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		n++
		joined := l
		for k := 1; k <= 2 && !titleRE.MatchString(collapse(joined)); k++ {
			// join the next non-empty lines
			j := i + 1
			for added := 0; j < len(lines) && added < k; j++ {
				if t := strings.TrimSpace(lines[j]); t != "" {
					joined += t
					added++
				}
			}
		}
		if loc := titleRE.FindStringIndex(collapse(joined)); loc != nil {
			t := collapse(joined)[loc[0]:loc[1]]
			// strip leading furniture (当前位置：首页…)
			if k := strings.LastIndexAny(t, " ：:>»"); k >= 0 && k < len(t)-1 {
				t = t[k+1:]
			}
			return strings.TrimSpace(t)
		}
	}
	return ""
}

// collapse removes spaces between CJK characters and digits ("固原市科学技术局 2020 年" →
// "固原市科学技术局2020年") but keeps the text otherwise.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func ymd(y, m, d string) string {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if yi < 1990 || yi > 2100 || mi < 1 || mi > 12 || di < 1 || di > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di)
}

// cleanAgency strips site furniture that a flattened page puts before the
// title ("当前位置：首页>政务公开>政府信息公开年报 平潭综合实验区…").
func cleanAgency(a string) string {
	for _, sep := range []string{"当前位置", "首页", "年报", "：", ":", ">", "»", "》", "|", "/"} {
		if i := strings.LastIndex(a, sep); i >= 0 {
			a = a[i+len(sep):]
		}
	}
	a = strings.TrimPrefix(a, "关于")
	return strings.TrimSpace(a)
}
