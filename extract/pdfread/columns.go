package pdfread

import (
	"math"
	"sort"
)

// Stage 2: value columns, from the x-intervals of the data lines'
// trailing numbers and the header text over them.

// column is a value column: an x-interval.
type column struct{ x0, x1 float64 }

func center(s seg) float64 { return (s.x0 + s.x1) / 2 }

// findColumns derives the value columns from the trailing numbers of the
// data lines and from header text over no number.
func (t *tableBuilder) findColumns(ls []line) {
	var iv []column
	var rows [][]seg // trailing values of each data line
	count := map[int]int{}
	for i := range ls {
		l := &ls[i]
		if !l.data {
			continue
		}
		n := trailingNums(l)
		vals := l.segs[len(l.segs)-n:]
		for _, s := range vals {
			iv = append(iv, column{s.x0, s.x1})
		}
		rows = append(rows, vals)
		count[n]++
	}
	t.cols = mergeIntervals(iv, 0.25*t.em)
	// Cells aligned unevenly (some centred, some not) give more or fewer
	// intervals than values in a row. If most rows agree on a number of
	// values, the columns are those rows' values in order.
	k := 0
	for n, c := range count {
		if c > count[k] || c == count[k] && n > k {
			k = n
		}
	}
	if k >= 2 && len(t.cols) != k && count[k]*2 >= len(rows) {
		cols := make([]column, k)
		for j := range cols {
			cols[j] = column{math.Inf(1), math.Inf(-1)}
		}
		for _, vals := range rows {
			if len(vals) != k {
				continue
			}
			for j, s := range vals {
				cols[j].x0 = math.Min(cols[j].x0, s.x0)
				cols[j].x1 = math.Max(cols[j].x1, s.x1)
			}
		}
		t.cols = cols
	}
	valueLeft := t.cols[0].x0 - 0.3*t.em
	// header text far from every column: a column blank in every row
	pitch := 6 * t.em
	if n := len(t.cols); n > 1 {
		var d []float64
		for j := 1; j < n; j++ {
			d = append(d, (t.cols[j].x0+t.cols[j].x1-t.cols[j-1].x0-t.cols[j-1].x1)/2)
		}
		sort.Float64s(d)
		pitch = d[len(d)/2]
	}
	var extra []column
	for i := range ls {
		l := &ls[i]
		if l.data {
			continue
		}
		for _, s := range l.segs {
			if s.x0 < valueLeft || isNum(s.text) || s.x1-s.x0 > 1.5*pitch {
				continue
			}
			if t.distToCol(center(s)) > 0.5*pitch {
				extra = append(extra, column{s.x0, s.x1})
			}
		}
	}
	if len(extra) > 0 {
		t.cols = mergeIntervals(append(t.cols, extra...), 0.25*t.em)
	}
	t.widenByHeaders(ls)
}

// widenByHeaders widens each column to the header text over it alone
// (numbers centred under a wider header, or a header wrapped to a second
// line "本年制发件" / "数"), never left of the row labels: the label
// zone then ends where the header of the first column begins.
func (t *tableBuilder) widenByHeaders(ls []line) {
	labelRight := math.Inf(-1)
	for i := range ls {
		l := &ls[i]
		if !l.data {
			continue
		}
		for _, s := range l.segs[:len(l.segs)-trailingNums(l)] {
			labelRight = math.Max(labelRight, s.x1)
		}
	}
	for pass := 0; pass < 2; pass++ {
		for i := range ls {
			l := &ls[i]
			if l.data {
				continue
			}
			for _, s := range l.segs {
				if isNum(s.text) || t.overlapCount(s) != 1 {
					continue
				}
				j := t.colOf(center(s))
				c := &t.cols[j]
				if s.x0 < c.x1 && c.x0 < s.x1 {
					c.x0 = math.Min(c.x0, math.Max(s.x0, labelRight+0.1*t.em))
					c.x1 = math.Max(c.x1, s.x1)
				}
			}
		}
	}
}

func (t *tableBuilder) distToCol(x float64) float64 {
	if len(t.cols) == 0 {
		return math.Inf(1)
	}
	return t.cols[t.colOf(x)].dist(x)
}

// dist is how far x lies outside the column (0 inside).
func (c column) dist(x float64) float64 {
	switch {
	case x < c.x0:
		return c.x0 - x
	case x > c.x1:
		return x - c.x1
	}
	return 0
}

func mergeIntervals(iv []column, tol float64) []column {
	sort.Slice(iv, func(i, j int) bool { return iv[i].x0 < iv[j].x0 })
	var out []column
	for _, c := range iv {
		if n := len(out); n > 0 && c.x0 <= out[n-1].x1+tol {
			out[n-1].x1 = math.Max(out[n-1].x1, c.x1)
			continue
		}
		out = append(out, c)
	}
	return out
}

// colOf returns the value column nearest to x.
func (t *tableBuilder) colOf(x float64) int {
	best, bd := 0, math.Inf(1)
	for j, c := range t.cols {
		if d := c.dist(x); d < bd {
			best, bd = j, d
		}
	}
	return best
}

// splitAtColumns cuts a data line's segments where glyphs change column,
// so that a number set close to its label or neighbour is not glued to it.
func (t *tableBuilder) splitAtColumns(l *line, valueLeft float64) {
	var out []seg
	for _, s := range l.segs {
		start := 0
		for i := 1; i < len(s.gs); i++ {
			p, g := s.gs[i-1], s.gs[i]
			cut := isDigitish(p.s) != isDigitish(g.s) || g.x-(p.x+p.w) > 0.2*math.Max(g.h, 1)
			if cut && t.zoneOf(p, valueLeft) != t.zoneOf(g, valueLeft) {
				out = append(out, makeSeg(s.gs[start:i]))
				start = i
			}
		}
		out = append(out, makeSeg(s.gs[start:]))
	}
	l.segs = out
}

// overlapCount returns how many value columns s lies over.
func (t *tableBuilder) overlapCount(s seg) int {
	n := 0
	for _, c := range t.cols {
		if s.x0 < c.x1 && c.x0 < s.x1 {
			n++
		}
	}
	return n
}

func (t *tableBuilder) zoneOf(g glyph, valueLeft float64) int {
	x := g.x + g.w/2
	if x < valueLeft {
		return -1
	}
	return t.colOf(x)
}
