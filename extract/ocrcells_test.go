package extract_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/audit"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/pdfread"
)

// ocrdDocument reads a text PDF and dresses its table cells as OCR'd
// ones: confidence conf and a box; set changes a cell's text (label
// matched by its row's first cell, value by column from the right, 1 =
// last) and, with its confidence, simulates what the engine read.
func ocrdDocument(t *testing.T, pdf string, conf float64) *layout.Document {
	t.Helper()
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdfread.Read(bytes.NewReader(b), int64(len(b)), pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, bl := range doc.Blocks {
		if bl.Grid == nil {
			continue
		}
		for _, r := range bl.Grid.Rows {
			for k := range r {
				r[k].Conf = conf
				r[k].Pos.Box = [4]int{k * 100, 0, k*100 + 90, 40}
			}
		}
	}
	return doc
}

// setCell changes the text (and confidence) of the cell fromRight columns
// from the right of the table row whose cells' text contains label.
func setCell(t *testing.T, doc *layout.Document, label string, fromRight int, text string, conf float64) {
	t.Helper()
	for _, bl := range doc.Blocks {
		if bl.Grid == nil {
			continue
		}
		for _, r := range bl.Grid.Rows {
			for _, c := range r {
				if strings.Contains(c.Text, label) {
					r[len(r)-fromRight].Text, r[len(r)-fromRight].Conf = text, conf
					return
				}
			}
		}
	}
	t.Fatalf("no table row labelled %q", label)
}

// failing lists the failing sum-rule findings of a record by rule.
func failing(rec *extract.Record) map[string][]string {
	out := map[string][]string{}
	for _, f := range audit.Check(rec) {
		if f.Verdict == audit.VerdictFail {
			for _, c := range f.Cells {
				out[f.Rule] = append(out[f.Rule], c.ID)
			}
		}
	}
	return out
}

// TestOCRAuthorError: reports print arithmetic errors, and the audit must
// find them in a scan too. gen-pingtan-2020-print.pdf prints (七)总计 20
// and 21 where its rows add up to 26 and 27 (D2). Read as OCR'd cells
// with high confidence the printed values stay and D2 fails; a row made
// not to add up (予以公开 total 7 printed as 9) stays as printed when read
// surely (D1 fails, no digit is "corrected"), and is AMBIGUOUS between
// the printed 9 and the repair 7 only when that cell was read unsurely.
func TestOCRAuthorError(t *testing.T) {
	pdf := filepath.Join("..", "testdata", "reports", "gen-pingtan-2020-print.pdf")
	gold := goldLines(t, filepath.Join("..", "testdata", "reports", "gold", "gen-pingtan-2020-print.tsv"))
	want := map[string]string{}
	for _, l := range gold {
		k, v, _ := strings.Cut(l, "\t")
		want[k] = v
	}

	rec := extract.BuildDocument(ocrdDocument(t, pdf, 0.97), extract.FormatPDF)
	_, got := cellMaps(rec)
	for k, v := range want {
		if !strings.HasPrefix(k, "meta.") && got[k] != v {
			t.Errorf("sure reading: %s = %q, want %q as printed", k, got[k], v)
		}
	}
	if f := failing(rec); !strings.Contains(strings.Join(f["D2"], " "), "t3.results_total.natural_person") {
		t.Errorf("the printed D2 error is not found: failing rules %v", f)
	}

	doc := ocrdDocument(t, pdf, 0.97)
	setCell(t, doc, "予以公开", 1, "9", 0.97)
	rec = extract.BuildDocument(doc, extract.FormatPDF)
	byID, got := cellMaps(rec)
	if got["t3.granted.total"] != "9" || got["t3.granted.natural_person"] != "6" {
		t.Errorf("sure reading of a row that does not add up: total %q (%v), natural person %q; want 9 and 6 as printed",
			got["t3.granted.total"], byID["t3.granted.total"].Candidates, got["t3.granted.natural_person"])
	}
	if f := failing(rec); !strings.Contains(strings.Join(f["D1"], " "), "t3.granted.total") {
		t.Errorf("the row's D1 error is not found: failing rules %v", f)
	}

	doc = ocrdDocument(t, pdf, 0.97)
	setCell(t, doc, "予以公开", 1, "9", 0.6)
	rec = extract.BuildDocument(doc, extract.FormatPDF)
	byID, got = cellMaps(rec)
	if c := byID["t3.granted.total"]; got["t3.granted.total"] != "AMBIGUOUS" || !contains(c.Candidates, "9") || !contains(c.Candidates, "7") {
		t.Errorf("unsure reading: total %q %v, want AMBIGUOUS with 9 and 7", got["t3.granted.total"], c.Candidates)
	}
	if got["t3.granted.natural_person"] != "6" {
		t.Errorf("a cell read surely was changed: natural person %q, want 6", got["t3.granted.natural_person"])
	}
}
