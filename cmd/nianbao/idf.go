package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/segment"
)

func init() {
	register("idf", "rebuild the document frequencies that weigh keywords", func() command { return &idfCommand{} })
}

type idfCommand struct {
	stdout, stderr io.Writer
}

const idfUsage = `usage: nianbao idf [-db DSN] [-o FILE] [PATH...]

Counts in how many reports each word occurs (the document frequencies
that weigh the narrative keywords: a word in every report sinks, a rare
one rises) over the reports of a corpus (-db) or over report files and
directories (PATH...; one report per agency and year counted), and
writes the list. Keywords use the list compiled in (built from the
sample reports, few) unless NIANBAO_IDF names a file written by this
command:

  nianbao idf -db nianbao.db -o reports.df
  NIANBAO_IDF=reports.df nianbao ingest -db nianbao.db reports/

Flags:
  -db DSN   SQLite file or postgres:// URL (default $NIANBAO_DB or nianbao.db)
  -o FILE   write the list to FILE (default standard output)
`

func (c *idfCommand) Run(ctx context.Context, args []string) error {
	if c.stdout == nil {
		c.stdout = os.Stdout
	}
	if c.stderr == nil {
		c.stderr = os.Stderr
	}
	fs := flag.NewFlagSet("idf", flag.ContinueOnError)
	dsn := corpusDBFlag(fs)
	out := fs.String("o", "", "output file")
	if err := parseFlags(fs, idfUsage, args); err != nil {
		return err
	}
	seg, err := segment.Shared()
	if err != nil {
		return err
	}
	df := &segment.DF{}
	var from string
	if fs.NArg() > 0 {
		ins, err := extract.Inputs(fs.Args())
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, in := range ins {
			rec, err := extract.ParseFile(in.Path, extract.Options{Input: in})
			if err != nil {
				fmt.Fprintf(c.stderr, "nianbao idf: %v\n", err)
				continue
			}
			key := fmt.Sprintf("%s %d", rec.Meta.Agency, rec.Meta.Year)
			if seen[key] {
				continue
			}
			seen[key] = true
			df.AddDoc(seg.DocWords(rec))
		}
		from = "report files (" + strings.Join(fs.Args(), ", ") + ")"
	} else {
		db, _, err := openCorpus(ctx, *dsn, "", true)
		if err != nil {
			return err
		}
		defer db.Close()
		err = db.ReportSections(ctx, func(_ int64, _ string, _ int, secs []extract.Section) error {
			df.AddDoc(seg.DocWords(&extract.Record{Sections: secs}))
			return ctx.Err()
		})
		if err != nil {
			return err
		}
		from = "the corpus " + filepath.Base(*dsn)
		if strings.Contains(*dsn, "://") {
			from = "a PostgreSQL corpus"
		}
	}
	if df.Docs == 0 {
		return fmt.Errorf("no report to count")
	}
	df.Source = fmt.Sprintf("Document frequencies of words over %d reports of %s, written by nianbao idf on %s.",
		df.Docs, from, time.Now().UTC().Format("2006-01-02"))
	w := c.stdout
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			return err
		}
		w = f
	}
	if err := segment.WriteDF(w, df); err != nil {
		if f != nil {
			f.Close()
		}
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.stderr, "nianbao idf: %d reports, %d words\n", df.Docs, len(df.Count))
	return nil
}
