package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func init() {
	register("search", "full-text search of the narrative", func() command { return &searchCommand{} })
}

type searchCommand struct {
	stdout io.Writer
}

const searchUsage = `usage: nianbao search [-db DSN] [-n N] [-json] WORDS...

Find the sentences of the reports' narrative that hold all the words.
Chinese has no spaces: the query is cut into words like the index was
(SQLite FTS5, PostgreSQL full-text search over the segmented text), so
"依申请公开答复" finds sentences with 依申请, 公开 and 答复. Prints the
agency, year, section and the matching sentence, newest year first.

Flags:
  -db DSN   SQLite file or postgres:// URL (default $NIANBAO_DB or nianbao.db)
  -n N      at most N sentences (default 50)
  -json     one JSON object per sentence on stdout

Examples:
  nianbao search 信息处理费
  nianbao search -n 10 行政复议 纠正
`

func (c *searchCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	dsn := corpusDBFlag(fs)
	n := fs.Int("n", 50, "at most N sentences")
	asJSON := fs.Bool("json", false, "JSON lines on stdout")
	if err := corpusFlags(fs, searchUsage, args); err != nil {
		return err
	}
	if c.stdout == nil {
		c.stdout = os.Stdout
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return &exitError{Code: 2}
	}
	cut, err := searchCutter()
	if err != nil {
		return err
	}
	db, _, err := openCorpus(ctx, *dsn, "", true)
	if err != nil {
		return err
	}
	defer db.Close()
	hits, err := db.Search(ctx, strings.Join(fs.Args(), " "), cut, *n)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	for _, h := range hits {
		if *asJSON {
			if err := enc.Encode(h); err != nil {
				return err
			}
			continue
		}
		if _, err := fmt.Fprintf(c.stdout, "%s %d §%d %s\n  %s\n  (%s)\n", h.Agency, h.Year, h.Section, h.Heading, h.Sentence, h.Source); err != nil {
			return err
		}
	}
	if len(hits) == 0 {
		return &exitError{Code: 1}
	}
	return nil
}
