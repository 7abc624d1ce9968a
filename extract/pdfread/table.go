package pdfread

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"
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
	// a label block starts with one of these
	markerRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[.、．]|[一二三四五六七八九十]+\s*[、.．])`)
	})
	markerOnlyRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[.、．]|[一二三四五六七八九十]+\s*[、.．])$`)
	})
	// narrative lines that end a table region
	headingRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[一二三四五六七八九十]+、\S{3,}`) })
	captionRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^第[二十]+条`) })
	// table 三 numbers its own rows 一…四: such a row label wrapped onto
	// a line of its own is not a section heading
	rowLabelRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:一、本年新收|二、上年结转|三、本年度办|四、结转下)`)
	})
)

// numUnits are the units a value cell may end in.
var numUnits = [...]string{"万元", "亿元", "人次", "%", "‰", "元", "件", "个", "次", "条"} // longest first

// isNum reports whether s (trimmed) is a number as a table prints it:
// ^[-+−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?(unit)?$, unit one of numUnits.
// Written out rather than a regexp: the table code asks it of every
// segment, several times (a sixth of Read on a 20-page report).
func isNum(s string) bool {
	s = strings.TrimSpace(s)
	for _, u := range numUnits {
		if t, ok := strings.CutSuffix(s, u); ok {
			s = t
			break
		}
	}
	if t, ok := strings.CutPrefix(s, "−"); ok {
		s = t
	} else if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	intPart, frac, dot := strings.Cut(s, ".")
	if dot && (frac == "" || !allDigits(frac)) {
		return false
	}
	if intPart == "" {
		return false
	}
	if !strings.Contains(intPart, ",") {
		return allDigits(intPart)
	}
	groups := strings.Split(intPart, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 || !allDigits(groups[0]) {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !allDigits(g) {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// placeholderRe matches what some reports print in an empty value cell.
var placeholderRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:[-—–－/／]{1,2}|无)$`) })

func isValue(s string) bool { return isNum(s) || placeholderRe().MatchString(strings.TrimSpace(s)) }

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

// builder turns a document's positioned lines into blocks (assemble in
// read.go calls build): stage 1 cuts the lines into narrative lines and
// table regions (the geometry is region.go's), and each region with data
// becomes one layout.Grid through tableBuilder.build, stages 2–5, whose
// steps are columns.go (value columns), labels.go (label sub-columns and
// blocks), spans.go (blocks over rows) and header.go (header rows).
type builder struct {
	geom   docGeom
	tables int
	blocks []layout.Block
	notes  []layout.Note
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
	if grid := t.build(ls[:end]); len(grid.Rows) == 0 {
		b.notes = append(b.notes, layout.Note{Pos: layout.Pos{Page: ls[0].page, Line: ls[0].no}, Text: "table not rebuilt; its lines kept as text"})
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

type tableBuilder struct {
	em   float64
	no   int
	cols []column
	subs []float64 // label sub-column left edges
}

// build rebuilds one table region as a grid: the stages in order. Each
// cell keeps its layout.Pos: page, line, x, y, table/row/col.
func (t *tableBuilder) build(ls []line) *layout.Grid {
	t.findColumns(ls)
	valueLeft := t.cols[0].x0 - 0.3*t.em
	p := t.classify(ls, valueLeft)
	var headXs []float64
	for _, l := range p.heads {
		for _, s := range l.segs {
			if center(s) < valueLeft {
				headXs = append(headXs, s.x0)
			}
		}
	}
	frags := p.frags
	t.findSubs(frags, headXs)
	if split := t.splitFrags(frags); len(split) > len(frags) {
		frags = split
		t.findSubs(frags, headXs)
	}
	blocks := t.makeBlocks(frags, valueLeft)
	t.assign(blocks, p.rows)
	out := t.dataRows(p.rows, blocks, valueLeft)
	for _, hr := range t.headerRows(p.heads, p.bandStart, valueLeft) {
		out = append(out, gridRow{v: hr.v, cells: hr.cells})
	}
	return t.grid(out)
}

// parts is a table region's lines sorted by role.
type parts struct {
	rows      []*line        // data lines, one grid row each
	frags     []*frag        // label text left of the value columns
	heads     []*line        // header lines
	bandStart map[*line]bool // first line of each run of header lines
}

// classify sorts the region's lines into data rows, header lines and
// label fragments, cutting data lines at the value columns.
func (t *tableBuilder) classify(ls []line, valueLeft float64) parts {
	p := parts{bandStart: map[*line]bool{}}
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
			row := len(p.rows)
			p.rows = append(p.rows, l)
			seenData = true
			for _, s := range l.segs {
				if center(s) < valueLeft {
					p.frags = append(p.frags, &frag{seg: s, l: l, row: row})
				}
			}
			continue
		}
		if !seenData && i < labelFrom || overValues(l) || repeated(l) {
			t.splitHeader(l, valueLeft)
			if i == 0 || len(p.heads) == 0 || p.heads[len(p.heads)-1] != &ls[i-1] {
				p.bandStart[l] = true
			}
			p.heads = append(p.heads, l)
			if !seenData {
				for _, s := range l.segs {
					headText[s.text] = true
				}
			}
			continue
		}
		for _, s := range l.segs {
			p.frags = append(p.frags, &frag{seg: s, l: l, row: -1})
		}
	}
	return p
}

// gridRow is one row of the grid being built, at line position v.
type gridRow struct {
	v     float64
	cells []layout.Cell
}

// dataRows makes the cells of the data rows: the label blocks spanning
// each row in its label sub-columns, then its values.
func (t *tableBuilder) dataRows(rows []*line, blocks []*lblock, valueLeft float64) []gridRow {
	nsub := len(t.subs)
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
		t.valueCells(l, cells[nsub:], valueLeft)
		out = append(out, gridRow{v: l.v, cells: cells})
	}
	return out
}

// valueCells fills a data row's value cells. A row with one value per
// column takes them in order (cells aligned unevenly); a shorter row
// places each by position.
func (t *tableBuilder) valueCells(l *line, cells []layout.Cell, valueLeft float64) {
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
		cells[j] = layout.Cell{Text: joinText(parts), Pos: pos}
	}
}

// grid orders the rows top to bottom and numbers the cells; a spanned
// copy carries its origin's position, row and column.
func (t *tableBuilder) grid(out []gridRow) *layout.Grid {
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
