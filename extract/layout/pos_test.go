package layout

import "testing"

// One rendering of a position, in any words: String (English), Where
// (with the byte offset) and a caller's own words (the web application's
// Chinese) list the same parts in the same order.
func TestPosRender(t *testing.T) {
	zh := PosWords{Page: "第%d页", Line: "第%d行", Table: "表格%d", Row: "第%d行", Col: "第%d列", Sep: " "}
	for _, c := range []struct {
		p            Pos
		en, where, z string
	}{
		{Pos{}, "unknown position", "", ""},
		{Pos{Page: 3, Line: 12, Table: 2, Row: 5, Col: 3}, "page 3, line 12, table 2 row 5 col 3", "page 3, line 12, table 2 row 5 col 3", "第3页 第12行 表格2 第5行 第3列"},
		{Pos{Paragraph: 4, Offset: 7}, "paragraph 4", "paragraph 4, byte 7", ""},
		{Pos{Page: 1, Box: [4]int{10, 20, 30, 40}}, "page 1, box 10,20-30,40", "page 1, box 10,20-30,40", "第1页"},
		{Pos{Line: 2, Offset: 5}, "line 2", "line 2, byte 5", "第2行"},
		{Pos{Table: 1, Col: 2}, "table 1 col 2", "table 1 col 2", "表格1 第2列"},
	} {
		if got := c.p.String(); got != c.en {
			t.Errorf("%+v String = %q, want %q", c.p, got, c.en)
		}
		if got := c.p.Where(); got != c.where {
			t.Errorf("%+v Where = %q, want %q", c.p, got, c.where)
		}
		if got := c.p.Render(zh); got != c.z {
			t.Errorf("%+v Render(zh) = %q, want %q", c.p, got, c.z)
		}
	}
}
