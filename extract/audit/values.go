package audit

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

// checkD5: integers are non-negative whole numbers, 本年增/减 whole
// numbers, amounts non-negative decimals; legacy values non-negative.
func checkD5(rec, _ *extract.Record) []Finding {
	var out []Finding
	for i := range rec.Cells {
		c := &rec.Cells[i]
		if c.Status != extract.StatusOK {
			continue
		}
		def, ok := template.Lookup(string(rec.Meta.Generation), c.ID)
		if !ok {
			continue
		}
		v, ok := parseFixed(c.Value)
		var zh, en string
		switch {
		case !ok:
			zh, en = "不是数字", "is not a number"
		case def.Kind == template.KindInt && (v < 0 || v%scale != 0):
			zh, en = "应为非负整数", "should be a non-negative integer"
		case def.Kind == template.KindSignedInt && v%scale != 0:
			zh, en = "应为整数", "should be an integer"
		case def.Kind == template.KindAmount && v < 0:
			zh, en = "金额不应为负", "is a negative amount"
		default:
			continue
		}
		out = append(out, Finding{Rule: "D5", Severity: extract.SevError, Table: c.Table, Verdict: VerdictFail,
			Cells:     []CellRef{cellRef(rec, c.ID)},
			MessageZH: fmt.Sprintf("表%s「%s / %s」的值「%s」%s", c.Table, def.RowLabel, def.ColLabel, c.Value, zh),
			MessageEN: fmt.Sprintf("table %s, cell %s: value %q %s", c.Table, c.ID, c.Value, en)})
	}
	for i, r := range rec.Legacy {
		if r.Status != extract.StatusOK {
			continue
		}
		for _, cum := range []bool{false, true} {
			s := r.Year
			if cum {
				s = r.Cumulative
			}
			if s == "" {
				continue
			}
			if v, ok := parseFixed(s); ok && v >= 0 {
				continue
			}
			czh, cen := column(cum)
			out = append(out, Finding{Rule: "D5", Severity: extract.SevError, Table: "legacy", Verdict: VerdictFail,
				Cells:     []CellRef{legOp(rec, i, cum).ref()},
				MessageZH: fmt.Sprintf("统计表「%s」%s的值「%s」应为非负数", r.Label, czh, s),
				MessageEN: fmt.Sprintf("legacy table, %q (%s): value %q should be a non-negative number", r.Label, cen, s)})
		}
	}
	return out
}

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

// missingTables lists the tables of the generation none of whose cells
// was found.
func missingTables(rec *extract.Record) map[string]bool {
	out := map[string]bool{}
	if !hasTables(rec) {
		return out
	}
	found := map[string]bool{}
	for _, def := range template.Cells(string(rec.Meta.Generation)) {
		out[def.Table] = true
		if c := rec.Cell(def.ID); c != nil && c.Status != extract.StatusMissing {
			found[def.Table] = true
		}
	}
	for t := range found {
		delete(out, t)
	}
	return out
}

// checkExtraction: one finding per row with missing or ambiguous cells
// (tables missing as a whole are SECTIONS findings).
func checkExtraction(rec, _ *extract.Record) []Finding {
	var out []Finding
	gone := missingTables(rec)
	for _, row := range template.Rows(string(rec.Meta.Generation)) {
		if gone[row.Table] {
			continue
		}
		var refs []CellRef
		var cols []string
		for _, def := range row.Cells {
			ref := cellRef(rec, def.ID)
			if ref.Status == extract.StatusMissing || ref.Status == extract.StatusAmbiguous {
				refs = append(refs, ref)
				cols = append(cols, def.ColLabel+"（"+statusZH[ref.Status]+"）")
			}
		}
		if refs == nil {
			continue
		}
		out = append(out, Finding{Rule: "EXTRACTION", Severity: extract.SevWarning, Table: row.Table,
			Verdict: VerdictUnverifiable, Cells: refs,
			MessageZH: fmt.Sprintf("表%s「%s」行有单元格未能读取：%s；涉及这些单元格的数字无法核验", row.Table, row.Label, strings.Join(cols, "、")),
			MessageEN: fmt.Sprintf("table %s, row %s: %d cell(s) could not be read (missing or ambiguous); the figures they enter are unverifiable", row.Table, row.Key, len(refs))})
	}
	for i, r := range rec.Legacy {
		if r.Status != extract.StatusAmbiguous && r.Status != extract.StatusMissing {
			continue
		}
		out = append(out, Finding{Rule: "EXTRACTION", Severity: extract.SevWarning, Table: "legacy",
			Verdict: VerdictUnverifiable, Cells: []CellRef{legOp(rec, i, false).ref()},
			MessageZH: fmt.Sprintf("统计表「%s」行的数值未能确定（%s）", r.Label, statusZH[r.Status]),
			MessageEN: fmt.Sprintf("legacy table, %q: the values could not be decided (%s)", r.Label, r.Status)})
	}
	return out
}

var statusZH = map[extract.Status]string{extract.StatusMissing: "缺失", extract.StatusAmbiguous: "拆分不唯一",
	extract.StatusBlank: "空白", extract.StatusOK: "已读取"}

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
