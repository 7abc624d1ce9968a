package audit

import (
	"slices"
	"sort"

	"github.com/nianbao/nianbao/extract"
)

// Verdicts of a finding. A rule that passes produces no finding.
const (
	VerdictFail         = "fail"         // the rule is broken (for every candidate split)
	VerdictUnverifiable = "unverifiable" // a cell the rule needs is missing or ambiguous, and the candidates disagree
)

// Finding is one broken or unverifiable rule instance: one row, column,
// block, section or narrative sentence.
type Finding struct {
	Rule     string           `json:"rule"`     // stable id: R1, D1, ..., EXTRACTION, DEADLINE
	Severity extract.Severity `json:"severity"` // error, warning or info
	// Table is the table the finding is about ("二", "三", "四"), "legacy"
	// for a pre-2019 statistical table, or "" for the report as a whole
	// (metadata, sections, text).
	Table     string    `json:"table"`
	MessageZH string    `json:"message_zh"`
	MessageEN string    `json:"message_en"`
	Cells     []CellRef `json:"cells,omitempty"`
	// Arithmetic shows the sum that fails, e.g. "7+6+4+3+3+4 = 27 ≠ 21".
	// A blank cell is written "0(blank)", an unknown one "?".
	Arithmetic string `json:"arithmetic,omitempty"`
	Verdict    string `json:"verdict"` // VerdictFail or VerdictUnverifiable
}

// CellRef is one cell a finding rests on, with its value as read and
// where it was read.
type CellRef struct {
	// ID is the cell id of cells.tsv; for a legacy row "legacy:N" (N the
	// index in Record.Legacy) with ".year" or ".cumulative"; for a
	// narrative count "text:<subject>".
	ID string `json:"id"`
	// Year is the report year the cell belongs to (set on cross-year
	// findings, where cells of two reports meet).
	Year       int              `json:"year,omitempty"`
	Label      string           `json:"label,omitempty"` // row and column label, e.g. "（七）总计 / 自然人"
	Value      string           `json:"value"`           // as printed; "" blank
	Status     extract.Status   `json:"status"`
	Candidates []string         `json:"candidates,omitempty"`
	Evidence   extract.Evidence `json:"evidence"`
}

var severityRank = map[extract.Severity]int{extract.SevError: 0, extract.SevWarning: 1, extract.SevInfo: 2}

var tableRank = map[string]int{"": 0, "二": 1, "三": 2, "四": 3, "legacy": 4}

// Sort orders findings worst first (error, warning, info; a failure
// before an unverifiable rule), then by table, then by rule id, keeping
// the rules' own order (rows, columns) otherwise.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if severityRank[a.Severity] != severityRank[b.Severity] {
			return severityRank[a.Severity] < severityRank[b.Severity]
		}
		if a.Verdict != b.Verdict {
			return a.Verdict == VerdictFail
		}
		if tableRank[a.Table] != tableRank[b.Table] {
			return tableRank[a.Table] < tableRank[b.Table]
		}
		return a.Rule < b.Rule
	})
}

// HasError reports whether any finding is error-level (what makes
// `nianbao audit` exit with status 1).
func HasError(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == extract.SevError {
			return true
		}
	}
	return false
}

// Check runs every within-report rule (the entries of Rules that are not
// CrossYear) on rec and returns the findings, sorted by Sort. rec is not
// modified, except for the cell index extract.Record keeps.
func Check(rec *extract.Record) []Finding {
	if rec == nil {
		return nil
	}
	var out []Finding
	for _, r := range Rules {
		if !r.CrossYear {
			out = append(out, r.Check(rec, nil)...)
		}
	}
	Sort(out)
	return out
}

// CheckPair runs the cross-year rules (D4, D8, D9, L1-CUM, R10) on the
// reports of one agency for two consecutive years. It returns nil when
// prev is not the report for the year before cur's; whether the two
// reports are of the same agency is the caller's judgement (printed
// agency names vary from year to year).
func CheckPair(prev, cur *extract.Record) []Finding {
	return checkPair(prev, cur, func(string) bool { return true })
}

// CheckPairRules is CheckPair with only the cross-year rules named by
// ids (a caller that needs D8 alone need not pay for R10's text
// comparison).
func CheckPairRules(prev, cur *extract.Record, ids ...string) []Finding {
	return checkPair(prev, cur, func(id string) bool { return slices.Contains(ids, id) })
}

func checkPair(prev, cur *extract.Record, keep func(id string) bool) []Finding {
	if prev == nil || cur == nil || cur.Meta.Year == 0 || prev.Meta.Year != cur.Meta.Year-1 {
		return nil
	}
	var out []Finding
	for _, r := range Rules {
		if r.CrossYear && keep(r.ID) {
			out = append(out, r.Check(cur, prev)...)
		}
	}
	Sort(out)
	return out
}
