package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/nianbao/nianbao/extract"
)

func init() {
	register("parse", "parse reports into canonical cells (JSON or the cells form)", func() command { return &parseCommand{} })
}

type parseCommand struct {
	format string
	jobs   int
	maxMB  int64 // -max-size
	memMB  int64 // -mem
	ocr    *ocrMode
	stdout io.Writer
	stderr io.Writer
	enrich func(*extract.Record) error // narrative fields; nil: annotate (-format json). Tests set it
}

const parseUsage = `usage: nianbao parse [-format json|cells] [-j N] [-max-size MB] [-mem MB] [-ocr auto|always|never] FILE|DIR|- ...

Parse government information-disclosure annual reports (PDF, HTML, Word,
text, scans) into their canonical cells (extract/template/cells.tsv), with evidence.

` + ocrUsage + `
  -format json   the whole record: metadata, sections, cells with status and
                 evidence, splits, legacy rows, narrative fields, warnings
                 (default). Several files: one JSON record per line.
  -format cells  the tidy form: meta.agency, meta.year, meta.generation, then
                 one cell_id<TAB>value line per canonical cell (empty = blank,
                 MISSING, AMBIGUOUS). Several files: blocks separated by a
                 "# file: PATH" line.

A directory is read recursively (report files only); in a 'nianbao fetch'
directory its manifest.jsonl supplies each file's URL and publication date.
A directory that holds nothing but page images (PNG, JPEG, TIFF) is one
report, its pages in name order (p2 before p10); a multi-page TIFF is one
report too.
Files are parsed in parallel (-j, default: number of CPUs) and written in
input order. An unreadable file gives an error record and the rest go on;
the exit status is 1 if any file failed.

Limits: a file over its kind's size limit (HTML and text 20 MB, Word
64 MB, PDF 200 MB) fails at once with a message saying so; -max-size MB
sets one limit for every kind. The workers share a memory budget (-mem,
default 1024 MB): each file reserves its estimated peak (a multiple of its
size) before it is parsed and frees it once written, so large files run
one at a time while small ones run -j at once.

Examples:
  nianbao parse testdata/reports/guyuan-kjj-2020.txt
  nianbao parse -format cells testdata/reports/huaian-2024.pdf
  nianbao parse testdata/reports > records.jsonl
  cat report.html | nianbao parse -format cells -
`

func (c *parseCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.StringVar(&c.format, "format", "json", "output format: json or cells")
	fs.IntVar(&c.jobs, "j", runtime.NumCPU(), "files parsed in parallel")
	fs.Int64Var(&c.maxMB, "max-size", 0, "size limit in MB for every input kind (0: each kind's default)")
	fs.Int64Var(&c.memMB, "mem", defaultMemMB, "memory budget in MB shared by the workers")
	c.ocr = ocrFlag(fs)
	if c.stdout == nil {
		c.stdout = os.Stdout
	}
	if c.stderr == nil {
		c.stderr = os.Stderr
	}
	fs.SetOutput(c.stderr)
	if err := parseFlags(fs, parseUsage, args); err != nil {
		return err
	}
	if c.format != "json" && c.format != "cells" {
		return &exitError{Code: 2, Err: fmt.Errorf("unknown -format %q (json or cells)", c.format)}
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &exitError{Code: 2}
	}
	if c.memMB <= 0 || c.maxMB < 0 {
		return &exitError{Code: 2, Err: fmt.Errorf("-mem and -max-size take a positive number of MB")}
	}
	inputs, err := extract.Inputs(fs.Args())
	if err != nil {
		return &exitError{Code: 2, Err: err}
	}
	enrich := c.enrich
	if enrich == nil && c.format == "json" {
		enrich = annotate // -format cells never loads the dictionaries
	}
	w := bufio.NewWriter(c.stdout)
	defer w.Flush()
	failed := 0
	budget := newMemBudget(c.memMB << 20)
	setMemoryLimit(budget.total)
	results := parseAll(ctx, inputs, c.jobs, budget, extract.Options{MaxSize: c.maxMB << 20, OCR: string(*c.ocr)}, enrich)
	for i := range inputs {
		r := <-results[i]
		if r.err != nil {
			failed++
			fmt.Fprintf(c.stderr, "nianbao parse: %v\n", r.err)
		}
		err := c.write(w, inputs[i], r, len(inputs) > 1)
		r.rec = nil
		budget.release(r.cost)
		if err != nil {
			return err
		}
	}
	if failed > 0 {
		return &exitError{Code: 1, Err: fmt.Errorf("%d of %d files failed", failed, len(inputs))}
	}
	return nil
}

type parseResult struct {
	rec  *extract.Record
	err  error
	cost int64 // reserved from the budget; released by the writer
}

// parseAll parses inputs with n workers; result i arrives on channel i.
// Inputs are handed out in order, each after its estimated memory is
// reserved from budget (so the file the writer waits for always holds
// its reservation, and the batch cannot deadlock); the caller releases
// result.cost once the result is written.
func parseAll(ctx context.Context, inputs []extract.Input, n int, budget *memBudget, opt extract.Options, enrich func(*extract.Record) error) []chan parseResult {
	if n < 1 {
		n = 1
	}
	out := make([]chan parseResult, len(inputs))
	for i := range out {
		out[i] = make(chan parseResult, 1)
	}
	go func() {
		var pool errgroup.Group // the worker pool: at most n parses at once, started in input order
		pool.SetLimit(n)
		for i, in := range inputs {
			cost := int64(0)
			if in.Path != "-" {
				cost = budget.acquire(ctx, fileCost(in.Path))
			}
			pool.Go(func() error {
				if ctx.Err() != nil {
					out[i] <- parseResult{err: fmt.Errorf("%s: %w", in.Path, ctx.Err()), cost: cost}
					return nil
				}
				out[i] <- parseOne(in, opt, enrich, cost)
				return nil
			})
		}
		pool.Wait()
	}()
	return out
}

// parseOne parses one input of a batch. A panic (a bug) becomes this
// file's error, with the stack to report (extract.Contain), so that one bad
// file never stops the batch; a panic in enrich becomes a NARRATIVE
// warning and the parsed record is kept.
func parseOne(in extract.Input, opt extract.Options, enrich func(*extract.Record) error, cost int64) (r parseResult) {
	r.cost = cost
	o := opt
	o.Input = in
	if err := extract.Contain(in.Path, func() { r.rec, r.err = extract.ParseFile(in.Path, o) }); err != nil {
		r.rec, r.err = nil, err
	}
	if r.rec != nil && enrich != nil {
		var e error
		if p := extract.Contain(in.Path, func() { e = enrich(r.rec) }); p != nil {
			e = p
		}
		if e != nil {
			r.rec.Warnings = append(r.rec.Warnings, extract.Warning{Code: "NARRATIVE", Severity: extract.SevWarning, Message: e.Error()})
		}
	}
	return r
}

func (c *parseCommand) write(w *bufio.Writer, in extract.Input, r parseResult, many bool) error {
	switch c.format {
	case "cells":
		if many {
			fmt.Fprintf(w, "# file: %s\n", in.Path)
		}
		if r.rec == nil {
			fmt.Fprintf(w, "# error: %s\n", oneLine(r.err))
			return nil
		}
		var b strings.Builder
		r.rec.WriteCells(&b)
		_, err := w.WriteString(b.String())
		return err
	default:
		var v any = r.rec
		if r.rec == nil {
			v = map[string]string{"path": in.Path, "error": oneLine(r.err)}
		} else if r.err != nil {
			v = struct {
				*extract.Record
				Error string `json:"error"`
			}{r.rec, oneLine(r.err)}
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		if !many {
			enc.SetIndent("", "  ")
		}
		return enc.Encode(v)
	}
}

func oneLine(err error) string {
	if err == nil {
		return ""
	}
	return strings.ReplaceAll(err.Error(), "\n", " ")
}
