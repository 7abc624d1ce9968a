package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/sync/errgroup"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/digest"
)

// Outcomes of one input.
const (
	Added     = "added"     // a new source was stored
	Replaced  = "replaced"  // the same bytes had been stored by another parser version; re-parsed
	Unchanged = "unchanged" // the same bytes were stored by this parser version: nothing done
	Failed    = "failed"    // parse or store failed; see Result.Err
)

// Result is what happened to one input.
type Result struct {
	Path    string
	Outcome string
	Err     error  // for Failed
	Report  int64  // the report the source belongs to (Added, Replaced)
	Agency  string // the agency key
	Year    int
}

// Summary of an Ingest call.
type Summary struct {
	Results  []Result // in input order
	Added    int
	Replaced int
	Same     int // Unchanged
	Failed   int
	Agencies int // agencies whose cross-year findings were recomputed
	Elapsed  time.Duration
}

// Ingester parses, annotates, audits and stores reports. The stages are
// function values so that callers (and tests) choose them; cmd/nianbao
// wires extract, segment and audit (this package imports neither segment
// nor audit). Parse is required; a nil
// Annotate, Audit, CheckPair or Cut skips that stage.
type Ingester struct {
	DB       *DB
	Agencies *Agencies // name → key; nil: the rules of AgencyKey only

	Parse     func(in extract.Input) (*extract.Record, error)
	Annotate  func(rec *extract.Record) error           // fills rec.Fields
	Audit     func(rec *extract.Record) []Finding       // within-report rules
	CheckPair func(prev, cur *extract.Record) []Finding // cross-year rules; prev is last year's report
	Cut       func(text string) []string                // words of a sentence for the full-text index
	// Sentences, when set, replaces Annotate and Cut at ingest: it fills
	// rec.Fields and returns the sentences of the narrative with their
	// words for the full-text index, from one segmentation of the text
	// (segment.Segmenter.AnnotateSentences) instead of two.
	Sentences func(rec *extract.Record) ([]Sentence, error)
	// CheckSettle runs the cross-year rules named (some of SettleRules:
	// D4, D8, D9; see settle.go) for each candidate division of a split
	// tried. Nil: CheckPair, which gives the same settlements at the cost
	// of every cross-year rule.
	CheckSettle func(prev, cur *extract.Record, rules ...string) []Finding

	// ParserVersion is stored with every source; a source stored by
	// another version is re-parsed. Zero: DefaultParserVersion().
	ParserVersion string
	// Jobs is the number of files parsed in parallel. Zero: the number
	// of CPUs. Writes go through one writer whatever Jobs is.
	Jobs int
	// Force re-parses sources already stored by this parser version.
	Force bool
	// Progress, when set, is called once per input as it completes (from
	// one goroutine), with the count done so far and the total.
	Progress func(done, total int, r Result)

	// Batch is the number of sources written in one transaction (each
	// in a savepoint of its own, so that one that fails is undone alone);
	// a batch is written at the latest batchWait after its first source.
	// Zero: DefaultBatch.
	Batch int

	// beforeCommit is a test hook run inside a batch's transaction after
	// each source is written; n counts the sources written (from 1).
	beforeCommit func(n int)
	// beforeCrossYear is a test hook run after the last source is stored.
	beforeCrossYear func()
}

// DefaultParserVersion identifies the parser of this build: the module
// version of a released build; else the VCS revision it was built from;
// else (a build without VCS stamps, a modified tree) a hash of the
// executable, so that any rebuilt parser counts as a new version.
func DefaultParserVersion() string {
	parserVersionOnce.Do(func() { parserVersion = parserVersionOf() })
	return parserVersion
}

var (
	parserVersionOnce sync.Once
	parserVersion     string
)

func parserVersionOf() string {
	bi, ok := debug.ReadBuildInfo()
	if ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	rev, dirty := "", false
	if ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if rev != "" && !dirty {
		return rev
	}
	if exe, err := os.Executable(); err == nil {
		if sum, err := digest.File(exe); err == nil {
			return "build-" + sum[:16]
		}
	}
	return "dev"
}

type job struct {
	i   int
	in  extract.Input
	sha string
}

type parsed struct {
	i   int
	p   *prepared
	out string // Unchanged, or "" to store
	err error
}

// Ingest parses inputs in parallel and stores them through a single
// writer, several sources per transaction (Batch), each in a savepoint
// of its own. A file that fails to parse or to store is reported in its
// Result and the batch goes on. Then the
// cross-year rules run for every agency the batch changed (and any left
// pending by an ingest that was stopped). The error is
// only for what stops the batch: the database (ErrDatabaseGone when it
// stops taking writes mid-batch: one error with the count stored, the
// remaining inputs failed with ErrStopped) or ctx.
func (g *Ingester) Ingest(ctx context.Context, inputs []extract.Input) (*Summary, error) {
	start := time.Now()
	if g.Parse == nil {
		return nil, errors.New("corpus: Ingester.Parse is nil")
	}
	version := g.ParserVersion
	if version == "" {
		version = DefaultParserVersion()
	}
	known, err := g.DB.sourceVersions(ctx)
	if err != nil {
		return nil, err
	}
	jobs := g.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	parent := ctx
	ctx, stop := context.WithCancelCause(ctx) // stopped by the database going away
	defer stop(nil)
	done := make(chan parsed, jobs)
	go func() {
		var pool errgroup.Group // the worker pool, as in nianbao parse: at most jobs at once, in input order
		pool.SetLimit(jobs)
		for i, in := range inputs {
			if ctx.Err() != nil {
				break
			}
			pool.Go(func() error {
				done <- g.prepare(ctx, job{i: i, in: in}, version, known)
				return nil
			})
		}
		pool.Wait()
		close(done)
	}()

	sum := &Summary{Results: make([]Result, len(inputs))}
	for i, in := range inputs {
		sum.Results[i] = Result{Path: in.Path, Outcome: Failed, Err: errors.New("not processed")}
	}
	w := &writer{g: g, ctx: ctx, parent: parent, stop: stop, sum: sum, inputs: inputs, seen: map[string]bool{}, size: g.Batch}
	if w.size <= 0 {
		w.size = DefaultBatch
	}
	tick := time.NewTicker(batchWait / 4)
	defer tick.Stop()
	for open := true; open; {
		select {
		case r, ok := <-done:
			if !ok {
				open = false
				break
			}
			w.add(r)
		case <-tick.C:
			if len(w.batch) > 0 && time.Since(w.first) >= batchWait {
				w.flush()
			}
		}
	}
	w.flush()
	if ctx.Err() != nil {
		return sum, context.Cause(ctx)
	}
	for _, r := range sum.Results {
		switch r.Outcome {
		case Added:
			sum.Added++
		case Replaced:
			sum.Replaced++
		case Unchanged:
			sum.Same++
		default:
			sum.Failed++
		}
	}
	if g.CheckPair == nil {
		sum.Elapsed = time.Since(start)
		return sum, nil
	}
	if g.beforeCrossYear != nil {
		g.beforeCrossYear()
	}
	if sum.Agencies, err = g.crossYearPending(ctx); err != nil {
		if g.DB.gone(ctx, err) {
			return sum, crossYearGoneError(err, sum.Added+sum.Replaced, sum.Agencies)
		}
		return sum, err
	}
	sum.Elapsed = time.Since(start)
	return sum, nil
}

// prepare hashes, parses, annotates, audits and segments one input (in a
// worker). A panic (a bug) becomes that file's error (extract.Contain);
// one in the narrative stage a NARRATIVE warning, the record kept.
func (g *Ingester) prepare(ctx context.Context, j job, version string, known map[string]string) (r parsed) {
	if err := extract.Contain(j.in.Path, func() { r = g.prepareFile(ctx, j, version, known) }); err != nil {
		r = parsed{err: err}
	}
	r.i = j.i
	return r
}

func (g *Ingester) prepareFile(ctx context.Context, j job, version string, known map[string]string) (r parsed) {
	if err := ctx.Err(); err != nil {
		r.err = err
		return r
	}
	sha, err := digest.File(j.in.Path)
	if err != nil {
		r.err = err
		return r
	}
	if v, ok := known[sha]; ok && v == version && !g.Force {
		r.out = Unchanged
		r.p = &prepared{rec: &extract.Record{Source: extract.Source{SHA256: sha}}}
		return r
	}
	rec, err := g.Parse(j.in)
	if err != nil {
		r.err = err
		return r
	}
	if rec == nil {
		r.err = fmt.Errorf("%s: no record", j.in.Path)
		return r
	}
	if strings.TrimSpace(rec.Meta.Agency) == "" || rec.Meta.Year == 0 {
		r.err = fmt.Errorf("%s: cannot tell the agency and year of the report (agency %q, year %d)", j.in.Path, rec.Meta.Agency, rec.Meta.Year)
		return r
	}
	// A source is known by its URL, else by its absolute path: a relative
	// path means another file when ingested from another directory.
	if abs, err := filepath.Abs(rec.Source.Path); err == nil && rec.Source.Path != "" {
		rec.Source.Path = abs
	}
	p := &prepared{in: j.in, rec: rec, version: version, force: g.Force}
	var annotated []Sentence
	if perr := extract.Contain(j.in.Path, func() {
		switch {
		case g.Sentences != nil:
			annotated, err = g.Sentences(rec)
		case g.Annotate != nil:
			err = g.Annotate(rec)
		}
	}); perr != nil {
		err = perr
	}
	if err != nil {
		rec.Warnings = append(rec.Warnings, extract.Warning{Code: "NARRATIVE", Severity: extract.SevWarning, Message: err.Error()})
	}
	ag := g.Agencies
	if ag == nil {
		ag = &Agencies{}
	}
	p.agency = ag.agencyOf(rec)
	if g.Audit != nil {
		p.findings = g.Audit(rec)
	}
	if p.agency.Problem != "" {
		p.findings = append(p.findings, agencyFinding(p.agency))
	}
	if g.Sentences != nil {
		p.sentences = indexed(annotated)
	} else {
		p.sentences = sentencesOf(rec, g.Cut)
	}
	r.p = p
	return r
}

// isUniqueViolation tells a unique-constraint error of either engine by
// the driver's error code: SQLSTATE 23505 (pgx), SQLITE_CONSTRAINT_UNIQUE
// or _PRIMARYKEY (modernc.org/sqlite). A PostgreSQL deadlock (40P01) or
// serialization failure (40001) between concurrent ingests counts too:
// like a unique violation, it is a race another ingest won, and trying
// again sees its rows.
func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505" || pe.Code == "40P01" || pe.Code == "40001"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// sourceVersions maps the sha256 of every stored source to its parser
// version.
func (db *DB) sourceVersions(ctx context.Context) (map[string]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT sha256, parser_version FROM sources`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var s, v string
		if err := rows.Scan(&s, &v); err != nil {
			return nil, err
		}
		out[s] = v
	}
	return out, rows.Err()
}
