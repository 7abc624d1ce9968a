package extract

import (
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// TestTextErrorPosition: binary data given as text fails with the line
// and byte offset of its first control byte in the error's fields.
func TestTextErrorPosition(t *testing.T) {
	data := "第一行\n第二行" + strings.Repeat("\x00\x01", 20)
	_, err := readText([]byte(data), "")
	var le *layout.Error
	if !errors.As(err, &le) || !errors.Is(err, ErrUnsupported) {
		t.Fatalf("error %v: want a *layout.Error wrapping ErrUnsupported", err)
	}
	if le.Pos != (layout.Pos{Line: 2, Offset: len("第二行")}) {
		t.Errorf("Pos %+v, want line 2, offset %d", le.Pos, len("第二行"))
	}
	_, err = Parse(strings.NewReader(data), Options{Name: "x.txt", Format: FormatText})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 2 || pe.Offset != len("第二行") || !strings.Contains(err.Error(), "x.txt: line 2, byte 9:") {
		t.Errorf("Parse: %v (%+v)", err, pe)
	}
}
