package extract

import (
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/legacy"
)

// readLegacy reads a pre-2019 statistical table.
func readLegacy(rec *Record, doc *layout.Document, d *docText) {
	var rows []legacy.Row
	var warns []legacy.Warning
	for _, bl := range doc.Blocks {
		if bl.Grid == nil {
			continue
		}
		r, w := legacy.FromGrid(bl.Grid)
		if len(r) > 0 {
			rows, warns = append(rows, r...), append(warns, w...)
		}
	}
	if len(rows) == 0 {
		rows, warns = legacy.FromText(d.text, d.text)
	}
	for _, r := range rows {
		lr := LegacyRow{Label: r.Label, Unit: r.Unit, Year: r.Year, Cumulative: r.Cumulative, Status: Status(r.Status),
			Candidates: r.Candidates, Parent: r.Parent, Note: r.Note, Evidence: Evidence{Pos: r.Pos, Raw: r.Raw, Label: r.Label}}
		rec.Legacy = append(rec.Legacy, lr)
	}
	for _, w := range warns {
		rec.Warnings = append(rec.Warnings, Warning{Code: "LEGACY_TABLE", Severity: SevWarning, Message: w.Message, Pos: w.Pos})
	}
	if len(rows) == 0 {
		rec.Warnings = append(rec.Warnings, Warning{Code: "MISSING_TABLE", Severity: SevWarning,
			Message: "legacy report: no statistical table (指标名称 | 计量单位 | 本年度 …) found"})
	}
}
