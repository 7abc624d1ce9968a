package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/audit"
)

func init() {
	register("audit", "check the consistency rules", func() command { return &auditCommand{} })
}

type auditCommand struct {
	json   bool
	db     string
	jobs   int
	stdout io.Writer
	stderr io.Writer
	// enrich annotates narrative fields (for D7); nil: auditAnnotate (the
	// shared Segmenter). Tests set it.
	enrich func(*extract.Record) error
}

const auditUsage = `usage: nianbao audit [-json] [-j N] [-db DSN] FILE|DIR ...

Check government information-disclosure annual reports against the
consistency rules (勾稽关系) of the templates and the official guidance, and
show the cells that prove each finding.

Each FILE is a report (PDF, HTML, Word, text) or a record in the cells form
that 'nianbao parse -format cells' writes. When two of the files are the same
agency (same name as printed) in consecutive years, the cross-year rules run
too (D4 carried over = last year's carried forward, D8, D9, L1 growth, R10
section 五 repeated). With -db, a report whose previous year was not given
is compared with that year's report in the corpus (nianbao ingest), when
the corpus holds it.

Rules: R1 D1 D2 D3 (table sums), D4, D5 (value kinds), D6 (template fits the
year), D7 (narrative counts vs tables), D8 D9 (table 二 across years), L1
(pre-2019 tables), META-YEAR, SECTIONS, EXTRACTION (cells that could not be
read make figures unverifiable), OVERVIEW-LENGTH, OTHER-SHARE, FEES-SILENT,
DEADLINE, R10.

  -json   one JSON object per file and line: path, agency, year,
          generation, compared_with, counts, findings (rule, severity,
          verdict, messages, cells with values and evidence, arithmetic)

Exit status: 0 no error-level finding; 1 an error-level finding; 2 a file
could not be read (the others are still audited) or bad usage.

Examples:
  nianbao audit testdata/reports/pingtan-2020.txt
  nianbao audit testdata/reports/pingtan-2020.txt testdata/reports/pingtan-2021.txt
  nianbao audit -json reports/ > findings.jsonl
  nianbao audit -db nianbao.db new-2023-report.pdf
  nianbao parse -format cells report.pdf > r.tsv && nianbao audit r.tsv
`

// audited is one input with its record and findings.
type audited struct {
	path     string
	rec      *extract.Record
	err      error
	findings []audit.Finding
	prev     string // the file CheckPair compared with
}

func (c *auditCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("audit", flag.ContinueOnError)
	fs.BoolVar(&c.json, "json", false, "one JSON object per file")
	fs.IntVar(&c.jobs, "j", runtime.NumCPU(), "files parsed in parallel")
	fs.StringVar(&c.db, "db", "", "corpus (SQLite file or postgres:// URL) where last year's reports are looked up for the cross-year rules; empty: only files given together are paired")
	if c.stdout == nil {
		c.stdout = os.Stdout
	}
	if c.stderr == nil {
		c.stderr = os.Stderr
	}
	fs.SetOutput(c.stderr)
	if err := parseFlags(fs, auditUsage, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &exitError{Code: 2}
	}
	enrich := c.enrich
	if enrich == nil {
		enrich = auditAnnotate
	}
	files := c.load(ctx, fs.Args(), enrich)
	auditPairUp(files)
	if c.db != "" {
		if err := auditPairCorpus(ctx, c.db, files); err != nil {
			return &exitError{Code: 2, Err: err}
		}
	}
	w := bufio.NewWriter(c.stdout)
	defer w.Flush()
	unread, errs := 0, 0
	for _, f := range files {
		if f.err != nil {
			unread++
			fmt.Fprintf(c.stderr, "nianbao audit: %v\n", f.err)
		} else if audit.HasError(f.findings) {
			errs++
		}
		var err error
		if c.json {
			err = writeAuditJSON(w, f)
		} else {
			err = writeAuditText(w, f)
		}
		if err != nil {
			return err
		}
	}
	switch {
	case unread > 0:
		return &exitError{Code: 2, Err: fmt.Errorf("%d of %d files could not be read", unread, len(files))}
	case errs > 0:
		return &exitError{Code: 1}
	}
	return nil
}

// load reads every argument: cells-form files directly, reports through
// the parser (in parallel). A path that cannot be listed or read becomes
// an entry with its error; the others go on.
func (c *auditCommand) load(ctx context.Context, args []string, enrich func(*extract.Record) error) []*audited {
	var out []*audited
	var reports []extract.Input
	var slots []*audited
	for _, a := range args {
		ins, err := extract.Inputs([]string{a})
		if err != nil {
			out = append(out, &audited{path: a, err: err}) // names the path
			continue
		}
		for _, in := range ins {
			f := &audited{path: in.Path}
			out = append(out, f)
			if rec, ok, err := auditReadCellsForm(in.Path); ok {
				f.rec, f.err = rec, err
				continue
			}
			reports = append(reports, in)
			slots = append(slots, f)
		}
	}
	// the records are kept for the cross-year pairs; the budget bounds
	// the parses' transient peaks
	budget := newMemBudget(defaultMemMB << 20)
	results := parseAll(ctx, reports, c.jobs, budget, extract.Options{}, enrich)
	for i, f := range slots {
		r := <-results[i]
		f.rec, f.err = r.rec, r.err
		budget.release(r.cost)
	}
	for _, f := range out {
		if f.err != nil {
			f.rec = nil
			continue
		}
		f.findings = audit.Check(f.rec)
	}
	return out
}

// auditAnnotate fills a parsed record's narrative fields (the counts D7
// compares with the tables) with the shared segmenter, loaded on first
// use; a record without sections is left alone.
func auditAnnotate(rec *extract.Record) error {
	if len(rec.Sections) == 0 {
		return nil
	}
	return annotate(rec)
}

// auditReadCellsForm reads path as the cells form when its first line that is
// not a comment is a meta.agency line; ok is false for anything else.
func auditReadCellsForm(path string) (rec *extract.Record, ok bool, err error) {
	if path == "-" {
		return nil, false, nil
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, false, nil // the parser reports it
	}
	defer fh.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(fh, head)
	first := ""
	for _, line := range strings.Split(string(head[:n]), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			first = line
			break
		}
	}
	if !strings.HasPrefix(first, "meta.agency") {
		return nil, false, nil
	}
	if _, err := fh.Seek(0, io.SeekStart); err != nil {
		return nil, true, fmt.Errorf("%s: %w", path, err)
	}
	rec, err = extract.ReadCells(fh, path)
	return rec, true, err
}

// auditPairUp runs the cross-year rules on files of one agency in consecutive
// years; each report is compared with the first file of the year before.
// Agencies are matched by their normalised key (corpus.AgencyKey: 全称/简称,
// 管委会 suffixes), not by the printed name.
func auditPairUp(files []*audited) {
	type key struct {
		agency string
		year   int
	}
	first := map[key]*audited{}
	for _, f := range files {
		if f.rec == nil || f.rec.Meta.Year == 0 || strings.TrimSpace(f.rec.Meta.Agency) == "" {
			continue
		}
		k := key{corpus.AgencyKey(f.rec.Meta.Agency), f.rec.Meta.Year}
		if first[k] == nil {
			first[k] = f
		}
	}
	for _, f := range files {
		if f.rec == nil || f.rec.Meta.Year == 0 {
			continue
		}
		p := first[key{corpus.AgencyKey(f.rec.Meta.Agency), f.rec.Meta.Year - 1}]
		if p == nil {
			continue
		}
		f.prev = p.path
		f.findings = append(f.findings, audit.CheckPair(p.rec, f.rec)...)
		audit.Sort(f.findings)
	}
}

func auditCounts(fs []audit.Finding) map[extract.Severity]int {
	n := map[extract.Severity]int{extract.SevError: 0, extract.SevWarning: 0, extract.SevInfo: 0}
	for _, f := range fs {
		n[f.Severity]++
	}
	return n
}

func writeAuditJSON(w io.Writer, f *audited) error {
	type out struct {
		Path         string                   `json:"path"`
		Error        string                   `json:"error,omitempty"`
		Agency       string                   `json:"agency,omitempty"`
		Year         int                      `json:"year,omitempty"`
		Generation   extract.Generation       `json:"generation,omitempty"`
		ComparedWith string                   `json:"compared_with,omitempty"`
		Counts       map[extract.Severity]int `json:"counts,omitempty"`
		Findings     []audit.Finding          `json:"findings"`
	}
	o := out{Path: f.path, Findings: f.findings}
	if f.err != nil {
		o.Error = oneLine(f.err)
	} else {
		o.Agency, o.Year, o.Generation = f.rec.Meta.Agency, f.rec.Meta.Year, f.rec.Meta.Generation
		o.ComparedWith, o.Counts = f.prev, auditCounts(f.findings)
	}
	if o.Findings == nil {
		o.Findings = []audit.Finding{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(o); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

var auditTableTitle = map[string]string{"": "报告 (report)", "二": "表二 (table 二)", "三": "表三 (table 三)",
	"四": "表四 (table 四)", "legacy": "统计表 (legacy table)"}

// auditMaxCells caps the cells listed under a finding in the terminal
// report (zero cells read as printed are left out first); -json has all.
const auditMaxCells = 8

func writeAuditText(w io.Writer, f *audited) error {
	if f.err != nil {
		return nil // reported on standard error
	}
	m, n := f.rec.Meta, auditCounts(f.findings)
	fmt.Fprintf(w, "%s — %s %d (%s): %d errors, %d warnings, %d info\n", f.path, m.Agency, m.Year, m.Generation,
		n[extract.SevError], n[extract.SevWarning], n[extract.SevInfo])
	if f.prev != "" {
		fmt.Fprintf(w, "  cross-year rules against %s\n", f.prev)
	}
	// Group by table, tables in the order of their worst finding.
	var order []string
	groups := map[string][]audit.Finding{}
	for _, x := range f.findings {
		if _, ok := groups[x.Table]; !ok {
			order = append(order, x.Table)
		}
		groups[x.Table] = append(groups[x.Table], x)
	}
	for _, t := range order {
		fmt.Fprintf(w, "  %s\n", auditTableTitle[t])
		for _, x := range groups[t] {
			fmt.Fprintf(w, "    %-7s %-15s %-12s %s\n", x.Severity, x.Rule, x.Verdict, x.MessageZH)
			fmt.Fprintf(w, "    %-7s %-15s %-12s %s\n", "", "", "", x.MessageEN)
			if x.Arithmetic != "" {
				fmt.Fprintf(w, "    %36s %s\n", "", x.Arithmetic)
			}
			writeAuditCells(w, x.Cells)
		}
	}
	_, err := fmt.Fprintln(w)
	return err
}

func writeAuditCells(w io.Writer, cells []audit.CellRef) {
	shown, hidden := 0, 0
	for _, c := range cells {
		plainZero := c.Status == extract.StatusOK && c.Value == "0"
		if shown >= auditMaxCells || (plainZero && len(cells) > auditMaxCells) {
			hidden++
			continue
		}
		shown++
		v := c.Value
		if c.Status != extract.StatusOK {
			v = string(c.Status)
			if len(c.Candidates) > 0 {
				v += " {" + strings.Join(c.Candidates, "|") + "}"
			}
		}
		id := c.ID
		if c.Year != 0 {
			id = fmt.Sprintf("%d:%s", c.Year, id)
		}
		where := c.Evidence.Pos.String()
		if where == "unknown position" {
			where = ""
		}
		if c.Evidence.Raw != "" && c.Evidence.Raw != c.Value {
			where = strings.TrimSpace(where + " " + fmt.Sprintf("%q", auditTruncate(c.Evidence.Raw, 60)))
		}
		fmt.Fprintf(w, "    %36s %s = %s  %s\n", "", id, v, where)
	}
	if hidden > 0 {
		fmt.Fprintf(w, "    %36s (%d more cells, zeros first; see -json)\n", "", hidden)
	}
}

func auditTruncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// auditPairCorpus runs the cross-year rules for every report that no file
// of the year before was given for, against that year's report in the
// corpus at dsn, when it holds one.
func auditPairCorpus(ctx context.Context, dsn string, files []*audited) error {
	db, err := corpus.OpenReadOnly(ctx, dsn)
	if err != nil {
		return fmt.Errorf("corpus %s: %w", dsn, err)
	}
	defer db.Close()
	for _, f := range files {
		if f.rec == nil || f.rec.Meta.Year == 0 || f.prev != "" || strings.TrimSpace(f.rec.Meta.Agency) == "" {
			continue
		}
		prev, err := db.RecordOf(ctx, nil, f.rec.Meta.Agency, f.rec.Meta.Year-1)
		if errors.Is(err, corpus.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("corpus %s: %w", dsn, err)
		}
		f.prev = fmt.Sprintf("%s (corpus, %d)", prev.Source.Path, prev.Meta.Year)
		f.findings = append(f.findings, audit.CheckPair(prev, f.rec)...)
		audit.Sort(f.findings)
	}
	return nil
}
