package extract

import (
	"fmt"
	"regexp"
	"sort"
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
	kind   Kind
}

func newDocText(doc *layout.Document, kind Kind) *docText {
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

// mapTextTable4 reads table 四's single row of 15 values from running
// text: the printed row with the most values in the section. When the
// values are listed one per line and broken up by header text (a PDF
// viewer's reading order), all of them are taken, and if they do not
// add up in the order printed, the blocks may be interleaved (see
// interleave4).
func mapTextTable4(d *docText, reg region, defs []template.Row) map[string]*rowRead {
	out := map[string]*rowRead{}
	printed := textRows(d, reg)
	best, bestDigits := -1, 0
	var stream []token
	var streamAt []layout.Pos
	allStream := true
	for i, p := range printed {
		digits := 0
		for _, t := range p.toks {
			digits += len(t.text)
		}
		if digits > bestDigits {
			best, bestDigits = i, digits
		}
		if len(p.toks) > 0 {
			allStream = allStream && p.stream
			stream = append(stream, p.toks...)
			streamAt = append(streamAt, p.cellAt...)
		}
	}
	if best < 0 {
		return out
	}
	row := mergeRows(defs)
	p := printed[best]
	rr := &rowRead{def: row, found: true, label: "行政复议/行政诉讼", pos: p.pos, toks: p.toks, cellAt: p.cellAt, raw: p.raw}
	if len(p.toks) < len(row.Cells) && allStream && len(stream) == len(row.Cells) {
		rr.toks, rr.cellAt, rr.pos = stream, streamAt, streamAt[0]
		var raws []string
		for _, t := range stream {
			raws = append(raws, t.raw)
		}
		rr.raw = strings.Join(raws, " ")
		vals := make([]string, len(stream))
		for i, t := range stream {
			vals[i] = t.text
		}
		if !checkRowRule(vals, rowRule(row.Sums)) {
			if orders := interleave4(vals, row); len(orders) > 0 {
				rr.preset = orders
				rr.note = fmt.Sprintf("values listed in reading order (%s); the blocks interleave and are placed by their totals", rr.raw)
			}
		}
	}
	out[row.Key] = rr
	return out
}

// maxInterleavings bounds the search of interleave4.
const maxInterleavings = 50

// interleave4 finds the ways a list of table 四's values in reading order
// can be its blocks interleaved: each block's five values in their own
// order (a subsequence), each adding up (D3). Blocks are assigned in the
// order their totals are read: the total closes each block. Of the
// interleavings that fit, those that break the blocks into the fewest
// runs of neighbouring values are kept: a viewer breaks a block where the
// page layout does, not between every value. Each result is one value
// list in template order. Nil when there are too many.
func interleave4(vals []string, row template.Row) [][]string {
	nb := len(row.Sums)
	if nb == 0 || len(vals) != len(row.Cells) {
		return nil
	}
	size := len(row.Sums[0].Parts) + 1
	// every increasing choice of size positions that adds up
	var fits [][]int
	var pick []int
	var rec func(from int)
	rec = func(from int) {
		if len(fits) > 5000 {
			return
		}
		if len(pick) == size {
			parts := make([]string, size-1)
			for i, p := range pick[:size-1] {
				parts[i] = vals[p]
			}
			if sumEq(parts, vals[pick[size-1]]) {
				fits = append(fits, append([]int(nil), pick...))
			}
			return
		}
		for i := from; i < len(vals); i++ {
			pick = append(pick, i)
			rec(i + 1)
			pick = pick[:len(pick)-1]
		}
	}
	rec(0)
	if len(fits) > 5000 {
		return nil
	}
	var out [][]string
	var outRuns []int
	seen := map[string]bool{}
	used := make([]bool, len(vals))
	var chosen [][]int
	var cover func(start int) bool
	cover = func(start int) bool {
		if len(chosen) == nb {
			// blocks in the order of their totals
			order := append([][]int(nil), chosen...)
			sort.Slice(order, func(a, b int) bool { return order[a][size-1] < order[b][size-1] })
			res := make([]string, 0, len(vals))
			for _, b := range order {
				for _, p := range b {
					res = append(res, vals[p])
				}
			}
			if k := strings.Join(res, "|"); !seen[k] {
				seen[k] = true
				out = append(out, res)
				runs := 0
				for _, b := range order {
					for i, p := range b {
						if i == 0 || p != b[i-1]+1 {
							runs++
						}
					}
				}
				outRuns = append(outRuns, runs)
			}
			return len(out) <= maxInterleavings
		}
		// the block holding the first unused value
		first := 0
		for first < len(used) && used[first] {
			first++
		}
		for _, f := range fits[start:] {
			if f[0] != first {
				continue
			}
			ok := true
			for _, p := range f {
				if used[p] {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			for _, p := range f {
				used[p] = true
			}
			chosen = append(chosen, f)
			cont := cover(0)
			chosen = chosen[:len(chosen)-1]
			for _, p := range f {
				used[p] = false
			}
			if !cont {
				return false
			}
		}
		return true
	}
	cover(0)
	if len(out) > maxInterleavings {
		return nil
	}
	fewest := len(vals) + 1
	for _, r := range outRuns {
		if r < fewest {
			fewest = r
		}
	}
	var kept [][]string
	for i, r := range outRuns {
		if r == fewest {
			kept = append(kept, out[i])
		}
	}
	return kept
}

// mergeRows makes one row of table 四's three blocks (it is printed as one
// row of 15 cells).
func mergeRows(defs []template.Row) template.Row {
	return template.Merge("t4", "行政复议、行政诉讼", defs)
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

// mapGrid4 reads table 四 from a grid: the first row with at least 15
// values, its last 15 (the three blocks are printed as one row).
func mapGrid4(g *layout.Grid, defs []template.Row, out map[string]*rowRead) {
	row := mergeRows(defs)
	for _, r := range g.Rows {
		label, vals := gridRow(r)
		if len(vals) < 15 {
			continue
		}
		vals = vals[len(vals)-15:]
		rr := gridRead(row, label, vals)
		if rr.label == "" {
			rr.label = "行政复议/行政诉讼"
		}
		out[row.Key] = rr
		return
	}
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
			toks = append(toks, token{intact: true})
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

func hasValue(vals []layout.Cell) bool {
	for _, v := range vals {
		if t := strings.TrimSpace(v.Text); t != "" && t != "-" && t != "—" && t != "/" {
			return true
		}
	}
	return false
}

// tokenPositions gives each token's position (line and byte offset); a
// cell gets its own when its token was one value.
func tokenPositions(d *docText, toks []token) []layout.Pos {
	out := make([]layout.Pos, len(toks))
	for i, t := range toks {
		out[i] = d.posAt(t.off)
	}
	return out
}
