package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/nianbao/nianbao/corpus"
)

func init() {
	register("export", "export the corpus as CSV or JSON Lines (long or wide)", func() command { return &exportCommand{} })
}

type exportCommand struct {
	stdout io.Writer
}

const exportUsage = `usage: nianbao export [-db DSN] [-format csv|jsonl] [-wide] [-agency NAME] [-region CODE] [-years 2019-2025] [-o FILE]

Write the corpus (each report's primary source) for pandas, R or a
spreadsheet, UTF-8 with a header row.

  long (default): the tidy table, one row per cell or pre-2019 table row:
    agency, agency_key, region, code, province, city, county, agency_type,
    year, generation, table, cell_id, value,
    unit, status (ok/blank/missing/ambiguous), cumulative (pre-2019),
    field and quality: the comparison column the value gives and how well
    it compares across generations (exact / approx / incomparable).
  -wide: one row per report, one column per comparison column (the cells of
    cells.tsv, fmt2019 and fmt2021 mapped onto each other, and sums such as
    t3.denied.total), each followed by FIELD.quality. Values are as in the
    cells form: the number, "" for blank, MISSING, AMBIGUOUS.

CSV text cells that begin with = + - @, a tab or a carriage return get a
leading ' so that spreadsheets do not run them as formulas (numbers such
as -15 stay numbers). CSV starts with a UTF-8 byte order mark so that spreadsheets read the
Chinese text (pandas and readr skip it); -nobom leaves it out.

Flags:
  -db DSN        SQLite file or postgres:// URL (default $NIANBAO_DB or nianbao.db)
  -format F      csv (default) or jsonl
  -wide          one row per report
  -agency NAME   only this agency
  -region CODE   only the reports of this division and the divisions within it
                 (GB/T 2260 code: 320000 a province, 320800 a city, 320813 a county)
  -years RANGE   only these years, e.g. 2019-2025
  -aliases FILE  agency alias file
  -o FILE        write to FILE instead of stdout
  -nobom         no byte order mark in CSV

Examples:
  nianbao export > cells.csv
  nianbao export -wide -years 2021-2024 -o wide.csv
  nianbao export -format jsonl -agency 平潭综合实验区
  nianbao export -wide -region 320800 -o huaian.csv
`

func (c *exportCommand) Run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	dsn := corpusDBFlag(fs)
	var opt corpus.ExportOptions
	fs.StringVar(&opt.Format, "format", "csv", "csv or jsonl")
	fs.BoolVar(&opt.Wide, "wide", false, "one row per report")
	fs.BoolVar(&opt.NoBOM, "nobom", false, "no byte order mark in CSV")
	agency := fs.String("agency", "", "only this agency")
	years := fs.String("years", "", "only these years")
	fs.StringVar(&opt.Region, "region", "", "only this division's tree (GB/T 2260 code)")
	aliases := fs.String("aliases", "", "agency alias file")
	out := fs.String("o", "", "output file")
	if err := parseFlags(fs, exportUsage, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return &exitError{Code: 2}
	}
	if opt.Format != "csv" && opt.Format != "jsonl" {
		return &exitError{Code: 2, Err: fmt.Errorf("unknown -format %q (csv or jsonl)", opt.Format)}
	}
	var err error
	if opt.From, opt.To, err = parseYears(*years); err != nil {
		return err
	}
	if err := checkRegion(opt.Region); err != nil {
		return err
	}
	db, ag, err := openCorpus(ctx, *dsn, *aliases, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if *agency != "" {
		if opt.AgencyKey, err = db.ResolveAgency(ctx, ag, *agency); err != nil {
			return err
		}
	}
	w := c.stdout
	if w == nil {
		w = os.Stdout
	}
	if *out != "" {
		return writeFileAtomic(*out, func(w io.Writer) error { return db.Export(ctx, w, opt) })
	}
	return db.Export(ctx, w, opt)
}

// writeFileAtomic writes path through a temporary file in the same folder,
// synced and renamed over path only when write and every flush succeeded:
// a full disk, an error or an interrupt leaves path as it was (no empty or
// half file), and the temporary file is removed.
// A path that is not a regular file (/dev/stdout, a pipe) is written
// directly.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			bw := bufio.NewWriter(f)
			if err := write(bw); err != nil {
				f.Close()
				return err
			}
			if err := bw.Flush(); err != nil {
				f.Close()
				return err
			}
			return f.Close()
		}
		mode = st.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 256<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Chmod(f.Name(), mode); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
