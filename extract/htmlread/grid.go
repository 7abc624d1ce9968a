package htmlread

import (
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/nianbao/nianbao/extract/layout"
)

// Limits on span expansion, as browsers apply them, and on the size of
// one expanded table.
const (
	maxColspan = 1000
	maxRowspan = 65534
	maxCells   = 1 << 20
)

// rows returns the <tr> elements of table t that have at least one cell,
// in source order, not those of nested tables. A row without cells
// carries nothing; rowspans do not count it.
func rows(t *html.Node) []*html.Node {
	var out []*html.Node
	add := func(tr *html.Node) {
		if len(cells(tr)) > 0 {
			out = append(out, tr)
		}
	}
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Tr:
			add(c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.DataAtom == atom.Tr {
					add(r)
				}
			}
		}
	}
	return out
}

// cells returns the <td> and <th> children of a row.
func cells(tr *html.Node) []*html.Node {
	var out []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			out = append(out, c)
		}
	}
	return out
}

// span reads a colspan/rowspan attribute: def when absent or not a
// number, clamped to [lo, hi].
func span(n *html.Node, key string, def, lo, hi int) int {
	for _, a := range n.Attr {
		if a.Key != key {
			continue
		}
		v := strings.TrimSpace(a.Val)
		// browsers read the leading digits: "2;" is 2
		end := 0
		for end < len(v) && v[end] >= '0' && v[end] <= '9' {
			end++
		}
		x, err := strconv.Atoi(v[:end])
		if err != nil {
			return def
		}
		return min(max(x, lo), hi)
	}
	return def
}

// buildGrid expands table t into a grid: every row gets a cell for every
// column it covers, the copies a rowspan/colspan makes marked Spanned
// with the origin's text and position. A column gap inside a row (no
// cell of the source covers it) is filled with an empty cell and noted;
// rows are not padded at the end. table is the 1-based table index.
func buildGrid(t *html.Node, table int) (*layout.Grid, []layout.Note) {
	trs := rows(t)
	g := &layout.Grid{Rows: make([][]layout.Cell, len(trs))}
	filled := make([][]bool, len(trs))
	var notes []layout.Note
	total := 0
	for r, tr := range trs {
		col := 0
		for _, td := range cells(tr) {
			for col < len(filled[r]) && filled[r][col] {
				col++
			}
			cs := span(td, "colspan", 1, 1, maxColspan)
			rs := span(td, "rowspan", 1, 0, maxRowspan)
			if rs == 0 || r+rs > len(trs) {
				rs = len(trs) - r // 0 means "to the end"; spans stop at the last row
			}
			if col+cs > maxColspan {
				cs = maxColspan - col
			}
			if cs <= 0 {
				notes = append(notes, layout.Note{Pos: layout.Pos{Table: table, Row: r + 1},
					Text: fmt.Sprintf("more than %d columns, rest of the row dropped", maxColspan)})
				break
			}
			if total+rs*cs > maxCells {
				notes = append(notes, layout.Note{Pos: layout.Pos{Table: table},
					Text: fmt.Sprintf("more than %d cells after span expansion, rest of the table dropped", maxCells)})
				return trim(g, filled, table, notes)
			}
			total += rs * cs
			origin := layout.Cell{
				Text: textOf(td),
				Pos:  layout.Pos{Table: table, Row: r + 1, Col: col + 1, Line: line(td)},
			}
			for dr := 0; dr < rs; dr++ {
				rr := r + dr
				for len(filled[rr]) < col+cs {
					filled[rr] = append(filled[rr], false)
					g.Rows[rr] = append(g.Rows[rr], layout.Cell{})
				}
				for dc := 0; dc < cs; dc++ {
					c := origin
					c.Spanned = dr > 0 || dc > 0
					if filled[rr][col+dc] {
						// overlapping spans (invalid HTML): the first cell keeps the slot
						continue
					}
					filled[rr][col+dc] = true
					g.Rows[rr][col+dc] = c
				}
			}
			col += cs
		}
	}
	return trim(g, filled, table, notes)
}

// trim fills column gaps with empty cells (noting them) and drops rows
// left without any cell.
func trim(g *layout.Grid, filled [][]bool, table int, notes []layout.Note) (*layout.Grid, []layout.Note) {
	out := g.Rows[:0]
	for r, row := range g.Rows {
		if len(row) == 0 {
			continue
		}
		for c := range row {
			if !filled[r][c] {
				row[c] = layout.Cell{Pos: layout.Pos{Table: table, Row: r + 1, Col: c + 1}}
				notes = append(notes, layout.Note{Pos: row[c].Pos, Text: "no cell in the source, read as empty"})
			}
		}
		out = append(out, row)
	}
	g.Rows = out
	return g, notes
}

// layoutTable reports whether t is a table used for page layout rather
// than data: it holds another table, it has a cell with a long run of
// text, or it has a single column.
func (pg *page) layoutTable(t *html.Node) bool {
	trs := rows(t)
	if len(trs) == 0 {
		return true
	}
	wide := false
	for _, tr := range trs {
		tds := cells(tr)
		if len(tds) > 1 || len(tds) == 1 && span(tds[0], "colspan", 1, 1, maxColspan) > 1 {
			wide = true
		}
		for _, td := range tds {
			if pg.cjk[td]+pg.link[td] > 300 || hasTable(td) {
				return true
			}
		}
	}
	return !wide
}

// hasTable reports whether n has a <table> descendant.
func hasTable(n *html.Node) bool {
	for c := n.FirstChild; c != nil; {
		if c.Type == html.ElementNode && c.DataAtom == atom.Table {
			return true
		}
		if c.FirstChild != nil {
			c = c.FirstChild
			continue
		}
		for c != n && c.NextSibling == nil {
			c = c.Parent
		}
		if c == n {
			return false
		}
		c = c.NextSibling
	}
	return false
}
