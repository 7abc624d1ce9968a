package extract

import (
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/nianbao/nianbao/extract/layout"
)

// Re-exported reader errors, for errors.Is on a *ParseError.
var (
	ErrEmpty       = layout.ErrEmpty
	ErrEncrypted   = layout.ErrEncrypted
	ErrImageOnly   = layout.ErrImageOnly
	ErrGarbledText = layout.ErrGarbledText
	ErrCorrupt     = layout.ErrCorrupt
	ErrTooLarge    = layout.ErrTooLarge
	ErrUnsupported = layout.ErrUnsupported
	ErrNotReport   = layout.ErrNotReport
	ErrTimeout     = layout.ErrTimeout
)

// ParseError is the error Parse returns: the file, where known the
// position (the reader's *layout.Error position: page, line, paragraph,
// table/row/col, byte offset), and the underlying error (which wraps one
// of the sentinel errors above where one applies).
type ParseError struct {
	File string // as given in Options.Name; "-" for stdin
	layout.Pos
	Err error
}

func (e *ParseError) Error() string {
	name := e.File
	if name == "" {
		name = "<input>"
	}
	var le *layout.Error
	if errors.As(e.Err, &le) {
		// the reader already says where
		return fmt.Sprintf("%s: %v", name, e.Err)
	}
	switch {
	case e.Pos == (layout.Pos{Line: e.Line}) && e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", name, e.Line, e.Err)
	case e.Pos != (layout.Pos{}):
		return fmt.Sprintf("%s: %s: %v", name, e.Pos.Where(), e.Err)
	}
	return fmt.Sprintf("%s: %v", name, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

func wrapErr(name string, err error) error {
	if err == nil {
		return nil
	}
	var pe *ParseError
	if errors.As(err, &pe) {
		return err
	}
	out := &ParseError{File: name, Err: err}
	var le *layout.Error
	if errors.As(err, &le) {
		out.Pos = le.Pos
	}
	return out
}

// InternalError is a panic in nianbao's own code while one file was
// processed: a bug. Contain makes it that file's error, with the stack to
// report.
type InternalError struct {
	Path  string
	Value any    // what was passed to panic
	Stack []byte // where it happened
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("%s: internal error (a bug in nianbao, please report it with this file): %v\n%s", e.Path, e.Value, e.Stack)
}

// Contain runs f, a batch's work on the file path, and returns a panic in
// it as an *InternalError, so that one file never stops a batch and the
// files already done are kept. It is the one place where nianbao recovers a
// panic of its own code: the batch drivers call it (nianbao parse and
// audit, corpus ingest, the web application's upload check); parsers do
// not (the fuzzers must see their panics), and the goroutines a reader
// starts carry a panic back to their caller (layout.Catch) for Contain to
// see. Calls into libraries known to panic on bad input are guarded where
// they are made (ledongthuc/pdf in pdfread, gojieba's loader in segment).
func Contain(path string, f func()) (err error) {
	defer func() {
		if v := recover(); v != nil {
			stack := debug.Stack()
			if p, ok := v.(*layout.Panic); ok {
				v, stack = p.Value, p.Stack
			}
			err = &InternalError{Path: path, Value: v, Stack: stack}
		}
	}()
	f()
	return nil
}
