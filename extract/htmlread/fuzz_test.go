package htmlread

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
)

// FuzzRead checks that no input panics, that every error is a
// *layout.Error wrapping a sentinel and prints, and that a document
// keeps its invariants: valid UTF-8, trimmed non-empty paragraphs,
// grids whose origin cells sit where their positions say.
func FuzzRead(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(reports, "*.html"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<table><tr><td rowspan=0 colspan=3>政府信息公开</td></tr><tr></tr><tr><td colspan=2>1</td></tr></table>`))
	f.Add([]byte("\xEF\xBB\xBF<meta charset=gbk><p>\xff\xfe</p>"))
	f.Add([]byte("\xFF\xFE<\x00p\x00>\x00"))
	sentinels := []error{layout.ErrEmpty, layout.ErrTooLarge, layout.ErrUnsupported, layout.ErrNotReport, layout.ErrCorrupt}
	f.Fuzz(func(t *testing.T, in []byte) {
		doc, err := Read(bytes.NewReader(in), Options{MaxDepth: 64})
		if err != nil {
			var le *layout.Error
			if !errors.As(err, &le) || err.Error() == "" {
				t.Fatalf("error %T %q is not a *layout.Error", err, err)
			}
			known := false
			for _, s := range sentinels {
				known = known || errors.Is(err, s)
			}
			if !known {
				t.Fatalf("error %q wraps no sentinel", err)
			}
			return
		}
		for i, b := range doc.Blocks {
			if b.Grid == nil {
				if b.Text == "" || b.Text != strings.TrimSpace(b.Text) || !utf8.ValidString(b.Text) {
					t.Fatalf("block %d: text %q", i, b.Text)
				}
				continue
			}
			for r, row := range b.Grid.Rows {
				if len(row) == 0 {
					t.Fatalf("table %d row %d empty", b.Pos.Table, r+1)
				}
				for c, cell := range row {
					if !cell.Spanned && (cell.Pos.Row != r+1 || cell.Pos.Col != c+1) {
						t.Fatalf("table %d row %d col %d: origin cell at %v", b.Pos.Table, r+1, c+1, cell.Pos)
					}
					if !utf8.ValidString(cell.Text) || cell.Text != strings.TrimSpace(cell.Text) {
						t.Fatalf("cell %v: %q", cell.Pos, cell.Text)
					}
				}
			}
		}
	})
}
