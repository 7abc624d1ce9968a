package pdfread

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Stage 1: table regions. The document's lines are cut at narrative
// lines; a run of lines with data (lines ending in numbers) becomes a
// table, the rest running text. This file holds the geometry that
// decides it (docGeom); builder.build in table.go does the cutting.

// markData marks the lines that end in numbers set apart: two or more,
// or one after a label on a line shorter than the text width (a
// narrative line that happens to end in a number is full width).
func (g docGeom) markData(ls []line) {
	for i := range ls {
		l := &ls[i]
		n, nums := trailingVals(l)
		switch {
		case n >= 2:
			l.data = true
		case nums == 0:
		case n == 1 && len(l.segs) >= 2:
			gap := l.segs[len(l.segs)-1].x0 - l.segs[len(l.segs)-2].x1
			l.data = l.x1()-l.x0() < 0.8*g.bodyWidth || gap >= 2*l.h
		case n == 1:
			// a number alone, well right of the margin: its label is
			// wrapped above and below it ("行政事业性收" / "费")
			l.data = l.x0() > g.left+0.25*g.bodyWidth
		}
	}
}

// docGeom is what region finding needs to know of the document.
type docGeom struct {
	em        float64 // median font size
	bodyWidth float64 // width of a full narrative line; +Inf if no narrative
	left      float64 // left margin of the text
}

func measure(ls []line) docGeom {
	var hs, ws, x0s, x1s []float64
	for i := range ls {
		hs = append(hs, ls[i].h)
		x0s = append(x0s, ls[i].x0())
		x1s = append(x1s, ls[i].x1())
		if len(ls[i].segs) == 1 {
			ws = append(ws, ls[i].x1()-ls[i].x0())
		}
	}
	if len(hs) == 0 {
		return docGeom{em: 10, bodyWidth: 400}
	}
	sort.Float64s(hs)
	sort.Float64s(ws)
	sort.Float64s(x0s)
	sort.Float64s(x1s)
	g := docGeom{em: math.Max(hs[len(hs)/2], 1), bodyWidth: math.Inf(1), left: x0s[len(x0s)/10]}
	if len(ws) >= 3 {
		// the width of running text, from one-piece lines, but not less
		// than most of the width of the text area (a page of table rows
		// and short labels has no running text)
		area := x1s[len(x1s)*9/10] - x0s[len(x0s)/10]
		g.bodyWidth = math.Max(math.Max(ws[len(ws)*9/10], 0.7*area), 1)
	}
	return g
}

// isBreak reports whether l is narrative that cannot be part of a table.
func (g docGeom) isBreak(l *line) bool {
	if l.data {
		return false
	}
	t := strings.ReplaceAll(l.text(), " ", "")
	switch {
	case headingRe().MatchString(t) && utf8.RuneCountInString(t) >= 6 && !rowLabelRe().MatchString(t):
		return true
	case captionRe().MatchString(t):
		return true
	case l.x1()-l.x0() > 0.6*g.bodyWidth:
		// a full line, unless its pieces stand apart like cells: running
		// text is cut only beside numbers set off by a space
		for i := 1; i < len(l.segs); i++ {
			p, n := l.segs[i-1], l.segs[i]
			if n.x0-p.x1 > 0.8*l.h || !isDigitish(lastGlyph(p)) && !isDigitish(n.gs[0].s) {
				return false
			}
		}
		return true
	case len(l.segs) > 1:
		return false
	case strings.HasSuffix(t, "。"):
		return true
	}
	return false
}
