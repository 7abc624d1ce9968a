package htmlread

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// samples are the HTML pages with gold answers, and what Read must say
// about them besides the cells.
var samples = []struct {
	file      string
	encoding  string // start of the encoding note
	title     string
	published string
	tables    int
}{
	{"pingtan-2020-page.html", "encoding: UTF-8", "平潭综合实验区2020年度政府信息公开工作年度报告", "2021-03-05", 3},
	{"pingtan-2021-page.html", "encoding: UTF-8", "平潭综合实验区2021年度政府信息公开工作年度报告", "2022-02-08", 3},
	{"pingtan-2022-page.html", "encoding: UTF-8", "平潭综合实验区2022年度政府信息公开工作年度报告", "2023-02-20", 3},
	{"pingtan-2022-web.html", "encoding: GB18030 (declared \"gb2312\"", "平潭综合实验区2022年度政府信息公开工作年度报告", "2023-02-20", 3},
	{"huaian-2024-word.html", "encoding: UTF-8", "淮安市人民政府2024年度政府信息公开工作年度报告", "", 3},
	{"gen-pingtan-2021-gbk.html", "encoding: GB18030 (declared \"gbk\"", "平潭综合实验区2021年度政府信息公开工作年度报告", "2022-02-08", 3},
	{"gen-pingtan-2022-nodecl.html", "encoding: GB18030 (no charset declared; sniffed", "平潭综合实验区2022年度政府信息公开工作年度报告", "2023-02-20", 3},
}

func readFile(t testing.TB, name string) *layout.Document {
	t.Helper()
	f, err := os.Open(filepath.Join(reports, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := Read(f, Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// readGold returns the meta lines and cell values of a gold file.
func readGold(t *testing.T, name string) (map[string]string, error) {
	f, err := os.Open(filepath.Join(reports, "gold", name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gold := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			id, v, _ := strings.Cut(line, "\t")
			gold[id] = v
		}
	}
	return gold, sc.Err()
}

// value matches a cell that holds a number (with a unit printed in the
// cell) or nothing.
var value = regexp.MustCompile(`^(-?[0-9][0-9,]*(\.[0-9]+)?(元|万元)?)?$`)

// valueRows reads the grids the simplest way a mapper could: a data row
// is a row whose trailing cells are numbers or blanks (at least one a
// number), colspan copies counted once; its values are those cells.
func valueRows(doc *layout.Document) [][]string {
	var out [][]string
	for _, b := range doc.Blocks {
		if b.Grid == nil {
			continue
		}
		for i, row := range b.Grid.Rows {
			var vals []string
			numbers := 0
			for j := len(row) - 1; j >= 0; j-- {
				c := row[j]
				if !value.MatchString(c.Text) {
					break
				}
				if c.Spanned && c.Pos.Row == i+1 {
					continue // a colspan copy
				}
				if c.Text != "" {
					numbers++
				}
				vals = append([]string{strings.TrimRight(c.Text, "万元")}, vals...)
			}
			if numbers > 0 {
				out = append(out, vals)
			}
		}
	}
	return out
}

// TestGold checks that every table cell of the gold answer is in the
// grids, in template order, with nothing left to guess: each template
// row is one grid row whose trailing cells are exactly its values.
func TestGold(t *testing.T) {
	for _, s := range samples {
		t.Run(s.file, func(t *testing.T) {
			gold, err := readGold(t, strings.TrimSuffix(s.file, ".html")+".tsv")
			if err != nil {
				t.Fatal(err)
			}
			doc := readFile(t, s.file)
			var want [][]string
			prev := ""
			for _, row := range template.Rows(gold["meta.generation"]) {
				var vals []string
				for _, c := range row.Cells {
					v, ok := gold[c.ID]
					if !ok {
						t.Fatalf("gold has no %s", c.ID)
					}
					vals = append(vals, v)
				}
				if n := len(want); row.Table == "四" && n > 0 && len(want[n-1]) < 15 && prev == "四" {
					want[n-1] = append(want[n-1], vals...) // table 四 is one row of 15 cells
				} else {
					want = append(want, vals)
				}
				prev = row.Table
			}
			if len(want) == 0 {
				t.Fatalf("no template rows for generation %q", gold["meta.generation"])
			}
			if diff := cmp.Diff(want, valueRows(doc)); diff != "" {
				t.Errorf("value rows (-gold +got):\n%s", diff)
			}
		})
	}
}

// TestSamples checks what Read says about each sample besides cells.
func TestSamples(t *testing.T) {
	headings := []string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "五、", "六、其他需要报告的事项"}
	for _, s := range samples {
		t.Run(s.file, func(t *testing.T) {
			doc := readFile(t, s.file)
			if doc.Reader != ReaderName {
				t.Errorf("Reader = %q", doc.Reader)
			}
			if doc.Title != s.title {
				t.Errorf("Title = %q, want %q", doc.Title, s.title)
			}
			if doc.Published != s.published {
				t.Errorf("Published = %q (%s), want %q", doc.Published, doc.PublishedFrom, s.published)
			}
			if s.published != "" && doc.PublishedFrom == "" {
				t.Errorf("PublishedFrom empty")
			}
			if len(doc.Notes) == 0 || !strings.HasPrefix(doc.Notes[0].Text, s.encoding) {
				t.Errorf("Notes = %q, want an encoding note starting %q", layout.NoteStrings(doc.Notes), s.encoding)
			}
			paras, tables := 0, 0
			for _, b := range doc.Blocks {
				switch {
				case b.Grid != nil:
					tables++
					if b.Pos.Table != tables {
						t.Errorf("table block %d has Pos.Table %d", tables, b.Pos.Table)
					}
				default:
					paras++
					if b.Pos.Paragraph != paras || b.Text == "" || b.Text != strings.TrimSpace(b.Text) {
						t.Errorf("paragraph %d: Pos %v, text %q", paras, b.Pos, b.Text)
					}
				}
			}
			if tables != s.tables {
				t.Errorf("%d tables, want %d", tables, s.tables)
			}
			// every section heading starts a block of its own
			for _, h := range headings {
				found := false
				for _, b := range doc.Blocks {
					found = found || strings.HasPrefix(b.Text, h)
				}
				if !found {
					t.Errorf("no block starts with %q", h)
				}
			}
			// no furniture
			for _, junk := range []string{"网站标识码", "版权所有", "分享到", "当前位置"} {
				if strings.Contains(doc.Text(), junk) {
					t.Errorf("text contains furniture %q", junk)
				}
			}
		})
	}
}

// TestLines checks that positions point at the source: the line of a
// cell holds the cell's start tag.
func TestLines(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(reports, "pingtan-2020-page.html"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	doc := readFile(t, "pingtan-2020-page.html")
	checked := 0
	for _, b := range doc.Blocks {
		if b.Grid == nil {
			continue
		}
		if !strings.Contains(lines[b.Pos.Line-1], "<table") {
			t.Errorf("table %d: line %d has no <table", b.Pos.Table, b.Pos.Line)
		}
		for _, row := range b.Grid.Rows {
			for _, c := range row {
				if c.Pos.Line < 1 || !strings.Contains(lines[c.Pos.Line-1], "<td") {
					t.Errorf("%v: line %d has no <td", c.Pos, c.Pos.Line)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no cells")
	}
}

// TestStable checks that reading twice gives the same document.
func TestStable(t *testing.T) {
	for _, s := range samples[:2] {
		a, b := readFile(t, s.file), readFile(t, s.file)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("%s: second read differs:\n%s", s.file, diff)
		}
	}
}

func ExampleRead() {
	page := `<html><head><meta charset="utf-8"><meta name="PubDate" content="2024-01-20 09:30">
<title>某县2023年政府信息公开工作年度报告_某县人民政府</title></head>
<body><div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div id="zoom"><p>一、总体情况</p><p>本年度共收到政府信息公开申请<span>1</span><span>2</span>件。</p>
<table><tr><td rowspan="2">规章</td><td>本年制发件数</td></tr><tr><td>&nbsp;</td></tr></table></div></body></html>`
	doc, err := Read(strings.NewReader(page), Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Title, doc.Published, doc.PublishedFrom)
	for _, b := range doc.Blocks {
		if b.Grid == nil {
			fmt.Printf("paragraph %d, line %d: %s\n", b.Pos.Paragraph, b.Pos.Line, b.Text)
			continue
		}
		for _, row := range b.Grid.Rows {
			for _, c := range row {
				fmt.Printf("%v %q spanned=%v\n", c.Pos, c.Text, c.Spanned)
			}
		}
	}
	// Output:
	// 某县2023年政府信息公开工作年度报告 2024-01-20 meta PubDate
	// paragraph 1, line 2: 某县2023年政府信息公开工作年度报告
	// paragraph 2, line 4: 一、总体情况
	// paragraph 3, line 4: 本年度共收到政府信息公开申请12件。
	// line 5, table 1 row 1 col 1 "规章" spanned=false
	// line 5, table 1 row 1 col 2 "本年制发件数" spanned=false
	// line 5, table 1 row 1 col 1 "规章" spanned=true
	// line 5, table 1 row 2 col 2 "" spanned=false
}

var sink *layout.Document

func BenchmarkRead(b *testing.B) {
	for _, s := range samples {
		src, err := os.ReadFile(filepath.Join(reports, s.file))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(s.file, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				doc, err := Read(bytes.NewReader(src), Options{})
				if err != nil {
					b.Fatal(err)
				}
				sink = doc
			}
		})
	}
}

// TestConcurrent reads the samples from several goroutines at once (run
// with -race): Read keeps no shared mutable state.
func TestConcurrent(t *testing.T) {
	want := map[string]string{}
	for _, s := range samples {
		want[s.file] = render(readFile(t, s.file))
	}
	errs := make(chan error, len(samples))
	for _, s := range samples {
		go func() {
			f, err := os.Open(filepath.Join(reports, s.file))
			if err != nil {
				errs <- err
				return
			}
			defer f.Close()
			doc, err := Read(f, Options{})
			if err == nil && render(doc) != want[s.file] {
				err = fmt.Errorf("%s: concurrent read differs", s.file)
			}
			errs <- err
		}()
	}
	for range samples {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
