package pdfread

import (
	"math"
	"sort"

	"github.com/nianbao/nianbao/extract/layout"
)

// Stage 5: header rows, above the first data line or repeated after a
// page break.

// splitHeader cuts header segments where a visible gap (a fifth of an em)
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
			if g.x-(p.x+p.w) > 0.2*math.Max(g.h, 1) && (wide || t.zoneOf(p, valueLeft) != t.zoneOf(g, valueLeft)) {
				out = append(out, makeSeg(s.gs[start:i]))
				start = i
			}
		}
		out = append(out, makeSeg(s.gs[start:]))
	}
	l.segs = out
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
			// a cell's own column keeps its text: a spanned copy of a
			// neighbour that overlaps it gives way, and is never mixed in
			cell := &row[k]
			switch {
			case cell.Text == "" || cell.Spanned && k == c.col:
				cell.Text, cell.Pos, cell.Spanned = text, c.pos, k > c.col
			case k == c.col:
				cell.Text = joinText([]string{cell.Text, text})
			}
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
