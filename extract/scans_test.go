package extract

import (
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// TestMergePagesNotes: once a textless page is read by OCR, the text
// reader's "page skipped" note for that page (the page in its Pos) goes,
// the notes on other pages stay with their positions, and the OCR
// reader's notes follow; build turns each note into a READER_NOTE warning
// whose Pos is the note's and whose message does not repeat it.
func TestMergePagesNotes(t *testing.T) {
	text := &layout.Document{Reader: "ledongthuc/pdf", Pages: 3, Textless: []int{2},
		Notes: []layout.Note{
			{Pos: layout.Pos{Page: 2}, Text: layout.ErrGarbledText.Error() + "; page skipped"},
			{Pos: layout.Pos{Page: 3}, Text: layout.ErrGarbledText.Error() + "; page skipped"},
			{Pos: layout.Pos{Page: 1}, Text: "font F1: 2 character codes have no Unicode text; dropped"},
		}}
	scan := &layout.Document{Reader: "tesseract", Notes: []layout.Note{{Pos: layout.Pos{Page: 2}, Text: "OCR: turned 1.50° straight"}}}
	out := mergePages(text, scan)
	want := []layout.Note{
		text.Notes[1], // page 3 was not OCR'd: still skipped
		text.Notes[2],
		{Text: "page 2 read by OCR (no usable text)"},
		scan.Notes[0],
	}
	if len(out.Notes) != len(want) {
		t.Fatalf("notes %+v, want %+v", out.Notes, want)
	}
	for i := range want {
		if out.Notes[i] != want[i] {
			t.Errorf("note %d: %+v, want %+v", i, out.Notes[i], want[i])
		}
	}

	rec := build(out, FormatPDF)
	var got []Warning
	for _, w := range rec.Warnings {
		if w.Code == "READER_NOTE" {
			got = append(got, w)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("READER_NOTE warnings %+v", got)
	}
	for i, w := range got {
		if w.Pos != want[i].Pos || w.Message != want[i].Text {
			t.Errorf("warning %d: %+v, want pos %+v, message %q", i, w, want[i].Pos, want[i].Text)
		}
	}
}
