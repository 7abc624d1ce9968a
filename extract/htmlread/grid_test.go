package htmlread

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nianbao/nianbao/extract/layout"
)

// grids reads page (with a Chinese paragraph in front, so that it is
// accepted) and renders its grids one row per string: cells joined by
// "|", a Spanned copy written as text*row.col of its origin.
func grids(t *testing.T, page string) ([][]string, *layout.Document) {
	t.Helper()
	doc, err := Read(strings.NewReader("<p>表</p>"+page), Options{AnyPage: true})
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, b := range doc.Blocks {
		if b.Grid == nil {
			continue
		}
		var rows []string
		for i, row := range b.Grid.Rows {
			var cs []string
			for j, c := range row {
				s := c.Text
				switch {
				case c.Spanned:
					s += fmt.Sprintf("*%d.%d", c.Pos.Row, c.Pos.Col)
				case c.Pos.Row != i+1 || c.Pos.Col != j+1:
					s += fmt.Sprintf("!%d.%d", c.Pos.Row, c.Pos.Col) // an origin cell out of place
				}
				if c.Pos.Table != b.Pos.Table {
					s += fmt.Sprintf("!table%d", c.Pos.Table)
				}
				cs = append(cs, s)
			}
			rows = append(rows, strings.Join(cs, "|"))
		}
		out = append(out, rows)
	}
	return out, doc
}

func TestGrid(t *testing.T) {
	cases := []struct {
		name string
		html string
		want [][]string // per table, per row
		note string     // a note Read must add, if any
	}{
		{"plain", `<table><tr><td>规章</td><td>1</td></tr><tr><td>文件</td><td>2</td></tr></table>`,
			[][]string{{"规章|1", "文件|2"}}, ""},
		{"colspan header", `<table><tr><td colspan=3>第二十条第（一）项</td></tr><tr><td>规章</td><td>0</td><td>7</td></tr></table>`,
			[][]string{{"第二十条第（一）项|第二十条第（一）项*1.1|第二十条第（一）项*1.1", "规章|0|7"}}, ""},
		{"rowspan label", `<table><tr><td rowspan=3>（三）不予公开</td><td>1.属于国家秘密</td><td>0</td></tr>
<tr><td>2.其他</td><td>1</td></tr><tr><td>3.危及</td><td>2</td></tr></table>`,
			[][]string{{"（三）不予公开|1.属于国家秘密|0", "（三）不予公开*1.1|2.其他|1", "（三）不予公开*1.1|3.危及|2"}}, ""},
		{"rowspan and colspan corner", `<table><tr><td colspan=2 rowspan=2>甲</td><td>乙</td></tr><tr><td>丙</td></tr><tr><td>一</td><td>二</td><td>3</td></tr></table>`,
			[][]string{{"甲|甲*1.1|乙", "甲*1.1|甲*1.1|丙", "一|二|3"}}, ""},
		{"rowspan=0 runs to the end", `<table><tr><td rowspan=0>甲</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></table>`,
			[][]string{{"甲|1", "甲*1.1|2", "甲*1.1|3"}}, ""},
		{"rowspan past the end is clipped", `<table><tr><td rowspan=9>甲</td><td>1</td></tr><tr><td>2</td></tr></table>`,
			[][]string{{"甲|1", "甲*1.1|2"}}, ""},
		{"short row not padded", `<table><tr><td>甲</td><td>1</td><td>2</td></tr><tr><td>乙</td><td>3</td></tr></table>`,
			[][]string{{"甲|1|2", "乙|3"}}, ""},
		{"gap filled and noted", `<table><tr><td>甲</td><td>乙</td><td rowspan=2>丙</td></tr><tr><td>丁</td></tr></table>`,
			[][]string{{"甲|乙|丙", "丁||丙*1.3"}}, "table 1 row 2 col 2: no cell in the source"},
		{"blank cells kept", `<table><tr><td>甲</td><td>&nbsp;</td><td></td><td> 0 </td><td>&#160;&#12288;</td></tr></table>`,
			[][]string{{"甲|||0|"}}, ""},
		{"word paste", `<table class=MsoNormalTable><tr><td><p class=MsoNormal><span style='font-family:仿宋'>行政</span><span>许可</span><o:p></o:p></p></td>
<td><p class=MsoNormal><span lang=EN-US>1</span><span lang=EN-US>2</span><span lang=EN-US>3<o:p></o:p></span></p></td></tr></table>`,
			[][]string{{"行政许可|123"}}, ""},
		{"breaks inside header words", `<table><tr><td>商业<br>企业</td><td><p>社会公益</p><p>组织</p></td><td>科研
 机构</td><td>法律服务 机构</td><td>In<br>force</td><td>1<br>2</td></tr></table>`,
			[][]string{{"商业企业|社会公益组织|科研机构|法律服务 机构|In force|1 2"}}, ""},
		{"tabs and nbsp padding", "<table><tr><td>\t&nbsp;规章&nbsp;\t</td><td>\t&nbsp;12&nbsp;\t</td></tr></table>",
			[][]string{{"规章|12"}}, ""},
		{"th, thead, tfoot", `<table><thead><tr><th>项目</th><th>数量</th></tr></thead><tbody><tr><td>甲</td><td>1</td></tr></tbody><tfoot><tr><td>合计</td><td>1</td></tr></tfoot></table>`,
			[][]string{{"项目|数量", "甲|1", "合计|1"}}, ""},
		{"bad span values", `<table><tr><td colspan="abc">甲</td><td colspan="2;">乙</td><td colspan=0>丙</td><td rowspan=-3>丁</td></tr></table>`,
			[][]string{{"甲|乙|乙*1.2|丙|丁"}}, ""},
		{"overlapping spans keep the first", `<table><tr><td>甲</td><td rowspan=2>乙</td></tr><tr><td colspan=2>丙</td></tr></table>`,
			[][]string{{"甲|乙", "丙|乙*1.2"}}, ""},
		{"row without cells dropped", `<table><tr><td>甲</td><td>1</td></tr><tr></tr><tr><td>乙</td><td>2</td></tr></table>`,
			[][]string{{"甲|1", "乙|2"}}, ""},
		{"huge colspan clamped", `<table><tr><td colspan=5000>甲</td></tr><tr><td>乙</td><td>1</td></tr></table>`,
			[][]string{{"甲" + strings.Repeat("|甲*1.1", maxColspan-1), "乙|1"}}, ""},
		{"layout table around data tables", `<table><tr><td><div>一、总体情况</div><p>说明</p>
<table><tr><td>规章</td><td>1</td></tr></table></td><td>栏目</td></tr></table><table><tr><td>文件</td><td>2</td></tr></table>`,
			[][]string{{"规章|1"}, {"文件|2"}}, ""},
		{"single column table is text", `<table><tr><td>一、总体情况</td></tr><tr><td>说明</td></tr></table>`,
			nil, ""},
		{"table split by a page break", `<table><tr><td>一、本年新收</td><td>1</td></tr></table><br style='page-break-before:always'>
<table><tr><td>二、上年结转</td><td>0</td></tr></table>`,
			[][]string{{"一、本年新收|1"}, {"二、上年结转|0"}}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, doc := grids(t, c.html)
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("grids (-want +got):\n%s", diff)
			}
			if c.note != "" && !strings.Contains(strings.Join(layout.NoteStrings(doc.Notes), "\n"), c.note) {
				t.Errorf("notes %q lack %q", layout.NoteStrings(doc.Notes), c.note)
			}
		})
	}
}

// TestLayoutTableText checks that the text of a layout table is kept as
// paragraphs in reading order around the inner grid, and that a data
// table's caption comes before its grid.
func TestLayoutTableText(t *testing.T) {
	_, doc := grids(t, `<table><tr><td><p>一、总体情况</p><p>本年度共收到申请12件。</p>
<table><caption>表1 <b>规章</b></caption><tr><td>规章</td><td>1</td></tr></table><p>五、存在的主要问题</p></td></tr></table>`)
	var got []string
	for _, b := range doc.Blocks {
		switch {
		case b.Grid != nil:
			got = append(got, "GRID")
		case b.Text == "表":
			// the test's prefix, outside the article
		default:
			got = append(got, b.Text)
		}
	}
	want := []string{"一、总体情况", "本年度共收到申请12件。", "表1 规章", "GRID", "五、存在的主要问题"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
}

// TestGridCellLimit checks the cap on expanded cells.
func TestGridCellLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("<table>")
	rows := maxCells/maxColspan + 2
	for range rows {
		b.WriteString("<tr><td colspan=1000>甲</td></tr>")
	}
	b.WriteString("</table>")
	got, doc := grids(t, b.String())
	if len(got) != 1 || len(got[0]) != maxCells/maxColspan {
		t.Fatalf("got %d grids, first with %d rows; want %d rows", len(got), len(got[0]), maxCells/maxColspan)
	}
	if !strings.Contains(strings.Join(layout.NoteStrings(doc.Notes), "\n"), "rest of the table dropped") {
		t.Errorf("no note: %q", layout.NoteStrings(doc.Notes))
	}
}
