package pdfread

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// seg is a run of glyphs on a line with no wide gap inside: a word, a
// label, a number, or the text of one table cell.
type seg struct {
	gs     []glyph // in x order
	text   string
	x0, x1 float64
}

// line is the glyphs of one page that share a baseline.
type line struct {
	page int
	no   int     // line number on the page, 1-based
	y    float64 // baseline, PDF user space
	v    float64 // top-down position, continuous across pages
	h    float64 // largest font size
	segs []seg
	data bool // ends in numbers: a table row (set by docGeom.markData)
}

func (l *line) x0() float64 { return l.segs[0].x0 }
func (l *line) x1() float64 { return l.segs[len(l.segs)-1].x1 }

func (l *line) text() string {
	var b strings.Builder
	for i, s := range l.segs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.text)
	}
	return b.String()
}

// groupLines sorts a page's glyphs into lines, top to bottom, and each
// line into segments, left to right. It reorders gs; the lines'
// segments are capped sub-slices of it.
func groupLines(page int, gs []glyph) []line {
	var rs runSorter
	return rs.groupLines(page, gs)
}

// groupLines is groupLines with memory reused from page to page.
func (rs *runSorter) groupLines(page int, gs []glyph) []line {
	if len(gs) == 0 {
		return nil
	}
	rs.byY(gs)
	var lines []line
	start := 0
	refY, refH := gs[0].y, gs[0].h
	flush := func(end int) {
		lg := rs.order(gs[start:end])
		l := line{page: page, no: len(lines) + 1, y: refY}
		for _, g := range lg {
			l.h = math.Max(l.h, g.h)
		}
		l.segs = splitSegs(lg, rs.runs)
		lines = append(lines, l)
	}
	for i := 1; i < len(gs); i++ {
		g := gs[i]
		tol := 0.45 * math.Max(math.Min(g.h, refH), 1)
		if math.Abs(refY-g.y) <= tol {
			continue
		}
		flush(i)
		start, refY, refH = i, g.y, g.h
	}
	flush(len(gs))
	return lines
}

// runKey places a run (the glyphs of one string shown) on its line: by
// its leftmost glyph, ties by the first shown; n counts its glyphs.
type runKey struct {
	minX  float64
	first int
	n     int
}

// runSorter orders the glyphs of a page's lines one line after another,
// reusing its memory.
type runSorter struct {
	runs  map[int]runKey // run → its key, for the current line
	keys  []glyphKey
	ykeys []yKey
	tmp   []glyph
}

type yKey struct {
	y float64
	i int
}

type glyphKey struct {
	minX  float64 // the run's
	first int     // the run's
	x     float64
	i     int
}

// order puts a line's glyphs in x order, keeping the glyphs of one run
// (one string shown) together, so that two cells whose text overlaps (a
// label running into the next cell) do not interleave. It reorders gs
// and returns it.
func (rs *runSorter) order(gs []glyph) []glyph {
	// runs in order of their leftmost glyph (ties: first shown first),
	// each run's glyphs in x order (ties: as shown)
	if rs.runs == nil {
		rs.runs = make(map[int]runKey, 8)
	}
	clear(rs.runs)
	for i, g := range gs {
		k, ok := rs.runs[g.run]
		if !ok {
			k = runKey{minX: g.x, first: i}
		}
		k.minX = math.Min(k.minX, g.x)
		k.n++
		rs.runs[g.run] = k
	}
	keys := rs.keys[:0]
	for i, g := range gs {
		k := rs.runs[g.run]
		keys = append(keys, glyphKey{k.minX, k.first, g.x, i})
	}
	slices.SortFunc(keys, func(ka, kb glyphKey) int {
		if ka.minX != kb.minX || ka.first != kb.first {
			if ka.minX != kb.minX {
				return less(ka.minX < kb.minX)
			}
			return less(ka.first < kb.first)
		}
		if ka.x != kb.x {
			return less(ka.x < kb.x)
		}
		return less(ka.i < kb.i)
	})
	rs.keys = keys
	rs.tmp = append(rs.tmp[:0], gs...)
	for i, k := range keys {
		gs[i] = rs.tmp[k.i]
	}
	return gs
}

// byY sorts a page's glyphs top to bottom, keeping the order of glyphs
// on one baseline: a stable sort, done by sorting their keys, small, and
// moving each glyph once.
func (rs *runSorter) byY(gs []glyph) {
	keys := slices.Grow(rs.ykeys[:0], len(gs))[:len(gs)]
	rs.ykeys = keys
	for i, g := range gs {
		if g.y != g.y { // NaN: no order to sort keys by
			slices.SortStableFunc(gs, byBaseline)
			return
		}
		keys[i] = yKey{g.y, i}
	}
	slices.SortFunc(keys, func(a, b yKey) int {
		if a.y != b.y {
			return less(a.y > b.y)
		}
		return less(a.i < b.i)
	})
	rs.tmp = append(rs.tmp[:0], gs...)
	for i, k := range keys {
		gs[i] = rs.tmp[k.i]
	}
}

// byBaseline compares glyphs by baseline, top first.
func byBaseline(a, b glyph) int {
	switch {
	case a.y > b.y:
		return -1
	case b.y > a.y:
		return 1
	}
	return 0
}

// less turns a less-than into a comparison result for a total order in
// which a and b are not equal.
func less(lt bool) int {
	if lt {
		return -1
	}
	return 1
}

// splitSegs cuts a line's glyphs (x order) at gaps wider than 0.5 em,
// next to a digit at gaps wider than 0.3 em (a number in a narrow cell
// beside its label or another number), and where a run of text starts back over the previous one (a
// label overflowing into the next cell). runs counts the glyphs of each
// run of the line.
func splitSegs(lg []glyph, runs map[int]runKey) []seg {
	var segs []seg
	start := 0 // segments are capped sub-slices of lg
	for i := 1; i < len(lg); i++ {
		p, g := lg[i-1], lg[i]
		gap := g.x - (p.x + p.w)
		h := math.Max(math.Max(p.h, g.h), 1)
		overlap := gap < -0.3*h && p.run != g.run && (runs[p.run].n > 1 || runs[g.run].n > 1)
		if gap > 0.5*h || overlap || gap > 0.3*h && (isDigitish(p.s) || isDigitish(g.s)) {
			segs = append(segs, makeSeg(lg[start:i:i]))
			start = i
		}
	}
	return append(segs, makeSeg(lg[start:len(lg):len(lg)]))
}

func isDigitish(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= '0' && r <= '9' || r == '.' || r == ','
}

func makeSeg(gs []glyph) seg {
	s := seg{gs: gs, x0: gs[0].x, x1: gs[0].x + gs[0].w}
	var b strings.Builder
	n := 0
	for _, g := range gs {
		n += len(g.s) + 1
	}
	b.Grow(n) // the text's one allocation
	for i, g := range gs {
		if i > 0 {
			p := gs[i-1]
			gap := g.x - (p.x + p.w)
			if gap > 0.2*math.Max(g.h, 1) && !endsWide(p.s) && !startsWide(g.s) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.s)
		s.x1 = math.Max(s.x1, g.x+g.w)
	}
	s.text = strings.TrimSpace(b.String())
	return s
}

func startsWide(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWide(r)
}

func endsWide(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isWide(r)
}

// joinText joins pieces of one cell or label that were on separate
// lines: nothing between CJK characters, a space elsewhere.
func joinText(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 && !endsWide(b.String()) && !startsWide(p) {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

var (
	pageNumRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:[-—–－−]\s*\d{1,4}\s*[-—–－−]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$`)
	})
	bareNumRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{1,4}$`) })
)

// dropPageNumbers removes page-number lines ("-3-", "- 4 -", "第 2 页",
// "3/6"); a bare number only as the first or last line of the page.
func dropPageNumbers(ls []line) []line {
	out := ls[:0]
	for i, l := range ls {
		t := strings.TrimSpace(l.text())
		if len(l.segs) <= 3 && pageNumRe().MatchString(strings.ReplaceAll(t, " ", "")) {
			continue
		}
		if len(l.segs) == 1 && (i == 0 || i == len(ls)-1) && bareNumRe().MatchString(t) && len(ls) > 1 {
			continue
		}
		out = append(out, l)
	}
	return out
}

// placePages gives every line a top-down position v that runs on from
// one page to the next, so that a table broken by a page break reads as
// one: the next page starts one line gap below the last line of the
// previous one.
func placePages(pages [][]line) []line {
	var all []line
	v := 0.0
	for _, ls := range pages {
		if len(ls) == 0 {
			continue
		}
		top := ls[0].y
		for i := range ls {
			ls[i].v = v + (top - ls[i].y)
		}
		last := ls[len(ls)-1]
		v = last.v + 1.6*math.Max(last.h, 1)
		all = append(all, ls...)
	}
	return all
}
