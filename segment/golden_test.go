package segment

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.fields from the current output")

// TestGolden writes every field Annotate finds in the narrative sections
// (preamble, 一, 五, 六) of the sample reports, one per line, and compares
// with testdata/golden/<report>.fields; `go test ./segment -run Golden
// -update` rewrites them so that the diff can be reviewed.
func TestGolden(t *testing.T) {
	s := seg(t)
	for _, name := range []string{"pingtan-2020.txt", "pingtan-2021.txt", "pingtan-2022.txt", "guyuan-kjj-2020.txt", "huaian-2024-word.html", "pingtan-2018.txt"} {
		t.Run(name, func(t *testing.T) {
			rec := record(t, name)
			keep := rec.Sections[:0]
			for _, sec := range rec.Sections {
				if sec.Number <= 1 || sec.Number >= 5 {
					keep = append(keep, sec)
				}
			}
			rec.Sections = keep
			if err := s.Annotate(rec); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			b.WriteString("# section\tkind\tsubject\ttext\tnumber\tunit\toffset\n")
			for _, f := range rec.Fields {
				num := strconv.FormatFloat(f.Number, 'f', -1, 64)
				if f.Kind == "keyword" {
					num = strconv.FormatFloat(f.Number, 'f', 1, 64)
				}
				fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\t%s\t%d\n", f.Section, f.Kind, f.Subject,
					strings.NewReplacer("\t", " ", "\n", " ").Replace(f.Text), num, f.Unit, f.Offset)
			}
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(name, filepath.Ext(name))+".fields")
			if *update {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := b.String(); got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) || i < len(wl); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("%s line %d:\n got %q\nwant %q\n(run with -update and review the diff)", path, i+1, g, w)
					}
				}
			}
		})
	}
}
