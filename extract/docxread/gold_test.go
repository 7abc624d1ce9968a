package docxread_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

const reportsDir = "../../testdata/reports"

// TestGold parses every generated Word report with extract.Parse, which
// dispatches DOCX to Read and DOC to ReadWordData, and compares its cells
// form with the report's gold line by line: every cell equal, none
// AMBIGUOUS.
func TestGold(t *testing.T) {
	var files []string
	for _, pat := range []string{"gen-*.docx", "gen-*.doc"} {
		m, err := filepath.Glob(filepath.Join(reportsDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no Word fixtures")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			if strings.HasSuffix(path, ".doc") {
				if _, err := exec.LookPath("soffice"); err != nil {
					if os.Getenv("CI") != "" {
						t.Fatal("soffice not found: CI must install libreoffice-writer")
					}
					t.Skip("soffice not installed (Debian: libreoffice-writer)")
				}
			}
			rec, err := extract.ParseFile(path, extract.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			rec.WriteCells(&b)
			got := lines(t, b.String())
			base := filepath.Base(path)
			gold := goldLines(t, filepath.Join(reportsDir, "gold", strings.TrimSuffix(base, filepath.Ext(base))+".tsv"))
			for i := 0; i < max(len(got), len(gold)); i++ {
				var g, w string
				if i < len(got) {
					g = got[i]
				}
				if i < len(gold) {
					w = gold[i]
				}
				if strings.HasSuffix(g, "\tAMBIGUOUS") {
					t.Errorf("line %d: ambiguous cell %q", i+1, g)
				}
				if g != w {
					t.Errorf("line %d: got %q, gold %q", i+1, g, w)
				}
			}
		})
	}
}

func lines(t *testing.T, s string) []string {
	t.Helper()
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func goldLines(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return lines(t, string(data))
}
