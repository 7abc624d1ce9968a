package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/corpus"
)

func init() {
	register("search", "full-text search of the narrative", func() command { return &searchCommand{} })
}

type searchCommand struct {
	stdout io.Writer
}

const searchUsage = `usage: nianbao search [-db DSN] [-n N] [-json] [-kind KIND] WORDS...

Find the sentences of the reports' narrative that hold all the words.
Chinese has no spaces: the query is cut into words like the index was
(SQLite FTS5, PostgreSQL full-text search over the segmented text), so
"依申请公开答复" finds sentences with 依申请, 公开 and 答复. Prints the
agency, year, section and the matching sentence, newest year first.

With -kind, searches the narrative fields that segment tagged at ingest
instead: the fields of that kind whose text holds every word as written
(a substring, not cut into words), e.g. every report whose problems
(section 五) mention 答复文书规范性. Kinds: problem, measure, keyword,
agency, place, channel, quantity, date, year. With no words, lists every
field of the kind.

Flags:
  -db DSN     SQLite file or postgres:// URL (default $NIANBAO_DB or nianbao.db)
  -n N        at most N sentences or fields (default 50)
  -json       one JSON object per sentence or field on stdout
  -kind KIND  search the tagged fields of this kind

Examples:
  nianbao search 信息处理费
  nianbao search -n 10 行政复议 纠正
  nianbao search -kind problem 答复文书规范性
  nianbao search -kind keyword 政务新媒体
`

func (c *searchCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	dsn := corpusDBFlag(fs)
	n := fs.Int("n", 50, "at most N sentences")
	asJSON := fs.Bool("json", false, "JSON lines on stdout")
	kind := fs.String("kind", "", "search the tagged fields of this kind")
	if err := parseFlags(fs, searchUsage, args); err != nil {
		return err
	}
	if c.stdout == nil {
		c.stdout = os.Stdout
	}
	if *kind != "" {
		if !slices.Contains(corpus.FieldKinds, *kind) {
			fmt.Fprintf(os.Stderr, "nianbao search: unknown kind %q (one of %s)\n", *kind, strings.Join(corpus.FieldKinds, ", "))
			return &exitError{Code: 2}
		}
		return c.fields(ctx, *dsn, *kind, strings.Join(fs.Args(), " "), *n, *asJSON)
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

// fields prints the tagged fields of kind that hold the query's words.
func (c *searchCommand) fields(ctx context.Context, dsn, kind, query string, n int, asJSON bool) error {
	db, _, err := openCorpus(ctx, dsn, "", true)
	if err != nil {
		return err
	}
	defer db.Close()
	hits, err := db.SearchFields(ctx, kind, query, n)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	for _, h := range hits {
		if asJSON {
			if err := enc.Encode(h); err != nil {
				return err
			}
			continue
		}
		label := h.Kind
		if h.Subject != "" {
			label += " " + h.Subject
		}
		if _, err := fmt.Fprintf(c.stdout, "%s %d §%d %s\n  %s\n  (%s)\n", h.Agency, h.Year, h.Section, label, h.Text, h.Source); err != nil {
			return err
		}
	}
	if len(hits) == 0 {
		return &exitError{Code: 1}
	}
	return nil
}
