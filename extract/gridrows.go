package extract

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// Grids (HTML, Word and PDF tables, whose cells the reader kept apart)
// become printed rows here: a row's label cell and its value cells.

var numericCellRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[-－—–]?[0-9０-９][0-9０-９,，]*([.．][0-9０-９]+)?\s*(万元|元|件|条|个|项)?$`)
})

// isValueCell reports whether a table cell holds a value (or is blank).
func isValueCell(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" || s == "—" || s == "/" || s == "／" || s == "－" {
		return true
	}
	for _, f := range strings.Fields(s) {
		if !numericCellRE().MatchString(f) {
			return false
		}
	}
	return true
}

// gridRow splits a grid row into its label and its value cells.
func gridRow(row []layout.Cell) (label string, vals []layout.Cell) {
	last := -1
	for i, c := range row {
		if !isValueCell(c.Text) {
			last = i
		}
	}
	var parts []string
	prev := ""
	for i := 0; i <= last; i++ {
		t := strings.TrimSpace(row[i].Text)
		if t == "" || t == prev {
			continue
		}
		parts = append(parts, t)
		prev = t
	}
	for _, c := range row[last+1:] {
		if c.Spanned {
			continue
		}
		vals = append(vals, c)
	}
	return strings.Join(parts, ""), vals
}

// classifyGrid says which table ("二", "三", "四") a grid holds, or "".
func classifyGrid(g *layout.Grid, gen Generation) string {
	var b strings.Builder
	for _, r := range g.Rows {
		for _, c := range r {
			b.WriteString(c.Text)
		}
	}
	norm := normalize(b.String())
	score := map[string]int{}
	for _, def := range template.Rows(string(gen)) {
		if def.Table == "四" {
			continue
		}
		if holdsRow(def.Key, norm) {
			score[def.Table]++
		}
	}
	if strings.Contains(norm, "申请人情况") || strings.Contains(norm, "自然人") {
		score["三"] += 5
	}
	if strings.Contains(norm, "信息内容") || strings.Contains(norm, "第二十条") {
		score["二"] += 5
	}
	if strings.Contains(norm, "结果维持") && strings.Contains(norm, "尚未审结") {
		score["四"] += 5
		if !strings.Contains(norm, "申请人") {
			score["四"] += 20
		}
	}
	best, bestScore := "", 2
	for _, t := range []string{"三", "二", "四"} {
		if score[t] > bestScore {
			best, bestScore = t, score[t]
		}
	}
	return best
}

// classifyGrids tells the table of each grid of doc (classifyGrid), then
// settles the grids it leaves open by their place and rows: a grid next
// to a grid of table 二 or 三 (the previous or the next one) is of that
// table when at least half of its rows with values are labels of that
// table's rows (a table cut into grids by a page break, or printed as one
// grid per block, whose header is not repeated or is misprinted); and a
// grid with three or more such rows is of that table wherever it is.
func classifyGrids(doc *layout.Document, gen Generation, byTable map[string][]template.Row) ([]*layout.Grid, []string) {
	var grids []*layout.Grid
	var tables []string
	for _, bl := range doc.Blocks {
		if bl.Grid != nil {
			grids = append(grids, bl.Grid)
			tables = append(tables, classifyGrid(bl.Grid, gen))
		}
	}
	open := make([]int, 0, len(grids))
	for i, t := range tables {
		if t == "" {
			open = append(open, i)
		}
	}
	if len(open) == 0 {
		return grids, tables
	}
	settled := slices.Clone(tables)
	labels := map[string][]*rowLabel{}
	for _, t := range []string{"二", "三"} {
		for _, def := range byTable[t] {
			labels[t] = append(labels[t], labelOf(def))
		}
	}
	for _, i := range open {
		var near []string
		for j := i - 1; j >= 0; j-- {
			if tables[j] != "" {
				near = append(near, tables[j])
				break
			}
		}
		for j := i + 1; j < len(tables); j++ {
			if tables[j] != "" {
				near = append(near, tables[j])
				break
			}
		}
		best, bestN := "", 0
		for _, t := range []string{"二", "三"} {
			rows, labelled := rowsOfTable(grids[i], labels[t])
			switch {
			case rows == 0 || 2*labelled < rows:
				continue
			case labelled < 3 && !slices.Contains(near, t):
				continue
			}
			if labelled > bestN {
				best, bestN = t, labelled
			}
		}
		settled[i] = best
	}
	return grids, settled
}

// rowsOfTable counts a grid's rows with values, and those of them whose
// label is read as one of labels (a table's template rows).
func rowsOfTable(g *layout.Grid, labels []*rowLabel) (rows, labelled int) {
	for _, p := range gridRows(g) {
		if !p.hasValue() {
			continue
		}
		rows++
		texts, _ := labelCandidates(p.pieces)
		for _, rl := range labels {
			if s, _ := labelScore(texts, rl, minLabelScore); s >= minLabelScore {
				labelled++
				break
			}
		}
	}
	return rows, labelled
}

func gridRead(def template.Row, label string, vals []layout.Cell) *rowRead {
	rr := &rowRead{def: def, found: true, label: label}
	if len(vals) > 0 {
		rr.pos = vals[0].Pos
	}
	rr.toks, rr.cellAt, rr.raw = cellTokens(vals)
	return rr
}

// cellTokens reads grid cells: each gives one intact token (a blank cell
// an empty one), raw joins their texts with "|".
func cellTokens(vals []layout.Cell) (toks []token, at []layout.Pos, raw string) {
	var raws []string
	if len(vals) > 0 { // a cell usually gives one token
		raws = make([]string, 0, len(vals))
		toks = make([]token, 0, len(vals))
		at = make([]layout.Pos, 0, len(vals))
	}
	for _, c := range vals {
		t := strings.TrimSpace(c.Text)
		raws = append(raws, t)
		if t == "" {
			toks = append(toks, ocrToken(c, []token{{intact: true}})...)
			at = append(at, c.Pos)
			continue
		}
		for _, tk := range ocrToken(c, tokenize(t, 0, true)) {
			toks = append(toks, tk)
			at = append(at, c.Pos)
		}
	}
	return toks, at, strings.Join(raws, "|")
}

// gridRows makes printed rows of a grid's rows: the cells before the last
// cell that is not a value are the label's pieces, the rest its values
// (each cell intact).
func gridRows(g *layout.Grid) []printedRow {
	var out []printedRow
	for _, r := range g.Rows {
		p := printedRow{}
		last := -1
		for i, c := range r {
			if !isValueCell(c.Text) {
				last = i
			}
		}
		prev := ""
		for i := 0; i <= last; i++ {
			t := strings.TrimSpace(r[i].Text)
			if t == "" || t == prev {
				continue
			}
			p.pieces = append(p.pieces, t)
			prev = t
		}
		for _, c := range r[last+1:] {
			if !c.Spanned {
				p.cells = append(p.cells, c)
			}
		}
		if len(p.pieces) == 0 && len(p.cells) == 0 {
			continue
		}
		if len(p.cells) > 0 {
			p.pos = p.cells[0].Pos
		} else if len(r) > 0 {
			p.pos = r[0].Pos
		}
		p.toks, p.cellAt, p.raw = cellTokens(p.cells)
		out = append(out, p)
	}
	return out
}
