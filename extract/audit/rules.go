package audit

import (
	"github.com/nianbao/nianbao/extract"
)

// Rule is one consistency rule. Check returns the rule's findings for
// cur; prev is last year's report of the same agency for a CrossYear
// rule and nil otherwise. A rule that holds returns nothing.
type Rule struct {
	ID       string
	Spec     string           // the text of the spec (or the guidance) the rule enforces
	Severity extract.Severity // of a failure; an unverifiable instance is one step milder
	Check    func(cur, prev *extract.Record) []Finding
	// CrossYear rules need last year's report: CheckPair runs them, Check
	// does not.
	CrossYear bool

	// equations builds the instances of a sum rule; Check is made from
	// it when the entry has no Check of its own.
	equations func(cur, prev *extract.Record) []labeledEq
}

// Rules is every rule, in the spec's order. Adding a rule is adding an
// entry here.
var Rules = []Rule{
	{ID: "R1", Severity: extract.SevError, equations: r1Equations,
		Spec: "Table 三, every column: 一 + 二 = （七）总计 + 四 (第一项加第二项之和，等于第三项加第四项之和)."},
	{ID: "D1", Severity: extract.SevError, equations: d1Equations,
		Spec: "Table 三, every row: 总计 = sum of the six applicant columns."},
	{ID: "D2", Severity: extract.SevError, equations: d2Equations,
		Spec: "Table 三, every column: （七）总计 = sum of every outcome row （一）…（六） (in fmt2021, （六） is its three sub-rows)."},
	{ID: "D3", Severity: extract.SevError, equations: d3Equations,
		Spec: "Table 四, each block: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."},
	{ID: "D5", Severity: extract.SevError, Check: checkD5,
		Spec: "Values are non-negative integers, except 本年增/减 (signed) and amounts (decimal)."},
	{ID: "D6", Severity: extract.SevWarning, Check: checkD6,
		Spec: "Generation: the template used must fit the report year (legacy 2008–2018, fmt2019 2019–2020, fmt2021 from 2021)."},
	{ID: "D7", Severity: extract.SevWarning, Check: checkD7,
		Spec: "Narrative vs tables: counts stated in the text (收到申请 N 件, 办结, 结转, 行政复议 N 件, 行政诉讼 N 件) must agree with the tables. " +
			"A narrative 收到 may count new applications or new + carried over: accept either. 行政诉讼 in the text = 直接起诉 总计 + 复议后起诉 总计."},
	{ID: "L1", Severity: extract.SevError, equations: l1Equations,
		Spec: "Pre-2019 tables: where a row lists its parts, the row equals the sum of its parts, checked only when every part is printed; " +
			"a cumulative (历年累计) value is never smaller than the year's value."},
	{ID: "META-YEAR", Severity: extract.SevWarning, Check: checkMetaYear,
		Spec: "The report year matches the statistical period (1月1日–12月31日) and the years named in the text."},
	{ID: "SECTIONS", Severity: extract.SevWarning, Check: checkSections,
		Spec: "Sections 一 to 六 of fmt2019/fmt2021 reports are present and in order; tables 二, 三 and 四 are present."},
	{ID: "EXTRACTION", Severity: extract.SevWarning, Check: checkExtraction,
		Spec: "A cell that could not be read (missing or ambiguous) leaves its figures unverifiable."},
	{ID: "OVERVIEW-LENGTH", Severity: extract.SevInfo, Check: checkOverviewLength,
		Spec: "fmt2021 总体情况 about 1,000 characters at most (threshold: more than 1,000 Chinese characters)."},
	{ID: "OTHER-SHARE", Severity: extract.SevWarning, Check: checkOtherShare,
		Spec: "A high share of 其他处理 is a red flag (threshold: 其他处理 over 20% of （七）总计 when （七）总计 is at least 10)."},
	{ID: "FEES-SILENT", Severity: extract.SevWarning, Check: checkFeesSilent,
		Spec: "From 2021 (fmt2021), section 六 must report 信息处理费 (fees charged to applicants)."},
	{ID: "DEADLINE", Severity: extract.SevWarning, Check: checkDeadline,
		Spec: "Publication deadline (2019 条例 Art. 49): a government department publishes by 1月31日 of the following year, " +
			"the government's own report by 3月31日; before 2019 all by 3月31日. Checked only when the publication date is known."},

	{ID: "D4", Severity: extract.SevError, equations: d4Equations, CrossYear: true,
		Spec: "Across years, same agency: this year's 二、上年结转 = last year's 四、结转下年度继续办理, column by column."},
	{ID: "D8", Severity: extract.SevWarning, equations: d8Equations, CrossYear: true,
		Spec: "(soft) fmt2021 table 二: 现行有效件数(t) ≈ 现行有效件数(t−1) + 本年制发件数(t) − 本年废止件数(t)."},
	{ID: "D9", Severity: extract.SevWarning, equations: d9Equations, CrossYear: true,
		Spec: "(soft) fmt2019 table 二: 上一年项目数量(t) = 上一年项目数量(t−1) + 本年增/减(t−1)."},
	{ID: "L1", Severity: extract.SevWarning, equations: l1CumEquations, CrossYear: true,
		Spec: "(soft) Pre-2019 tables: a cumulative (历年累计) value grows by the year's value from one year's report to the next (series are sometimes restarted)."},
	{ID: "R10", Severity: extract.SevWarning, Check: checkR10, CrossYear: true,
		Spec: "五 must not repeat last year's text (年年雷同) (threshold: character-bigram Dice similarity of at least 0.80 over the Chinese characters of both sections 五)."},
}

// labeledEq is one instance of a sum rule, with its description.
type labeledEq struct {
	eq       equation
	table    string
	zh, en   string
	severity extract.Severity // "" for the rule's own
	// bound marks an instance that only bounds a value (year ≤
	// cumulative) rather than summing: a change of ±1 may keep it.
	bound bool
}

// milder is the severity of an unverifiable instance of a rule.
func milder(s extract.Severity) extract.Severity {
	if s == extract.SevError {
		return extract.SevWarning
	}
	return extract.SevInfo
}

// judgeAll evaluates equations for a rule and turns the failures and
// unverifiable ones into findings.
func judgeAll(id string, sev extract.Severity, eqs []labeledEq) []Finding {
	var out []Finding
	for _, l := range eqs {
		res := l.eq.eval()
		if res.verdict == "pass" {
			continue
		}
		s := sev
		if l.severity != "" {
			s = l.severity
		}
		f := Finding{Rule: id, Severity: s, Table: l.table, Cells: l.eq.refs(), Arithmetic: res.arith, Verdict: res.verdict,
			MessageZH: l.zh, MessageEN: l.en}
		if res.verdict == VerdictUnverifiable {
			f.Severity = milder(s)
			f.MessageZH = "无法核验（有单元格缺失或拆分不唯一）：" + f.MessageZH
			f.MessageEN = "cannot be checked (a cell is missing or its split is not unique): " + f.MessageEN
		}
		out = append(out, f)
	}
	return out
}

func init() {
	for i := range Rules {
		r := &Rules[i]
		if r.Check == nil && r.equations != nil {
			id, sev, build := r.ID, r.Severity, r.equations
			r.Check = func(cur, prev *extract.Record) []Finding { return judgeAll(id, sev, build(cur, prev)) }
		}
	}
}
