package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/extract"
)

func init() {
	register("ingest", "parse, audit and store reports in the corpus database", func() command { return &ingestCommand{} })
}

type ingestCommand struct {
	stdout, stderr io.Writer
	tty            bool // progress shown (stderr is a terminal); set by Run
}

const ingestUsage = `usage: nianbao ingest [-db DSN] [-j N] [-max-size MB] [-mem MB] [-ocr auto|always|never] [-aliases FILE] [-force] [-quiet] [-json] PATH...

Parse reports (files, directories, a 'nianbao fetch' directory), annotate
their narrative, run the audit rules and store everything in the corpus
database: an SQLite file (default nianbao.db, or $NIANBAO_DB) or, with
-db postgres://user:pass@host/db, a shared PostgreSQL database.

Each file is one source of a report, and a report is one (agency, year):
a web page and the PDF attached to it are two sources of one report, and
cells on which they disagree give a CONFLICT finding. Ingesting is
idempotent: a file already stored by this parser version is skipped; a
new parser version re-parses it and replaces its rows in one transaction;
a changed file replaces what was stored from its path or URL. One bad
file is reported and the others go on. Then the cross-year rules (D4, D8,
D9, L1, R10) run for every agency with consecutive years.

Agency names are normalised to one key (全称/简称, 管委会); -aliases adds
"variant<TAB>canonical name[<TAB>region]" lines.

Size limits and the memory budget are those of nianbao parse (-max-size,
-mem): a file reserves its estimated peak before it is parsed and frees
it once stored.

Flags:
  -db DSN        SQLite file or postgres:// URL (default $NIANBAO_DB or nianbao.db)
  -j N           files parsed in parallel (default: number of CPUs)
  -max-size MB   size limit for every input kind (default: HTML and text 20, Word 64, PDF 200)
  -mem MB        memory budget shared by the workers (default 1024)
` + ocrUsage + `  -aliases FILE  agency alias file
  -force         re-parse files already stored by this parser version
  -quiet         no progress
  -json          one JSON line per file on stdout (path, outcome, error, report, agency, year)
  -cpuprofile F  write a CPU profile to F (go tool pprof)

Examples:
  nianbao ingest testdata/reports
  nianbao ingest -db postgres://nianbao@localhost/nianbao fetched/
  nianbao ingest -aliases aliases.tsv -j 4 reports/*.pdf
`

// corpusDBFlag defines the -db flag shared by the corpus commands.
func corpusDBFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("NIANBAO_DB")
	if def == "" {
		def = corpus.DefaultDSN
	}
	return fs.String("db", def, "SQLite file or postgres:// URL")
}

// corpusAliases reads the alias file, if one is named.
func corpusAliases(path string) (*corpus.Agencies, error) {
	ag := &corpus.Agencies{}
	if path == "" {
		return ag, nil
	}
	if err := ag.LoadAliasFile(path); err != nil {
		return nil, &exitError{Code: 2, Err: err}
	}
	return ag, nil
}

// openCorpus reads the alias file (if named) and opens the database:
// for writing (ingest) or, readOnly, as it is (export, compare, search;
// works on read-only media and never creates a database).
func openCorpus(ctx context.Context, dsn, aliases string, readOnly bool) (*corpus.DB, *corpus.Agencies, error) {
	ag, err := corpusAliases(aliases)
	if err != nil {
		return nil, nil, err
	}
	open := corpus.Open
	if readOnly {
		open = corpus.OpenReadOnly
	}
	db, err := open(ctx, dsn)
	return db, ag, err
}

func (c *ingestCommand) Run(ctx context.Context, args []string) error {
	if c.stdout == nil {
		c.stdout, c.stderr = os.Stdout, os.Stderr
		c.tty = isTerminal(os.Stderr)
	}
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	dsn := corpusDBFlag(fs)
	jobs := fs.Int("j", runtime.NumCPU(), "files parsed in parallel")
	aliases := fs.String("aliases", "", "agency alias file")
	force := fs.Bool("force", false, "re-parse files already stored")
	quiet := fs.Bool("quiet", false, "no progress")
	asJSON := fs.Bool("json", false, "one JSON line per file on stdout")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile (go tool pprof) to FILE")
	maxMB := fs.Int64("max-size", 0, "size limit in MB for every input kind (0: each kind's default)")
	memMB := fs.Int64("mem", defaultMemMB, "memory budget in MB shared by the workers")
	ocr := ocrFlag(fs)
	if err := parseFlags(fs, ingestUsage, args); err != nil {
		return err
	}
	if *memMB <= 0 || *maxMB < 0 {
		return &exitError{Code: 2, Err: fmt.Errorf("-mem and -max-size take a positive number of MB")}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &exitError{Code: 2}
	}
	inputs, err := extract.Inputs(fs.Args())
	if err != nil {
		return &exitError{Code: 2, Err: err}
	}
	for _, in := range inputs {
		if in.Path == "-" {
			return &exitError{Code: 2, Err: fmt.Errorf("ingest reads files, not standard input (a source is known by its path or URL)")}
		}
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return &exitError{Code: 2, Err: err}
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	g, err := openIngester(ctx, *dsn, *aliases)
	if err != nil {
		return err
	}
	defer g.DB.Close()
	g.Jobs, g.Force = *jobs, *force
	budget := newMemBudget(*memMB << 20)
	setMemoryLimit(budget.total)
	release := budgetedParse(ctx, g, budget, extract.Options{MaxSize: *maxMB << 20, OCR: string(*ocr)})
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	var bar *progressBar
	if c.tty && !*quiet {
		bar = newProgressBar(c.stderr, "ingest", len(inputs))
	}
	g.Progress = func(done, total int, r corpus.Result) {
		release(r.Path)
		if *asJSON {
			enc.Encode(resultJSON(r))
		}
		if r.Outcome == corpus.Failed && !errors.Is(r.Err, corpus.ErrStopped) {
			// (inputs left when the batch stopped are not failures of
			// their own: the one error comes from Ingest)
			if bar != nil {
				bar.clear()
			}
			fmt.Fprintf(c.stderr, "nianbao ingest: %v\n", r.Err)
		}
		if bar != nil {
			bar.update(done)
		}
	}
	sum, err := g.Ingest(ctx, inputs)
	if bar != nil {
		bar.clear()
	}
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(c.stderr, "%d files: %d added, %d replaced, %d unchanged, %d failed; cross-year rules for %d agencies; %s (%.1f files/s, peak RSS %d MB)\n",
			len(inputs), sum.Added, sum.Replaced, sum.Same, sum.Failed, sum.Agencies, sum.Elapsed.Round(time.Millisecond),
			float64(len(inputs))/max(sum.Elapsed.Seconds(), 1e-9), peakRSS()>>20)
	}
	if sum.Failed > 0 {
		return &exitError{Code: 1, Err: fmt.Errorf("%d of %d files failed", sum.Failed, len(inputs))}
	}
	return nil
}

func resultJSON(r corpus.Result) any {
	v := struct {
		Path    string `json:"path"`
		Outcome string `json:"outcome"`
		Error   string `json:"error,omitempty"`
		Report  int64  `json:"report,omitempty"`
		Agency  string `json:"agency,omitempty"`
		Year    int    `json:"year,omitempty"`
	}{Path: r.Path, Outcome: r.Outcome, Report: r.Report, Agency: r.Agency, Year: r.Year}
	if r.Err != nil {
		v.Error = oneLine(r.Err)
	}
	return v
}
