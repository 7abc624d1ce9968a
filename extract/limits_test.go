package extract

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// paddedPage returns the sample page padded with paragraphs to about n
// bytes, as a site's page with a long body would be.
func paddedPage(t testing.TB, n int) []byte {
	t.Helper()
	src, err := os.ReadFile("../testdata/reports/pingtan-2022-page.html")
	if err != nil {
		t.Fatal(err)
	}
	para := []byte("<p>为进一步推进政务公开工作，我区认真贯彻落实条例要求，持续加强政府信息公开平台建设，提高公开质量和实效。</p>\n")
	i := bytes.LastIndex(src, []byte("</body>"))
	var b bytes.Buffer
	b.Grow(n + len(src))
	b.Write(src[:i])
	for b.Len() < n {
		b.Write(para)
	}
	b.Write(src[i:])
	return b.Bytes()
}

// TestSizeLimitAtOnce: a 50 MB page on disk is refused from its size,
// after reading only the head that tells its kind.
func TestSizeLimitAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.html")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(paddedPage(t, 64<<10))
	f.Truncate(50 << 20) // sparse: nothing written past the head
	f.Close()
	_, err = ParseFile(path, Options{})
	want := path + ": page of 50 MB: over the 20 MB limit for HTML; raise it with -max-size (Options.MaxSize)"
	var se *SizeError
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &se) || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	f, _ = os.Open(path)
	defer f.Close()
	cr := &countingReader{r: f}
	if _, err := parse(cr, 50<<20, Options{Name: path}); !errors.Is(err, ErrTooLarge) || cr.n > sniffLen {
		t.Errorf("read %d bytes before refusing (%v); want at most %d", cr.n, err, sniffLen)
	}
	// -max-size sets it for every kind
	for _, k := range []Format{FormatHTML, FormatText, FormatPDF, FormatDOCX} {
		if l := (Options{MaxSize: 60 << 20}).limit(k); l != 60<<20 {
			t.Errorf("MaxSize 60 MB: limit of %s is %d", k, l)
		}
	}
}

// TestSizeLimitStream: a 50 MB page from a stream (standard input) is read
// up to the limit and no further.
func TestSizeLimitStream(t *testing.T) {
	page := paddedPage(t, 50<<20)
	cr := &countingReader{r: bytes.NewReader(page)}
	_, err := Parse(cr, Options{Name: "-"})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "page of more than 20 MB: over the 20 MB limit for HTML") {
		t.Errorf("stream: %v", err)
	}
	if cr.n > 20<<20+1 {
		t.Errorf("read %d bytes, limit 20 MB", cr.n)
	}
	// a one-line text file of 50 MB: the text limit
	text := bytes.Repeat([]byte("为进一步推进政务公开工作"), 50<<20/36)
	if _, err := Parse(bytes.NewReader(text), Options{Name: "line.txt"}); !strings.Contains(fmtErr(err), "text of more than 20 MB: over the 20 MB limit for text") {
		t.Errorf("text: %v", err)
	}
}

func fmtErr(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// TestSizeLimitEdge: a limit equal to the size passes, one byte less fails.
func TestSizeLimitEdge(t *testing.T) {
	path := "../testdata/reports/pingtan-2022-page.html"
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseFile(path, Options{MaxSize: st.Size()}); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	if _, err := ParseFile(path, Options{MaxSize: st.Size() - 1}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("one byte over: %v", err)
	}
	data, _ := os.ReadFile(path)
	if _, err := Parse(bytes.NewReader(data), Options{MaxSize: int64(len(data))}); err != nil {
		t.Errorf("stream at the limit: %v", err)
	}
	if _, err := Parse(bytes.NewReader(data), Options{MaxSize: int64(len(data)) - 1}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("stream one byte over: %v", err)
	}
}

// BenchmarkParseLarge parses a padded page and a one-line text file of 2
// and 8 MB: the time per MB stays the same when the input grows (linear).
func BenchmarkParseLarge(b *testing.B) {
	for _, mb := range []int{2, 8} {
		page := paddedPage(b, mb<<20)
		line := bytes.Repeat([]byte("为进一步推进政务公开工作"), mb<<20/36)
		for _, c := range []struct {
			name string
			data []byte
		}{{"html", page}, {"text", line}} {
			b.Run(c.name+"-"+strconv.Itoa(mb)+"MB", func(b *testing.B) {
				b.SetBytes(int64(len(c.data)))
				for b.Loop() {
					Parse(bytes.NewReader(c.data), Options{Name: c.name})
				}
			})
		}
	}
}
