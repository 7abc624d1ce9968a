package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"
)

// Charts are inline SVG drawn here, on the server: no script, nothing to
// load, and the Content-Security-Policy stays strict (SVG attributes, not
// style attributes). Every text that comes from a report is escaped.

var palette = []string{"#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#be185d", "#4b5563"}

type series struct {
	Name string
	Y    []*float64
}

type lineChart struct {
	X      []string
	Series []series
	SVG    template.HTML
}

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

func fmtTick(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// layout draws the chart; a chart with no number gets no SVG.
func (c *lineChart) layout() *lineChart {
	var top float64
	n := 0
	for _, s := range c.Series {
		for _, y := range s.Y {
			if y != nil {
				top = math.Max(top, *y)
				n++
			}
		}
	}
	if n == 0 || len(c.X) == 0 {
		return c
	}
	top = niceMax(top)
	const W, H, left, right, topPad, bottom = 720.0, 300.0, 56.0, 150.0, 16.0, 36.0
	pw, ph := W-left-right, H-topPad-bottom
	// Years are placed by their value, so that a gap of years shows as
	// one; labels that are not numbers are spaced evenly.
	pos := make([]float64, len(c.X))
	for i, x := range c.X {
		v, err := strconv.ParseFloat(x, 64)
		if err != nil {
			for k := range pos {
				pos[k] = float64(k)
			}
			break
		}
		pos[i] = v
	}
	xAt := func(i int) float64 {
		lo, hi := pos[0], pos[len(pos)-1]
		if hi == lo {
			return left + pw/2
		}
		return left + pw*(pos[i]-lo)/(hi-lo)
	}
	yAt := func(v float64) float64 { return topPad + ph*(1-v/top) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-label="历年主要数字">`, W, H)
	for k := 0; k <= 4; k++ {
		v := top * float64(k) / 4
		y := yAt(v)
		fmt.Fprintf(&b, `<line class="grid" x1="%g" y1="%.1f" x2="%g" y2="%.1f"/>`, left, y, W-right, y)
		fmt.Fprintf(&b, `<text class="tick" x="%g" y="%.1f" text-anchor="end">%s</text>`, left-6, y+4, fmtTick(v))
	}
	for i, x := range c.X {
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%g" text-anchor="middle">%s</text>`, xAt(i), H-12, html.EscapeString(x))
	}
	for si, s := range c.Series {
		col := palette[si%len(palette)]
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2.5" points="%s"/>`, col, strings.Join(pts, " "))
			}
			pts = pts[:0]
		}
		for i, y := range s.Y {
			if y == nil {
				flush() // a gap where a year has no number
				continue
			}
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", xAt(i), yAt(*y)))
		}
		flush()
		for i, y := range s.Y {
			if y != nil {
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"><title>%s %s：%s</title></circle>`,
					xAt(i), yAt(*y), col, html.EscapeString(c.X[i]), html.EscapeString(s.Name), fmtTick(*y))
			}
		}
		ly := topPad + 8 + float64(si)*22
		fmt.Fprintf(&b, `<rect x="%g" y="%.1f" width="14" height="4" fill="%s"/>`, W-right+16, ly-2, col)
		fmt.Fprintf(&b, `<text class="legend" x="%g" y="%.1f">%s</text>`, W-right+36, ly+4, html.EscapeString(s.Name))
	}
	b.WriteString(`</svg>`)
	c.SVG = template.HTML(b.String()) // every inserted text escaped above
	return c
}

type bar struct {
	Label, Href string
	Value       float64
}

type barChart struct {
	Bars []bar
	SVG  template.HTML
}

// layout draws horizontal bars, largest first, as given.
func (c *barChart) layout() *barChart {
	if len(c.Bars) == 0 {
		return c
	}
	var top float64
	for _, b := range c.Bars {
		top = math.Max(top, b.Value)
	}
	top = niceMax(top)
	const W, left, right, rowH, topPad = 760.0, 230.0, 70.0, 22.0, 8.0
	H := topPad*2 + rowH*float64(len(c.Bars)) + 18
	pw := W - left - right
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-label="排名">`, W, H)
	for k := 0; k <= 4; k++ {
		x := left + pw*float64(k)/4
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" y1="%g" x2="%.1f" y2="%.1f"/>`, x, topPad, x, H-18)
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, x, H-4, fmtTick(top*float64(k)/4))
	}
	for i, br := range c.Bars {
		y := topPad + rowH*float64(i)
		w := pw * br.Value / top
		label := []rune(br.Label)
		if len(label) > 16 {
			label = append(label[:15], '…')
		}
		fmt.Fprintf(&b, `<a href="%s"><text class="barlabel" x="%g" y="%.1f" text-anchor="end">%s<title>%s</title></text>`,
			html.EscapeString(br.Href), left-8, y+15, html.EscapeString(string(label)), html.EscapeString(br.Label))
		fmt.Fprintf(&b, `<rect class="bar" x="%g" y="%.1f" width="%.1f" height="%g" rx="2"/></a>`, left, y+4, math.Max(w, 1), rowH-7)
		fmt.Fprintf(&b, `<text class="barvalue" x="%.1f" y="%.1f">%s</text>`, left+w+6, y+15, fmtTick(br.Value))
	}
	b.WriteString(`</svg>`)
	c.SVG = template.HTML(b.String()) // every inserted text escaped above
	return c
}
