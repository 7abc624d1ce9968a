package extract

import (
	"errors"
	"fmt"

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
