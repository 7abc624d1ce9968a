package pdfread_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/pdfread"
)

// TestLibraryPanic: ledongthuc/pdf panics on a stream with an unknown
// filter; the page's error is a *PanicError that keeps the stack, and the
// other pages are read.
func TestLibraryPanic(t *testing.T) {
	w := newPDFWriter()
	ids := newGlyphIDs()
	content, rev := horizontalLine(w, ids, fixtureText, 72, 760)
	h := w.type0Font("SimSun", "Identity-H", "Identity", "", toUnicodeCMap(rev))
	bad := w.stream("/Filter/NoSuchDecode", "garbage")
	w.pages = append(w.pages, w.add(fmt.Sprintf("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents %d 0 R>>", bad)))
	w.page(content, map[string]int{"H": h})
	data := w.bytes()
	doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Notes) != 1 || doc.Notes[0].Pos != (layout.Pos{Page: 1}) || !strings.Contains(doc.Notes[0].Text, "ledongthuc/pdf panicked: unknown filter NoSuchDecode") {
		t.Errorf("notes %q", layout.NoteStrings(doc.Notes))
	}
	if !strings.Contains(squeeze(doc.Text()), fixtureText) {
		t.Errorf("page 2 not read: %q", doc.Text())
	}

	// the bad page alone: the error wraps the *PanicError
	w.pages = w.pages[:1]
	data = w.bytes()
	_, err = pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: true})
	var pe *pdfread.PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v does not wrap a *PanicError", err)
	}
	if !bytes.Contains(pe.Stack, []byte("github.com/ledongthuc/pdf")) {
		t.Errorf("stack does not show ledongthuc:\n%s", pe.Stack)
	}
	// the page is in the error's fields, not only in its message
	var le *layout.Error
	if !errors.As(err, &le) || le.Page != 1 {
		t.Errorf("error %v: want a *layout.Error with Page 1", err)
	}
}
