package pdfread

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomGlyphs makes a page of glyphs on few baselines and places, so that
// ties and near copies are common.
func randomGlyphs(r *rand.Rand, n int) []glyph {
	texts := []string{"一", "二", "1", "2", "政", "府"}
	gs := make([]glyph, n)
	for i := range gs {
		gs[i] = glyph{
			s: texts[r.IntN(len(texts))],
			x: float64(r.IntN(40)) * 1.7, y: float64(r.IntN(6)) * 12, w: 6, h: 10 + float64(r.IntN(3)),
			run: r.IntN(n/3 + 1),
		}
		if r.IntN(4) == 0 {
			gs[i].x += 0.5 // a copy nearly on top of another
		}
	}
	return gs
}

// TestByYStable: byY orders as a stable sort by baseline does.
func TestByYStable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		gs := randomGlyphs(r, n)
		want := slices.Clone(gs)
		slices.SortStableFunc(want, byBaseline)
		var rs runSorter
		rs.byY(gs)
		if !slices.Equal(gs, want) {
			t.Fatalf("%d glyphs: byY differs from a stable sort", n)
		}
	}
}
