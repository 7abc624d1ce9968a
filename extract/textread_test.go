package extract

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

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

// TestTextEncodingsAndEndings: every text sample read from GB18030 (with
// "\n", "\r\n" or a lone "\r" between lines) and from UTF-16 gives the
// cells, values and evidence lines of its UTF-8 original (with -heldout,
// other variants: UTF-16BE, GBK, a UTF-8 byte-order mark, mixed line
// ends). A GB18030 text
// over 8 KiB was once refused as binary when the sniffed head cut a
// character.
func TestTextEncodingsAndEndings(t *testing.T) {
	files, _ := filepath.Glob("../testdata/reports/*.txt")
	if len(files) < 5 {
		t.Fatalf("%d text samples", len(files))
	}
	type variant struct {
		name string
		enc  func(string) ([]byte, error)
		eol  string
	}
	gb := func(s string) ([]byte, error) { return simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s)) }
	u16 := func(s string) ([]byte, error) {
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	}
	variants := []variant{{"gb18030-lf", gb, "\n"}, {"gb18030-crlf", gb, "\r\n"}, {"gb18030-cr", gb, "\r"}, {"utf16-cr", u16, "\r"}}
	// -heldout is declared by variants_test.go (package extract_test)
	if f := flag.Lookup("heldout"); f != nil && f.Value.String() == "true" {
		// never tuned on: big-endian UTF-16, GBK, a UTF-8 byte-order mark,
		// and line ends mixed within one file
		variants = []variant{
			{"utf16be-crlf", func(s string) ([]byte, error) {
				return unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
			}, "\r\n"},
			{"gbk-lf", func(s string) ([]byte, error) { return simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s)) }, "\n"},
			{"utf8bom-cr", func(s string) ([]byte, error) { return append([]byte("\xEF\xBB\xBF"), s...), nil }, "\r"},
			{"gb18030-mixed", gb, "mixed"},
		}
	}
	parsed, cells := 0, 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Parse(bytes.NewReader(raw), Options{Name: f})
		if err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(string(raw), "\r\n", "\n")
		for _, v := range variants {
			eol := strings.ReplaceAll(text, "\n", v.eol)
			if v.eol == "mixed" {
				// each line break LF, CRLF or CR in turn; but a CR, an
				// empty line and an LF would read as one CRLF break
				var b strings.Builder
				lines, prev := strings.Split(text, "\n"), ""
				for i, l := range lines {
					if i > 0 {
						sep := []string{"\n", "\r\n", "\r"}[i%3]
						if sep == "\n" && prev == "\r" && lines[i-1] == "" {
							sep = "\r\n"
						}
						b.WriteString(sep)
						prev = sep
					}
					b.WriteString(l)
				}
				eol = b.String()
			}
			data, err := v.enc(eol)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(bytes.NewReader(data), Options{Name: f + " " + v.name})
			if err != nil {
				t.Errorf("%s %s: %v", filepath.Base(f), v.name, err)
				continue
			}
			if len(got.Cells) != len(want.Cells) {
				t.Errorf("%s %s: %d cells, want %d", filepath.Base(f), v.name, len(got.Cells), len(want.Cells))
				continue
			}
			parsed++
			for i, c := range got.Cells {
				cells++
				w := want.Cells[i]
				if c.ID != w.ID || c.Status != w.Status || c.Value != w.Value || c.Evidence.Line != w.Evidence.Line {
					t.Errorf("%s %s: %s = %s %q line %d, want %s %q line %d", filepath.Base(f), v.name, c.ID, c.Status, c.Value, c.Evidence.Line, w.Status, w.Value, w.Evidence.Line)
				}
			}
		}
	}
	t.Logf("%d of %d variants (%d samples × %d) read, %d cells compared", parsed, len(files)*len(variants), len(files), len(variants), cells)
}
