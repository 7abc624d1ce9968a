package htmlread

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nianbao/nianbao/extract/layout"
)

// render writes a document one block per line: the metadata, then
// "P<paragraph> L<line>: text" and "T<table> L<line>" with one line per
// row, cells joined by " | ", a Spanned copy marked "*row.col" of its
// origin.
func render(doc *layout.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "reader: %s\ntitle: %s\npublished: %s (%s)\n", doc.Reader, doc.Title, doc.Published, layout.Located(doc.PublishedFrom, doc.PublishedPos))
	for _, n := range doc.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	for _, bl := range doc.Blocks {
		if bl.Grid == nil {
			fmt.Fprintf(&b, "P%d L%d: %s\n", bl.Pos.Paragraph, bl.Pos.Line, bl.Text)
			continue
		}
		fmt.Fprintf(&b, "T%d L%d\n", bl.Pos.Table, bl.Pos.Line)
		for _, row := range bl.Grid.Rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = c.Text
				if c.Spanned {
					cells[i] += fmt.Sprintf("*%d.%d", c.Pos.Row, c.Pos.Col)
				}
			}
			fmt.Fprintf(&b, "  %s\n", strings.Join(cells, " | "))
		}
	}
	return b.String()
}

// TestGolden compares the whole document of each sample page with
// testdata/<page>.golden; go test -update rewrites the golden files, for
// review in the git diff.
func TestGolden(t *testing.T) {
	for _, s := range samples {
		t.Run(s.file, func(t *testing.T) {
			got := render(readFile(t, s.file))
			path := filepath.Join("testdata", strings.TrimSuffix(s.file, ".html")+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -run TestGolden -update writes it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s (-golden +got):\n%s", path, diff)
			}
		})
	}
}
