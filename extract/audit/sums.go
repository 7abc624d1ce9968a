package audit

import (
	"fmt"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

// The rows of table 三 that the rules name, from the template's sum
// structure (extract/template/sums.txt), read when first asked for.
func rowNew() string     { return template.RoleRow(template.RoleReceived) }
func rowCarried() string { return template.RoleRow(template.RoleCarried) }
func rowResults() string { return template.RoleRow(template.RoleResults) }
func rowForward() string { return template.RoleRow(template.RoleForward) }

// The columns of table 二 the cross-year rules D8 and D9 name.
const (
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

// columnEquations builds one equation per column of a column rule of
// the template (R1, D2).
func columnEquations(rec *extract.Record, id string, zh, en func(colLabel, col string) string) []labeledEq {
	if !hasTables(rec) {
		return nil
	}
	var out []labeledEq
	for _, cr := range template.ColumnRules(string(rec.Meta.Generation)) {
		if cr.ID != id {
			continue
		}
		for _, c := range cr.Columns {
			lhs, rhs := make([]string, len(cr.LHS)), make([]string, len(cr.RHS))
			for i, r := range cr.LHS {
				lhs[i] = r + "." + c
			}
			for i, r := range cr.RHS {
				rhs[i] = r + "." + c
			}
			l := colLabel(rec, cr.RHS[0], c)
			out = append(out, labeledEq{table: cr.Table, eq: equation{lhs: ops(rec, lhs...), rhs: ops(rec, rhs...)},
				zh: zh(l, c), en: en(l, c)})
		}
	}
	return out
}

func r1Equations(rec, _ *extract.Record) []labeledEq {
	return columnEquations(rec, "R1",
		func(l, _ string) string {
			return fmt.Sprintf("表三「%s」列：一、本年新收 + 二、上年结转 ≠ （七）总计 + 四、结转下年度", l)
		},
		func(_, c string) string {
			return fmt.Sprintf("table 三, column %s: new + carried over ≠ （七）总计 + carried forward", c)
		})
}

func d2Equations(rec, _ *extract.Record) []labeledEq {
	return columnEquations(rec, "D2",
		func(l, _ string) string {
			return fmt.Sprintf("表三「%s」列：办理结果（一）至（六）之和 ≠ （七）总计", l)
		},
		func(_, c string) string {
			return fmt.Sprintf("table 三, column %s: outcome rows （一）…（六） do not add up to （七）总计", c)
		})
}

// rowEquations builds one equation per row sum of a rule of the template
// (D1: a table 三 row, D3: a table 四 block): the row's total is the sum
// of its parts; the row is the equation's own, so its missing cells are
// not derived from it.
func rowEquations(rec *extract.Record, id string, zh, en func(r template.Row) string) []labeledEq {
	if !hasTables(rec) {
		return nil
	}
	var out []labeledEq
	for _, r := range template.Rows(string(rec.Meta.Generation)) {
		for _, s := range r.Sums {
			if s.Rule != id {
				continue
			}
			parts := make([]string, len(s.Parts))
			for i, p := range s.Parts {
				parts[i] = r.Cells[p].ID
			}
			out = append(out, labeledEq{table: r.Table,
				eq: equation{lhs: ops(rec, parts...), rhs: ops(rec, r.Cells[s.Total].ID), self: r.Key},
				zh: zh(r), en: en(r)})
		}
	}
	return out
}

func d1Equations(rec, _ *extract.Record) []labeledEq {
	return rowEquations(rec, "D1",
		func(r template.Row) string {
			return fmt.Sprintf("表三「%s」行：六类申请人之和 ≠ 总计", r.Label)
		},
		func(r template.Row) string {
			return fmt.Sprintf("table 三, row %s: the six applicant columns do not add up to 总计", r.Key)
		})
}

func d3Equations(rec, _ *extract.Record) []labeledEq {
	return rowEquations(rec, "D3",
		func(r template.Row) string {
			return fmt.Sprintf("表四「%s」：结果维持 + 结果纠正 + 其他结果 + 尚未审结 ≠ 总计", r.Label)
		},
		func(r template.Row) string {
			return fmt.Sprintf("table 四, block %s: upheld + corrected + other + pending do not add up to 总计", r.Key)
		})
}

// d4Equations: this year's 二、上年结转 = last year's 四、结转下年度继续办理.
func d4Equations(cur, prev *extract.Record) []labeledEq {
	if prev == nil || !hasTables(cur) || !hasTables(prev) {
		return nil
	}
	var out []labeledEq
	for _, cell := range template.Table(string(cur.Meta.Generation), "三")[0].Cells {
		c := cell.Col
		l := colLabel(cur, rowCarried(), c)
		out = append(out, labeledEq{table: "三",
			eq: equation{lhs: ops(cur, rowCarried()+"."+c), rhs: ops(prev, rowForward()+"."+c)},
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
