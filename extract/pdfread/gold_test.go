package pdfread_test

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/pdfread"
	"github.com/nianbao/nianbao/extract/template"
)

// This file checks that every cell of a gold file can be found in the
// grids, the way the table mapper reads them: a row's label is the
// concatenation of its leading non-numeric cells, its values are its
// trailing cells.

var numCell = regexp.MustCompile(`^[-+]?[\d,]*\.?\d+(元|万元)?$`)

type gridRow struct {
	label string
	cells []layout.Cell
	table int
}

func rowsOf(doc *layout.Document) []gridRow {
	var out []gridRow
	for _, b := range doc.Blocks {
		if b.Grid == nil {
			continue
		}
		for _, r := range b.Grid.Rows {
			var lab strings.Builder
			for _, c := range r {
				if numCell.MatchString(c.Text) {
					break
				}
				lab.WriteString(c.Text)
			}
			out = append(out, gridRow{label: normLabel(lab.String()), cells: r, table: b.Pos.Table})
		}
	}
	return out
}

var itemSep = regexp.MustCompile(`(\d)\s*[、．]`)

func normLabel(s string) string {
	s = strings.NewReplacer(" ", "", "\u3000", "", "(", "（", ")", "）", "\"", "", "“", "", "”", "").Replace(s)
	return itemSep.ReplaceAllString(s, "$1.")
}

// labelPieces splits a template row label into the pieces a grid label
// must contain: "（三）不予公开 1.属于国家秘密" → 【（三）不予公开, 1.属于国家秘密】.
func labelPieces(s string) []string {
	var out []string
	for _, p := range strings.Fields(s) {
		p = normLabel(p)
		// "（三）2.其他…": the group marker and the item separately
		if i := strings.Index(p, "）"); i > 0 && i+len("）") < len(p) && p[i+len("）")] >= '0' && p[i+len("）")] <= '9' {
			out = append(out, p[:i+len("）")], p[i+len("）"):])
			continue
		}
		out = append(out, p)
	}
	return out
}

func readGold(t *testing.T, path string) (gen string, vals map[string]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	vals = map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, _ := strings.Cut(line, "\t")
		if k == "meta.generation" {
			gen = v
		}
		vals[k] = v
	}
	return gen, vals
}

type readFunc func(io.ReaderAt, int64, pdfread.Options) (*layout.Document, error)

func readFile(t testing.TB, path string, opt pdfread.Options) (*layout.Document, error) {
	t.Helper()
	return readWith(t, path, pdfread.Read, opt)
}

func readWith(t testing.TB, path string, read readFunc, opt pdfread.Options) (*layout.Document, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return read(f, st.Size(), opt)
}

// checkGold reads pdf and compares every template row of tables 二, 三
// and 四 that the gold file lists.
func checkGold(t *testing.T, pdf, gold string, read readFunc) {
	doc, err := readWith(t, pdf, read, pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatalf("%s: %v", pdf, err)
	}
	gen, want := readGold(t, gold)
	rows := rowsOf(doc)
	for _, tr := range template.Rows(gen) {
		if _, ok := want[tr.Cells[0].ID]; !ok {
			continue
		}
		n := len(tr.Cells)
		var got []layout.Cell
		if tr.Table == "四" {
			// one row of 15 values; its label is empty
			for _, r := range rows {
				if len(r.cells) >= 15 && numCell.MatchString(r.cells[len(r.cells)-1].Text) {
					got = r.cells[len(r.cells)-15:]
					// the mapper knows table 四 by its header: it must be
					// in the same grid
					if !gridHas(rows, r.table, "维持") {
						t.Errorf("%s: table 四 grid %d has no header", filepath.Base(pdf), r.table)
					}
					break
				}
			}
			off := 0
			for _, r := range template.Rows(gen) {
				if r.Key == tr.Key {
					break
				}
				if r.Table == "四" {
					off += len(r.Cells)
				}
			}
			if got != nil {
				got = got[off : off+n]
			}
		} else {
			pieces := labelPieces(tr.Label)
		rowLoop:
			for _, r := range rows {
				for _, p := range pieces {
					if !strings.Contains(r.label, p) {
						continue rowLoop
					}
				}
				if len(r.cells) < n || !hasNumber(r.cells[len(r.cells)-n:]) {
					continue
				}
				got = r.cells[len(r.cells)-n:]
				break
			}
		}
		if got == nil {
			t.Errorf("%s: no grid row for %s %q", filepath.Base(pdf), tr.Key, tr.Label)
			continue
		}
		for i, c := range tr.Cells {
			w := want[c.ID]
			g := strings.TrimSuffix(strings.ReplaceAll(got[i].Text, ",", ""), "元")
			if g != w {
				t.Errorf("%s: %s = %q, gold %q (at %v)", filepath.Base(pdf), c.ID, got[i].Text, w, got[i].Pos)
			}
		}
	}
}

func gridHas(rows []gridRow, table int, text string) bool {
	for _, r := range rows {
		if r.table != table {
			continue
		}
		for _, c := range r.cells {
			if strings.Contains(c.Text, text) {
				return true
			}
		}
	}
	return false
}

func hasNumber(cs []layout.Cell) bool {
	for _, c := range cs {
		if numCell.MatchString(c.Text) {
			return true
		}
	}
	return false
}

func TestGold(t *testing.T) {
	cases := []struct{ pdf, gold string }{
		{"huaian-2024.pdf", "huaian-2024.tsv"},
	}
	gen, _ := filepath.Glob("../../testdata/reports/gen-*.pdf")
	for _, g := range gen {
		base := strings.TrimSuffix(filepath.Base(g), ".pdf")
		cases = append(cases, struct{ pdf, gold string }{base + ".pdf", base + ".tsv"})
	}
	_, noPdftotext := exec.LookPath("pdftotext")
	for _, c := range cases {
		pdf, gold := "../../testdata/reports/"+c.pdf, "../../testdata/reports/gold/"+c.gold
		t.Run(c.pdf, func(t *testing.T) { checkGold(t, pdf, gold, pdfread.Read) })
		// the fallback must give the same cells
		t.Run(c.pdf+"/pdftotext", func(t *testing.T) {
			if noPdftotext != nil {
				t.Skip("pdftotext not installed")
			}
			checkGold(t, pdf, gold, pdfread.ReadPdftotext)
		})
	}
}
