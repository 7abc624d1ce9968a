package audit

import (
	"fmt"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

// The columns of table 三 (without 总计) and the results of a table 四 block.
var (
	applicantCols = []string{"natural_person", "org_commercial", "org_research", "org_social_welfare", "org_legal_service", "org_other"}
	resultCols    = []string{"upheld", "corrected", "other", "pending"}
	t3Cols        = append(append([]string{}, applicantCols...), "total")
	t4Blocks      = []string{"t4.admin_review", "t4.litigation_direct", "t4.litigation_after_review"}
)

// The rows of table 三 that are not outcome rows.
const (
	rowNew      = "t3.new_received"
	rowCarried  = "t3.carried_over"
	rowResults  = "t3.results_total"
	rowForward  = "t3.carried_forward"
	colTotal    = "total"
	t2InForce   = "in_force"
	t2Issued    = "issued"
	t2Repealed  = "repealed"
	t2PrevItems = "prev_year_items"
	t2Change    = "change"
)

func hasTables(rec *extract.Record) bool {
	g := rec.Meta.Generation
	return g == extract.Gen2019 || g == extract.Gen2021
}

func ops(rec *extract.Record, ids ...string) []operand {
	out := make([]operand, len(ids))
	for i, id := range ids {
		out[i] = operand{rec: rec, id: id}
	}
	return out
}

func colLabel(rec *extract.Record, row, col string) string {
	if def, ok := template.Lookup(string(rec.Meta.Generation), row+"."+col); ok {
		return def.ColLabel
	}
	return col
}

func rowLabel(rec *extract.Record, row, col string) string {
	if def, ok := template.Lookup(string(rec.Meta.Generation), row+"."+col); ok {
		return def.RowLabel
	}
	return row
}

// outcomeRows lists the table 三 rows （一）…（六） of the record's generation.
func outcomeRows(rec *extract.Record) []string {
	var out []string
	for _, r := range template.Rows(string(rec.Meta.Generation)) {
		if r.Table == "三" && r.Key != rowNew && r.Key != rowCarried && r.Key != rowResults && r.Key != rowForward {
			out = append(out, r.Key)
		}
	}
	return out
}

func r1Equations(rec, _ *extract.Record) []labeledEq {
	if !hasTables(rec) {
		return nil
	}
	var out []labeledEq
	for _, c := range t3Cols {
		l := colLabel(rec, rowNew, c)
		out = append(out, labeledEq{table: "三",
			eq: equation{lhs: ops(rec, rowNew+"."+c, rowCarried+"."+c), rhs: ops(rec, rowResults+"."+c, rowForward+"."+c)},
			zh: fmt.Sprintf("表三「%s」列：一、本年新收 + 二、上年结转 ≠ （七）总计 + 四、结转下年度", l),
			en: fmt.Sprintf("table 三, column %s: new + carried over ≠ （七）总计 + carried forward", c)})
	}
	return out
}

// partsEquation says a row's total is the sum of its parts (D1, D3); the
// row is the equation's own, so its missing cells are not derived from it.
func partsEquation(rec *extract.Record, row string, cols []string) equation {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = row + "." + c
	}
	return equation{lhs: ops(rec, parts...), rhs: ops(rec, row+"."+colTotal), self: row}
}

func d1Equations(rec, _ *extract.Record) []labeledEq {
	if !hasTables(rec) {
		return nil
	}
	var out []labeledEq
	for _, r := range template.Rows(string(rec.Meta.Generation)) {
		if r.Table == "三" {
			out = append(out, labeledEq{table: "三", eq: partsEquation(rec, r.Key, applicantCols),
				zh: fmt.Sprintf("表三「%s」行：六类申请人之和 ≠ 总计", r.Label),
				en: fmt.Sprintf("table 三, row %s: the six applicant columns do not add up to 总计", r.Key)})
		}
	}
	return out
}

func d2Equations(rec, _ *extract.Record) []labeledEq {
	if !hasTables(rec) {
		return nil
	}
	rows := outcomeRows(rec)
	var out []labeledEq
	for _, c := range t3Cols {
		parts := make([]string, len(rows))
		for i, r := range rows {
			parts[i] = r + "." + c
		}
		l := colLabel(rec, rowResults, c)
		out = append(out, labeledEq{table: "三",
			eq: equation{lhs: ops(rec, parts...), rhs: ops(rec, rowResults+"."+c)},
			zh: fmt.Sprintf("表三「%s」列：办理结果（一）至（六）之和 ≠ （七）总计", l),
			en: fmt.Sprintf("table 三, column %s: outcome rows （一）…（六） do not add up to （七）总计", c)})
	}
	return out
}

func d3Equations(rec, _ *extract.Record) []labeledEq {
	if !hasTables(rec) {
		return nil
	}
	var out []labeledEq
	for _, b := range t4Blocks {
		out = append(out, labeledEq{table: "四", eq: partsEquation(rec, b, resultCols),
			zh: fmt.Sprintf("表四「%s」：结果维持 + 结果纠正 + 其他结果 + 尚未审结 ≠ 总计", rowLabel(rec, b, colTotal)),
			en: fmt.Sprintf("table 四, block %s: upheld + corrected + other + pending do not add up to 总计", b)})
	}
	return out
}

// d4Equations: this year's 二、上年结转 = last year's 四、结转下年度继续办理.
func d4Equations(cur, prev *extract.Record) []labeledEq {
	if prev == nil || !hasTables(cur) || !hasTables(prev) {
		return nil
	}
	var out []labeledEq
	for _, c := range t3Cols {
		l := colLabel(cur, rowCarried, c)
		out = append(out, labeledEq{table: "三",
			eq: equation{lhs: ops(cur, rowCarried+"."+c), rhs: ops(prev, rowForward+"."+c)},
			zh: fmt.Sprintf("表三「%s」列：本年「二、上年结转」≠ 上年报告「四、结转下年度继续办理」", l),
			en: fmt.Sprintf("table 三, column %s: this year's carried over ≠ last year's carried forward", c)})
	}
	return out
}

// d8Equations: fmt2021 现行有效(t) = 现行有效(t−1) + 制发(t) − 废止(t).
func d8Equations(cur, prev *extract.Record) []labeledEq {
	if prev == nil || cur.Meta.Generation != extract.Gen2021 || prev.Meta.Generation != extract.Gen2021 {
		return nil
	}
	var out []labeledEq
	for _, r := range []string{"t2.regulations", "t2.normative_docs"} {
		rep := operand{rec: cur, id: r + "." + t2Repealed, neg: true}
		out = append(out, labeledEq{table: "二",
			eq: equation{lhs: append(ops(prev, r+"."+t2InForce), operand{rec: cur, id: r + "." + t2Issued}, rep),
				rhs: ops(cur, r+"."+t2InForce)},
			zh: fmt.Sprintf("表二「%s」：上年现行有效件数 + 本年制发 − 本年废止 ≠ 本年现行有效件数", rowLabel(cur, r, t2InForce)),
			en: fmt.Sprintf("table 二, row %s: last year's in force + issued − repealed ≠ in force", r)})
	}
	return out
}

// d9Equations: fmt2019 上一年项目数量(t) = 上一年项目数量(t−1) + 本年增/减(t−1).
func d9Equations(cur, prev *extract.Record) []labeledEq {
	if prev == nil || cur.Meta.Generation != extract.Gen2019 || prev.Meta.Generation != extract.Gen2019 {
		return nil
	}
	var out []labeledEq
	for _, r := range template.Rows(string(extract.Gen2019)) {
		if _, ok := template.Lookup(string(extract.Gen2019), r.Key+"."+t2Change); !ok {
			continue
		}
		out = append(out, labeledEq{table: "二",
			eq: equation{lhs: ops(prev, r.Key+"."+t2PrevItems, r.Key+"."+t2Change), rhs: ops(cur, r.Key+"."+t2PrevItems)},
			zh: fmt.Sprintf("表二「%s」：上年报告的上一年项目数量 + 本年增/减 ≠ 本年报告的上一年项目数量", r.Label),
			en: fmt.Sprintf("table 二, row %s: last report's previous-year items + change ≠ this report's previous-year items", r.Key)})
	}
	return out
}
