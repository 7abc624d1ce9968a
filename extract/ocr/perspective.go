package ocr

import (
	"math"
	"sort"
)

// Perspective. A page photographed rather than scanned is not only turned
// but foreshortened: its ruling lines converge. After the page is turned
// straight the rules near one edge still lean one way and those near the
// other edge the other way, and no grid of parallel lines fits them. The
// page is rectified by a homography: the leaning rules are found by a
// Hough transform restricted to near-vertical (and, on the transposed
// page, near-horizontal) directions; the angle of a rule is fitted as a
// linear function of its position (the rules of a foreshortened page
// point to one vanishing point, so their angles change steadily across
// the page); two rules of that family near the left and right edges and
// two near the top and bottom bound a quadrilateral, mapped onto the
// rectangle those rules would form if they were straight.

// rule is a straight line found by the Hough transform: pos is where it
// crosses the middle of the page (x for a near-vertical rule), slope is
// dx/dy, votes the ink pixels on it.
type rule struct {
	pos, slope float64
	votes      int
}

// Limits of the perspective search.
const (
	maxLeanDeg  = 4.0 // most a rule leans after the page is turned straight
	minConverge = 0.2 // degrees of convergence across the page below which nothing is done
)

// leaningRules finds the near-vertical rules of an ink mask of rule pixels
// (lineMask for vertical lines): the pixels of vertical runs at least
// minRun long vote for every line through them within ±maxLeanDeg; the
// peaks with at least minVotes votes, one per neighbourhood of tol
// pixels, are the rules.
func leaningRules(b *binary, minRun, minVotes, tol int) []rule {
	// the pixels of long vertical runs (text strokes are shorter), every
	// second row
	type pt struct{ x, y int }
	var pts []pt
	for x := 0; x < b.w; x++ {
		y := 0
		for y < b.h {
			if b.pix[y*b.w+x] == 0 {
				y++
				continue
			}
			s := y
			for y < b.h && b.pix[y*b.w+x] == 1 {
				y++
			}
			if y-s >= minRun {
				for k := s + (s & 1); k < y; k += 2 {
					pts = append(pts, pt{x, k})
				}
			}
		}
	}
	if len(pts) < minVotes {
		return nil
	}
	// slopes: one pixel of drift over the page height between steps
	maxSlope := math.Tan(maxLeanDeg * math.Pi / 180)
	step := 1 / float64(b.h)
	nS := int(2*maxSlope/step) + 1
	margin := int(maxSlope*float64(b.h)/2) + 1
	nR := b.w + 2*margin
	acc := make([]int32, nS*nR)
	ym := float64(b.h) / 2
	for _, p := range pts {
		dy := float64(p.y) - ym
		for s := 0; s < nS; s++ {
			slope := -maxSlope + float64(s)*step
			r := int(float64(p.x)-dy*slope+0.5) + margin
			if r >= 0 && r < nR {
				acc[s*nR+r]++
			}
		}
	}
	// the best slope at each position (the middle of the slopes that tie:
	// a short rule gets as many votes over a range of slopes, and taking
	// the range's end would make every short rule lean one way), then one
	// peak per neighbourhood
	best := make([]int32, nR)
	bestS := make([]int, nR)
	for r := 0; r < nR; r++ {
		first, last := 0, 0
		for s := 0; s < nS; s++ {
			v := acc[s*nR+r]
			if v > best[r] {
				best[r], first, last = v, s, s
			} else if v == best[r] {
				last = s
			}
		}
		bestS[r] = (first + last) / 2
	}
	var out []rule
	for r := 0; r < nR; r++ {
		v := best[r]
		if int(v) < minVotes {
			continue
		}
		peak := true
		for k := max(0, r-tol); k <= min(nR-1, r+tol); k++ {
			if best[k] > v || (best[k] == v && k < r) {
				peak = false
				break
			}
		}
		if peak {
			out = append(out, rule{pos: float64(r - margin), slope: -maxSlope + float64(bestS[r])*step, votes: int(v)})
		}
	}
	// refine each rule by least squares over its pixels (the Hough bins
	// give a short rule's slope only to within its thickness over its
	// length)
	for i := range out {
		ru := &out[i]
		var n, sy, sx, syy, sxy float64
		for _, p := range pts {
			dy := float64(p.y) - ym
			if math.Abs(float64(p.x)-ru.pos-dy*ru.slope) <= float64(tol)/2 {
				n++
				sy += dy
				sx += float64(p.x)
				syy += dy * dy
				sxy += dy * float64(p.x)
			}
		}
		if d := n*syy - sy*sy; n > 2 && d > 0 {
			ru.slope = (n*sxy - sy*sx) / d
			ru.pos = (sx - ru.slope*sy) / n
		}
	}
	return out
}

// slopeFit fits slope = a + b·pos over the long rules (at least a third
// of the longest; weighted by votes²), dropping those far from the first
// fit. ok is false when fewer than
// three rules, spread over less than a third of span, support it.
func slopeFit(rs []rule, span float64) (a, b float64, ok bool) {
	// the long rules only: a short run of strokes in the text, or a rule
	// a fraction of the page long, gives a slope to within its thickness
	// over its length, and that is noise at the scale of a perspective
	top := 0
	for _, r := range rs {
		top = max(top, r.votes)
	}
	var long []rule
	for _, r := range rs {
		if r.votes*3 >= top {
			long = append(long, r)
		}
	}
	rs = long
	fit := func(rs []rule) (a, b float64) {
		var sw, sx, sy, sxx, sxy float64
		for _, r := range rs {
			w := float64(r.votes) * float64(r.votes) // slope precision grows with length
			sw += w
			sx += w * r.pos
			sy += w * r.slope
			sxx += w * r.pos * r.pos
			sxy += w * r.pos * r.slope
		}
		d := sw*sxx - sx*sx
		if d == 0 {
			return sy / sw, 0
		}
		b = (sw*sxy - sx*sy) / d
		return (sy - b*sx) / sw, b
	}
	if len(rs) < 3 {
		return 0, 0, false
	}
	a, b = fit(rs)
	res := make([]float64, len(rs))
	for i, r := range rs {
		res[i] = math.Abs(r.slope - a - b*r.pos)
	}
	sorted := append([]float64(nil), res...)
	sort.Float64s(sorted)
	lim := math.Max(3*sorted[len(sorted)/2], 0.002)
	var keep []rule
	for i, r := range rs {
		if res[i] <= lim {
			keep = append(keep, r)
		}
	}
	if len(keep) < 3 {
		return 0, 0, false
	}
	lo, hi := keep[0].pos, keep[0].pos
	for _, r := range keep {
		lo, hi = math.Min(lo, r.pos), math.Max(hi, r.pos)
	}
	if hi-lo < span/3 {
		return 0, 0, false
	}
	a, b = fit(keep)
	return a, b, true
}

// rectify undoes the perspective of a page already turned straight: it
// returns the rectified page, or nil when the rules do not converge (a
// scan) or too few are found to tell.
func rectify(g *gray, thr uint8, dpi float64) *gray {
	d := int(math.Max(2, dpi/60))
	minRun := int(dpi * 0.2)
	minVotes := int(dpi * 1.0 / 2) // a rule at least 1 in long (every second row votes)
	tol := int(math.Max(4, dpi*0.05))
	vs := leaningRules(lineMask(g, thr, d, false), minRun, minVotes, tol)
	hs := leaningRules(transpose(lineMask(g, thr, d, true)), minRun, minVotes, tol)
	W, H := float64(g.w), float64(g.h)
	va, vb, vok := slopeFit(vs, W)
	ha, hb, hok := slopeFit(hs, H)
	if !vok {
		va, vb = 0, 0
	}
	if !hok {
		ha, hb = 0, 0
	}
	// how much the rules' directions differ across the page
	conv := math.Max(math.Abs(vb*W), math.Abs(hb*H)) * 180 / math.Pi
	if conv < minConverge {
		return nil
	}
	// the four bounding lines: x = xl + (y-H/2)·sl … and y = yt + (x-W/2)·st …
	xl, xr := 0.1*W, 0.9*W
	yt, yb := 0.1*H, 0.9*H
	sl, sr := va+vb*xl, va+vb*xr
	st, sb := ha+hb*yt, ha+hb*yb
	corner := func(x0, sx, y0, sy float64) [2]float64 {
		// x = x0 + (y-H/2)·sx, y = y0 + (x-W/2)·sy
		x := (x0 + (y0-H/2)*sx - W/2*sy*sx) / (1 - sx*sy)
		return [2]float64{x, y0 + (x-W/2)*sy}
	}
	src := [4][2]float64{corner(xl, sl, yt, st), corner(xr, sr, yt, st), corner(xr, sr, yb, sb), corner(xl, sl, yb, sb)}
	dst := [4][2]float64{{xl, yt}, {xr, yt}, {xr, yb}, {xl, yb}}
	m, ok := homography(dst, src)
	if !ok {
		return nil
	}
	return warpGray(g, m)
}

// homography solves for the 3×3 matrix (m[8] = 1) that maps the points
// from onto the points to.
func homography(from, to [4][2]float64) ([9]float64, bool) {
	var a [8][9]float64
	for i := 0; i < 4; i++ {
		x, y, u, v := from[i][0], from[i][1], to[i][0], to[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for c := 0; c < 8; c++ {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if math.Abs(a[p][c]) < 1e-12 {
			return [9]float64{}, false
		}
		a[c], a[p] = a[p], a[c]
		for r := 0; r < 8; r++ {
			if r == c {
				continue
			}
			f := a[r][c] / a[c][c]
			for k := c; k < 9; k++ {
				a[r][k] -= f * a[c][k]
			}
		}
	}
	var m [9]float64
	for i := 0; i < 8; i++ {
		m[i] = a[i][8] / a[i][i]
	}
	m[8] = 1
	return m, true
}

// warpGray makes the image whose pixel (x, y) is g at m·(x, y)
// (bilinear, paper outside).
func warpGray(g *gray, m [9]float64) *gray {
	out := newGray(g.w, g.h)
	for y := 0; y < g.h; y++ {
		fy := float64(y)
		for x := 0; x < g.w; x++ {
			fx := float64(x)
			w := m[6]*fx + m[7]*fy + m[8]
			sx := (m[0]*fx + m[1]*fy + m[2]) / w
			sy := (m[3]*fx + m[4]*fy + m[5]) / w
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			ax, ay := sx-float64(x0), sy-float64(y0)
			v := (float64(g.at(x0, y0))*(1-ax)+float64(g.at(x0+1, y0))*ax)*(1-ay) +
				(float64(g.at(x0, y0+1))*(1-ax)+float64(g.at(x0+1, y0+1))*ax)*ay
			out.pix[y*g.w+x] = uint8(v + 0.5)
		}
	}
	return out
}
