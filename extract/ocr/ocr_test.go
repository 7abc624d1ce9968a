package ocr

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// drawTable draws a ruled table of rows×cols cells (the second row's
// first two cells merged) on a white page, turned by deg degrees.
func drawTable(w, h, rows, cols int, deg float64) *gray {
	g := newGray(w, h)
	for i := range g.pix {
		g.pix[i] = 255
	}
	x0, y0, cw, ch := 100, 150, 200, 60
	for r := 0; r <= rows; r++ {
		for x := x0; x <= x0+cols*cw; x++ {
			for t := 0; t < 3; t++ {
				g.pix[(y0+r*ch+t)*w+x] = 0
			}
		}
	}
	for c := 0; c <= cols; c++ {
		for y := y0; y <= y0+rows*ch; y++ {
			if c == 1 && y > y0+ch+3 && y < y0+2*ch {
				continue // merged cell in row 2
			}
			for t := 0; t < 3; t++ {
				g.pix[y*w+x0+c*cw+t] = 0
			}
		}
	}
	if deg != 0 {
		g = rotate(g, deg*math.Pi/180)
	}
	return g
}

func TestTableGrid(t *testing.T) {
	for _, deg := range []float64{0, 1.5, -2.5} {
		g := drawTable(1654, 1200, 4, 3, deg)
		p := analyse(g, 200)
		if math.Abs(p.skew-deg) > 0.15 {
			t.Errorf("turned %.1f°: skew found %.2f°", deg, p.skew)
		}
		if len(p.tables) != 1 {
			t.Fatalf("turned %.1f°: %d tables, want 1", deg, len(p.tables))
		}
		tb := p.tables[0]
		if len(tb.ys) != 5 || len(tb.xs) != 4 {
			t.Fatalf("turned %.1f°: %d row and %d column boundaries, want 5 and 4", deg, len(tb.ys), len(tb.xs))
		}
		if tb.at[1][0] != tb.at[1][1] || tb.at[0][0] == tb.at[0][1] || len(tb.cells) != 11 {
			t.Errorf("turned %.1f°: merged cells wrong: %v (%d cells, want 11)", deg, tb.at, len(tb.cells))
		}
	}
}

func TestDecodeFormats(t *testing.T) {
	g := drawTable(400, 500, 2, 1, 0)
	var b bytes.Buffer
	if err := png.Encode(&b, g.toImage()); err != nil {
		t.Fatal(err)
	}
	pages, err := decodePages(b.Bytes())
	if err != nil || len(pages) != 1 || pages[0].w != 400 {
		t.Fatalf("png: %v", err)
	}
	if _, err := decodePages([]byte("GIF89a")); err == nil {
		t.Error("not an image: no error")
	}
	pgm := append([]byte("P5\n# c\n3 2\n255\n"), 1, 2, 3, 4, 5, 6)
	if p, err := decodePGM(pgm); err != nil || p.pix[5] != 6 {
		t.Errorf("pgm: %v", err)
	}
	if _, err := decodePGM([]byte("P5\n3 2\n255\n\x01")); err == nil {
		t.Error("truncated pgm: no error")
	}
}

func TestReadNumberAlternatives(t *testing.T) {
	ws := []word{{syms: []symbol{
		{choices: []choice{{"3", 93}, {"8", 89}}},
		{choices: []choice{{"1", 95}, {"7", 0.1}}},
	}}}
	text, conf, alts := readNumber(ws)
	if text != "31" || conf < 0.9 || len(alts) != 1 || alts[0] != "81" {
		t.Errorf("got %q %.2f %q, want 31 with alternative 81", text, conf, alts)
	}
}

// FuzzDecode: no image input panics the decoders.
func FuzzDecode(f *testing.F) {
	for _, p := range []string{"../../testdata/ocr/huaian-2024-scan-p3.jpg"} {
		if b, err := os.ReadFile(filepath.Clean(p)); err == nil && len(b) < 1<<20 {
			f.Add(b)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)))
	f.Add(b.Bytes())
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x00\x00"))
	f.Add([]byte("P5\n1 1\n255\n\x00"))
	f.Add(makeTIFF([]*gray{drawTable(200, 300, 2, 1, 0), drawTable(100, 300, 2, 1, 0)}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if pages, err := decodePages(data); err == nil {
			for _, p := range pages {
				analyse(p, 0)
			}
		}
		decodePGM(data)
	})
}

// makeTIFF writes grey pages as one uncompressed little-endian TIFF, one
// image directory per page.
func makeTIFF(pages []*gray) []byte {
	b := []byte("II*\x00\x00\x00\x00\x00")
	u16 := func(v int) []byte { return []byte{byte(v), byte(v >> 8)} }
	u32 := func(v int) []byte { return []byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)} }
	prevNext := 4 // where the offset of the next directory goes
	for _, g := range pages {
		dataOff := len(b)
		b = append(b, g.pix...)
		if len(b)%2 == 1 {
			b = append(b, 0)
		}
		ifd := len(b)
		copy(b[prevNext:], u32(ifd))
		type ent struct{ tag, typ, val int }
		ents := []ent{{256, 4, g.w}, {257, 4, g.h}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
			{273, 4, dataOff}, {277, 3, 1}, {278, 4, g.h}, {279, 4, len(g.pix)}}
		b = append(b, u16(len(ents))...)
		for _, e := range ents {
			b = append(b, u16(e.tag)...)
			b = append(b, u16(e.typ)...)
			b = append(b, u32(1)...)
			if e.typ == 3 {
				b = append(b, u16(e.val)...)
				b = append(b, 0, 0)
			} else {
				b = append(b, u32(e.val)...)
			}
		}
		prevNext = len(b)
		b = append(b, 0, 0, 0, 0)
	}
	return b
}

func TestMultiPageTIFF(t *testing.T) {
	a, b := drawTable(300, 400, 2, 1, 0), drawTable(320, 420, 3, 1, 0)
	pages, err := decodePages(makeTIFF([]*gray{a, b}))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].w != 300 || pages[1].w != 320 || !bytes.Equal(pages[1].pix, b.pix) {
		t.Fatalf("got %d pages", len(pages))
	}
	if Format(makeTIFF([]*gray{a})) != "tiff" {
		t.Error("TIFF not detected")
	}
}
