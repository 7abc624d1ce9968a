package pdfread

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
)

// Table cases drawn as text: every character cell is 5 pt wide (a CJK
// character takes two), every text line 12 pt high with a 10 pt font, so
// that the drawing is the layout. A line "\f" starts a new page. The
// expected grid lists rows as cells joined by "|", a Spanned copy
// prefixed with "^".

func artGlyphs(art string) [][]glyph {
	var pages [][]glyph
	var cur []glyph
	y := 800.0
	run := 0
	for _, ln := range strings.Split(strings.Trim(art, "\n"), "\n") {
		if ln == "\f" {
			pages = append(pages, cur)
			cur, y = nil, 800
			continue
		}
		col := 0
		for _, r := range ln {
			w := 1
			if isWide(r) {
				w = 2
			}
			if r != ' ' {
				run++
				cur = append(cur, glyph{s: string(r), x: 50 + float64(col)*5, y: y, w: float64(w) * 5, h: 10, run: run})
			}
			col += w
		}
		y -= 12
	}
	return append(pages, cur)
}

func artGrid(t *testing.T, art string) (*layout.Grid, []string) {
	t.Helper()
	var pages [][]line
	for i, gs := range artGlyphs(art) {
		pages = append(pages, dropPageNumbers(groupLines(i+1, gs)))
	}
	ls := placePages(pages)
	b := builder{geom: measure(ls)}
	b.build(ls)
	var grid *layout.Grid
	var text []string
	for _, bl := range b.blocks {
		if bl.Grid != nil && grid == nil {
			grid = bl.Grid
		} else if bl.Grid == nil {
			text = append(text, bl.Text)
		}
	}
	if grid == nil {
		t.Fatalf("no table in\n%s", art)
	}
	return grid, text
}

func gridRows(g *layout.Grid) []string {
	var out []string
	for _, r := range g.Rows {
		var cs []string
		for _, c := range r {
			s := c.Text
			if c.Spanned {
				s = "^" + s
			}
			cs = append(cs, s)
		}
		out = append(out, strings.Join(cs, "|"))
	}
	return out
}

func TestTableArt(t *testing.T) {
	cases := []struct {
		name, art string
		want      []string
	}{
		{
			name: "blank cell and placeholder keep their columns",
			art: `
信息内容          本年制发件数    本年废止件数    现行有效件数
规章               1                               11
行政规范性文件     8               —               66
`,
			want: []string{
				"信息内容|本年制发件数|本年废止件数|现行有效件数",
				"规章|1||11",
				"行政规范性文件|8|—|66",
			},
		},
		{
			name: "label wrapped over three lines, numbers on the middle one",
			art: `
项目                      自然人    总计
1.申请人无正当理由
  逾期不补正、行政机关     67        71
  不再处理其申请
2.重复申请                 25        25
`,
			want: []string{
				"项目|自然人|总计",
				"1.申请人无正当理由逾期不补正、行政机关不再处理其申请|67|71",
				"2.重复申请|25|25",
			},
		},
		{
			name: "group label centred on its rows, a page break and page number inside",
			art: `
（一）予以公开                  4     4
          1.属于国家秘密        1     1
（三）不  2.其他法律            2     2
予公开    3.危及                3     3
                  - 3 -
` + "\f" + `
          4.保护第三方          5     5
（四）无  1.本机关不掌握        6     6
法提供    2.没有现成            7     7
`,
			want: []string{
				"（一）予以公开||4|4",
				"（三）不予公开|1.属于国家秘密|1|1",
				"^（三）不予公开|2.其他法律|2|2",
				"^（三）不予公开|3.危及|3|3",
				"^（三）不予公开|4.保护第三方|5|5",
				"（四）无法提供|1.本机关不掌握|6|6",
				"^（四）无法提供|2.没有现成|7|7",
			},
		},
		{
			name: "repeated header after a page break stays a header row",
			art: `
项目            自然人    总计
一、本年新收     3         3
二、上年结转     1         1
` + "\f" + `
项目            自然人    总计
四、结转下年     0         0
`,
			want: []string{
				"项目|自然人|总计",
				"一、本年新收|3|3",
				"二、上年结转|1|1",
				"项目|自然人|总计",
				"四、结转下年|0|0",
			},
		},
		{
			name: "cells aligned unevenly: rows with one value per column take them in order",
			art: `
项目        甲      乙      丙
一行        1       2       3
二行        4         5     6
三行        7       8       9
四行        1                 2
`,
			want: []string{
				"项目|甲|乙|丙",
				"一行|1|2|3",
				"二行|4|5|6",
				"三行|7|8|9",
				"四行|1||2",
			},
		},
		{
			name: "letter-spaced group label glued to the next column's text",
			art: `
            1.属于国家秘密        1
            2.其他法律            2
（ 三 ）    3.危及                3
不 予 公 开 4.保护第三方合        4
            法权益
            5.属于三类            5
`,
			want: []string{
				"（三）不予公开|1.属于国家秘密|1",
				"^（三）不予公开|2.其他法律|2",
				"^（三）不予公开|3.危及|3",
				"^（三）不予公开|4.保护第三方合法权益|4",
				"^（三）不予公开|5.属于三类|5",
			},
		},
		{
			name: "a number glued to its label is cut at the column",
			art: `
信息内容        本年收费金额
行政事业性收费 9116.36
行政许可        12
`,
			want: []string{
				"信息内容|本年收费金额",
				"行政事业性收费|9116.36",
				"行政许可|12",
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, _ := artGrid(t, c.art)
			got := gridRows(g)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestNarrativeAroundTable: headings and paragraphs around a table stay
// text, one block per line, and the table's row 四、 is not taken for
// the section heading 四、.
func TestNarrativeAroundTable(t *testing.T) {
	art := `
三、收到和处理政府信息公开申请情况
项目                        自然人    总计
一、本年新收政府信息公开      3         3
四、结转下年度继续办理        0         0
四、政府信息公开行政复议、行政诉讼情况
本年度本机关未发生政府信息公开行政复议和行政诉讼案件，全年未收取信息处理费。
`
	g, text := artGrid(t, art)
	if n := len(g.Rows); n != 3 {
		t.Errorf("%d rows, want 3: %q", n, gridRows(g))
	}
	want := []string{"三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
		"本年度本机关未发生政府信息公开行政复议和行政诉讼案件，全年未收取信息处理费。"}
	if strings.Join(text, "\n") != strings.Join(want, "\n") {
		t.Errorf("text blocks\n%s\nwant\n%s", strings.Join(text, "\n"), strings.Join(want, "\n"))
	}
}

func TestArtGlyphWidths(t *testing.T) {
	gs := artGlyphs("a中b")[0]
	if len(gs) != 3 || gs[1].x != 55 || gs[2].x != 65 || utf8.RuneCountInString(gs[1].s) != 1 {
		t.Errorf("art glyphs: %+v", gs)
	}
}

// TestSplitFrags uses the glyph positions of gen-pingtan-2021-print.pdf:
// "（三）" letter-spaced in a narrow column, glued to "法权益" of the next
// column, whose edge (168.4) three numbered labels establish; 132.1 is
// the start of one stray label only and must not cut "（五）".
func TestSplitFrags(t *testing.T) {
	ln := &line{}
	mk := func(xs []float64, text string) *frag {
		var gs []glyph
		i := 0
		for _, r := range text {
			w := 14.0
			if r < 0x80 {
				w = 7
			}
			gs = append(gs, glyph{s: string(r), x: xs[i], w: w, h: 14})
			i++
		}
		return &frag{seg: makeSeg(gs), l: ln, row: -1}
	}
	step := func(x0 float64, n int) []float64 {
		var xs []float64
		for i := 0; i < n; i++ {
			xs = append(xs, x0+14*float64(i))
		}
		return xs
	}
	frags := []*frag{
		mk([]float64{168.4, 175.4, 182.4, 196.4}, "1.属于"),
		mk([]float64{168.4, 175.4, 182.4, 196.4}, "2.其他"),
		mk([]float64{168.4, 175.4, 182.4, 196.4}, "3.危及"),
		mk(step(132.1, 2), "理结"),
		mk([]float64{111.1, 130.9, 150.7, 168.4, 182.4, 196.4}, "（三）法权益"),
		mk([]float64{111.1, 130.9, 150.7, 168.4, 175.4, 182.4, 196.4, 210.4, 224.4, 238.4, 252.4}, "（五）1.信访举报投诉"),
	}
	tb := tableBuilder{em: 14, subs: []float64{111.1, 132.1, 168.4}}
	var got []string
	for _, f := range tb.splitFrags(frags)[4:] {
		got = append(got, f.text)
	}
	if want := "（三）|法权益|（五）|1.信访举报投诉"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "|"), want)
	}
}

// TestLongTable: a table of 3000 rows (a long 统计表) is rebuilt in well
// under a second: nothing in the table code may grow faster than rows ×
// labels.
func TestLongTable(t *testing.T) {
	var b strings.Builder
	b.WriteString("项目              本年      累计\n")
	for i := 0; i < 3000; i++ {
		if i%10 == 0 {
			b.WriteString("（一）分组\n")
		}
		b.WriteString("    1.指标名称    12        345\n")
	}
	start := time.Now()
	g, _ := artGrid(t, b.String())
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v", d)
	}
	if len(g.Rows) != 3001 {
		t.Errorf("%d rows, want 3001", len(g.Rows))
	}
}

// TestUpwardLabel: a label cell whose text is turned to read upwards
// (Word's vertical text direction) is one glyph per line from the bottom:
// its text is read from the bottom up.
func TestUpwardLabel(t *testing.T) {
	art := `
果    （一）予以公开      1    1
结    （二）部分公开      2    2
、    （三）不予公开      3    3
三    （四）无法提供      4    4
`
	pages := artGlyphs(art)
	for i, g := range pages[0] {
		if g.x < 60 { // the first column reads upwards
			pages[0][i].rot = 1
		}
	}
	ls := placePages([][]line{groupLines(1, pages[0])})
	b := builder{geom: measure(ls)}
	b.build(ls)
	if len(b.blocks) == 0 || b.blocks[0].Grid == nil {
		t.Fatal("no table")
	}
	if got := b.blocks[0].Grid.Rows[0][0].Text; got != "三、结果" {
		t.Errorf("upward label read as %q, want 三、结果", got)
	}
}

var numRegexp = regexp.MustCompile(`^[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|‰|元|万元|亿元|件|个|次|人次|条)?$`)

// FuzzIsNum: isNum is the regexp it replaced.
func FuzzIsNum(f *testing.F) {
	for _, s := range []string{"12", "1,234", "12,34", "-3.5%", "−7", "+1,234,567.89万元", "1.", ".5", "1,2345", "3人次", "无", "", " 42 ", "1,234.5,6", "0.25‰", "--1", "1元元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isNum(s), numRegexp.MatchString(strings.TrimSpace(s)); got != want {
			t.Errorf("isNum(%q) = %v, regexp says %v", s, got, want)
		}
	})
}
