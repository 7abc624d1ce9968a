package pdfread

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
)

// Tables are rebuilt from text geometry alone (no ruling lines: the
// pdftotext fallback has none, and exporters draw them in too many ways).
//
//  1. A table region is a run of lines between narrative lines (long
//     single-segment lines, section headings, 第二十条 captions) that
//     holds at least one data line (a line ending in numbers).
//  2. Value columns are the x-intervals of the trailing numbers of the
//     data lines, merged where they overlap, plus header cells that sit
//     over no such interval (a column blank in every row).
//  3. Everything left of the first value column is the label zone. Its
//     fragments are clustered into sub-columns by left edge and grouped
//     into label blocks (a new block at "（三）", "1.", "一、", …).
//  4. Each data line is a grid row. A label block on a data line anchors
//     to that row; a block between rows (a label wrapped over 2–3 lines
//     with its numbers on the middle line, a vertical label one
//     character per line) spans the rows between its anchored
//     neighbours, split so that each block is centred on its rows.
//  5. Lines above the first data line, and lines later in the region
//     with text over the value columns (a header repeated after a page
//     break), are header rows.

var (
	numRe = regexp.MustCompile(`^[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|‰|元|万元|亿元|件|个|次|人次|条)?$`)
	// a label block starts with one of these
	markerRe     = regexp.MustCompile(`^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[.、．]|[一二三四五六七八九十]+\s*[、.．])`)
	markerOnlyRe = regexp.MustCompile(`^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[.、．]|[一二三四五六七八九十]+\s*[、.．])$`)
	// narrative lines that end a table region
	headingRe = regexp.MustCompile(`^[一二三四五六七八九十]+、\S{3,}`)
	captionRe = regexp.MustCompile(`^第[二十]+条`)
	// table 三 numbers its own rows 一…四: such a row label wrapped onto
	// a line of its own is not a section heading
	rowLabelRe = regexp.MustCompile(`^(?:一、本年新收|二、上年结转|三、本年度办|四、结转下)`)
)

func isNum(s string) bool { return numRe.MatchString(strings.TrimSpace(s)) }

// placeholderRe matches what some reports print in an empty value cell.
var placeholderRe = regexp.MustCompile(`^(?:[-—–－/／]{1,2}|无)$`)

func isValue(s string) bool { return isNum(s) || placeholderRe.MatchString(strings.TrimSpace(s)) }

// trailingNums returns how many segments at the end of l are values
// (numbers, or placeholders such as "—"), and how many of those are
// numbers.
func trailingNums(l *line) int {
	n, _ := trailingVals(l)
	return n
}

func trailingVals(l *line) (n, nums int) {
	for i := len(l.segs) - 1; i >= 0 && isValue(l.segs[i].text); i-- {
		n++
		if isNum(l.segs[i].text) {
			nums++
		}
	}
	return n, nums
}

// markData marks the lines that end in numbers set apart: two or more,
// or one after a label on a line shorter than the text width (a
// narrative line that happens to end in a number is full width).
func (g docGeom) markData(ls []line) {
	for i := range ls {
		l := &ls[i]
		n, nums := trailingVals(l)
		switch {
		case n >= 2:
			l.data = true
		case nums == 0:
		case n == 1 && len(l.segs) >= 2:
			gap := l.segs[len(l.segs)-1].x0 - l.segs[len(l.segs)-2].x1
			l.data = l.x1()-l.x0() < 0.8*g.bodyWidth || gap >= 2*l.h
		case n == 1:
			// a number alone, well right of the margin: its label is
			// wrapped above and below it ("行政事业性收" / "费")
			l.data = l.x0() > g.left+0.25*g.bodyWidth
		}
	}
}

// docGeom is what region finding needs to know of the document.
type docGeom struct {
	em        float64 // median font size
	bodyWidth float64 // width of a full narrative line; +Inf if no narrative
	left      float64 // left margin of the text
}

func measure(ls []line) docGeom {
	var hs, ws, x0s, x1s []float64
	for i := range ls {
		hs = append(hs, ls[i].h)
		x0s = append(x0s, ls[i].x0())
		x1s = append(x1s, ls[i].x1())
		if len(ls[i].segs) == 1 {
			ws = append(ws, ls[i].x1()-ls[i].x0())
		}
	}
	if len(hs) == 0 {
		return docGeom{em: 10, bodyWidth: 400}
	}
	sort.Float64s(hs)
	sort.Float64s(ws)
	sort.Float64s(x0s)
	sort.Float64s(x1s)
	g := docGeom{em: math.Max(hs[len(hs)/2], 1), bodyWidth: math.Inf(1), left: x0s[len(x0s)/10]}
	if len(ws) >= 3 {
		// the width of running text, from one-piece lines, but not less
		// than most of the width of the text area (a page of table rows
		// and short labels has no running text)
		area := x1s[len(x1s)*9/10] - x0s[len(x0s)/10]
		g.bodyWidth = math.Max(math.Max(ws[len(ws)*9/10], 0.7*area), 1)
	}
	return g
}

// isBreak reports whether l is narrative that cannot be part of a table.
func (g docGeom) isBreak(l *line) bool {
	if l.data {
		return false
	}
	t := strings.ReplaceAll(l.text(), " ", "")
	switch {
	case headingRe.MatchString(t) && utf8.RuneCountInString(t) >= 6 && !rowLabelRe.MatchString(t):
		return true
	case captionRe.MatchString(t):
		return true
	case l.x1()-l.x0() > 0.6*g.bodyWidth:
		// a full line, unless its pieces stand apart like cells: running
		// text is cut only beside numbers set off by a space
		for i := 1; i < len(l.segs); i++ {
			p, n := l.segs[i-1], l.segs[i]
			if n.x0-p.x1 > 0.8*l.h || !isDigitish(lastGlyph(p)) && !isDigitish(n.gs[0].s) {
				return false
			}
		}
		return true
	case len(l.segs) > 1:
		return false
	case strings.HasSuffix(t, "。"):
		return true
	}
	return false
}

// builder turns positioned lines into blocks.
type builder struct {
	geom   docGeom
	tables int
	blocks []layout.Block
	notes  []string
}

func (b *builder) text(l *line) {
	b.blocks = append(b.blocks, layout.Block{
		Text: l.text(),
		Pos:  layout.Pos{Page: l.page, Line: l.no, X: round1(l.x0()), Y: round1(l.y)},
	})
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// build emits narrative and table blocks for the lines of a document.
func (b *builder) build(ls []line) {
	b.geom.markData(ls)
	for i := 0; i < len(ls); {
		if b.geom.isBreak(&ls[i]) {
			b.text(&ls[i])
			i++
			continue
		}
		j := i
		for j < len(ls) && !b.geom.isBreak(&ls[j]) {
			j++
		}
		b.region(ls[i:j])
		i = j
	}
}

// region emits a run of non-narrative lines: a table if it has data.
func (b *builder) region(ls []line) {
	first, last := -1, -1
	for i := range ls {
		if ls[i].data {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		for i := range ls {
			b.text(&ls[i])
		}
		return
	}
	// lines well below the last data line are not part of the table
	end := last + 1
	for end < len(ls) && ls[end].v-ls[end-1].v < 2.5*b.geom.em && !isBreakish(&ls[end]) {
		end++
	}
	t := tableBuilder{em: measure(ls[:end]).em, no: b.tables + 1}
	var grid *layout.Grid
	if err := protect(func() error { grid = t.build(ls[:end]); return nil }); err != nil || grid == nil || len(grid.Rows) == 0 {
		// a bug here must not lose the text: keep the lines as text
		b.notes = append(b.notes, fmt.Sprintf("page %d, line %d: table not rebuilt (%v); its lines kept as text", ls[0].page, ls[0].no, err))
		end = 0
	} else {
		b.tables++
		b.blocks = append(b.blocks, layout.Block{Grid: grid, Pos: grid.Rows[0][0].Pos})
	}
	for i := end; i < len(ls); i++ {
		b.text(&ls[i])
	}
}

func isBreakish(l *line) bool {
	return len(l.segs) == 1 && utf8.RuneCountInString(l.segs[0].text) > 12
}

// column is a value column: an x-interval.
type column struct{ x0, x1 float64 }

// frag is a piece of label text in the label zone.
type frag struct {
	seg
	l    *line
	row  int // data row the fragment's line is, or -1
	sub  int // label sub-column
	head bool
}

// lblock is a label block: fragments of one label cell.
type lblock struct {
	frags    []*frag
	x1       float64
	top, bot float64 // v of the first and last fragment
	own      []int   // data rows the block has text on
	from, to int     // rows spanned, to < from if none
}

type tableBuilder struct {
	em   float64
	no   int
	cols []column
	subs []float64 // label sub-column left edges
}

func (t *tableBuilder) build(ls []line) *layout.Grid {
	t.findColumns(ls)
	valueLeft := t.cols[0].x0 - 0.3*t.em
	var rows []*line // data lines
	rowOf := map[*line]int{}
	var frags []*frag
	var heads []*line
	overValues := func(l *line) bool {
		for _, s := range l.segs {
			if center(s) >= valueLeft {
				return true
			}
		}
		return false
	}
	// label lines just above the first data line belong to its label
	// ("行政事业性收" / 96171.6 / "费"), not to the header
	labelFrom := 0
	for labelFrom < len(ls) && !ls[labelFrom].data {
		labelFrom++
	}
	for labelFrom > 0 && labelFrom < len(ls) && !overValues(&ls[labelFrom-1]) &&
		ls[labelFrom].v-ls[labelFrom-1].v < 2.6*t.em {
		labelFrom--
	}
	seenData := false
	bandStart := map[*line]bool{} // first line of each run of header lines
	headText := map[string]bool{} // the header's text, to know it repeated
	repeated := func(l *line) bool {
		for _, s := range l.segs {
			if !headText[s.text] {
				return false
			}
		}
		return len(l.segs) > 0
	}
	for i := range ls {
		l := &ls[i]
		if l.data {
			t.splitAtColumns(l, valueLeft)
			rowOf[l] = len(rows)
			rows = append(rows, l)
			seenData = true
			for _, s := range l.segs {
				if center(s) < valueLeft {
					frags = append(frags, &frag{seg: s, l: l, row: rowOf[l]})
				}
			}
			continue
		}
		if !seenData && i < labelFrom || overValues(l) || repeated(l) {
			t.splitHeader(l, valueLeft)
			if i == 0 || len(heads) == 0 || heads[len(heads)-1] != &ls[i-1] {
				bandStart[l] = true
			}
			heads = append(heads, l)
			if !seenData {
				for _, s := range l.segs {
					headText[s.text] = true
				}
			}
			continue
		}
		for _, s := range l.segs {
			frags = append(frags, &frag{seg: s, l: l, row: -1})
		}
	}
	var headXs []float64
	for _, l := range heads {
		for _, s := range l.segs {
			if center(s) < valueLeft {
				headXs = append(headXs, s.x0)
			}
		}
	}
	t.findSubs(frags, headXs)
	if split := t.splitFrags(frags); len(split) > len(frags) {
		frags = split
		t.findSubs(frags, headXs)
	}
	blocks := t.makeBlocks(frags, valueLeft)
	t.assign(blocks, rows)

	// cells of the data rows
	nsub := len(t.subs)
	type gridRow struct {
		v     float64
		cells []layout.Cell
	}
	var out []gridRow
	for r, l := range rows {
		cells := make([]layout.Cell, nsub+len(t.cols))
		for k := 0; k < nsub; k++ {
			cells[k] = layout.Cell{Pos: layout.Pos{Page: l.page, Line: l.no, X: round1(t.subs[k]), Y: round1(l.y)}}
		}
		for _, bl := range blocks {
			if bl.from <= r && r <= bl.to {
				k := bl.frags[0].sub
				f := bl.frags[0]
				c := &cells[k]
				c.Text = joinText([]string{c.Text, bl.text()})
				c.Pos = layout.Pos{Page: f.l.page, Line: f.l.no, X: round1(f.x0), Y: round1(f.l.y)}
				c.Spanned = r != bl.from
			}
		}
		// a row with one value per column takes them in order (cells
		// aligned unevenly); a shorter row places each by position
		var vals []seg
		for _, s := range l.segs {
			if center(s) >= valueLeft {
				vals = append(vals, s)
			}
		}
		colOf := make([]int, len(vals))
		for i, s := range vals {
			colOf[i] = i
			if len(vals) != len(t.cols) {
				colOf[i] = t.colOf(center(s))
			}
		}
		for j, col := range t.cols {
			var parts []string
			pos := layout.Pos{Page: l.page, Line: l.no, X: round1(col.x0), Y: round1(l.y)}
			for i, s := range vals {
				if colOf[i] == j {
					if len(parts) == 0 {
						pos.X = round1(s.x0)
					}
					parts = append(parts, s.text)
				}
			}
			cells[nsub+j] = layout.Cell{Text: joinText(parts), Pos: pos}
		}
		out = append(out, gridRow{v: l.v, cells: cells})
	}
	for _, hr := range t.headerRows(heads, bandStart, valueLeft) {
		out = append(out, gridRow{v: hr.v, cells: hr.cells})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].v < out[j].v })
	g := &layout.Grid{}
	for i, r := range out {
		for j := range r.cells {
			r.cells[j].Pos.Table = t.no
			if !r.cells[j].Spanned {
				r.cells[j].Pos.Row = i + 1
				r.cells[j].Pos.Col = j + 1
			}
		}
		g.Rows = append(g.Rows, r.cells)
	}
	// a spanned copy carries its origin's position, row and column
	for i, r := range g.Rows {
		for j := range r {
			if r[j].Spanned {
				for k := i - 1; k >= 0; k-- {
					if !g.Rows[k][j].Spanned && g.Rows[k][j].Text == r[j].Text {
						r[j].Pos = g.Rows[k][j].Pos
						break
					}
				}
			}
		}
	}
	return g
}

func center(s seg) float64 { return (s.x0 + s.x1) / 2 }

func lastGlyph(s seg) string { return s.gs[len(s.gs)-1].s }

func glyphText(gs []glyph) string {
	var b strings.Builder
	for i, g := range gs {
		if i == 8 {
			break
		}
		b.WriteString(g.s)
	}
	return b.String()
}

func (bl *lblock) text() string {
	parts := make([]string, len(bl.frags))
	up := true // a label turned to read upwards (Word's vertical text cell)
	for i, f := range bl.frags {
		parts[i] = f.text
		for _, g := range f.gs {
			up = up && g.rot == 1
		}
	}
	if up && len(parts) > 1 {
		for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
			parts[i], parts[j] = parts[j], parts[i]
		}
	}
	return joinText(parts)
}

// findColumns derives the value columns from the trailing numbers of the
// data lines and from header text over no number.
func (t *tableBuilder) findColumns(ls []line) {
	var iv []column
	var rows [][]seg // trailing values of each data line
	count := map[int]int{}
	for i := range ls {
		l := &ls[i]
		if !l.data {
			continue
		}
		n := trailingNums(l)
		vals := l.segs[len(l.segs)-n:]
		for _, s := range vals {
			iv = append(iv, column{s.x0, s.x1})
		}
		rows = append(rows, vals)
		count[n]++
	}
	t.cols = mergeIntervals(iv, 0.25*t.em)
	// Cells aligned unevenly (some centred, some not) give more or fewer
	// intervals than values in a row. If most rows agree on a number of
	// values, the columns are those rows' values in order.
	k := 0
	for n, c := range count {
		if c > count[k] || c == count[k] && n > k {
			k = n
		}
	}
	if k >= 2 && len(t.cols) != k && count[k]*2 >= len(rows) {
		cols := make([]column, k)
		for j := range cols {
			cols[j] = column{math.Inf(1), math.Inf(-1)}
		}
		for _, vals := range rows {
			if len(vals) != k {
				continue
			}
			for j, s := range vals {
				cols[j].x0 = math.Min(cols[j].x0, s.x0)
				cols[j].x1 = math.Max(cols[j].x1, s.x1)
			}
		}
		t.cols = cols
	}
	valueLeft := t.cols[0].x0 - 0.3*t.em
	// header text far from every column: a column blank in every row
	pitch := 6 * t.em
	if n := len(t.cols); n > 1 {
		var d []float64
		for j := 1; j < n; j++ {
			d = append(d, (t.cols[j].x0+t.cols[j].x1-t.cols[j-1].x0-t.cols[j-1].x1)/2)
		}
		sort.Float64s(d)
		pitch = d[len(d)/2]
	}
	var extra []column
	for i := range ls {
		l := &ls[i]
		if l.data {
			continue
		}
		for _, s := range l.segs {
			if s.x0 < valueLeft || isNum(s.text) || s.x1-s.x0 > 1.5*pitch {
				continue
			}
			if t.distToCol(center(s)) > 0.5*pitch {
				extra = append(extra, column{s.x0, s.x1})
			}
		}
	}
	if len(extra) > 0 {
		t.cols = mergeIntervals(append(t.cols, extra...), 0.25*t.em)
	}
	t.widenByHeaders(ls)
}

// widenByHeaders widens each column to the header text over it alone
// (numbers centred under a wider header, or a header wrapped to a second
// line "本年制发件" / "数"), never left of the row labels: the label
// zone then ends where the header of the first column begins.
func (t *tableBuilder) widenByHeaders(ls []line) {
	labelRight := math.Inf(-1)
	for i := range ls {
		l := &ls[i]
		if !l.data {
			continue
		}
		for _, s := range l.segs[:len(l.segs)-trailingNums(l)] {
			labelRight = math.Max(labelRight, s.x1)
		}
	}
	for pass := 0; pass < 2; pass++ {
		for i := range ls {
			l := &ls[i]
			if l.data {
				continue
			}
			for _, s := range l.segs {
				if isNum(s.text) || t.overlapCount(s) != 1 {
					continue
				}
				j := t.colOf(center(s))
				c := &t.cols[j]
				if s.x0 < c.x1 && c.x0 < s.x1 {
					c.x0 = math.Min(c.x0, math.Max(s.x0, labelRight+0.1*t.em))
					c.x1 = math.Max(c.x1, s.x1)
				}
			}
		}
	}
}

func (t *tableBuilder) distToCol(x float64) float64 {
	if len(t.cols) == 0 {
		return math.Inf(1)
	}
	return t.cols[t.colOf(x)].dist(x)
}

// dist is how far x lies outside the column (0 inside).
func (c column) dist(x float64) float64 {
	switch {
	case x < c.x0:
		return c.x0 - x
	case x > c.x1:
		return x - c.x1
	}
	return 0
}

func mergeIntervals(iv []column, tol float64) []column {
	sort.Slice(iv, func(i, j int) bool { return iv[i].x0 < iv[j].x0 })
	var out []column
	for _, c := range iv {
		if n := len(out); n > 0 && c.x0 <= out[n-1].x1+tol {
			out[n-1].x1 = math.Max(out[n-1].x1, c.x1)
			continue
		}
		out = append(out, c)
	}
	return out
}

// colOf returns the value column nearest to x.
func (t *tableBuilder) colOf(x float64) int {
	best, bd := 0, math.Inf(1)
	for j, c := range t.cols {
		if d := c.dist(x); d < bd {
			best, bd = j, d
		}
	}
	return best
}

// splitAtColumns cuts a data line's segments where glyphs change column,
// so that a number set close to its label or neighbour is not glued to it.
func (t *tableBuilder) splitAtColumns(l *line, valueLeft float64) {
	var out []seg
	for _, s := range l.segs {
		start := 0
		for i := 1; i < len(s.gs); i++ {
			p, g := s.gs[i-1], s.gs[i]
			cut := isDigitish(p.s) != isDigitish(g.s) || g.x-(p.x+p.w) > 0.2*math.Max(g.h, 1)
			if cut && t.zoneOf(p, valueLeft) != t.zoneOf(g, valueLeft) {
				out = append(out, makeSeg(s.gs[start:i]))
				start = i
			}
		}
		out = append(out, makeSeg(s.gs[start:]))
	}
	l.segs = out
}

// splitHeader cuts header segments where a visible gap (a quarter em)
// separates glyphs over different columns: LibreOffice sets narrow
// header cells closer than the segment gap ("本年制发件数本年废止件数").
// Text set solid across columns is one spanning header and stays whole.
func (t *tableBuilder) splitHeader(l *line, valueLeft float64) {
	var out []seg
	for _, s := range l.segs {
		start := 0
		wide := t.overlapCount(s) >= 2
		for i := 1; i < len(s.gs); i++ {
			p, g := s.gs[i-1], s.gs[i]
			if g.x-(p.x+p.w) > 0.25*math.Max(g.h, 1) && (wide || t.zoneOf(p, valueLeft) != t.zoneOf(g, valueLeft)) {
				out = append(out, makeSeg(s.gs[start:i]))
				start = i
			}
		}
		out = append(out, makeSeg(s.gs[start:]))
	}
	l.segs = out
}

// overlapCount returns how many value columns s lies over.
func (t *tableBuilder) overlapCount(s seg) int {
	n := 0
	for _, c := range t.cols {
		if s.x0 < c.x1 && c.x0 < s.x1 {
			n++
		}
	}
	return n
}

func (t *tableBuilder) zoneOf(g glyph, valueLeft float64) int {
	x := g.x + g.w/2
	if x < valueLeft {
		return -1
	}
	return t.colOf(x)
}

// findSubs clusters the label fragments' left edges into sub-columns.
func (t *tableBuilder) findSubs(frags []*frag, headXs []float64) {
	xs := make([]float64, 0, len(frags))
	for _, f := range frags {
		xs = append(xs, f.x0)
	}
	if len(xs) == 0 {
		xs = headXs // header text only: one label column, if any
	}
	sort.Float64s(xs)
	t.subs = nil
	for _, x := range xs {
		if n := len(t.subs); n > 0 && x-t.subs[n-1] < 1.5*t.em {
			continue
		}
		t.subs = append(t.subs, x)
	}
	for _, f := range frags {
		f.sub = 0
		for k, x := range t.subs {
			if f.x0 >= x-0.01 {
				f.sub = k
			}
		}
	}
	// A short line centred under the line above it (a centred label
	// wrapped: "三、本年度办理结" / "果") belongs to that line's column.
	sort.SliceStable(frags, func(i, j int) bool { return frags[i].l.v < frags[j].l.v })
	moved := false
	for i, f := range frags {
		if markerRe.MatchString(f.text) {
			continue
		}
		// the nearest text above that f lies under
		for j := i - 1; j >= 0; j-- {
			p := frags[j]
			if f.l.v-p.l.v > 2.6*t.em {
				break
			}
			if p.l == f.l || p.x1 <= f.x0 || f.x1 <= p.x0 {
				continue
			}
			if p.sub < f.sub && p.x0 < f.x0 && f.x1 <= p.x1+0.5*t.em {
				f.sub, moved = p.sub, true
			}
			break
		}
	}
	if !moved {
		return
	}
	// drop the columns left empty
	used := make([]bool, len(t.subs))
	for _, f := range frags {
		used[f.sub] = true
	}
	var subs []float64
	newIdx := make([]int, len(t.subs))
	for k, x := range t.subs {
		newIdx[k] = len(subs)
		if used[k] {
			subs = append(subs, x)
		}
	}
	t.subs = subs
	for _, f := range frags {
		f.sub = newIdx[f.sub]
	}
}

// splitFrags cuts label text that runs from one label column into the
// next (a narrow group column: "（三）3.危及…", "（三）" + "法权益"), at
// the left edge of a label column found on other rows.
func (t *tableBuilder) splitFrags(frags []*frag) []*frag {
	// only at the edge of an established column: three labels or more
	// start there, one with an item number
	var edges []float64
	for _, x := range t.subs {
		n, items := 0, 0
		for _, f := range frags {
			if math.Abs(f.x0-x) < 0.3*t.em {
				n++
				if markerRe.MatchString(f.text) {
					items++
				}
			}
		}
		if n >= 3 && items > 0 {
			edges = append(edges, x)
		}
	}
	var out []*frag
	for _, f := range frags {
		usual := usualGap(f.gs)
		start := 0
		for i := 1; i < len(f.gs); i++ {
			g, p := f.gs[i], f.gs[i-1]
			gap := g.x - (p.x + p.w)
			if gap <= 0.15*t.em {
				continue
			}
			// an item number, text set exactly at the column's edge, or
			// a gap wider than the fragment's own letter spacing
			marker := markerRe.MatchString(glyphText(f.gs[i:]))
			wide := gap > 0.2*t.em && gap > 2*usual+0.05*t.em
			for _, x := range edges {
				d := math.Abs(g.x - x)
				if x > f.gs[start].x+0.5*t.em && (d < 0.05*t.em || d < 0.3*t.em && (marker || wide)) {
					out = append(out, &frag{seg: makeSeg(f.gs[start:i]), l: f.l, row: f.row})
					start = i
					break
				}
			}
		}
		if start == 0 {
			out = append(out, f)
			continue
		}
		out = append(out, &frag{seg: makeSeg(f.gs[start:]), l: f.l, row: f.row})
	}
	return out
}

// usualGap is the median space between neighbouring glyphs of gs.
func usualGap(gs []glyph) float64 {
	if len(gs) < 2 {
		return 0
	}
	gaps := make([]float64, 0, len(gs)-1)
	for i := 1; i < len(gs); i++ {
		gaps = append(gaps, gs[i].x-(gs[i-1].x+gs[i-1].w))
	}
	sort.Float64s(gaps)
	return math.Max(gaps[len(gaps)/2], 0)
}

// makeBlocks groups the fragments of each sub-column into label blocks.
func (t *tableBuilder) makeBlocks(frags []*frag, valueLeft float64) []*lblock {
	bySub := make([][]*frag, len(t.subs))
	for _, f := range frags {
		bySub[f.sub] = append(bySub[f.sub], f)
	}
	var blocks []*lblock
	for k, fs := range bySub {
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].l.v < fs[j].l.v })
		right := valueLeft // where the column ends: the next one begins
		if k+1 < len(t.subs) {
			right = t.subs[k+1]
		}
		var cur *lblock
		for _, f := range fs {
			if cur != nil && !t.startsBlock(cur, f, right, k == len(t.subs)-1) {
				cur.frags = append(cur.frags, f)
				continue
			}
			cur = &lblock{}
			blocks = append(blocks, cur)
			cur.frags = append(cur.frags, f)
		}
	}
	for _, bl := range blocks {
		bl.top, bl.bot = bl.frags[0].l.v, bl.frags[len(bl.frags)-1].l.v
		bl.to = -1
		for _, f := range bl.frags {
			bl.x1 = math.Max(bl.x1, f.x1)
		}
		// Only a one-line label on a data line anchors to its row. A
		// wrapped or vertical label is centred on rows it need not touch.
		if f := bl.frags[0]; len(bl.frags) == 1 && f.row >= 0 {
			bl.own = []int{f.row}
		}
	}
	return blocks
}

// startsBlock decides whether f begins a new label block or continues
// the previous fragment of its column (right is where the column ends;
// inner is true for the label column next to the values, where each row
// has its own label).
func (t *tableBuilder) startsBlock(cur *lblock, f *frag, right float64, inner bool) bool {
	prev := cur.frags[len(cur.frags)-1]
	switch {
	case markerRe.MatchString(f.text):
		return true
	case markerOnlyRe.MatchString(prev.text):
		return false // "（六）" alone: its words are on the next line
	case f.l.v-prev.l.v > 6*t.em:
		return true
	case f.l.v-prev.l.v > 2.6*t.em && (utf8.RuneCountInString(f.text) > 2 || utf8.RuneCountInString(prev.text) > 2):
		return true // farther than a wrapped line; vertical text is looser
	case f.row >= 0 && prev.row >= 0 && f.row != prev.row && inner:
		return true // two labelled rows
	case f.row >= 0 && prev.row >= 0 && f.row != prev.row && prev.x1 < right-1.2*t.em &&
		(utf8.RuneCountInString(f.text) > 2 || utf8.RuneCountInString(prev.text) > 2):
		return true // two labelled rows: a wrapped group label fills its line, vertical text is 1-2 characters
	}
	return false
}

// assign sets the rows each label block spans, sub-column by sub-column
// from the left. A row is closed to sub-column k when a label from a
// column left of k covers k (a label spanning several label columns).
func (t *tableBuilder) assign(blocks []*lblock, rows []*line) {
	n := len(rows)
	closed := make([][]bool, n)
	for i := range closed {
		closed[i] = make([]bool, len(t.subs))
	}
	for k := range t.subs {
		var bs []*lblock
		for _, bl := range blocks {
			if bl.frags[0].sub == k {
				bs = append(bs, bl)
			}
		}
		sort.SliceStable(bs, func(i, j int) bool { return bs[i].top < bs[j].top })
		// anchored blocks take their own rows
		taken := make([]bool, n)
		for _, bl := range bs {
			if len(bl.own) > 0 {
				bl.from, bl.to = bl.own[0], bl.own[len(bl.own)-1]
				for r := bl.from; r <= bl.to; r++ {
					taken[r] = true
				}
			}
		}
		// floating blocks share the open rows of the gap they sit in
		restart := restarts(blocks, rows, k)
		for r := 0; r < n; {
			if taken[r] || closed[r][k] {
				r++
				continue
			}
			e := r
			for e+1 < n && !taken[e+1] && !closed[e+1][k] {
				e++
			}
			lo, hi := rows[r].v-1.5*t.em, rows[e].v+1.5*t.em
			if r > 0 {
				lo = math.Min(lo, (rows[r-1].v+rows[r].v)/2)
			}
			if e+1 < n {
				hi = math.Max(hi, (rows[e].v+rows[e+1].v)/2)
			}
			var fl []*lblock
			for _, bl := range bs {
				if c := (bl.top + bl.bot) / 2; len(bl.own) == 0 && bl.to < bl.from && c >= lo && c <= hi {
					fl = append(fl, bl)
				}
			}
			partition(fl, rows, r, e, 0.3*t.em, restart)
			r = e + 1
		}
		// a floating block that fits no gap goes to its nearest row
		for _, bl := range bs {
			if bl.to < bl.from && n > 0 {
				best := nearestRow(rows, 0, n-1, (bl.top+bl.bot)/2)
				bl.from, bl.to = best, best
			}
		}
		// close the columns a block reaches into
		for _, bl := range bs {
			for k2 := k + 1; k2 < len(t.subs); k2++ {
				if bl.x1 > t.subs[k2]+0.5*t.em {
					for r := bl.from; r <= bl.to; r++ {
						closed[r][k2] = true
					}
				}
			}
		}
	}
}

// partition splits rows r..e among floating blocks (in top-down order).
// A block's label is centred on its rows: it takes the rows above its
// text (from where the previous block ended), the rows its text lies
// across, and as many rows again below; the last block takes the rest.
// Counting rows rather than measuring distances keeps this right when a
// page break sits inside the span.
func partition(fl []*lblock, rows []*line, r, e int, tol float64, restart map[int]bool) {
	if len(fl) == 0 {
		return
	}
	if len(fl) > e-r+1 { // more labels than rows: nearest row each
		for _, bl := range fl {
			best := nearestRow(rows, r, e, (bl.top+bl.bot)/2)
			bl.from, bl.to = best, best
		}
		return
	}
	i := r
	for j, bl := range fl {
		if j == len(fl)-1 {
			bl.from, bl.to = i, e
			return
		}
		above, inside := 0, 0
		for k := i; k <= e; k++ {
			switch v := rows[k].v; {
			case v < bl.top-tol:
				above++
			case v <= bl.bot+tol:
				inside++
			}
		}
		end := i + 2*above + inside - 1
		if end < i {
			end = i
		}
		// not into the text of the next block, and leave a row for each
		// block still to come
		for end > i && rows[end].v >= fl[j+1].top-tol {
			end--
		}
		maxEnd := e - (len(fl) - 1 - j)
		if end > maxEnd {
			end = maxEnd
		}
		// a sub-list numbered from 1 starts the next group
		limit := i
		for limit < maxEnd && rows[limit+1].v < fl[j+1].top-tol {
			limit++
		}
		best := -1
		for x := i + 1; x <= limit+1 && x <= e; x++ {
			if restart[x] && (best < 0 || abs(x-(end+1)) < abs(best-(end+1))) {
				best = x
			}
		}
		if best > 0 {
			end = best - 1
		}
		bl.from, bl.to = i, end
		i = end + 1
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

var firstItemRe = regexp.MustCompile(`^1\s*[.、．]`)

// restarts lists the rows where a sub-list right of sub-column k starts
// again at "1." (the first row under a new group label).
func restarts(blocks []*lblock, rows []*line, k int) map[int]bool {
	m := map[int]bool{}
	for _, bl := range blocks {
		if bl.frags[0].sub > k && firstItemRe.MatchString(bl.frags[0].text) && len(rows) > 0 {
			r := nearestRow(rows, 0, len(rows)-1, (bl.top+bl.bot)/2)
			if len(bl.own) > 0 {
				r = bl.own[0]
			}
			m[r] = true
		}
	}
	return m
}

func nearestRow(rows []*line, r, e int, v float64) int {
	best := r
	for i := r; i <= e; i++ {
		if math.Abs(rows[i].v-v) < math.Abs(rows[best].v-v) {
			best = i
		}
	}
	return best
}

type headerRow struct {
	v     float64
	cells []layout.Cell
}

// hcell is a header cell being built.
type hcell struct {
	col, span   int // first column, number of value columns covered
	top, bottom float64
	parts       []string
	pos         layout.Pos
}

// headerRows turns header lines into rows. The text of a column is merged
// down (a header wrapped over lines: "结果" / "维持") unless it spans
// several value columns ("申请人情况", "行政诉讼"); cells whose vertical
// extents overlap share a row; a spanning cell is copied, Spanned, into
// every column it covers.
func (t *tableBuilder) headerRows(heads []*line, bandStart map[*line]bool, valueLeft float64) []headerRow {
	nsub := len(t.subs)
	var cells []*hcell
	open := map[int]*hcell{}
	for _, l := range heads {
		if bandStart[l] {
			open = map[int]*hcell{} // a new band (a header repeated later)
		}
		for _, s := range l.segs {
			col, span := t.headerCols(s, valueLeft)
			pos := layout.Pos{Page: l.page, Line: l.no, X: round1(s.x0), Y: round1(l.y)}
			if c := open[col]; c != nil && span == 1 && c.span == 1 && l.v-c.bottom <= 4*t.em {
				c.parts = append(c.parts, s.text)
				c.bottom = l.v
				continue
			}
			c := &hcell{col: col, span: span, top: l.v, bottom: l.v, parts: []string{s.text}, pos: pos}
			for k := col; k < col+span; k++ {
				open[k] = c
			}
			cells = append(cells, c)
		}
	}
	sort.SliceStable(cells, func(i, j int) bool { return cells[i].top < cells[j].top })
	var out []headerRow
	bottom := math.Inf(-1)
	for _, c := range cells {
		if len(out) == 0 || c.top > bottom+0.2*t.em {
			row := headerRow{v: c.top, cells: make([]layout.Cell, nsub+len(t.cols))}
			for j := range row.cells {
				row.cells[j].Pos = layout.Pos{Page: c.pos.Page, Line: c.pos.Line, Y: c.pos.Y}
			}
			out = append(out, row)
		}
		bottom = math.Max(bottom, c.bottom)
		row := out[len(out)-1].cells
		text := joinText(c.parts)
		for k := c.col; k < c.col+c.span && k < len(row); k++ {
			cell := &row[k]
			if cell.Text != "" {
				cell.Text = joinText([]string{cell.Text, text})
				continue
			}
			cell.Text, cell.Pos, cell.Spanned = text, c.pos, k > c.col
		}
	}
	return out
}

// headerCols returns the grid column of a header segment and how many
// value columns it covers.
func (t *tableBuilder) headerCols(s seg, valueLeft float64) (col, span int) {
	nsub := len(t.subs)
	if center(s) < valueLeft {
		for k, x := range t.subs {
			if s.x0 >= x-0.5*t.em {
				col = k
			}
		}
		return col, 1
	}
	first, n := -1, t.overlapCount(s)
	for j, c := range t.cols {
		if s.x0 < c.x1 && c.x0 < s.x1 {
			first = j
			break
		}
	}
	if n < 2 {
		return nsub + t.colOf(center(s)), 1
	}
	return nsub + first, n
}
