package main

import (
	"context"
	"encoding/json"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/audit"
	"github.com/nianbao/nianbao/segment"
)

// The corpus package knows the pipeline's stages only as functions, so
// that programs which only read the corpus do not link the segmenter
// (cgo). This file wires the real stages for `nianbao ingest` and
// `nianbao search`.

// newIngester returns an Ingester for db wired to extract.ParseFile,
// segment's narrative fields and word cuts (the shared Segmenter, loaded
// once) and the rules of package audit (audit.Check within a report,
// audit.CheckPair across years), the same rules as `nianbao audit`.
func newIngester(db *corpus.DB) (*corpus.Ingester, error) {
	seg, err := segment.Shared()
	if err != nil {
		return nil, err
	}
	return &corpus.Ingester{
		DB:       db,
		Parse:    parseInput,
		Annotate: seg.Annotate,
		Sentences: func(rec *extract.Record) ([]corpus.Sentence, error) {
			return indexSentences(seg.AnnotateSentences(rec))
		},
		Audit:     func(rec *extract.Record) []corpus.Finding { return corpusFindings(audit.Check(rec)) },
		CheckPair: func(prev, cur *extract.Record) []corpus.Finding { return corpusFindings(audit.CheckPair(prev, cur)) },
		CheckSettle: func(prev, cur *extract.Record, rules ...string) []corpus.Finding {
			return corpusFindings(audit.CheckPairRules(prev, cur, rules...))
		},
		Cut: seg.Cut,
	}, nil
}

// openIngester opens the corpus at dsn for writing and returns an
// Ingester on it (newIngester) with the alias file's agencies; the
// caller closes g.DB.
func openIngester(ctx context.Context, dsn, aliases string) (*corpus.Ingester, error) {
	db, ag, err := openCorpus(ctx, dsn, aliases, false)
	if err != nil {
		return nil, err
	}
	g, err := newIngester(db)
	if err != nil {
		db.Close()
		return nil, err
	}
	g.Agencies = ag
	return g, nil
}

// parseInput parses one input file with extract.ParseFile.
func parseInput(in extract.Input) (*extract.Record, error) {
	return extract.ParseFile(in.Path, extract.Options{Input: in})
}

// searchCutter returns the word cutter of the shared Segmenter: queries
// are cut like the index was.
func searchCutter() (func(string) []string, error) {
	seg, err := segment.Shared()
	if err != nil {
		return nil, err
	}
	return seg.Cut, nil
}

// corpusFindings converts audit findings to the corpus's form.
func corpusFindings(fs []audit.Finding) []corpus.Finding {
	out := make([]corpus.Finding, len(fs))
	for i, f := range fs {
		cells := f.Cells
		if cells == nil {
			cells = []audit.CellRef{}
		}
		b, _ := json.Marshal(cells)
		out[i] = corpus.Finding{Rule: f.Rule, Severity: string(f.Severity), Table: f.Table, MessageZH: f.MessageZH,
			MessageEN: f.MessageEN, Arithmetic: f.Arithmetic, Verdict: f.Verdict, Cells: b}
	}
	return out
}

// indexSentences converts segment's sentences to the corpus's.
func indexSentences(ss []segment.Sentence, err error) ([]corpus.Sentence, error) {
	out := make([]corpus.Sentence, len(ss))
	for i, s := range ss {
		out[i] = corpus.Sentence{Section: s.Section, Text: s.Text, Words: s.Words}
	}
	return out, err
}
