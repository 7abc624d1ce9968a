package pdfread

import (
	"math"
	"regexp"
	"sort"
	"sync"
)

// Stage 4: the rows each label block spans (a wrapped label, a vertical
// label one character per line).

// assign sets the rows each label block spans, sub-column by sub-column
// from the left. A row is closed to sub-column k when a label from a
// column left of k covers k (a label spanning several label columns).
func (t *tableBuilder) assign(blocks []*lblock, rows []*line) {
	n := len(rows)
	closed := make([][]bool, n)
	for i := range closed {
		closed[i] = make([]bool, len(t.subs))
	}
	for k := range t.subs {
		var bs []*lblock
		for _, bl := range blocks {
			if bl.frags[0].sub == k {
				bs = append(bs, bl)
			}
		}
		sort.SliceStable(bs, func(i, j int) bool { return bs[i].top < bs[j].top })
		// anchored blocks take their own rows
		taken := make([]bool, n)
		for _, bl := range bs {
			if len(bl.own) > 0 {
				bl.from, bl.to = bl.own[0], bl.own[len(bl.own)-1]
				for r := bl.from; r <= bl.to; r++ {
					taken[r] = true
				}
			}
		}
		// floating blocks share the open rows of the gap they sit in
		restart := restarts(blocks, rows, k)
		for r := 0; r < n; {
			if taken[r] || closed[r][k] {
				r++
				continue
			}
			e := r
			for e+1 < n && !taken[e+1] && !closed[e+1][k] {
				e++
			}
			lo, hi := rows[r].v-1.5*t.em, rows[e].v+1.5*t.em
			if r > 0 {
				lo = math.Min(lo, (rows[r-1].v+rows[r].v)/2)
			}
			if e+1 < n {
				hi = math.Max(hi, (rows[e].v+rows[e+1].v)/2)
			}
			var fl []*lblock
			for _, bl := range bs {
				if c := (bl.top + bl.bot) / 2; len(bl.own) == 0 && bl.to < bl.from && c >= lo && c <= hi {
					fl = append(fl, bl)
				}
			}
			partition(fl, rows, r, e, 0.3*t.em, restart)
			r = e + 1
		}
		// a floating block that fits no gap goes to its nearest row
		for _, bl := range bs {
			if bl.to < bl.from && n > 0 {
				best := nearestRow(rows, 0, n-1, (bl.top+bl.bot)/2)
				bl.from, bl.to = best, best
			}
		}
		// close the columns a block reaches into
		for _, bl := range bs {
			for k2 := k + 1; k2 < len(t.subs); k2++ {
				if bl.x1 > t.subs[k2]+0.5*t.em {
					for r := bl.from; r <= bl.to; r++ {
						closed[r][k2] = true
					}
				}
			}
		}
	}
}

// partition splits rows r..e among floating blocks (in top-down order).
// A block's label is centred on its rows: it takes the rows above its
// text (from where the previous block ended), the rows its text lies
// across, and as many rows again below; the last block takes the rest.
// Counting rows rather than measuring distances keeps this right when a
// page break sits inside the span.
func partition(fl []*lblock, rows []*line, r, e int, tol float64, restart map[int]bool) {
	if len(fl) == 0 {
		return
	}
	if len(fl) > e-r+1 { // more labels than rows: nearest row each
		for _, bl := range fl {
			best := nearestRow(rows, r, e, (bl.top+bl.bot)/2)
			bl.from, bl.to = best, best
		}
		return
	}
	i := r
	for j, bl := range fl {
		if j == len(fl)-1 {
			bl.from, bl.to = i, e
			return
		}
		above, inside := 0, 0
		for k := i; k <= e; k++ {
			switch v := rows[k].v; {
			case v < bl.top-tol:
				above++
			case v <= bl.bot+tol:
				inside++
			}
		}
		end := i + 2*above + inside - 1
		if end < i {
			end = i
		}
		// not into the text of the next block, and leave a row for each
		// block still to come
		for end > i && rows[end].v >= fl[j+1].top-tol {
			end--
		}
		maxEnd := e - (len(fl) - 1 - j)
		if end > maxEnd {
			end = maxEnd
		}
		// a sub-list numbered from 1 starts the next group
		limit := i
		for limit < maxEnd && rows[limit+1].v < fl[j+1].top-tol {
			limit++
		}
		best := -1
		for x := i + 1; x <= limit+1 && x <= e; x++ {
			if restart[x] && (best < 0 || abs(x-(end+1)) < abs(best-(end+1))) {
				best = x
			}
		}
		if best > 0 {
			end = best - 1
		}
		bl.from, bl.to = i, end
		i = end + 1
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

var firstItemRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^1\s*[.、．]`) })

// restarts lists the rows where a sub-list right of sub-column k starts
// again at "1." (the first row under a new group label).
func restarts(blocks []*lblock, rows []*line, k int) map[int]bool {
	m := map[int]bool{}
	for _, bl := range blocks {
		if bl.frags[0].sub > k && firstItemRe().MatchString(bl.frags[0].text) && len(rows) > 0 {
			r := nearestRow(rows, 0, len(rows)-1, (bl.top+bl.bot)/2)
			if len(bl.own) > 0 {
				r = bl.own[0]
			}
			m[r] = true
		}
	}
	return m
}

func nearestRow(rows []*line, r, e int, v float64) int {
	best := r
	for i := r; i <= e; i++ {
		if math.Abs(rows[i].v-v) < math.Abs(rows[best].v-v) {
			best = i
		}
	}
	return best
}
