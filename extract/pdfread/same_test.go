package pdfread_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/pdfread"
	"golang.org/x/text/unicode/norm"
)

// runeCounts counts the non-space characters of s.
func runeCounts(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			m[r]++
		}
	}
	return m
}

// textDiff compares two texts as multisets of non-space characters (the
// reading order of tables differs between readers; the characters must
// not): it returns how many of want's characters got lacks and how many
// got has beyond want, and a sample of each.
func textDiff(got, want string) (missing, extra int, miss, ext string) {
	g, w := runeCounts(got), runeCounts(want)
	var mb, eb strings.Builder
	for r, n := range w {
		if d := n - g[r]; d > 0 {
			missing += d
			if mb.Len() < 60 {
				mb.WriteRune(r)
			}
		}
	}
	for r, n := range g {
		if d := n - w[r]; d > 0 {
			extra += d
			if eb.Len() < 60 {
				eb.WriteRune(r)
			}
		}
	}
	return missing, extra, mb.String(), eb.String()
}

// ownText is the document's text with each cell once (no spanned copies).
func ownText(doc *layout.Document) string {
	var b strings.Builder
	for _, bl := range doc.Blocks {
		b.WriteString(bl.Text)
		if bl.Grid == nil {
			continue
		}
		for _, r := range bl.Grid.Rows {
			for _, c := range r {
				if !c.Spanned {
					b.WriteString(c.Text)
				}
			}
		}
	}
	return b.String()
}

// allPDFs is every PDF we have: the hard PDFs, the reports, and the
// shared set when present.
func allPDFs(t testing.TB) []string {
	ps := hardPDFs(t)
	for _, g := range []string{"../../testdata/reports/*.pdf", "../../../shared/pdfs/*.pdf", "../../../shared/reports/*.pdf"} {
		m, _ := filepath.Glob(g)
		ps = append(ps, m...)
	}
	return ps
}

// TestSameTextAsPdftotext reads every PDF we have with our reader and
// with pdftotext and compares the characters (modulo NFKC; spanned copies
// of merged cells counted once): at most 1% may differ (page numbers,
// which we drop). Run with -v for the table of differences.
func TestSameTextAsPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext not installed")
		}
		t.Skip("pdftotext not installed")
	}
	for _, p := range allPDFs(t) {
		out, err := exec.Command("pdftotext", "-q", p, "-").Output()
		if err != nil || strings.TrimSpace(string(out)) == "" {
			continue
		}
		doc, err := readFile(t, p, pdfread.Options{NoFallback: true})
		got := ""
		if err == nil {
			got = ownText(doc)
		}
		total := len([]rune(squeeze(string(out))))
		if err != nil {
			// the files without ToUnicode: poppler shows glyph ids as
			// text, we refuse the page (OCR)
			if !errors.Is(err, layout.ErrGarbledText) {
				t.Errorf("%s: %v", p, err)
			}
			t.Logf("%-58s pdftotext %6d chars; we: %v", p, total, err)
			continue
		}
		m, e, ms, es := textDiff(norm.NFKC.String(got), norm.NFKC.String(string(out)))
		t.Logf("%-58s pdftotext %6d chars, we lack %4d %q, have %4d more %q", p, total, m, ms, e, es)
		if m+e > total/100 {
			t.Errorf("%s: %d characters differ from pdftotext's %d", p, m+e, total)
		}
	}
}
