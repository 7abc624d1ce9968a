package corpus

import (
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/audit"
	"github.com/nianbao/nianbao/segment"
)

// NewIngester returns an Ingester for db wired to the real stages:
// extract.ParseFile, segment's narrative fields and word cuts (the shared
// Segmenter, loaded once), and the rules of package audit (audit.Check
// within a report, audit.CheckPair across years), the same rules as
// `nianbao audit`.
func NewIngester(db *DB) (*Ingester, error) {
	seg, err := segment.Shared()
	if err != nil {
		return nil, err
	}
	return &Ingester{
		DB:        db,
		Parse:     ParseInput,
		Annotate:  seg.Annotate,
		Audit:     AuditRecord,
		CheckPair: AuditPair,
		Cut:       seg.Cut,
	}, nil
}

// ParseInput parses one input file with extract.ParseFile.
func ParseInput(in extract.Input) (*extract.Record, error) {
	return extract.ParseFile(in.Path, extract.Options{Input: in})
}

// AuditRecord runs the within-report rules (audit.Check).
func AuditRecord(rec *extract.Record) []Finding { return mustFindings(audit.Check(rec)) }

// AuditPair runs the cross-year rules (audit.CheckPair) on last year's
// and this year's records.
func AuditPair(prev, cur *extract.Record) []Finding { return mustFindings(audit.CheckPair(prev, cur)) }

// Cutter returns the word cutter of the shared Segmenter, for Search.
func Cutter() (func(string) []string, error) {
	seg, err := segment.Shared()
	if err != nil {
		return nil, err
	}
	return seg.Cut, nil
}

func mustFindings(fs []audit.Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		out[i] = Finding{Rule: f.Rule, Severity: string(f.Severity), Table: f.Table, MessageZH: f.MessageZH, MessageEN: f.MessageEN,
			Arithmetic: f.Arithmetic, Verdict: f.Verdict, Cells: []byte(mustJSON(nonNil(f.Cells)))}
	}
	return out
}
