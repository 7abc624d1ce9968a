package docxread_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/docxread"
)

// TestParseBadWord feeds broken Word files to extract.Parse: each gives a
// *extract.ParseError that names the file and wraps the right sentinel.
func TestParseBadWord(t *testing.T) {
	good := docxread.DocxOf(t, docxread.Para("一、总体情况"))
	bomb := docxread.DocxOf(t, docxread.Para(strings.Repeat(" ", docxread.DefaultMaxUncompressed)))
	cases := []struct {
		name     string
		data     []byte
		sentinel error
	}{
		{"truncated.docx", good[:len(good)-30], extract.ErrCorrupt},
		{"locked.docx", docxread.OLEOf("EncryptionInfo", "EncryptedPackage"), extract.ErrEncrypted},
		{"bomb.docx", bomb, extract.ErrTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := extract.Parse(strings.NewReader(string(c.data)), extract.Options{Name: c.name})
			var pe *extract.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v, want a *extract.ParseError", err, err)
			}
			if !errors.Is(err, c.sentinel) {
				t.Errorf("error %q does not wrap %q", err, c.sentinel)
			}
			if !strings.HasPrefix(err.Error(), c.name+": ") || strings.Count(err.Error(), c.name) != 1 {
				t.Errorf("error %q should name %s once, first", err, c.name)
			}
		})
	}
}
