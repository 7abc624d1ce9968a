package legacy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const reports = "../../testdata/reports"

// tidy renders rows as the gold files' legacy lines.
func tidy(rows []Row) []string {
	var out []string
	for _, r := range rows {
		y := r.Year
		if r.Status == StatusAmbiguous {
			y = "AMBIGUOUS"
		}
		out = append(out, strings.Join([]string{"legacy", r.Label, r.Unit, y, r.Cumulative}, "\t"))
	}
	return out
}

func goldLegacy(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(reports, "gold", name+".tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "legacy\t") {
			out = append(out, l)
		}
	}
	return out
}

func readReport(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(reports, name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var samples = []string{"pingtan-2011", "pingtan-2015", "pingtan-2018"}

func TestFromTextGold(t *testing.T) {
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			rows, warns := FromText(readReport(t, name), "")
			got, want := tidy(rows), goldLegacy(t, name)
			for i := 0; i < max(len(got), len(want)); i++ {
				var g, w string
				if i < len(got) {
					g = got[i]
				}
				if i < len(want) {
					w = want[i]
				}
				if g != w {
					t.Errorf("row %d:\n got %q\nwant %q", i+1, g, w)
				}
			}
			for _, w := range warns {
				t.Logf("warning: %s", w)
			}
			for i, r := range rows {
				t.Logf("%d parent=%d %s %s raw=%q note=%q", i, r.Parent, r.Pos, r.Status, r.Raw, r.Note)
			}
		})
	}
}
