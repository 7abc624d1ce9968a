package corpus

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/nianbao/nianbao/extract"
)

// ExportOptions choose the export.
type ExportOptions struct {
	// Format is "csv" or "jsonl". Zero: csv.
	Format string
	// Wide writes one row per report with one column per comparison column
	// (Columns) and its quality; zero writes the tidy long table, one row
	// per cell or legacy row.
	Wide bool
	// NoBOM leaves out the UTF-8 byte order mark that CSV output starts
	// with by default (spreadsheets need it to read UTF-8; pandas and
	// readr skip it).
	NoBOM bool
	Filter
}

// LongHeader is the header of the long table.
var LongHeader = []string{"agency", "agency_key", "region", "code", "province", "city", "county", "agency_type", "year", "generation", "table", "cell_id", "value", "unit", "status",
	"cumulative", "field", "quality", "source"}

var wideHead = []string{"agency", "agency_key", "region", "code", "province", "city", "county", "agency_type", "year", "generation", "source"}

// WideHeader is the header of the wide table: the report columns, then
// each comparison column followed by its quality.
func WideHeader() []string {
	h := append([]string(nil), wideHead...)
	for _, f := range Columns() {
		h = append(h, f.ID, f.ID+".quality")
	}
	return h
}

// tableWriter writes rows under a header as CSV or JSON Lines (one
// object per row, keys in header order; the year is a number). CSV cells
// go through SpreadsheetSafe; JSON values are written as stored.
type tableWriter struct {
	header []string
	csv    *csv.Writer
	w      *bufio.Writer
}

func newTableWriter(w io.Writer, opt ExportOptions, header []string) (*tableWriter, error) {
	t := &tableWriter{header: header, w: bufio.NewWriterSize(w, 64<<10)}
	switch opt.Format {
	case "", "csv":
		if !opt.NoBOM {
			t.w.WriteString("\uFEFF")
		}
		t.csv = csv.NewWriter(t.w)
		return t, t.csv.Write(SpreadsheetSafeRow(append([]string(nil), header...)))
	case "jsonl":
		return t, nil
	}
	return nil, fmt.Errorf("corpus: unknown export format %q (csv or jsonl)", opt.Format)
}

func (t *tableWriter) row(vals []string) error {
	if t.csv != nil {
		return t.csv.Write(SpreadsheetSafeRow(vals))
	}
	t.w.WriteByte('{')
	for i, h := range t.header {
		if i > 0 {
			t.w.WriteByte(',')
		}
		k, _ := json.Marshal(h)
		t.w.Write(k)
		t.w.WriteByte(':')
		if h == "year" {
			t.w.WriteString(vals[i])
			continue
		}
		v, _ := json.Marshal(vals[i])
		t.w.Write(v)
	}
	_, err := t.w.WriteString("}\n")
	return err
}

func (t *tableWriter) flush() error {
	if t.csv != nil {
		t.csv.Flush()
		if err := t.csv.Error(); err != nil {
			return err
		}
	}
	return t.w.Flush()
}

// Export writes the corpus (the primary source of each report selected by
// opt.Filter) as the tidy long table or the wide table.
func (db *DB) Export(ctx context.Context, w io.Writer, opt ExportOptions) error {
	header := LongHeader
	if opt.Wide {
		header = WideHeader()
	}
	t, err := newTableWriter(w, opt, header)
	if err != nil {
		return err
	}
	reps, err := db.reports(ctx, opt.Filter)
	if err != nil {
		return err
	}
	for _, r := range reps {
		if err := ctx.Err(); err != nil {
			return err
		}
		v, cells, err := db.values(ctx, r)
		if err != nil {
			return err
		}
		y := strconv.Itoa(r.Year)
		who := []string{r.Agency, r.AgencyKey, r.Region, r.Code, r.Province, r.City, r.County, r.AgencyType, y, r.Generation}
		if opt.Wide {
			row := append(who[:len(who):len(who)], r.Source)
			for _, f := range Columns() {
				fv := f.value(v)
				row = append(row, tidy(fv), fv.Quality)
			}
			if err := t.row(row); err != nil {
				return err
			}
			continue
		}
		for _, c := range cells {
			field, q := cellQuality(r.Generation, c.ID)
			if err := t.row(append(who[:len(who):len(who)], c.Table, c.ID, c.Value, c.Unit, string(c.Status),
				"", field, q, r.Source)); err != nil {
				return err
			}
		}
		for _, l := range v.legacy {
			field, q := legacyColumn(l)
			if err := t.row(append(who[:len(who):len(who)], "legacy", l.Label, l.Year, l.Unit, string(l.Status),
				l.Cumulative, field, q, r.Source)); err != nil {
				return err
			}
		}
	}
	return t.flush()
}

// tidy renders a value the way the cells form does: the number, "" for
// blank, MISSING, AMBIGUOUS; "" where the generation has no such field.
func tidy(v Value) string {
	switch extract.Status(v.Status) {
	case extract.StatusOK:
		return v.Value
	case extract.StatusMissing:
		return "MISSING"
	case extract.StatusAmbiguous:
		return "AMBIGUOUS"
	}
	return ""
}
