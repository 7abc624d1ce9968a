package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/corpus/division"
)

func init() {
	register("compare", "one agency's figures by year, or one cell across agencies", func() command { return &compareCommand{} })
}

type compareCommand struct {
	stdout io.Writer
}

const compareUsage = `usage: nianbao compare [-db DSN] -agency NAME [-years 2019-2025] [-json]
       nianbao compare [-db DSN] -cell ID -years YEAR [-region CODE] [-json]

With -agency: the agency's figures side by side by year, in the comparison
schema (cells.tsv ids; fmt2019 and fmt2021 mapped onto each other, pre-2019
tables where the meaning is clear), then the cross-year findings (D4, D8,
D9, L1, R10) and the conflicts between sources of one report.
With -cell: that field for every agency reporting for the year (with
-region, only those of that division and the divisions within it).

Reports are grouped by the division their publisher resolves to (package
division): 淮安市洪泽区人民政府 and 洪泽区人民政府 are one agency.

A value is printed as read; "≈" marks an approximate mapping, "×" a field
the report's generation does not give (incomparable), "·" a blank cell.

Flags:
  -db DSN        SQLite file or postgres:// URL (default $NIANBAO_DB or nianbao.db)
  -agency NAME   agency name (normalised; a unique part of a name also works)
  -years RANGE   a year or a range, e.g. 2019-2025
  -cell ID       a comparison column, e.g. t3.new_received.total
  -region CODE   with -cell: only this division's tree (GB/T 2260 code:
                 320000 a province, 320800 a city, 320813 a county)
  -aliases FILE  agency alias file
  -json          JSON on stdout

Examples:
  nianbao compare -agency 平潭综合实验区 -years 2019-2025
  nianbao compare -cell t3.granted.total -years 2022
  nianbao compare -cell t3.granted.total -years 2024 -region 320000
`

// parseYears reads "2019-2025" or "2022"; "" is (0, 0).
func parseYears(s string) (from, to int, err error) {
	if s == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		b = a
	}
	if from, err = strconv.Atoi(strings.TrimSpace(a)); err == nil {
		to, err = strconv.Atoi(strings.TrimSpace(b))
	}
	if err != nil || from > to {
		return 0, 0, &exitError{Code: 2, Err: fmt.Errorf("bad -years %q (want 2022 or 2019-2025)", s)}
	}
	return from, to, nil
}

func (c *compareCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	dsn := corpusDBFlag(fs)
	agency := fs.String("agency", "", "agency name")
	years := fs.String("years", "", "a year or a range, e.g. 2019-2025")
	cell := fs.String("cell", "", "comparison column across agencies")
	aliases := fs.String("aliases", "", "agency alias file")
	region := fs.String("region", "", "division code")
	asJSON := fs.Bool("json", false, "JSON on stdout")
	if err := parseFlags(fs, compareUsage, args); err != nil {
		return err
	}
	if c.stdout == nil {
		c.stdout = os.Stdout
	}
	from, to, err := parseYears(*years)
	if err != nil {
		return err
	}
	if err := checkRegion(*region); err != nil {
		return err
	}
	if (*agency == "") == (*cell == "") || fs.NArg() > 0 || (*cell != "" && (from == 0 || from != to)) || (*region != "" && *cell == "") {
		fs.Usage()
		return &exitError{Code: 2, Err: fmt.Errorf("give -agency NAME, or -cell ID with one year in -years (and -region)")}
	}
	db, ag, err := openCorpus(ctx, *dsn, *aliases, true)
	if err != nil {
		return err
	}
	defer db.Close()
	var v any
	if *cell != "" {
		rows, err := db.AcrossIn(ctx, *cell, corpus.Filter{Year: from, Region: *region})
		if err != nil {
			return err
		}
		v = rows
		if !*asJSON {
			return writeAcross(c.stdout, *cell, from, rows)
		}
	} else {
		key, err := db.ResolveAgency(ctx, ag, *agency)
		if err != nil {
			return err
		}
		cmp, err := db.Compare(ctx, key, from, to)
		if err != nil {
			return err
		}
		v = cmp
		if !*asJSON {
			return writeComparison(c.stdout, cmp)
		}
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// checkRegion refuses a -region code that names no division.
func checkRegion(code string) error {
	if code != "" && division.Lookup(code) == nil {
		return &exitError{Code: 2, Err: fmt.Errorf("-region %s: no such division code in %s %s", code, division.Dataset, division.DatasetVersion)}
	}
	return nil
}

// show renders a value for the text table.
func show(v corpus.Value) string {
	switch {
	case v.Status == "":
		return "×"
	case v.Status == "blank":
		return "·"
	case v.Status == "missing":
		return "MISSING"
	case v.Status == "ambiguous":
		return "AMBIGUOUS"
	case v.Quality == corpus.Approx:
		return "≈" + v.Value
	}
	return v.Value
}

func writeComparison(w io.Writer, cmp *corpus.Comparison) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t", cmp.Reports[0].Agency)
	for _, r := range cmp.Reports {
		fmt.Fprintf(tw, "%d\t", r.Year)
	}
	fmt.Fprintln(tw)
	fmt.Fprint(tw, "division\t")
	for _, r := range cmp.Reports {
		fmt.Fprintf(tw, "%s\t", orDash(strings.TrimSpace(r.Code+" "+r.AgencyType)))
	}
	fmt.Fprintln(tw)
	fmt.Fprint(tw, "printed as\t")
	for _, r := range cmp.Reports {
		fmt.Fprintf(tw, "%s\t", orDash(r.Printed))
	}
	fmt.Fprintln(tw)
	fmt.Fprint(tw, "generation\t")
	for _, r := range cmp.Reports {
		fmt.Fprintf(tw, "%s\t", r.Generation)
	}
	fmt.Fprintln(tw)
	for _, row := range cmp.Rows {
		fmt.Fprintf(tw, "%s\t", row.Column)
		for _, v := range row.Values {
			fmt.Fprintf(tw, "%s\t", show(v))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(cmp.Findings) == 0 {
		_, err := fmt.Fprintln(w, "\nno cross-year finding, no conflict between sources")
		return err
	}
	fmt.Fprintln(w, "\nfindings:")
	for _, f := range cmp.Findings {
		years := strconv.Itoa(f.Year)
		if f.PrevYear != 0 {
			years = fmt.Sprintf("%d→%d", f.PrevYear, f.Year)
		}
		fmt.Fprintf(w, "  %s %s %s %s: %s", years, f.Rule, f.Severity, f.Verdict, f.MessageZH)
		if f.Arithmetic != "" {
			fmt.Fprintf(w, " (%s)", f.Arithmetic)
		}
		fmt.Fprintln(w)
	}
	return nil
}

func writeAcross(w io.Writer, field string, year int, rows []corpus.AcrossRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "agency\tcode\ttype\t%s (%d)\tgeneration\tquality\n", field, year)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Report.Agency, orDash(r.Report.Code), orDash(r.Report.AgencyType), show(r.Value), r.Report.Generation, r.Value.Quality)
	}
	return tw.Flush()
}
