package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/corpus"
)

func init() {
	register("remove", "remove reports or sources from the corpus", func() command { return &removeCommand{} })
}

type removeCommand struct {
	stdout, stderr io.Writer
}

const removeUsage = `usage: nianbao remove [-db DSN] [-aliases FILE] [-json] [-quiet] -report ID[,ID...]
       nianbao remove [-db DSN] [-aliases FILE] [-json] [-quiet] -agency NAME -year YEAR
       nianbao remove [-db DSN] [-json] [-quiet] PATH|URL...

Remove from the corpus a report (by its id, as compare -json and serve
show it, or by agency and year: all its sources), or one source (by the
file path or URL it was ingested from: its report goes with its last
source, and otherwise takes its primary source from those left). Each
target is removed in one transaction with its cells, sections, narrative
and findings. Then the cross-year rules run again for the agencies
concerned: a table 二 run that a removed report settled as last year's
evidence is AMBIGUOUS again with its candidates, and the cross-year
findings that compared with it go.

A target that matches nothing is reported and the others are removed;
the exit status is then 1.

Flags:
  -db DSN        SQLite file or postgres:// URL (default $NIANBAO_DB or nianbao.db)
  -report IDS    report ids, comma-separated
  -agency NAME   with -year: that agency's report (as in compare -agency)
  -year YEAR     with -agency
  -aliases FILE  agency alias file (for -agency)
  -json          one JSON line per target on stdout
  -quiet         no summary on stderr

Examples:
  nianbao remove -report 12
  nianbao remove -agency 洪泽区人民政府 -year 2023
  nianbao remove reports/hongze-2023.pdf
  nianbao remove https://www.example.gov.cn/art/2024/1/30/art_1_1.html
`

func (c *removeCommand) Run(ctx context.Context, args []string) error {
	if c.stdout == nil {
		c.stdout, c.stderr = os.Stdout, os.Stderr
	}
	fs := flag.NewFlagSet("remove", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	dsn := corpusDBFlag(fs)
	reports := fs.String("report", "", "report ids, comma-separated")
	agency := fs.String("agency", "", "agency name")
	year := fs.Int("year", 0, "with -agency: the report's year")
	aliases := fs.String("aliases", "", "agency alias file")
	asJSON := fs.Bool("json", false, "one JSON line per target on stdout")
	quiet := fs.Bool("quiet", false, "no summary")
	if err := parseFlags(fs, removeUsage, args); err != nil {
		return err
	}
	var targets []corpus.Target
	if *reports != "" {
		for _, s := range strings.Split(*reports, ",") {
			id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil || id <= 0 {
				return &exitError{Code: 2, Err: fmt.Errorf("-report %q: not a report id", s)}
			}
			targets = append(targets, corpus.Target{Report: id})
		}
	}
	if (*agency == "") != (*year == 0) {
		return &exitError{Code: 2, Err: fmt.Errorf("-agency and -year go together")}
	}
	if *agency != "" {
		targets = append(targets, corpus.Target{Agency: *agency, Year: *year})
	}
	for _, a := range fs.Args() {
		targets = append(targets, corpus.Target{Source: a})
	}
	if len(targets) == 0 {
		fs.Usage()
		return &exitError{Code: 2}
	}
	g, err := openIngester(ctx, *dsn, *aliases)
	if err != nil {
		return err
	}
	defer g.DB.Close()
	rs, err := g.Remove(ctx, targets)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	missing := 0
	for _, r := range rs {
		if r.Err != nil {
			missing++
			fmt.Fprintf(c.stderr, "nianbao remove: %s: %v\n", r.Target, r.Err)
		}
		if *asJSON {
			enc.Encode(removedJSON(r))
			continue
		}
		if r.Err != nil {
			continue
		}
		what := fmt.Sprintf("%d source(s) of %s %d", len(r.Sources), r.Agency, r.Year)
		switch {
		case len(r.Reports) > 0 && len(r.Kept) == 0:
			what = fmt.Sprintf("report %s of %s %d (%d source(s))", joinIDs(r.Reports), r.Agency, r.Year, len(r.Sources))
		case len(r.Kept) > 0:
			what += fmt.Sprintf("; report %s kept on its other sources", joinIDs(r.Kept))
		}
		fmt.Fprintf(c.stdout, "removed %s\n", what)
		for _, s := range r.Sources {
			fmt.Fprintf(c.stdout, "  %s\n", s)
		}
	}
	if !*quiet {
		fmt.Fprintf(c.stderr, "%d of %d targets removed; cross-year rules run again for their agencies\n", len(rs)-missing, len(rs))
	}
	if missing > 0 {
		return &exitError{Code: 1, Err: fmt.Errorf("%d of %d targets matched nothing", missing, len(rs))}
	}
	return nil
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}

func removedJSON(r corpus.Removed) any {
	v := struct {
		Target  string   `json:"target"`
		Reports []int64  `json:"reports_removed"`
		Kept    []int64  `json:"reports_kept,omitempty"`
		Sources []string `json:"sources_removed"`
		Agency  string   `json:"agency,omitempty"`
		Year    int      `json:"year,omitempty"`
		Error   string   `json:"error,omitempty"`
		Missing bool     `json:"not_found,omitempty"`
	}{Target: r.Target.String(), Reports: r.Reports, Kept: r.Kept, Sources: r.Sources, Agency: r.Agency, Year: r.Year,
		Error: oneLine(r.Err), Missing: errors.Is(r.Err, corpus.ErrNotFound)}
	return v
}
