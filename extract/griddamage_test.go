package extract_test

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
)

// gridBases are gold reports whose tables reach the aligner as grids:
// web pages, Word files and PDFs.
var gridBases = []string{
	"huaian-2024.pdf", "gen-huaian-2024-break.pdf", "gen-pingtan-2021-print.pdf", "gen-pingtan-2020-print.pdf",
	"pingtan-2020-page.html", "pingtan-2021-page.html", "pingtan-2022-page.html", "pingtan-2022-web.html", "huaian-2024-word.html",
	"gen-huaian-2024-word.docx",
}

// damageGrid damages the label cells of every grid row that has values:
// a cell spanning rows is one printed label, damaged once.
func damageGrid(doc *layout.Document, rng *rand.Rand) {
	done := map[layout.Pos]string{}
	for _, bl := range doc.Blocks {
		if bl.Grid == nil {
			continue
		}
		for _, row := range bl.Grid.Rows {
			hasValue := false
			for _, c := range row {
				hasValue = hasValue || isNumberCell(strings.TrimSpace(c.Text))
			}
			if !hasValue {
				continue
			}
			for i := range row {
				c := &row[i]
				t := strings.TrimSpace(c.Text)
				if !isLabelCell(t) {
					continue
				}
				if d, ok := done[c.Pos]; ok {
					c.Text = d
					continue
				}
				c.Text = damage(t, rng)
				done[c.Pos] = c.Text
			}
		}
	}
}

// isLabelCell: a cell with words (Han characters other than a unit after
// a number).
func isLabelCell(s string) bool {
	s = strings.TrimRight(s, "万元件条个项")
	return strings.IndexFunc(s, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) >= 0
}

func parseGridVariant(t *testing.T, name string, edit func(*layout.Document)) *extract.Record {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "reports", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, kind, err := extract.ReadDocument(data, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	edit(doc)
	return extract.BuildDocument(doc, kind)
}

// TestGridLabelDamage: every label cell of the tables of a gold web page,
// Word file or PDF damaged (one or two characters dropped, swapped or
// replaced, junk glued before) still gives every cell the undamaged
// report gives. With -heldout or -heldout2 it scores those seeds instead:
//
//	go test ./extract -run TestGridLabelDamage -heldout -v
func TestGridLabelDamage(t *testing.T) {
	seeds := variantSeeds(20)
	var all variantScore
	for _, name := range gridBases {
		g := readGold(t, filepath.Join(goldDir, strings.TrimSuffix(name, filepath.Ext(name))+".tsv"))
		clean := parseGridVariant(t, name, func(*layout.Document) {})
		all.add(scoreDamaged(t, name, g, clean, seeds, func(rng *rand.Rand) *extract.Record {
			return parseGridVariant(t, name, func(d *layout.Document) { damageGrid(d, rng) })
		}))
	}
	t.Logf("damaged grids (%d seeds): %v", len(seeds), all)
}

// TestGridRowRemoved: a web page or PDF with one table row removed from
// its grid gives MISSING for exactly that row's cells, every other cell
// as before.
func TestGridRowRemoved(t *testing.T) {
	for _, name := range []string{"huaian-2024.pdf", "pingtan-2022-page.html"} {
		g := readGold(t, filepath.Join(goldDir, strings.TrimSuffix(name, filepath.Ext(name))+".tsv"))
		for k := 0; ; k++ {
			removed := ""
			rec := parseGridVariant(t, name, func(d *layout.Document) { removed = removeGridRow(d, k) })
			if removed == "" {
				if k < 20 {
					t.Errorf("%s: only %d rows to remove", name, k)
				}
				break
			}
			rows := map[string]bool{}
			missing := 0
			for _, c := range rec.Cells {
				if c.Status == extract.StatusMissing {
					rows[c.ID[:strings.LastIndexByte(c.ID, '.')]] = true
					missing++
				}
			}
			_, bad := scoreCells(t, rec, g)
			if len(rows) != 1 || len(bad) != missing {
				t.Errorf("%s without row %q: missing rows %v, differing cells:\n%s", name, removed, rows, strings.Join(bad, "\n"))
			}
		}
	}
}

// removeGridRow removes the k-th grid row that has a label and values
// from tables 二 and 三 (table 四 has no row labels) and returns its
// text, or "" when there are fewer.
func removeGridRow(doc *layout.Document, k int) string {
	for _, bl := range doc.Blocks {
		if bl.Grid == nil {
			continue
		}
		for i, row := range bl.Grid.Rows {
			label, values := "", 0
			for _, c := range row {
				t := strings.TrimSpace(c.Text)
				switch {
				case isLabelCell(t):
					label += t + " "
				case isNumberCell(t):
					values++
				}
			}
			if label == "" || values == 0 || strings.Contains(label, "结果维持") {
				continue
			}
			if k--; k < 0 {
				bl.Grid.Rows = append(bl.Grid.Rows[:i:i], bl.Grid.Rows[i+1:]...)
				return label
			}
		}
	}
	return ""
}
