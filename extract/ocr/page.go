package ocr

import (
	"image"
	"math"
)

// pageGeom is a page after clean-up: straightened grey image, ink mask,
// resolution estimate and the tables found on it.
type pageGeom struct {
	img  *gray
	ink  *binary
	dpi  float64
	skew float64 // degrees the page was turned (corrected)
	// rectified: the page's perspective was undone (a photograph)
	rectified bool
	tables    []table
}

// estimateDPI guesses the resolution from the page width (an A4 page
// scanned whole), clamped to what scanners produce.
func estimateDPI(w int) float64 {
	d := float64(w) / 8.27
	return math.Max(72, math.Min(600, d))
}

// analyse straightens the page and finds its ruled tables. dpi 0 means
// unknown (estimated from the width).
func analyse(g *gray, dpi float64) *pageGeom {
	if dpi <= 0 {
		dpi = estimateDPI(g.w)
	}
	thr := otsu(g)
	ink := binarize(g, thr)
	a := skewAngle(ink, 5)
	p := &pageGeom{img: g, dpi: dpi, skew: a * 180 / math.Pi}
	if math.Abs(p.skew) >= 0.05 {
		p.img = rotate(g, -a)
		ink = binarize(p.img, thr)
	}
	if r := rectify(p.img, thr, dpi); r != nil {
		p.img, p.rectified = r, true
		ink = binarize(p.img, thr)
	}
	p.ink = ink
	tol := int(math.Max(3, dpi*0.03))
	maxThick := int(math.Max(4, dpi*0.04))
	gap := int(math.Max(1, dpi/100))
	d := int(math.Max(2, dpi/60))
	hs := findLines(lineMask(p.img, thr, d, true), int(dpi*0.35), gap, maxThick)
	vs := findLines(transpose(lineMask(p.img, thr, d, false)), int(dpi*0.18), gap, maxThick)
	p.tables = findTables(hs, vs, tol)
	return p
}

// inner returns a cell's box shrunk past its rules.
func (p *pageGeom) inner(r image.Rectangle) image.Rectangle {
	m := int(math.Max(2, p.dpi*0.02))
	return image.Rect(r.Min.X+m, r.Min.Y+m, r.Max.X-m, r.Max.Y-m)
}
