package ocr

import (
	"math"
	"testing"
)

// keystone narrows the top of g by persp (a photograph taken from below
// the page's centre) and turns it by deg degrees, like the scan levels of
// package extract's tests.
func keystone(g *gray, persp, deg float64) *gray {
	out := newGray(g.w, g.h)
	cx, cy := float64(g.w)/2, float64(g.h)/2
	a := deg * math.Pi / 180
	s, c := math.Sin(a), math.Cos(a)
	for y := 0; y < g.h; y++ {
		for x := 0; x < g.w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			rx, ry := c*dx+s*dy, -s*dx+c*dy
			k := 1 - persp*(1-(ry+cy)/float64(g.h))
			out.pix[y*g.w+x] = g.at(int(math.Round(rx/k+cx)), int(math.Round(ry+cy)))
		}
	}
	return out
}

// TestPerspective: a table photographed at an angle (top 4% narrower,
// turned) gives its grid once the page is rectified; a straight scan is
// not touched.
func TestPerspective(t *testing.T) {
	for _, c := range []struct{ persp, deg float64 }{{0.04, 0}, {0.04, 1.5}, {0.03, -3}} {
		g := keystone(drawTable(1654, 2339, 20, 6, 0), c.persp, c.deg)
		p := analyse(g, 200)
		if !p.rectified {
			t.Errorf("%+v: not rectified", c)
		}
		if len(p.tables) != 1 {
			t.Fatalf("%+v: %d tables, want 1", c, len(p.tables))
		}
		if tb := p.tables[0]; len(tb.ys) != 21 || len(tb.xs) != 7 {
			t.Errorf("%+v: %d row and %d column boundaries, want 21 and 7", c, len(tb.ys), len(tb.xs))
		}
	}
	for _, deg := range []float64{0, 2} {
		if p := analyse(drawTable(1654, 2339, 20, 6, deg), 200); p.rectified {
			t.Errorf("a straight table turned %v° was rectified", deg)
		}
	}
}

// TestAnalyseOddSizes: pages of any size, blank, black or noise, go
// through the page analysis (perspective and tables included) without a
// panic.
func TestAnalyseOddSizes(t *testing.T) {
	for _, sz := range [][2]int{{1, 1}, {2, 3}, {1, 500}, {500, 1}, {40, 40}, {300, 17}} {
		for _, fill := range []func(i int) uint8{
			func(int) uint8 { return 255 },
			func(int) uint8 { return 0 },
			func(i int) uint8 { return uint8(i * 7919 % 251) },
		} {
			g := newGray(sz[0], sz[1])
			for i := range g.pix {
				g.pix[i] = fill(i)
			}
			analyse(g, 0)
			rectify(g, 128, 200)
		}
	}
}
