package pdfread

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

// dedupeMap is dedupe as it was first written, with a set of (text,
// cell): the reference for the chained cells of deduper.
func dedupeMap(gs []glyph) []glyph {
	type cell struct {
		s    string
		x, y int32
	}
	seen := map[cell]bool{}
	var out []glyph
	for _, g := range gs {
		q := math.Max(g.h*0.15, 0.3)
		cx, cy := int32(math.Round(g.x/q)), int32(math.Round(g.y/q))
		if seen[cell{g.s, cx, cy}] || seen[cell{g.s, cx - 1, cy}] || seen[cell{g.s, cx + 1, cy}] {
			continue
		}
		seen[cell{g.s, cx, cy}] = true
		out = append(out, g)
	}
	return out
}

func TestDedupeCells(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var d deduper // reused, as from page to page
	for n := range 300 {
		gs := randomGlyphs(r, n)
		want := dedupeMap(gs)
		got := d.dedupe(slices.Clone(gs))
		if len(got) == 0 {
			got = nil
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%d glyphs: kept %d, want %d", n, len(got), len(want))
		}
	}
}

// TestHypot: hypot is math.Hypot, bit for bit.
func TestHypot(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 12, -7.5, 1e-300, 1e300, math.Inf(1), math.Inf(-1), math.NaN()}
	for range 1000 {
		vals = append(vals, r.NormFloat64()*100)
	}
	for _, a := range vals {
		for _, b := range []float64{a, 0, math.Copysign(0, -1), 3, math.NaN(), math.Inf(-1)} {
			for _, p := range [][2]float64{{a, b}, {b, a}} {
				got, want := hypot(p[0], p[1]), math.Hypot(p[0], p[1])
				if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
					t.Fatalf("hypot(%v, %v) = %v, math.Hypot %v", p[0], p[1], got, want)
				}
			}
		}
	}
}

// TestShared: a value is made once for all askers; when making it
// panics, every asker makes it again and panics on its own.
func TestShared(t *testing.T) {
	var s shared[int, *int]
	var made atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v := s.get(1, func() *int { made.Add(1); n := 7; return &n }); *v != 7 {
				t.Errorf("got %d", *v)
			}
		}()
	}
	wg.Wait()
	if made.Load() != 1 {
		t.Errorf("made %d times, want once", made.Load())
	}
	panics := 0
	for range 3 {
		func() {
			defer func() {
				if recover() != nil {
					panics++
				}
			}()
			s.get(2, func() *int { panic("malformed") })
		}()
	}
	if panics != 3 {
		t.Errorf("%d of 3 askers panicked", panics)
	}
}
