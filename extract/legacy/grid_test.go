package legacy

import (
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// grid builds a grid from rows of "|"-separated cells; a cell "<" is a
// colspan copy of the cell to its left, "^" a rowspan copy of the cell
// above.
func grid(rows ...string) *layout.Grid {
	g := &layout.Grid{}
	for r, line := range rows {
		var row []layout.Cell
		for c, t := range strings.Split(line, "|") {
			switch {
			case t == "<" && c > 0:
				o := row[c-1]
				o.Spanned = true
				row = append(row, o)
			case t == "^" && r > 0 && c < len(g.Rows[r-1]):
				o := g.Rows[r-1][c]
				o.Spanned = true
				row = append(row, o)
			default:
				row = append(row, layout.Cell{Text: t, Pos: layout.Pos{Table: 1, Row: r + 1, Col: c + 1}})
			}
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

type want struct {
	label, unit, year, cum, status string
	parent                         int
	cands                          []string
}

func check(t *testing.T, rows []Row, ws []want) {
	t.Helper()
	if len(rows) != len(ws) {
		for _, r := range rows {
			t.Logf("%+v", r)
		}
		t.Fatalf("%d rows, want %d", len(rows), len(ws))
	}
	for i, w := range ws {
		r := rows[i]
		got := want{r.Label, r.Unit, r.Year, r.Cumulative, r.Status, r.Parent, r.Candidates}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("row %d:\n got %+v\nwant %+v (note %q)", i, got, w, r.Note)
		}
	}
}

func TestFromGrid(t *testing.T) {
	g := grid(
		"附件：统计表|<|<|<",
		"指标名称|计量单位|2015年度|历年累计",
		"一、主动公开情况| | | ",
		"主动公开文件数|条|2949|81,916",
		"其中：1、政府网站公开数|条|2949|81916",
		"2、政府公报公开数|条|0|0",
		"指标名称|计量单位|2015年度|历年累计",
		"受理依申请公开信息总数|条||1",
		"收费减免金额|元|—|0",
		"行政复议数|件|01|<",
		"行政诉讼数|件|1234|<",
		"举报数|件|见说明|3",
		"注：本表数据截至12月31日|<|<|<",
	)
	rows, warns := FromGrid(g)
	check(t, rows, []want{
		{"主动公开文件数", "条", "2949", "81916", StatusOK, -1, nil},
		{"政府网站公开数", "条", "2949", "81916", StatusOK, 0, nil},
		{"政府公报公开数", "条", "0", "0", StatusOK, 0, nil},
		{"受理依申请公开信息总数", "条", "", "1", StatusBlank, -1, nil},
		{"收费减免金额", "元", "", "0", StatusBlank, -1, nil},
		{"行政复议数", "件", "0", "1", StatusOK, -1, nil},
		{"行政诉讼数", "件", "", "", StatusAmbiguous, -1, []string{"1|234", "12|34"}},
		{"举报数", "件", "", "3", StatusBlank, -1, nil},
	})
	for _, w := range []string{"caption without values skipped: 主动公开情况", "not a number: «见说明»", "ambiguous: 1|234, 12|34", "caption without values skipped: 注：本表数据截至12月31日"} {
		if !strings.Contains(joinWarnings(warns), w) {
			t.Errorf("no warning %q in %q", w, warns)
		}
	}
	if p := rows[6].Pos; p != (layout.Pos{Table: 1, Row: 11, Col: 3}) {
		t.Errorf("position of 行政诉讼数 = %v", p)
	}
}

func TestFromGridNoHeader(t *testing.T) {
	for _, g := range []*layout.Grid{nil, {}, grid("a|b", "主动公开|条|5")} {
		rows, warns := FromGrid(g)
		if len(rows) != 0 || len(warns) != 1 {
			t.Errorf("FromGrid(%v) = %v, %q; want no rows, one warning", g, rows, warns)
		}
	}
}

// A table without 历年累计: one value column.
func TestFromGridYearOnly(t *testing.T) {
	rows, _ := FromGrid(grid(
		"指标名称|计量单位|本年度",
		"收到申请数|件|12",
		"其中：（1）当面申请|件|5",
		"（2）网上申请|件|7",
	))
	check(t, rows, []want{
		{"收到申请数", "件", "12", "", StatusOK, -1, nil},
		{"当面申请", "件", "5", "", StatusOK, 0, nil},
		{"网上申请", "件", "7", "", StatusOK, 0, nil},
	})
}

// joinWarnings renders warnings one a line, for tests that look for a
// message.
func joinWarnings(ws []Warning) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.String() + "\n")
	}
	return b.String()
}
