package pdfread

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/ledongthuc/pdf"
)

// TestInflater: the inflater, reused from stream to stream, gives the
// bytes Value.Reader gives for every page's content of the sample PDFs,
// reading most of them itself.
func TestInflater(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/reports/*.pdf")
	more, _ := filepath.Glob("../../testdata/pdfs/*.pdf")
	files = append(files, more...)
	plain, all := 0, 0
	z := &inflater{}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lr, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			continue // files only the repair path opens
		}
		z.src = bytes.NewReader(data)
		refs, _, err := walkPages(lr, 100)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for i, r := range refs {
			c := r.v.Key("Contents")
			if c.Kind() != pdf.Stream {
				continue
			}
			all++
			if _, _, ok := plainFlate(c); ok {
				plain++
			}
			got, err1 := io.ReadAll(z.open(c))
			want, err2 := io.ReadAll(c.Reader())
			if !bytes.Equal(got, want) || (err1 == nil) != (err2 == nil) {
				t.Errorf("%s page %d: inflater gives %d bytes (%v), Value.Reader %d (%v)", p, i+1, len(got), err1, len(want), err2)
			}
		}
	}
	if plain == 0 || plain < all/2 {
		t.Errorf("the inflater read %d of %d streams itself", plain, all)
	}
}

// A stream's /Length is the file's word: a buffer is made for it only when
// the bytes can lie in the file, so a /Length of a terabyte cannot make
// the reader allocate one.
func TestInflaterWithin(t *testing.T) {
	z := &inflater{src: bytes.NewReader(make([]byte, 100))}
	for _, c := range []struct {
		off, n int64
		want   bool
	}{{10, 50, true}, {0, 100, true}, {90, 20, false}, {10, 1 << 40, false}, {-1, 5, false}} {
		if got := z.within(c.off, c.n); got != c.want {
			t.Errorf("within(%d, %d) = %v, want %v", c.off, c.n, got, c.want)
		}
	}
}
