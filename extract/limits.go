package extract

import (
	"fmt"
	"strings"
)

// DefaultLimits is the size limit of each input format when Options.MaxSize
// is zero. The work and memory of a parse grow in proportion to the
// input (measured in the README): the limits keep one file's parse
// within seconds and a few hundred MB. Report pages are under 1 MB and
// text reports under 100 KB; PDFs carry scans and fonts and are bounded
// in time by the PDF reader (30 s, 2000 pages); Word files also by their
// inflated size (docxread.Options.MaxUncompressed, 64 MiB).
var DefaultLimits = map[Format]int64{
	FormatHTML: 20 << 20,
	FormatText: 20 << 20,
	FormatDOCX: 64 << 20,
	FormatPDF:  200 << 20,
}

// DefaultMaxSize is the limit of a format missing from DefaultLimits.
const DefaultMaxSize = 64 << 20

// sniffLen is the head read to tell the format before the size is checked
// (Detect looks at the first 4096 bytes).
const sniffLen = 8192

func (o Options) limit(k Format) int64 {
	if o.MaxSize > 0 {
		return o.MaxSize
	}
	if l, ok := DefaultLimits[k]; ok {
		return l
	}
	return DefaultMaxSize
}

// SizeError is the error of an input over its format's size limit. It
// wraps ErrTooLarge.
type SizeError struct {
	Format Format
	Size   int64 // the input's size; -1 when unknown (a stream over the limit)
	Limit  int64
}

func (e *SizeError) Error() string {
	what := map[Format]string{FormatHTML: "page", FormatText: "text", FormatPDF: "PDF", FormatDOCX: "Word file"}[e.Format]
	if what == "" {
		what = "file"
	}
	size := "more than " + megabytes(e.Limit)
	if e.Size >= 0 {
		size = megabytes(e.Size)
	}
	return fmt.Sprintf("%s of %s: over the %s limit for %s; raise it with -max-size (Options.MaxSize)",
		what, size, megabytes(e.Limit), kindName(e.Format))
}

func (e *SizeError) Unwrap() error { return ErrTooLarge }

func kindName(k Format) string {
	switch k {
	case FormatHTML, FormatPDF, FormatDOCX:
		return strings.ToUpper(string(k))
	}
	return string(k)
}

// megabytes writes n bytes as "20 MB" or "50.3 MB" (MiB, as the limits).
func megabytes(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
