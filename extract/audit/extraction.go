// EXTRACTION: the cells the extractor could not read leave their figures unverifiable.

package audit

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

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
