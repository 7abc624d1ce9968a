package extract

import (
	"regexp"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// docText is the running text of a document with a map from byte offsets
// back to the blocks (and so to pages and lines).
type docText struct {
	text   string
	starts []int        // byte offset of each block's text
	pos    []layout.Pos // position of each block
	kind   Format
}

func newDocText(doc *layout.Document, kind Format) *docText {
	d := &docText{kind: kind}
	var b strings.Builder
	for _, bl := range doc.Blocks {
		if bl.Grid != nil {
			continue
		}
		d.starts = append(d.starts, b.Len())
		d.pos = append(d.pos, bl.Pos)
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	d.text = b.String()
	return d
}

// posAt returns the position of byte offset off: its block's position,
// with the byte offset inside the block.
func (d *docText) posAt(off int) layout.Pos {
	lo, hi := 0, len(d.starts)
	for lo < hi {
		m := (lo + hi) / 2
		if d.starts[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return layout.Pos{}
	}
	p := d.pos[lo-1]
	p.Offset = off - d.starts[lo-1]
	return p
}

// region is a byte range of docText.text.
type region struct{ start, end int }

// mapTextTable reads the rows of one table (二 or 三) from running text:
// the region is cut into printed rows (textRows) and aligned to the
// template rows (mapRows).
func mapTextTable(d *docText, reg region, defs []template.Row, gen, table string, warns *[]Warning) map[string]*rowRead {
	return mapRows(textRows(d, reg), defs, gen, table, warns)
}

// --- grids ---------------------------------------------------------------
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
		if re := rowKeys[def.Key]; re != nil && mayMatch(def.Key, norm) && re.MatchString(norm) {
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
