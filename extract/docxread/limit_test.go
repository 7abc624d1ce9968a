package docxread

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// TestBombChinese: a document of Chinese text over the inflate budget
// reports the size limit, wherever the cut falls inside a three-byte
// character (not "invalid UTF-8", which the cut caused).
func TestBombChinese(t *testing.T) {
	for extra := range 3 {
		data := DocxOf(t, Para(strings.Repeat("中", 400000)))
		_, err := Read(bytes.NewReader(data), int64(len(data)), Options{MaxUncompressed: 1<<20 + int64(extra)})
		if !errors.Is(err, layout.ErrTooLarge) || strings.Contains(err.Error(), "UTF-8") || !strings.Contains(err.Error(), "limit of 1 MB") {
			t.Errorf("cut at +%d: %v", extra, err)
		}
	}
}
