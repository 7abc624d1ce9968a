// The rules on what each cell holds: D5 (value kinds) and OTHER-SHARE (the share of 其他处理).

package audit

import (
	"fmt"
	"strings"

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
		v, ok := template.ParseFixed(strings.TrimSpace(c.Value))
		var zh, en string
		switch {
		case !ok:
			zh, en = "不是数字", "is not a number"
		case def.Type == template.TypeInt && (v < 0 || v%template.Scale != 0):
			zh, en = "应为非负整数", "should be a non-negative integer"
		case def.Type == template.TypeSignedInt && v%template.Scale != 0:
			zh, en = "应为整数", "should be an integer"
		case def.Type == template.TypeAmount && v < 0:
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
			if v, ok := template.ParseFixed(strings.TrimSpace(s)); ok && v >= 0 {
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

// knownInt resolves a cell that is read (or blank) without candidates.
func knownInt(rec *extract.Record, id string) (int64, string, bool) {
	v := operand{rec: rec, id: id}.direct(assignment{})
	if !v.known || len(operand{rec: rec, id: id}.groups()) > 0 {
		return 0, "", false
	}
	return v.v / template.Scale, v.text, true
}

// checkOtherShare: 其他处理 over OtherSharePercent of （七）总计 when there
// are at least OtherShareMin outcomes.
func checkOtherShare(rec, _ *extract.Record) []Finding {
	if !hasTables(rec) {
		return nil
	}
	total, _, ok := knownInt(rec, rowResults()+".total")
	if !ok || total < OtherShareMin {
		return nil
	}
	ids := []string{"t3.other_handling.total"}
	if rec.Meta.Generation == extract.Gen2021 {
		ids = []string{"t3.other_no_correction.total", "t3.other_unpaid_fee.total", "t3.other_misc.total"}
	}
	var other int64
	var terms []string
	for _, id := range ids {
		v, t, ok := knownInt(rec, id)
		if !ok {
			return nil
		}
		other += v
		terms = append(terms, t)
	}
	if other*100 <= total*OtherSharePercent {
		return nil
	}
	pct := float64(other) * 100 / float64(total)
	return []Finding{{Rule: "OTHER-SHARE", Severity: extract.SevWarning, Table: "三", Verdict: VerdictFail,
		Cells:      equation{lhs: ops(rec, ids...), rhs: ops(rec, rowResults()+".total")}.refs(),
		Arithmetic: fmt.Sprintf("%s = %d; %d / %d = %.1f%% > %d%%", strings.Join(terms, "+"), other, other, total, pct, OtherSharePercent),
		MessageZH:  fmt.Sprintf("「其他处理」占办理结果总数的%.1f%%，超过%d%%", pct, OtherSharePercent),
		MessageEN:  fmt.Sprintf("其他处理 is %.1f%% of （七）总计, more than %d%%", pct, OtherSharePercent)}}
}
