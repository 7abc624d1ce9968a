package ocr

import (
	"image"
	"math"
	"sort"
)

// skewAngle estimates how far the page is turned: the angle a (radians)
// at which the ink projects onto the sharpest row profile, i.e. text rows
// and ruling lines run along y = y0 + x·tan(a). Searched within ±maxDeg,
// coarse then fine, on a quarter-size sample of the ink.
func skewAngle(b *binary, maxDeg float64) float64 {
	// every row (sampling rows would favour angle 0: at 0 the points
	// fall on every other bin only), every second column
	type pt struct{ x, y float64 }
	var pts []pt
	for y := 0; y < b.h; y++ {
		row := b.pix[y*b.w:]
		for x := 0; x < b.w; x += 2 {
			// edges only (ink above paper): thin the sample, keep rows sharp
			if row[x] == 1 && (y+1 >= b.h || b.pix[(y+1)*b.w+x] == 0) {
				pts = append(pts, pt{float64(x), float64(y)})
			}
		}
	}
	if len(pts) < 100 {
		return 0
	}
	bins := make([]float64, b.h+b.w)
	score := func(deg float64) float64 {
		t := math.Tan(deg * math.Pi / 180)
		for i := range bins {
			bins[i] = 0
		}
		off := float64(b.w) * math.Abs(t)
		for _, p := range pts {
			k := int(p.y - p.x*t + off)
			if k >= 0 && k < len(bins) {
				bins[k]++
			}
		}
		var s float64
		for _, v := range bins {
			s += v * v
		}
		return s
	}
	best, bestS := 0.0, -1.0
	for d := -maxDeg; d <= maxDeg+1e-9; d += 0.25 {
		if s := score(d); s > bestS {
			best, bestS = d, s
		}
	}
	c := best
	for d := c - 0.25; d <= c+0.25+1e-9; d += 0.02 {
		if s := score(d); s > bestS {
			best, bestS = d, s
		}
	}
	return best * math.Pi / 180
}

// segment is a ruling line: horizontal (pos = y, from..to = x range) or
// vertical (pos = x, from..to = y range).
type segment struct {
	pos, from, to int
	thick         int
}

// findLines finds horizontal ruling lines: runs of ink at least minLen
// long (gaps up to maxGap bridged), stacked into lines at most maxThick
// thick. For vertical lines call it on the transposed mask.
func findLines(b *binary, minLen, maxGap, maxThick int) []segment {
	type run struct{ y, x0, x1 int }
	type open struct {
		y0, y1, x0, x1 int
		sumY, n        int
	}
	var done []segment
	var active []open
	for y := 0; y < b.h; y++ {
		row := b.pix[y*b.w : (y+1)*b.w]
		var runs []run
		x := 0
		for x < b.w {
			if row[x] == 0 {
				x++
				continue
			}
			start, end := x, x
			gap := 0
			for x < b.w && gap <= maxGap {
				if row[x] == 1 {
					end = x
					gap = 0
				} else {
					gap++
				}
				x++
			}
			if end-start+1 >= minLen {
				runs = append(runs, run{y, start, end})
			}
		}
		var next []open
		used := make([]bool, len(runs))
		for _, o := range active {
			ext := false
			for i, r := range runs {
				if used[i] || r.x1 < o.x0 || r.x0 > o.x1 {
					continue
				}
				used[i] = true
				o.y1 = y
				o.x0, o.x1 = min(o.x0, r.x0), max(o.x1, r.x1)
				o.sumY += y
				o.n++
				ext = true
			}
			if ext {
				next = append(next, o)
			} else if o.y1-o.y0+1 <= maxThick {
				done = append(done, segment{pos: o.sumY / o.n, from: o.x0, to: o.x1, thick: o.y1 - o.y0 + 1})
			}
		}
		for i, r := range runs {
			if !used[i] {
				next = append(next, open{y0: y, y1: y, x0: r.x0, x1: r.x1, sumY: y, n: 1})
			}
		}
		active = next
	}
	for _, o := range active {
		if o.y1-o.y0+1 <= maxThick {
			done = append(done, segment{pos: o.sumY / o.n, from: o.x0, to: o.x1, thick: o.y1 - o.y0 + 1})
		}
	}
	return done
}

func transpose(b *binary) *binary {
	t := &binary{w: b.h, h: b.w, pix: make([]uint8, len(b.pix))}
	for y := 0; y < b.h; y++ {
		for x := 0; x < b.w; x++ {
			t.pix[x*t.w+y] = b.pix[y*b.w+x]
		}
	}
	return t
}

// table is one ruled table found on a page: its grid lines and merged
// cells.
type table struct {
	xs, ys []int  // column and row boundaries, ascending
	cells  []cell // merged cells
	// at[i][j] is the index in cells of the cell covering base cell (i, j)
	at   [][]int
	bbox image.Rectangle
}

type cell struct {
	r0, c0, r1, c1 int // base rows r0..r1-1, cols c0..c1-1
	box            image.Rectangle
}

// findTables groups horizontal and vertical lines that cross into tables
// and builds each table's grid. tol is the distance in pixels within
// which a line end counts as touching another line.
func findTables(hs, vs []segment, tol int) []table {
	n := len(hs) + len(vs)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	cross := func(h, v segment) bool {
		return v.pos >= h.from-tol && v.pos <= h.to+tol && h.pos >= v.from-tol && h.pos <= v.to+tol
	}
	for i, h := range hs {
		for j, v := range vs {
			if cross(h, v) {
				parent[find(i)] = find(len(hs) + j)
			}
		}
	}
	groups := map[int][2][]segment{}
	for i, h := range hs {
		g := groups[find(i)]
		g[0] = append(g[0], h)
		groups[find(i)] = g
	}
	for j, v := range vs {
		g := groups[find(len(hs)+j)]
		g[1] = append(g[1], v)
		groups[find(len(hs)+j)] = g
	}
	var out []table
	for _, g := range groups {
		if len(g[0]) < 2 || len(g[1]) < 1 {
			continue
		}
		if t, ok := buildTable(g[0], g[1], tol); ok {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].bbox.Min.Y < out[j].bbox.Min.Y })
	return out
}

// cluster merges positions closer than tol into their mean.
func cluster(ps []int, tol int) []int {
	sort.Ints(ps)
	var out []int
	for i := 0; i < len(ps); {
		j, sum := i, 0
		for j < len(ps) && ps[j]-ps[i] <= tol {
			sum += ps[j]
			j++
		}
		out = append(out, sum/(j-i))
		i = j
	}
	return out
}

func buildTable(hs, vs []segment, tol int) (table, bool) {
	var t table
	var yp, xp []int
	minX, maxX, minY, maxY := math.MaxInt, 0, math.MaxInt, 0
	for _, h := range hs {
		yp = append(yp, h.pos)
		minX, maxX = min(minX, h.from), max(maxX, h.to)
	}
	for _, v := range vs {
		xp = append(xp, v.pos)
		minY, maxY = min(minY, v.from), max(maxY, v.to)
	}
	// a table drawn without its outer verticals: its horizontal rules'
	// ends bound it
	xp = append(xp, minX, maxX)
	t.ys = cluster(yp, tol)
	t.xs = cluster(xp, tol)
	if len(t.xs) < 2 || len(t.ys) < 2 {
		return t, false
	}
	t.bbox = image.Rect(t.xs[0], t.ys[0], t.xs[len(t.xs)-1], t.ys[len(t.ys)-1])
	nr, nc := len(t.ys)-1, len(t.xs)-1
	// is there a rule along x = X from y0 to y1 (most of it)?
	vrule := func(X, y0, y1 int) bool {
		if X <= t.xs[0]+tol || X >= t.xs[nc]-tol {
			return true
		}
		cov := 0
		for _, v := range vs {
			if abs(v.pos-X) <= tol {
				cov += max(0, min(v.to, y1)-max(v.from, y0))
			}
		}
		return cov*2 >= y1-y0
	}
	hrule := func(Y, x0, x1 int) bool {
		cov := 0
		for _, h := range hs {
			if abs(h.pos-Y) <= tol {
				cov += max(0, min(h.to, x1)-max(h.from, x0))
			}
		}
		return cov*2 >= x1-x0
	}
	id := make([]int, nr*nc)
	for i := range id {
		id[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for id[i] != i {
			id[i] = id[id[i]]
			i = id[i]
		}
		return i
	}
	union := func(a, b int) {
		ra, rb := find(a), find(b)
		if ra < rb {
			id[rb] = ra
		} else {
			id[ra] = rb
		}
	}
	for i := 0; i < nr; i++ {
		for j := 0; j < nc; j++ {
			if j+1 < nc && !vrule(t.xs[j+1], t.ys[i], t.ys[i+1]) {
				union(i*nc+j, i*nc+j+1)
			}
			if i+1 < nr && !hrule(t.ys[i+1], t.xs[j], t.xs[j+1]) {
				union(i*nc+j, (i+1)*nc+j)
			}
		}
	}
	idx := map[int]int{}
	t.at = make([][]int, nr)
	for i := 0; i < nr; i++ {
		t.at[i] = make([]int, nc)
		for j := 0; j < nc; j++ {
			r := find(i*nc + j)
			k, ok := idx[r]
			if !ok {
				k = len(t.cells)
				idx[r] = k
				t.cells = append(t.cells, cell{r0: i, c0: j, r1: i + 1, c1: j + 1})
			}
			c := &t.cells[k]
			c.r0, c.c0 = min(c.r0, i), min(c.c0, j)
			c.r1, c.c1 = max(c.r1, i+1), max(c.c1, j+1)
			t.at[i][j] = k
		}
	}
	for k := range t.cells {
		c := &t.cells[k]
		c.box = image.Rect(t.xs[c.c0], t.ys[c.r0], t.xs[c.c1], t.ys[c.r1])
	}
	return t, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// lineMask marks the pixels that may belong to a ruling line: ink, or a
// thin ridge darker than the paper on both sides across the line (a
// hairline rule blurred to grey by the scan or the JPEG, next to a
// shaded row, falls above the ink threshold). horizontal selects the
// direction of the lines looked for.
func lineMask(g *gray, thr uint8, d int, horizontal bool) *binary {
	b := &binary{w: g.w, h: g.h, pix: make([]uint8, len(g.pix))}
	const contrast = 25
	for y := 0; y < g.h; y++ {
		for x := 0; x < g.w; x++ {
			v := g.pix[y*g.w+x]
			if v <= thr {
				b.pix[y*g.w+x] = 1
				continue
			}
			var a, c uint8
			if horizontal {
				a, c = g.at(x, y-d), g.at(x, y+d)
			} else {
				a, c = g.at(x-d, y), g.at(x+d, y)
			}
			if int(v)+contrast < int(a) && int(v)+contrast < int(c) {
				b.pix[y*g.w+x] = 1
			}
		}
	}
	return b
}
