package docxread

import (
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// Each case is a body with one table and the expected grid in the render
// form: "text@row.col", "^" before a Spanned copy, rows split by " | ".
var gridCases = []struct {
	name, body, want string
}{
	{
		name: "gridSpan copies across with the origin's position",
		body: tbl(
			tr(tc(span2, para("申请人情况")), tc("", para("总计"))),
			tr(tc("", para("自然人")), tc("", para("商业企业")), tc("", para("3"))),
		),
		want: "申请人情况@1.1 ^申请人情况@1.1 总计@1.3 | 自然人@2.1 商业企业@2.2 3@2.3",
	},
	{
		name: "vMerge restart and continue copy down",
		body: tbl(
			tr(tc(restart, para("三、本年度办理结果")), tc("", para("（一）予以公开")), tc("", para("27"))),
			tr(tc(vcont, "<w:p/>"), tc("", para("（二）部分公开")), tc("", para("0"))),
			tr(tc(`<w:vMerge w:val="continue"/>`, para("ignored")), tc("", para("（三）不予公开")), tc("", para("2"))),
			tr(tc("", para("四、结转下年度继续办理")), tc("", para("")), tc("", para("1"))),
		),
		want: "三、本年度办理结果@1.1 （一）予以公开@1.2 27@1.3 | ^三、本年度办理结果@1.1 （二）部分公开@2.2 0@2.3 | " +
			"^三、本年度办理结果@1.1 （三）不予公开@3.2 2@3.3 | 四、结转下年度继续办理@4.1 @4.2 1@4.3",
	},
	{
		name: "vMerge of a cell that also spans columns",
		body: tbl(
			tr(tc(span2+restart, para("行政复议")), tc("", para("行政诉讼"))),
			tr(tc(span2+vcont, ""), tc("", para("未经复议直接起诉"))),
		),
		want: "行政复议@1.1 ^行政复议@1.1 行政诉讼@1.3 | ^行政复议@1.1 ^行政复议@1.1 未经复议直接起诉@2.3",
	},
	{
		name: "vMerge continue with no cell above keeps its own text",
		body: tbl(
			tr(tc("", para("a"))),
			tr(tc("", para("b")), tc(vcont, para("c"))),
		),
		want: "a@1.1 | b@2.1 c@2.2",
	},
	{
		name: "runs split inside a number are joined",
		body: tbl(tr(tc("", `<w:p><w:r><w:t>30</w:t></w:r><w:proofErr/><w:r><w:rPr><w:b/></w:rPr><w:t>0</w:t></w:r><w:r><w:t>1</w:t></w:r></w:p>`))),
		want: "3001@1.1",
	},
	{
		name: "zero-width characters and soft hyphens vanish",
		body: tbl(tr(tc("", para("30\u200b0\ufeff1")), tc("", para("商\u00ad业")))),
		want: "3001@1.1 商业@1.2",
	},
	{
		name: "line breaks between CJK vanish, elsewhere become a space",
		body: tbl(tr(
			tc("", `<w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p>`),
			tc("", para("社会公益")+para("组织")),
			tc("", para("（三）不予公开")+para("1.属于国家秘密")),
			tc("", `<w:p><w:r><w:t xml:space="preserve">  本年收费金额 </w:t><w:cr/><w:t>（单位：万元）</w:t></w:r></w:p>`),
		)),
		want: "商业企业@1.1 社会公益组织@1.2 （三）不予公开 1.属于国家秘密@1.3 本年收费金额（单位：万元）@1.4",
	},
	{
		name: "blank cells stay, in place",
		body: tbl(tr(tc("", para("其他")), tc("", "<w:p/>"), tc("", ""), tc("", para("　")), tc("", para("5")))),
		want: "其他@1.1 @1.2 @1.3 @1.4 5@1.5",
	},
	{
		name: "gridBefore leaves empty cells so columns line up",
		body: tbl(
			tr(tc("", para("a")), tc("", para("b")), tc("", para("c"))),
			`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>`+tc(vcont, "")+tc("", para("d"))+`</w:tr>`,
		),
		want: "a@1.1 b@1.2 c@1.3 | @2.1 ^b@1.2 d@2.3",
	},
	{
		name: "legacy hMerge continues the cell to its left",
		body: tbl(tr(tc(`<w:hMerge w:val="restart"/>`, para("x")), tc(`<w:hMerge/>`, ""), tc("", para("y")))),
		want: "x@1.1 ^x@1.1 y@1.3",
	},
	{
		name: "rows and cells wrapped in content controls",
		body: tbl(`<w:sdt><w:sdtPr><w:alias w:val="r"/></w:sdtPr><w:sdtContent>` +
			tr(`<w:customXml w:element="c">`+tc("", para("1"))+`</w:customXml>`, tc("", para("2"))) +
			`</w:sdtContent></w:sdt>`),
		want: "1@1.1 2@1.2",
	},
	{
		name: "a nested table is read as the cell's text",
		body: tbl(tr(tc("", para("outer")+tbl(tr(tc("", para("in1")), tc("", para("in2"))))+"<w:p/>"), tc("", para("9")))),
		want: "outer in1 in2@1.1 9@1.2",
	},
	{
		name: "deleted text, field codes and fallbacks are left out",
		body: tbl(tr(tc("", `<w:p><w:del><w:r><w:delText>99</w:delText></w:r></w:del><w:ins><w:r><w:t>12</w:t></w:r></w:ins>`+
			`<w:r><w:instrText> PAGE </w:instrText></w:r><w:moveFrom><w:r><w:t>7</w:t></w:r></w:moveFrom>`+
			`<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>3</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>3</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>`))),
		want: "123@1.1",
	},
	{
		name: "hidden runs are left out",
		body: tbl(tr(tc("", `<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>99</w:t></w:r><w:r><w:t>1</w:t></w:r>`+
			`<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>2</w:t></w:r><w:r><w:rPr><w:b/><w:vanish w:val="1"/></w:rPr><w:t>7</w:t></w:r></w:p>`))),
		want: "12@1.1",
	},
	{
		name: "absurd spans are clamped",
		body: tbl(tr(tc(`<w:gridSpan w:val="-4"/>`, para("a")), tc(`<w:gridSpan w:val="x"/>`, para("b")))),
		want: "a@1.1 b@1.2",
	},
}

func TestGrid(t *testing.T) {
	for _, c := range gridCases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := read(t, docxOf(t, c.body), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got string
			n := 0
			for _, b := range doc.Blocks {
				if b.Grid != nil {
					n++
					got = render(b.Grid)
					if b.Pos.Table != 1 {
						t.Errorf("table block Pos.Table = %d, want 1", b.Pos.Table)
					}
				}
			}
			if n != 1 {
				t.Fatalf("%d grids, want 1", n)
			}
			if got != c.want {
				t.Errorf("grid\n got %s\nwant %s", got, c.want)
			}
			for _, r := range doc.Blocks[0].Grid.Rows {
				for _, cell := range r {
					if cell.Pos.Table != 1 {
						t.Errorf("cell %q has Pos.Table %d", cell.Text, cell.Pos.Table)
					}
				}
			}
		})
	}
}

func TestGridLimits(t *testing.T) {
	// 20 cells spanning 64 columns each exceed maxCols in one row.
	var cells []string
	for range 20 {
		cells = append(cells, tc(`<w:gridSpan w:val="64"/>`, ""))
	}
	_, err := read(t, docxOf(t, tbl(tr(cells...))), Options{})
	wantErr(t, err, errTooLargeSentinel, "table 1 row 1")
	// Exactly maxCols columns are fine.
	cells = cells[:maxCols/64]
	doc, err := read(t, docxOf(t, tbl(tr(cells...))), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(doc.Blocks[0].Grid.Rows[0]); n != maxCols {
		t.Errorf("%d cells, want %d", n, maxCols)
	}
	// Rows of maxCols cells: exactly maxCells fit, one row more does not.
	row := tr(cells...)
	rows := strings.Repeat(row, maxCells/maxCols)
	if _, err := read(t, docxOf(t, tbl(rows)), Options{}); err != nil {
		t.Errorf("%d cells: %v", maxCells, err)
	}
	_, err = read(t, docxOf(t, tbl(rows+row)), Options{})
	wantErr(t, err, errTooLargeSentinel, "table 1 row "+strconv.Itoa(maxCells/maxCols+1), "table cells")
}

// TestNestedNotePos checks that the note on tables nested in a cell or a
// paragraph carries the position of the first one: the cell's table, row
// and grid column, or the paragraph.
func TestNestedNotePos(t *testing.T) {
	inner := tbl(tr(tc("", para("in1")), tc("", para("in2"))))
	cases := []struct {
		name, body string
		pos        layout.Pos
		text       string
	}{
		{"in a cell after a span",
			para("a") + tbl(tr(tc("", para("1"))), tr(tc(span2, para("2")), tc("", para("x")+inner), tc("", inner))),
			layout.Pos{Table: 1, Row: 2, Col: 3}, "2 tables nested in a cell or paragraph were read as text, the first here"},
		{"in a body paragraph",
			para("a") + tbl(tr(tc("", para("1")))) + para("b") + `<w:p>` + inner + `</w:p>`,
			layout.Pos{Paragraph: 3}, "1 table nested in a cell or paragraph was read as text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := read(t, docxOf(t, c.body), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []layout.Note
			for _, n := range doc.Notes {
				if strings.Contains(n.Text, "nested") {
					got = append(got, n)
				}
			}
			if want := (layout.Note{Pos: c.pos, Text: c.text}); len(got) != 1 || got[0] != want {
				t.Errorf("nested-table notes %+v, want %+v", got, want)
			}
		})
	}
}
