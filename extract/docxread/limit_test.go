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

// TestBombAtOnce: a part whose zip entry declares more than the inflate
// budget is refused from the zip directory, before any of it is inflated
// (archive/zip fails a part that inflates to another size than declared,
// so the declaration cannot understate it).
func TestBombAtOnce(t *testing.T) {
	data := DocxOf(t, Para(strings.Repeat("中", DefaultMaxUncompressed/3+1)))
	r := &countingReaderAt{r: bytes.NewReader(data)}
	_, err := Read(r, int64(len(data)), Options{})
	if !errors.Is(err, layout.ErrTooLarge) || !strings.Contains(err.Error(), "word/document.xml would inflate to 64.0 MB: beyond the limit of 64 MB") {
		t.Errorf("error: %v", err)
	}
	if r.n > int64(len(data))/8 {
		t.Errorf("read %d of the %d bytes before refusing", r.n, len(data))
	}
}

type countingReaderAt struct {
	r *bytes.Reader
	n int64
}

func (c *countingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}
