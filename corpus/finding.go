package corpus

import "encoding/json"

// Scopes of a stored finding.
const (
	ScopeReport    = "report"     // a within-report rule, on one source
	ScopeCrossYear = "cross_year" // a cross-year rule, on a report and last year's
	ScopeConflict  = "conflict"   // two sources of one report disagree
)

// RuleConflict is the rule id of a conflict between two sources.
const RuleConflict = "CONFLICT"

// RuleAgency is the rule id of a publisher not placed on the national map
// (a shared short name the report does not settle, or no division named).
const RuleAgency = "AGENCY"

func agencyFinding(a AgencyInfo) Finding {
	return Finding{Rule: RuleAgency, Severity: "warning", Verdict: "unverifiable",
		MessageZH: "未能确定发布机关所属行政区划：" + a.Name, MessageEN: a.Problem}
}

// Finding is an audit finding as the corpus stores it. Its JSON form is
// that of audit.Finding, plus where it was stored.
type Finding struct {
	Rule       string          `json:"rule"`
	Severity   string          `json:"severity"`
	Table      string          `json:"table"`
	MessageZH  string          `json:"message_zh"`
	MessageEN  string          `json:"message_en"`
	Cells      json.RawMessage `json:"cells,omitempty"` // the cells the finding rests on (audit.CellRef list)
	Arithmetic string          `json:"arithmetic,omitempty"`
	Verdict    string          `json:"verdict"`

	Scope    string `json:"scope,omitempty"`     // ScopeReport, ScopeCrossYear, ScopeConflict
	Year     int    `json:"year,omitempty"`      // the report's year
	PrevYear int    `json:"prev_year,omitempty"` // for a cross-year finding, last year
	Source   string `json:"source,omitempty"`    // for a within-report finding, the source path
}

func cellsJSON(f Finding) string {
	if len(f.Cells) == 0 {
		return "[]"
	}
	return string(f.Cells)
}
