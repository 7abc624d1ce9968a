package extract

import (
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// Contain makes a panic the file's *InternalError with the stack; a panic
// carried from a reader's goroutine (layout.Catch, layout.Raise) keeps the
// stack of the goroutine where it happened.
func TestContain(t *testing.T) {
	if err := Contain("a.pdf", func() {}); err != nil {
		t.Fatalf("no panic: %v", err)
	}
	err := Contain("a.pdf", func() { panic("boom") })
	var ie *InternalError
	if !errors.As(err, &ie) || ie.Path != "a.pdf" || ie.Value != "boom" || !strings.Contains(string(ie.Stack), "TestContain") {
		t.Fatalf("got %#v", err)
	}
	err = Contain("b.pdf", func() {
		var p *layout.Panic
		done := make(chan bool)
		go func() {
			defer close(done)
			defer layout.Catch(&p)
			pageWorker()
		}()
		<-done
		layout.Raise(p)
	})
	if !errors.As(err, &ie) || ie.Value != "page bug" || !strings.Contains(string(ie.Stack), "pageWorker") {
		t.Fatalf("carried panic: got %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "b.pdf: internal error") || !strings.Contains(msg, "pageWorker") {
		t.Errorf("message %q lacks the file or the stack", msg)
	}
}

func pageWorker() { panic("page bug") }
