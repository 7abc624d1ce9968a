package pdfread

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Stage 3: label blocks. The label zone's fragments are clustered into
// sub-columns by left edge and grouped into label blocks.

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
		if markerRe().MatchString(f.text) {
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
				if markerRe().MatchString(f.text) {
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
			marker := markerRe().MatchString(glyphText(f.gs[i:]))
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
	case markerRe().MatchString(f.text):
		return true
	case markerOnlyRe().MatchString(prev.text):
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
