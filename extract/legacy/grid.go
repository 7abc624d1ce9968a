package legacy

import (
	"regexp"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract/layout"
)

// yearHead matches the heading of the year column.
var yearHead = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[0-9]{4}年|本年|当年|本期|统计数|数量|数值`)
})

// blankMarks are printed in place of a value to say "none".
var blankMarks = map[string]bool{"-": true, "—": true, "——": true, "－": true, "/": true, "／": true, "无": true}

// columns are the grid columns of a statistical table.
type columns struct {
	label, unit, year, cum int // -1 when absent
}

// compact removes white space from a cell text.
func compact(s string) string { return strings.Join(strings.Fields(s), "") }

// gridHeader finds the header row (指标名称 … 单位) and the columns.
func gridHeader(g *layout.Grid) (int, columns, bool) {
	for h, row := range g.Rows {
		cols := columns{-1, -1, -1, -1}
		for c, cell := range row {
			t := compact(cell.Text)
			switch {
			case cols.label < 0 && strings.Contains(t, "指标"):
				cols.label = c
			case cols.unit < 0 && strings.Contains(t, "单位"):
				cols.unit = c
			case cols.cum < 0 && strings.Contains(t, "累计"):
				cols.cum = c
			case cols.year < 0 && yearHead().MatchString(t):
				cols.year = c
			}
		}
		if cols.label < 0 || cols.unit < 0 {
			continue
		}
		if cols.year < 0 { // unnamed: the first other column after the unit
			for c := cols.unit + 1; c < len(row); c++ {
				if c != cols.cum && compact(row[c].Text) != compact(row[cols.unit].Text) {
					cols.year = c
					break
				}
			}
		}
		if cols.year >= 0 {
			return h, cols, true
		}
	}
	return 0, columns{}, false
}

// FromGrid reads a statistical table whose cells the source kept apart
// (HTML, Word, PDF cells rebuilt from positions): a header row 指标名称 |
// 计量单位 | 本年度 (or "2015年度") | 历年累计, then one row per line. A cell
// copied by a rowspan/colspan expansion counts as not printed in the
// value columns. Rows before the header are ignored; a repeated header
// row is skipped. There is no narrative to decide splits, so a row whose
// digits run together inside one cell may stay ambiguous.
func FromGrid(g *layout.Grid) ([]Row, []Warning) {
	if g == nil {
		return nil, []Warning{{Message: "no grid"}}
	}
	h, cols, ok := gridHeader(g)
	if !ok {
		return nil, []Warning{{Message: "no statistical table: no 指标名称 | 计量单位 | value header row"}}
	}
	b := &builder{}
	nest := newNester()
	for r := h + 1; r < len(g.Rows); r++ {
		b.gridRow(g.Rows[r], cols, nest)
	}
	return b.rows, append(b.warns, resolve(b.rows, b.cands, b.notes, "", "")...)
}

// cellAt returns the text of column c of a row, "" if absent or, for
// value columns, a spanned copy.
func cellAt(row []layout.Cell, c int, values bool) (string, layout.Pos) {
	if c < 0 || c >= len(row) || values && row[c].Spanned {
		return "", layout.Pos{}
	}
	return strings.TrimSpace(row[c].Text), row[c].Pos
}

func (b *builder) gridRow(row []layout.Cell, cols columns, nest *nester) {
	var parts []string
	var pos layout.Pos
	for c := max(cols.label, 0); c < cols.unit && c < len(row); c++ {
		if !row[c].Spanned || c == cols.label && len(parts) == 0 && c+1 == cols.unit {
			parts = append(parts, strings.TrimSpace(row[c].Text))
		}
		if pos == (layout.Pos{}) {
			pos = row[c].Pos
		}
	}
	lbl := cleanLabel(joinTokens(parts))
	unit, _ := cellAt(row, cols.unit, false)
	if cols.unit < len(row) && cols.label < len(row) && row[cols.unit].Spanned && row[cols.unit].Pos == row[cols.label].Pos {
		unit = "" // a caption or note spanning the whole row
	}
	unit = compact(unit)
	year, ypos := cellAt(row, cols.year, true)
	cum, _ := cellAt(row, cols.cum, true)
	if ypos != (layout.Pos{}) {
		pos = ypos
	}
	if t := compact(lbl.text); strings.Contains(t, "指标名称") || strings.Contains(t, "统计指标") {
		return // a header repeated after a page break
	}
	var notes []string
	numeric := func(v string) []string {
		t := compact(v)
		if blankMarks[t] {
			notes = append(notes, "printed «"+t+"» for none")
			return nil
		}
		var out []string
		for _, f := range strings.Fields(v) {
			if _, ok := number(f); !ok && !isRun(f) {
				notes = append(notes, "not a number: «"+f+"»")
				b.warns = append(b.warns, Warning{pos, "«" + lbl.text + "»: not a number: «" + f + "»"})
				continue
			}
			out = append(out, f)
		}
		return out
	}
	yt, ct := numeric(year), numeric(cum)
	if lbl.text == "" && unit == "" && len(yt)+len(ct) == 0 {
		return
	}
	if unit == "" && year == "" && cum == "" {
		nest.caption()
		b.warns = append(b.warns, Warning{pos, "caption without values skipped: " + lbl.text})
		return
	}
	i := len(b.rows)
	hasCum := cols.cum >= 0
	// merged: the year cell spans the cumulative column too, so a run of
	// digits in it may hold both values.
	merged := hasCum && cols.cum < len(row) && cols.year < len(row) && row[cols.cum].Spanned &&
		row[cols.cum].Pos == row[cols.year].Pos
	var cs []cand
	var note string
	switch {
	case len(yt)+len(ct) == 0:
		cs, note = []cand{{}}, "values printed blank"
	case !hasCum:
		cs, note = readings(yt, false, false)
	case len(yt) == 1 && len(ct) == 1:
		cs, note = readings([]string{yt[0], ct[0]}, true, true)
	case len(yt) == 1 && len(ct) == 0 && !merged:
		cs = []cand{{y: mustNumber(yt[0])}}
	case len(yt) == 0 && len(ct) == 1:
		cs = []cand{{c: mustNumber(ct[0])}}
	default:
		cs, note = readings(append(yt, ct...), true, false)
	}
	for _, n := range notes {
		note = joinNote(note, n)
	}
	b.add(Row{
		Label:  lbl.text,
		Unit:   unit,
		Parent: nest.place(i, lbl),
		Pos:    pos,
		Raw:    strings.TrimSpace(strings.Join([]string{year, cum}, " ")),
	}, cs, note)
}

// isRun reports whether s is a run of digits (a value that lost its
// separator, to be split).
func isRun(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isDigit(r) && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// mustNumber normalises s if it is a number and returns it unchanged
// otherwise.
func mustNumber(s string) string {
	if v, ok := number(s); ok {
		return v
	}
	return s
}
