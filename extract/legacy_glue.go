package extract

import "github.com/nianbao/nianbao/extract/layout"

// readLegacy reads a pre-2019 statistical table (package legacy, being
// written: until it lands, legacy reports only get sections and a warning).
func readLegacy(rec *Record, doc *layout.Document, d *docText) {
	rec.Warnings = append(rec.Warnings, Warning{Code: "MISSING_TABLE", Severity: SevWarning,
		Message: "legacy report: statistical table reading not available in this build"})
}
