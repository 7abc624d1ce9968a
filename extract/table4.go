package extract

// Table 四 is printed as one row of 15 cells: its three blocks (行政复议,
// 未经复议直接起诉, 复议后起诉) side by side.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

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
