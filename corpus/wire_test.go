package corpus

import (
	"encoding/json"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/audit"
	"github.com/nianbao/nianbao/segment"
)

// The tests wire the real stages the way cmd/nianbao does; the package
// itself imports neither segment nor audit (TestNoCgoDeps).

// NewIngester returns an Ingester for db wired to extract, segment and audit.
func NewIngester(db *DB) (*Ingester, error) {
	seg, err := segment.Shared()
	if err != nil {
		return nil, err
	}
	return &Ingester{DB: db, Parse: ParseInput, Annotate: seg.Annotate, Audit: AuditRecord, CheckPair: AuditPair,
		CheckSettle: AuditSettle, Cut: seg.Cut, Sentences: func(rec *extract.Record) ([]Sentence, error) {
			ss, err := seg.AnnotateSentences(rec)
			out := make([]Sentence, len(ss))
			for i, s := range ss {
				out[i] = Sentence{Section: s.Section, Text: s.Text, Words: s.Words}
			}
			return out, err
		}}, nil
}

// ParseInput parses one input file with extract.ParseFile.
func ParseInput(in extract.Input) (*extract.Record, error) {
	return extract.ParseFile(in.Path, extract.Options{Input: in})
}

// AuditRecord runs the within-report rules.
func AuditRecord(rec *extract.Record) []Finding { return viaJSON(audit.Check(rec)) }

// AuditPair runs the cross-year rules.
func AuditPair(prev, cur *extract.Record) []Finding { return viaJSON(audit.CheckPair(prev, cur)) }

// AuditSettle runs the cross-year rules named (for settling a split).
func AuditSettle(prev, cur *extract.Record, rules ...string) []Finding {
	return viaJSON(audit.CheckPairRules(prev, cur, rules...))
}

// Cutter returns the shared Segmenter's word cutter.
func Cutter() (func(string) []string, error) {
	seg, err := segment.Shared()
	if err != nil {
		return nil, err
	}
	return seg.Cut, nil
}

// viaJSON converts audit findings through their JSON form, which Finding
// documents as its own.
func viaJSON(fs []audit.Finding) []Finding {
	var out []Finding
	if err := json.Unmarshal([]byte(mustJSON(fs)), &out); err != nil {
		panic(err)
	}
	return out
}
