// The rules on the report as a document: D6 (template vs year), SECTIONS,
// META-YEAR and DEADLINE (publication date).

package audit

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract"
)

// expectedGeneration is the template a report for the year should use.
func expectedGeneration(year int) extract.Generation {
	switch {
	case year <= 2018:
		return extract.GenLegacy
	case year <= 2020:
		return extract.Gen2019
	}
	return extract.Gen2021
}

// checkD6: the template fits the year; 2019, the transition year, may
// still use a legacy table (info).
func checkD6(rec, _ *extract.Record) []Finding {
	y, g := rec.Meta.Year, rec.Meta.Generation
	basis := strings.Join(rec.Meta.GenerationBasis, "、")
	if basis == "" {
		basis = "?"
	}
	if g == extract.GenUnknown {
		if len(rec.Legacy) > 0 {
			return nil
		}
		return []Finding{{Rule: "D6", Severity: extract.SevWarning, Verdict: VerdictUnverifiable,
			MessageZH: "未识别出报告使用的统计表格式", MessageEN: "no template (legacy, fmt2019, fmt2021) was recognised"}}
	}
	if y == 0 {
		return nil
	}
	want := expectedGeneration(y)
	if g == want {
		return nil
	}
	sev := extract.SevWarning
	if y == 2019 && g == extract.GenLegacy {
		sev = extract.SevInfo
	}
	return []Finding{{Rule: "D6", Severity: sev, Verdict: VerdictFail,
		MessageZH: fmt.Sprintf("%d年度报告使用了%s格式，应为%s格式（依据：%s）", y, g, want, basis),
		MessageEN: fmt.Sprintf("the %d report uses the %s template; a %d report should use %s (decided from: %s)", y, g, y, want, basis)}}
}

var sectionNames = []string{"", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"}

// checkSections: tables present (always), sections 一…六 present and in
// order (when the record has its text: a record read from the cells form
// has no sections to judge).
func checkSections(rec, _ *extract.Record) []Finding {
	var out []Finding
	gone := missingTables(rec)
	for _, t := range []string{"二", "三", "四"} {
		if gone[t] {
			out = append(out, Finding{Rule: "SECTIONS", Severity: extract.SevWarning, Table: t, Verdict: VerdictFail,
				MessageZH: fmt.Sprintf("未找到表%s", t), MessageEN: fmt.Sprintf("table %s is missing", t)})
		}
	}
	if !hasTables(rec) || len(rec.Sections) == 0 {
		return out
	}
	have := map[int]bool{}
	last := 0
	for _, s := range rec.Sections {
		have[s.Number] = true
		if s.Number < last {
			out = append(out, Finding{Rule: "SECTIONS", Severity: extract.SevWarning, Verdict: VerdictFail,
				Cells:     []CellRef{{ID: "section:" + strconv.Itoa(s.Number), Value: s.Heading, Status: extract.StatusOK, Evidence: extract.Evidence{Pos: s.Pos, Raw: s.Heading}}},
				MessageZH: fmt.Sprintf("「%s」出现在第%d部分之后，顺序不对", s.Heading, last),
				MessageEN: fmt.Sprintf("section %d (%q) comes after section %d: out of order", s.Number, s.Heading, last)})
		}
		last = max(last, s.Number)
	}
	for n := 1; n <= 6; n++ {
		if !have[n] {
			out = append(out, Finding{Rule: "SECTIONS", Severity: extract.SevWarning, Verdict: VerdictFail,
				MessageZH: fmt.Sprintf("缺少第%d部分「%s」", n, sectionNames[n]),
				MessageEN: fmt.Sprintf("section %d (%s) is missing", n, sectionNames[n])})
		}
	}
	return out
}

// planYear finds "2020年，我局将继续…": a year followed, within its
// clause, by a word of intent.
var planYear = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`((?:19|20)\d\d)\s*年[^。；！\n]{0,40}?(将|计划|拟|力争|争取)`)
})

// checkMetaYear: the statistical period is the report year, and section
// 五's plans name a year after it.
func checkMetaYear(rec, _ *extract.Record) []Finding {
	y := rec.Meta.Year
	if y == 0 {
		return []Finding{{Rule: "META-YEAR", Severity: extract.SevWarning, Verdict: VerdictUnverifiable,
			MessageZH: "未能确定报告年度", MessageEN: "the report year could not be read"}}
	}
	var out []Finding
	ps, pe := rec.Meta.PeriodStart, rec.Meta.PeriodEnd
	if ps != "" || pe != "" {
		want0, want1 := fmt.Sprintf("%d-01-01", y), fmt.Sprintf("%d-12-31", y)
		ref := CellRef{ID: "meta.period", Value: ps + ".." + pe, Status: extract.StatusOK}
		switch {
		case (ps != "" && !strings.HasPrefix(ps, strconv.Itoa(y))) || (pe != "" && !strings.HasPrefix(pe, strconv.Itoa(y))):
			out = append(out, Finding{Rule: "META-YEAR", Severity: extract.SevError, Verdict: VerdictFail, Cells: []CellRef{ref},
				MessageZH: fmt.Sprintf("统计期限 %s 至 %s 不在报告年度 %d 年内：表中数字可能属于另一年度", ps, pe, y),
				MessageEN: fmt.Sprintf("the statistical period %s..%s is not within the report year %d: the figures may be another year's", ps, pe, y)})
		case (ps != "" && ps != want0) || (pe != "" && pe != want1):
			out = append(out, Finding{Rule: "META-YEAR", Severity: extract.SevWarning, Verdict: VerdictFail, Cells: []CellRef{ref},
				MessageZH: fmt.Sprintf("统计期限 %s 至 %s 不是完整的 %d 年（1月1日至12月31日）", ps, pe, y),
				MessageEN: fmt.Sprintf("the statistical period %s..%s is not the whole of %d (1 January to 31 December)", ps, pe, y)})
		}
	}
	out = append(out, textYears(rec)...)
	if s := rec.Section(5); s != nil {
		for _, m := range planYear().FindAllStringSubmatchIndex(s.Text, -1) {
			named, _ := strconv.Atoi(s.Text[m[2]:m[3]])
			if named > y {
				continue
			}
			sentence := s.Text[m[0]:m[1]]
			out = append(out, Finding{Rule: "META-YEAR", Severity: extract.SevWarning, Verdict: VerdictFail,
				Cells: []CellRef{{ID: "section:5", Value: sentence, Status: extract.StatusOK,
					Evidence: extract.Evidence{Pos: s.Pos, Raw: sentence}}},
				MessageZH: fmt.Sprintf("第五部分的改进计划写作「%s」：%d年度报告的计划应指向%d年，文字可能沿用了往年报告", sentence, y, y+1),
				MessageEN: fmt.Sprintf("section 五 plans for %d (%q) in the %d report: plans should be for %d; the text may have been carried over from an earlier report", named, sentence, y, y+1)})
		}
	}
	return out
}

var yearWord = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`((?:19|20)\d\d)\s*年`) })

// yearMentionsMin is how often sections 一–四 must name another year, and
// never the report year, for META-YEAR to say the text is about another
// year.
const yearMentionsMin = 3

// textYears: the title names another year than the statistical year, or
// sections 一–四 name another year again and again and the report year
// never.
func textYears(rec *extract.Record) []Finding {
	y := rec.Meta.Year
	var out []Finding
	if m := yearWord().FindStringSubmatch(rec.Meta.Title); m != nil && m[1] != strconv.Itoa(y) {
		out = append(out, Finding{Rule: "META-YEAR", Severity: extract.SevWarning, Verdict: VerdictFail,
			Cells:     []CellRef{{ID: "meta.title", Value: rec.Meta.Title, Status: extract.StatusOK}},
			MessageZH: fmt.Sprintf("标题写作%s年，报告统计年度为%d年", m[1], y),
			MessageEN: fmt.Sprintf("the title names %s, the statistical year is %d", m[1], y)})
	}
	count := map[int]int{}
	for _, s := range rec.Sections {
		if s.Number < 1 || s.Number > 4 {
			continue
		}
		for _, m := range yearWord().FindAllStringSubmatch(s.Text, -1) {
			n, _ := strconv.Atoi(m[1])
			count[n]++
		}
	}
	if count[y] > 0 {
		return out
	}
	best, n := 0, 0
	for year, c := range count {
		if c > n || (c == n && year < best) {
			best, n = year, c
		}
	}
	if n >= yearMentionsMin {
		out = append(out, Finding{Rule: "META-YEAR", Severity: extract.SevWarning, Verdict: VerdictFail,
			Arithmetic: fmt.Sprintf("%d年 ×%d, %d年 ×0", best, n, y),
			MessageZH:  fmt.Sprintf("正文第一至四部分%d次提到%d年，从未提到报告年度%d年：文字可能沿用了往年报告", n, best, y),
			MessageEN:  fmt.Sprintf("sections 一–四 name %d %d times and the report year %d never: the text may be an earlier report's", best, n, y)})
	}
	return out
}

// governmentSuffixes end the names of governments (as opposed to their
// departments) when the name does not say 人民政府 or 管委会.
var governmentSuffixes = []string{"省", "自治区", "市", "自治州", "州", "盟", "县", "旗", "区", "镇", "乡"}

// isGovernment decides from the agency name whether a report is a
// government's own (deadline 3月31日) rather than a department's.
func isGovernment(agency string) (bool, string) {
	for _, w := range []string{"人民政府", "管委会", "管理委员会", "政府"} {
		if strings.Contains(agency, w) {
			return true, "名称含「" + w + "」"
		}
	}
	for _, s := range governmentSuffixes {
		if strings.HasSuffix(agency, s) {
			return true, "名称以「" + s + "」结尾"
		}
	}
	return false, "名称不含「人民政府」「管委会」，按政府部门处理"
}

var isoDate = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`) })

// checkDeadline: published after the deadline, when the date is known.
func checkDeadline(rec, _ *extract.Record) []Finding {
	p, y := rec.Meta.Published, rec.Meta.Year
	if !isoDate().MatchString(p) || y == 0 {
		return nil
	}
	deadline, whoZH, whoEN := fmt.Sprintf("%d-03-31", y+1), "", ""
	gov, why := isGovernment(rec.Meta.Agency)
	switch {
	case y < 2019:
		whoZH, whoEN = "2019年以前的报告均", "before 2019 every report was due"
	case gov:
		whoZH, whoEN = "政府本级报告（"+why+"）", "a government's own report ("+why+") is due"
	default:
		deadline = fmt.Sprintf("%d-01-31", y+1)
		whoZH, whoEN = "政府部门报告（"+why+"）", "a government department's report ("+why+") is due"
	}
	if p[:10] <= deadline {
		return nil
	}
	return []Finding{{Rule: "DEADLINE", Severity: extract.SevWarning, Verdict: VerdictFail,
		Cells:      []CellRef{{ID: "meta.published", Value: p, Status: extract.StatusOK, Evidence: extract.Evidence{Raw: rec.Meta.PublishedFrom}}},
		Arithmetic: p[:10] + " > " + deadline,
		MessageZH:  fmt.Sprintf("发布日期 %s 晚于期限：%s应于 %s 前公布", p[:10], whoZH, deadline),
		MessageEN:  fmt.Sprintf("published %s, after the deadline: %s by %s", p[:10], whoEN, deadline)}}
}
