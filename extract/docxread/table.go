package docxread

import (
	"encoding/xml"
	"strconv"

	"github.com/nianbao/nianbao/extract/layout"
)

// merge is a cell's w:vMerge or w:hMerge state.
type merge int

const (
	mergeNone merge = iota
	mergeRestart
	mergeContinue
)

// tcell is one w:tc as written, before expansion.
type tcell struct {
	span   int
	vmerge merge
	hmerge merge
	text   string
}

// tbl reads the w:tbl whose start was just read and expands it into a
// grid: a w:gridBefore gap becomes empty cells, a cell spanning n grid
// columns (w:gridSpan, or w:hMerge continuations) is followed by n-1
// Spanned copies, a w:vMerge continuation is a Spanned copy of the cell
// above it in the same grid column.
func (p *parser) tbl() (*layout.Grid, error) {
	g := &layout.Grid{}
	var row []layout.Cell
	inRow := false
	level := 1
	for {
		t, err := p.next()
		if err != nil {
			return nil, eofIsCorrupt(p, err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch {
			case isW(t.Name, "tr"):
				inRow, row = true, []layout.Cell{}
				p.at = layout.Pos{Table: p.table, Row: len(g.Rows) + 1}
				level++
			case isW(t.Name, "trPr") && inRow:
				n, err := p.gridBefore()
				if err != nil {
					return nil, err
				}
				for len(row) < n {
					row = append(row, layout.Cell{Pos: p.cellPos(len(g.Rows)+1, len(row)+1)})
				}
				p.cells += n
			case isW(t.Name, "tc") && inRow:
				p.col = len(row) + 1
				c, err := p.tc()
				p.col = 0
				if err != nil {
					return nil, err
				}
				if row, err = p.place(g, row, c); err != nil {
					return nil, err
				}
			case ignored(t.Name), isW(t.Name, "tc"), isW(t.Name, "tbl"), isW(t.Name, "p"):
				// a cell outside a row, or a table or paragraph directly
				// in a table: not valid WordprocessingML, skipped
				if err := p.skip(); err != nil {
					return nil, err
				}
			default: // w:sdt, w:customXml, ... around rows or cells
				level++
			}
		case xml.EndElement:
			level--
			if isW(t.Name, "tr") && inRow {
				g.Rows = append(g.Rows, row)
				inRow = false
			}
			if level == 0 {
				if inRow { // unbalanced wrappers: keep what was read
					g.Rows = append(g.Rows, row)
				}
				return g, nil
			}
		}
	}
}

func (p *parser) cellPos(row, col int) layout.Pos {
	return layout.Pos{Table: p.table, Row: row, Col: col}
}

// place appends cell c, expanded, to row (row len(g.Rows)+1 of table).
func (p *parser) place(g *layout.Grid, row []layout.Cell, c tcell) ([]layout.Cell, error) {
	r := len(g.Rows) + 1
	col := len(row)
	var above []layout.Cell
	if len(g.Rows) > 0 {
		above = g.Rows[len(g.Rows)-1]
	}
	if len(row)+c.span > maxCols {
		return nil, p.errorf(layout.ErrTooLarge, "more than %d grid columns", maxCols)
	}
	if p.cells += c.span; p.cells > maxCells {
		return nil, p.errorf(layout.ErrTooLarge, "more than %d table cells after span expansion", maxCells)
	}
	for k := 0; k < c.span; k++ {
		var cell layout.Cell
		switch {
		case c.vmerge == mergeContinue && col+k < len(above):
			o := above[col+k]
			cell = layout.Cell{Text: o.Text, Pos: o.Pos, Spanned: true}
		case c.hmerge == mergeContinue && len(row) > 0 && k == 0:
			cell = row[len(row)-1]
			cell.Spanned = true
		case k > 0:
			cell = row[col]
			cell.Spanned = true
		default:
			cell = layout.Cell{Text: c.text, Pos: p.cellPos(r, col+1)}
		}
		row = append(row, cell)
	}
	return row, nil
}

// maxCols caps the cells of one expanded row, maxCells those of the whole
// document: spans multiply cells, so the input size alone does not bound
// them.
const (
	maxCols  = 4 * maxSpan
	maxCells = 1 << 18
)

// tc reads a w:tc whose start was just read.
func (p *parser) tc() (tcell, error) {
	c := tcell{span: 1}
	var tx text
	err := p.children(func(t xml.StartElement) error {
		if isW(t.Name, "tcPr") {
			return p.tcPr(&c)
		}
		return p.elem(t, &tx)
	}, nil)
	c.text = tx.String()
	return c, err
}

// tcPr reads the cell properties that shape the grid.
func (p *parser) tcPr(c *tcell) error {
	return p.children(func(t xml.StartElement) error {
		switch {
		case isW(t.Name, "gridSpan"):
			c.span = spanVal(t, 1)
		case isW(t.Name, "vMerge"):
			c.vmerge = mergeVal(t)
		case isW(t.Name, "hMerge"):
			c.hmerge = mergeVal(t)
		}
		return p.skip()
	}, nil)
}

// gridBefore reads a w:trPr and returns its w:gridBefore count.
func (p *parser) gridBefore() (int, error) {
	n := 0
	err := p.children(func(t xml.StartElement) error {
		if isW(t.Name, "gridBefore") {
			n = spanVal(t, 0)
		}
		return p.skip()
	}, nil)
	return n, err
}

func val(se xml.StartElement) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == "val" {
			return a.Value, true
		}
	}
	return "", false
}

// spanVal reads a w:val count, clamped to [min, maxSpan]; def when absent
// or unreadable.
func spanVal(se xml.StartElement, def int) int {
	s, ok := val(se)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < def {
		return def
	}
	return min(n, maxSpan)
}

// mergeVal reads w:vMerge / w:hMerge: "restart" starts a merge, no value
// (or "continue") continues one.
func mergeVal(se xml.StartElement) merge {
	if s, _ := val(se); s == "restart" {
		return mergeRestart
	}
	return mergeContinue
}
