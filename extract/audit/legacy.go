package audit

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// printed reports whether a legacy row prints its year (or cumulative)
// value: a number, or candidates to judge over.
func printed(r extract.LegacyRow, cum bool) bool {
	switch r.Status {
	case extract.StatusAmbiguous:
		for _, c := range r.Candidates {
			y, cu, _ := strings.Cut(c, "|")
			if (cum && cu == "") || (!cum && y == "") {
				return false
			}
		}
		return len(r.Candidates) > 0
	case extract.StatusOK:
		if cum {
			return r.Cumulative != ""
		}
		return r.Year != ""
	}
	return false
}

func legOp(rec *extract.Record, i int, cum bool) operand {
	return operand{rec: rec, leg: i, cum: cum}
}

func column(cum bool) (zh, en string) {
	if cum {
		return "历年累计", "cumulative"
	}
	return "本年度", "year"
}

// l1Equations: a row equals the sum of its printed parts (a sum over the
// row is an error, a shortfall a warning: 其中 lists are not always
// exhaustive); a cumulative value is never below the year's.
func l1Equations(rec, _ *extract.Record) []labeledEq {
	var out []labeledEq
	children := map[int][]int{}
	for i, r := range rec.Legacy {
		if r.Parent >= 0 && r.Parent < len(rec.Legacy) && r.Parent != i {
			children[r.Parent] = append(children[r.Parent], i)
		}
	}
	for p := range rec.Legacy {
		kids := children[p]
		if len(kids) == 0 {
			continue
		}
		for _, cum := range []bool{false, true} {
			if !printed(rec.Legacy[p], cum) {
				continue
			}
			var parts []operand
			for _, k := range kids {
				if !printed(rec.Legacy[k], cum) {
					parts = nil
					break
				}
				parts = append(parts, legOp(rec, k, cum))
			}
			if parts == nil {
				continue
			}
			whole := []operand{legOp(rec, p, cum)}
			czh, cen := column(cum)
			label := rec.Legacy[p].Label
			out = append(out,
				labeledEq{table: "legacy", eq: equation{lhs: parts, rhs: whole, le: true},
					zh: fmt.Sprintf("统计表「%s」%s：各分项之和大于该项", label, czh),
					en: fmt.Sprintf("legacy table, %q (%s): its parts add up to more than the row", label, cen)},
				labeledEq{table: "legacy", eq: equation{lhs: whole, rhs: parts, le: true}, severity: extract.SevWarning,
					zh: fmt.Sprintf("统计表「%s」%s：各分项之和小于该项（分项可能未列全）", label, czh),
					en: fmt.Sprintf("legacy table, %q (%s): its parts add up to less than the row (the parts may not be exhaustive)", label, cen)})
		}
	}
	for i, r := range rec.Legacy {
		if printed(r, false) && printed(r, true) {
			out = append(out, labeledEq{table: "legacy",
				eq:    equation{lhs: []operand{legOp(rec, i, false)}, rhs: []operand{legOp(rec, i, true)}, le: true},
				bound: true,
				zh:    fmt.Sprintf("统计表「%s」：本年度数大于历年累计数", r.Label),
				en:    fmt.Sprintf("legacy table, %q: the year's value exceeds the cumulative value", r.Label)})
		}
	}
	return out
}

// l1CumEquations: cumulative(t) = cumulative(t−1) + year(t), rows matched
// by label (the k-th row of a label with the k-th of last year's).
func l1CumEquations(cur, prev *extract.Record) []labeledEq {
	if prev == nil || len(cur.Legacy) == 0 || len(prev.Legacy) == 0 {
		return nil
	}
	last := map[string][]int{}
	for i, r := range prev.Legacy {
		k := strings.TrimSpace(r.Label)
		last[k] = append(last[k], i)
	}
	seen := map[string]int{}
	var out []labeledEq
	for i, r := range cur.Legacy {
		k := strings.TrimSpace(r.Label)
		n := seen[k]
		seen[k]++
		if n >= len(last[k]) {
			continue
		}
		j := last[k][n]
		if !printed(r, false) || !printed(r, true) || !printed(prev.Legacy[j], true) {
			continue
		}
		out = append(out, labeledEq{table: "legacy",
			eq: equation{lhs: []operand{legOp(prev, j, true), legOp(cur, i, false)}, rhs: []operand{legOp(cur, i, true)}},
			zh: fmt.Sprintf("统计表「%s」：上年历年累计 + 本年度 ≠ 本年历年累计（累计口径可能重新起算）", r.Label),
			en: fmt.Sprintf("legacy table, %q: last year's cumulative + this year's value ≠ this year's cumulative (the series may have been restarted)", r.Label)})
	}
	return out
}
