package docxread

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract/htmlread"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

const reportsDir = "../../testdata/reports"

// needSoffice skips a test when LibreOffice is not installed, except in
// CI, which must install it (Debian: libreoffice-writer).
func needSoffice(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("soffice"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice not found: CI must install libreoffice-writer so that the DOC path is tested")
		}
		t.Skip("soffice not installed (Debian: libreoffice-writer)")
	}
}

// fixtures lists the generated Word reports that have a gold file.
func fixtures(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"gen-*.docx", "gen-*.doc"} {
		m, err := filepath.Glob(filepath.Join(reportsDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatal("no Word fixtures in " + reportsDir)
	}
	return out
}

func goldPath(fixture string) string {
	base := filepath.Base(fixture)
	return filepath.Join(reportsDir, "gold", strings.TrimSuffix(base, filepath.Ext(base))+".tsv")
}

// fixtureDocs caches what readFixture read: converting a DOC takes a
// LibreOffice run, and several tests look at each fixture.
var fixtureDocs = map[string]*layout.Document{}

// readFixture reads a DOCX natively and anything else through ReadWord,
// checking that the conversion leaves no temporary files behind.
func readFixture(t *testing.T, path string) *layout.Document {
	t.Helper()
	if doc, ok := fixtureDocs[path]; ok {
		return doc
	}
	if strings.HasSuffix(path, ".docx") {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := read(t, data, Options{})
		if err != nil {
			t.Fatal(err)
		}
		fixtureDocs[path] = doc
		return doc
	}
	needSoffice(t)
	check := tempEmpty(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	doc, err := ReadWord(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	check()
	if doc.Reader != "soffice+docx" {
		t.Errorf("Reader %q", doc.Reader)
	}
	fixtureDocs[path] = doc
	return doc
}

func readGold(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "\t"); ok {
			gold[k] = v
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return gold
}

var valueRE = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?(元|万元)?$`)

// values returns a row's trailing value cells (numbers or blanks), colspan
// copies dropped, numbers without separators and unit; ok is false unless
// at least one of them is printed.
func values(row []layout.Cell) (vals []string, ok bool) {
	var cells []layout.Cell
	for i, c := range row {
		if c.Spanned && i > 0 && c.Pos == row[i-1].Pos {
			continue
		}
		cells = append(cells, c)
	}
	i := len(cells)
	for i > 0 {
		s := strings.ReplaceAll(cells[i-1].Text, ",", "")
		if s != "" && !valueRE.MatchString(s) {
			break
		}
		i--
	}
	for _, c := range cells[i:] {
		s := strings.TrimSuffix(strings.TrimSuffix(strings.ReplaceAll(c.Text, ",", ""), "元"), "万")
		vals = append(vals, s)
		ok = ok || s != ""
	}
	return vals, ok
}

// tableOf names the template table a grid is, by its header words.
func tableOf(g *layout.Grid) string {
	var b strings.Builder
	for _, r := range g.Rows[:min(len(g.Rows), 4)] {
		for _, c := range r {
			b.WriteString(c.Text)
		}
	}
	s := b.String()
	switch {
	case strings.Contains(s, "未经复议"):
		return "四"
	case strings.Contains(s, "自然人"):
		return "三"
	case strings.Contains(s, "信息内容"):
		return "二"
	}
	return ""
}

// TestFixtureGrids checks the grids of the generated Word reports against
// their gold by position alone: the data rows of tables 二 and 三, in
// order, end in the template row's cells; table 四's one data row ends in
// its 15 cells. Every canonical cell of the generation is compared.
func TestFixtureGrids(t *testing.T) {
	for _, path := range fixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			gold := readGold(t, goldPath(path))
			gen := gold["meta.generation"]
			doc := readFixture(t, path)
			if !strings.Contains(doc.Title, reportWord) {
				t.Errorf("Title %q", doc.Title)
			}
			rows := map[string][][]string{}
			for _, b := range doc.Blocks {
				if b.Grid == nil {
					continue
				}
				name := tableOf(b.Grid)
				for _, r := range b.Grid.Rows {
					if v, ok := values(r); ok {
						rows[name] = append(rows[name], v)
					}
				}
			}
			got := map[string]string{}
			tmpl := template.Rows(gen)
			next := map[string]int{}
			for _, tr := range tmpl {
				var v []string
				if tr.Table == "四" {
					if len(rows["四"]) > 0 {
						v = rows["四"][0]
						skip := 0
						for _, r := range tmpl {
							if r.Key == tr.Key {
								break
							}
							if r.Table == "四" {
								skip += len(r.Cells)
							}
						}
						_, n := tableSize(tmpl, "四")
						v = v[:max(0, len(v)-n+skip+len(tr.Cells))]
					}
				} else if i := next[tr.Table]; i < len(rows[tr.Table]) {
					v = rows[tr.Table][i]
					next[tr.Table]++
				}
				if len(v) < len(tr.Cells) {
					t.Errorf("row %s: %d value cells %q, want %d", tr.Key, len(v), v, len(tr.Cells))
					continue
				}
				v = v[len(v)-len(tr.Cells):]
				for i, c := range tr.Cells {
					got[c.ID] = v[i]
				}
			}
			n := 0
			for _, c := range template.Cells(gen) {
				want, ok := gold[c.ID]
				if !ok {
					t.Fatalf("gold has no %s", c.ID)
				}
				n++
				if got[c.ID] != want {
					t.Errorf("%s = %q, gold %q", c.ID, got[c.ID], want)
				}
			}
			for name, r := range rows {
				if name == "二" || name == "三" {
					if want, _ := tableSize(tmpl, name); len(r) != want {
						t.Errorf("table %s: %d data rows, template has %d", name, len(r), want)
					}
				}
			}
			if n == 0 {
				t.Fatalf("generation %q has no cells", gen)
			}
		})
	}
}

// tableSize counts a template table's rows and cells.
func tableSize(rows []template.Row, table string) (nrows, ncells int) {
	for _, r := range rows {
		if r.Table == table {
			nrows++
			ncells += len(r.Cells)
		}
	}
	return nrows, ncells
}

// TestFixtureSections checks that the section headings open text blocks,
// in order, so the mapper can find them.
func TestFixtureSections(t *testing.T) {
	heads := []string{"一、总体情况", "二、主动公开", "三、收到和处理", "四、", "五、", "六、其他需要报告"}
	for _, path := range fixtures(t) {
		if !strings.HasSuffix(path, ".docx") {
			continue // the DOC fixtures are read in TestFixtureGrids
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc := readFixture(t, path)
			i := 0
			for _, b := range doc.Blocks {
				if i < len(heads) && b.Grid == nil && strings.HasPrefix(b.Text, heads[i]) {
					i++
				}
			}
			if i != len(heads) {
				t.Errorf("found the headings up to %q only", heads[:i])
			}
		})
	}
}

// TestSameGridsAsHTML reads each generated Word report and the HTML page
// it was made from (with package htmlread) and requires the same grids:
// merged cells must expand exactly as rowspan/colspan do.
func TestSameGridsAsHTML(t *testing.T) {
	for _, path := range fixtures(t) {
		base := filepath.Base(path)
		src := filepath.Join(reportsDir, strings.TrimPrefix(strings.TrimSuffix(base, filepath.Ext(base)), "gen-")+".html")
		if _, err := os.Stat(src); err != nil {
			continue
		}
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			hd, err := htmlread.Read(bytes.NewReader(data), htmlread.Options{})
			if err != nil {
				t.Fatal(err)
			}
			want, got := grids(hd), grids(readFixture(t, path))
			if len(got) != len(want) {
				t.Fatalf("%d tables, the HTML has %d", len(got), len(want))
			}
			for i := range want {
				if g, w := renderFull(got[i]), renderFull(want[i]); g != w {
					t.Errorf("table %d differs from the HTML's\n got %s\nwant %s", i+1, g, w)
				}
			}
		})
	}
}

func grids(d *layout.Document) []*layout.Grid {
	var out []*layout.Grid
	for _, b := range d.Blocks {
		if b.Grid != nil {
			out = append(out, b.Grid)
		}
	}
	return out
}

// renderFull is render with every row on a line of its own, for diffs.
func renderFull(g *layout.Grid) string {
	return strings.ReplaceAll(render(g), " | ", "\n")
}

// TestWPSName converts a DOC fixture under a .wps name, the extension WPS
// Office gives its Word-97-compatible files: LibreOffice must still find
// the Word filter by content, and the grids must not change.
func TestWPSName(t *testing.T) {
	m, _ := filepath.Glob(filepath.Join(reportsDir, "gen-*.doc"))
	if len(m) == 0 {
		t.Fatal("no DOC fixture")
	}
	want := grids(readFixture(t, m[0]))
	data, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ReadWordData(context.Background(), data, "report.wps", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := grids(doc)
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("%d tables, want %d", len(got), len(want))
	}
	for i := range want {
		if render(got[i]) != render(want[i]) {
			t.Errorf("table %d changed under the .wps name", i+1)
		}
	}
}
