package ocr

import (
	"errors"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// TestAssembleNotesAndErrors: a page's note (how it was straightened)
// carries the page number in its Pos, not in its text, and a failed page
// fails the document with its page in the error's fields. No OCR engine
// is needed: assemble only joins the pages' results.
func TestAssembleNotesAndErrors(t *testing.T) {
	pages := []Page{{Number: 3}, {Number: 7}}
	grid := &layout.Grid{Rows: [][]layout.Cell{{{Text: "收到申请数"}, {Text: "12"}}}}
	res := []pageResult{
		{blocks: []layout.Block{{Text: "一、总体情况", Pos: layout.Pos{Page: 3}}}},
		{note: "OCR: turned 1.50° straight", blocks: []layout.Block{{Grid: grid, Pos: layout.Pos{Page: 7}}}},
	}
	doc, err := assemble("tesseract", pages, res)
	if err != nil {
		t.Fatal(err)
	}
	want := layout.Note{Pos: layout.Pos{Page: 7}, Text: "OCR: turned 1.50° straight"}
	if len(doc.Notes) != 1 || doc.Notes[0] != want {
		t.Fatalf("notes %+v, want [%+v]", doc.Notes, want)
	}
	if got := doc.Notes[0].String(); got != "page 7: OCR: turned 1.50° straight" {
		t.Errorf("note renders as %q", got)
	}
	if doc.Pages != 2 || len(doc.Blocks) != 2 || doc.Blocks[1].Pos.Table != 1 || grid.Rows[0][1].Pos.Table != 1 {
		t.Errorf("pages %d, blocks %+v", doc.Pages, doc.Blocks)
	}

	boom := errors.New("tesseract exited 1")
	res[1] = pageResult{err: boom}
	_, err = assemble("tesseract", pages, res)
	var le *layout.Error
	if !errors.As(err, &le) || le.Page != 7 || !errors.Is(err, boom) {
		t.Errorf("error %v, want a *layout.Error on page 7 wrapping %v", err, boom)
	}
}
