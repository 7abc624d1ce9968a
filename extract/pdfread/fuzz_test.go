package pdfread_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/pdfread"
)

// FuzzRead feeds damaged PDFs to Read: it must not panic, must return a
// document or a *layout.Error within its timeout, and the document must
// render. The seeds are whole reports (up to 400 KB): minimising a new
// input takes long, so run it with a short minimise time:
//
//	go test ./extract/pdfread -run '^$' -fuzz FuzzRead -fuzztime 20s -fuzzminimizetime 5s
func FuzzRead(f *testing.F) {
	seeds := hardPDFs(f)
	reports, _ := filepath.Glob("../../testdata/reports/*.pdf")
	for _, p := range append(seeds, reports...) {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) > 1<<20 { // the deep-nesting files: too slow to mutate
			continue
		}
		f.Add(b)
	}
	for _, fx := range fontFixtures() { // the font decoders
		f.Add(fx.build())
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		start := time.Now()
		doc, err := pdfread.Read(bytes.NewReader(b), int64(len(b)), pdfread.Options{NoFallback: true, Timeout: 5 * time.Second})
		if d := time.Since(start); d > 8*time.Second {
			t.Fatalf("returned after %v, past its 5 s timeout: %v", d, err)
		}
		if err != nil {
			var le *layout.Error
			if !errors.As(err, &le) {
				t.Fatalf("error %T is not a *layout.Error: %v", err, err)
			}
			_ = err.Error()
			return
		}
		if doc == nil {
			t.Fatal("nil document, nil error")
		}
		_ = doc.Text()
		for _, bl := range doc.Blocks {
			if bl.Grid == nil {
				continue
			}
			if len(bl.Grid.Rows) == 0 {
				t.Fatal("empty grid")
			}
			// every row has a cell for every column, in the grid's table
			for _, r := range bl.Grid.Rows {
				if len(r) != len(bl.Grid.Rows[0]) {
					t.Fatalf("ragged grid: %d and %d cells", len(r), len(bl.Grid.Rows[0]))
				}
				for _, c := range r {
					if c.Pos.Table != bl.Pos.Table || c.Pos.Page == 0 {
						t.Fatalf("cell %q at %v in table %d", c.Text, c.Pos, bl.Pos.Table)
					}
				}
			}
		}
	})
}
