package ocr

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"math"

	"golang.org/x/image/tiff"
)

// gray is an 8-bit grey image, 0 black, 255 white, row-major.
type gray struct {
	w, h int
	pix  []uint8
}

func newGray(w, h int) *gray { return &gray{w: w, h: h, pix: make([]uint8, w*h)} }

func (g *gray) at(x, y int) uint8 {
	if x < 0 || y < 0 || x >= g.w || y >= g.h {
		return 255
	}
	return g.pix[y*g.w+x]
}

// toGray converts any image to grey (luma), with fast paths for the
// kinds the decoders produce.
func toGray(img image.Image) *gray {
	b := img.Bounds()
	g := newGray(b.Dx(), b.Dy())
	switch m := img.(type) {
	case *image.Gray:
		for y := 0; y < g.h; y++ {
			copy(g.pix[y*g.w:(y+1)*g.w], m.Pix[(y)*m.Stride:])
		}
	case *image.YCbCr:
		for y := 0; y < g.h; y++ {
			copy(g.pix[y*g.w:(y+1)*g.w], m.Y[m.YOffset(b.Min.X, b.Min.Y+y):])
		}
	case *image.RGBA:
		for y := 0; y < g.h; y++ {
			row := m.Pix[y*m.Stride:]
			for x := 0; x < g.w; x++ {
				r, gg, bb := int(row[4*x]), int(row[4*x+1]), int(row[4*x+2])
				g.pix[y*g.w+x] = uint8((299*r + 587*gg + 114*bb) / 1000)
			}
		}
	default:
		for y := 0; y < g.h; y++ {
			for x := 0; x < g.w; x++ {
				r, gg, bb, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				// transparent pixels are paper
				v := (299*r + 587*gg + 114*bb) / 1000 >> 8
				if a < 0x8000 {
					v = 255
				}
				g.pix[y*g.w+x] = uint8(v)
			}
		}
	}
	return g
}

// toImage returns g as an *image.Gray sharing its pixels.
func (g *gray) toImage() *image.Gray {
	return &image.Gray{Pix: g.pix, Stride: g.w, Rect: image.Rect(0, 0, g.w, g.h)}
}

// crop copies the rectangle r (clipped) into a new image with a white
// border of pad pixels (Tesseract reads text touching the edge badly).
func (g *gray) crop(r image.Rectangle, pad int) *gray {
	r = r.Intersect(image.Rect(0, 0, g.w, g.h))
	out := newGray(r.Dx()+2*pad, r.Dy()+2*pad)
	for i := range out.pix {
		out.pix[i] = 255
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(out.pix[(y-r.Min.Y+pad)*out.w+pad:], g.pix[y*g.w+r.Min.X:y*g.w+r.Max.X])
	}
	return out
}

// Format names an image container found in data, or "".
func Format(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "jpeg"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "tiff"
	}
	return ""
}

// maxPixels bounds a decoded page (a 600 dpi A3 page is about 70M).
const maxPixels = 80_000_000

// decodePages decodes a PNG, JPEG or TIFF (every page of a multi-page
// TIFF) into grey pages.
func decodePages(data []byte) ([]*gray, error) {
	f := Format(data)
	var cfg image.Config
	var err error
	switch f {
	case "png":
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	case "tiff":
		return decodeTIFF(data)
	default:
		return nil, fmt.Errorf("not a PNG, JPEG or TIFF image")
	}
	if err != nil {
		return nil, fmt.Errorf("%s image: %v", f, err)
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	var img image.Image
	if f == "png" {
		img, err = png.Decode(bytes.NewReader(data))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("%s image: %v", f, err)
	}
	return []*gray{toGray(img)}, nil
}

func checkSize(w, h int) error {
	if w <= 0 || h <= 0 || int64(w)*int64(h) > maxPixels {
		return fmt.Errorf("image of %dx%d pixels is empty or too large (limit %d pixels)", w, h, maxPixels)
	}
	return nil
}

// decodeTIFF decodes every page (IFD) of a TIFF file. x/image/tiff reads
// the first IFD only, so each further IFD is presented to it as the
// first by rewriting the header's IFD offset in a copy of the file.
func decodeTIFF(data []byte) ([]*gray, error) {
	offs, err := tiffIFDs(data)
	if err != nil {
		return nil, err
	}
	var out []*gray
	for i, off := range offs {
		cp := append([]byte(nil), data...)
		putU32(cp[4:8], off, cp[0] == 'I')
		cfg, err := tiff.DecodeConfig(bytes.NewReader(cp))
		if err != nil {
			return nil, fmt.Errorf("tiff page %d: %v", i+1, err)
		}
		if err := checkSize(cfg.Width, cfg.Height); err != nil {
			return nil, fmt.Errorf("tiff page %d: %v", i+1, err)
		}
		img, err := tiff.Decode(bytes.NewReader(cp))
		if err != nil {
			return nil, fmt.Errorf("tiff page %d: %v", i+1, err)
		}
		out = append(out, toGray(img))
	}
	return out, nil
}

// tiffIFDs lists the offsets of a TIFF file's image directories (at most
// 2000, loops refused).
func tiffIFDs(data []byte) ([]uint32, error) {
	if len(data) < 8 {
		return nil, fmt.Errorf("tiff: truncated header")
	}
	le := data[0] == 'I'
	u16 := func(b []byte) uint32 {
		if le {
			return uint32(b[0]) | uint32(b[1])<<8
		}
		return uint32(b[1]) | uint32(b[0])<<8
	}
	u32 := func(b []byte) uint32 {
		if le {
			return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
		}
		return uint32(b[3]) | uint32(b[2])<<8 | uint32(b[1])<<16 | uint32(b[0])<<24
	}
	seen := map[uint32]bool{}
	var out []uint32
	off := u32(data[4:8])
	for off != 0 {
		if seen[off] || len(out) >= 2000 {
			return nil, fmt.Errorf("tiff: directory chain loops or is too long")
		}
		seen[off] = true
		if int64(off)+2 > int64(len(data)) {
			return nil, fmt.Errorf("tiff: directory offset %d beyond the file", off)
		}
		n := u16(data[off:])
		end := int64(off) + 2 + int64(n)*12
		if end+4 > int64(len(data)) {
			return nil, fmt.Errorf("tiff: directory at %d is truncated", off)
		}
		out = append(out, off)
		off = u32(data[end:])
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("tiff: no image directory")
	}
	return out, nil
}

func putU32(b []byte, v uint32, le bool) {
	if le {
		b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	} else {
		b[3], b[2], b[1], b[0] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	}
}

// otsu returns the grey level that best separates ink from paper.
func otsu(g *gray) uint8 {
	var hist [256]int
	for _, p := range g.pix {
		hist[p]++
	}
	total := len(g.pix)
	var sum float64
	for i, c := range hist {
		sum += float64(i * c)
	}
	var sumB, best float64
	wB := 0
	thr := 128
	for t := 0; t < 256; t++ {
		wB += hist[t]
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += float64(t * hist[t])
		mB := sumB / float64(wB)
		mF := (sum - sumB) / float64(wF)
		v := float64(wB) * float64(wF) * (mB - mF) * (mB - mF)
		if v > best {
			best, thr = v, t
		}
	}
	return uint8(thr)
}

// binary is a bit-per-byte ink mask: 1 ink, 0 paper.
type binary struct {
	w, h int
	pix  []uint8
}

func binarize(g *gray, thr uint8) *binary {
	b := &binary{w: g.w, h: g.h, pix: make([]uint8, len(g.pix))}
	for i, p := range g.pix {
		if p <= thr {
			b.pix[i] = 1
		}
	}
	return b
}

// rotate turns g by angle radians (counter-clockwise in image
// coordinates, y down) about its centre, bilinear, paper outside.
func rotate(g *gray, angle float64) *gray {
	out := newGray(g.w, g.h)
	s, c := math.Sin(angle), math.Cos(angle)
	cx, cy := float64(g.w)/2, float64(g.h)/2
	for y := 0; y < g.h; y++ {
		dy := float64(y) - cy
		// source of (x, y) is R(-angle)·(x-cx, y-cy)
		sx0 := c*(-cx) + s*dy + cx
		sy0 := -s*(-cx) + c*dy + cy
		for x := 0; x < g.w; x++ {
			sx := sx0 + c*float64(x)
			sy := sy0 - s*float64(x)
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			var v float64
			if x0 >= 0 && y0 >= 0 && x0+1 < g.w && y0+1 < g.h {
				i := y0*g.w + x0
				p00, p10, p01, p11 := float64(g.pix[i]), float64(g.pix[i+1]), float64(g.pix[i+g.w]), float64(g.pix[i+g.w+1])
				v = (p00*(1-fx)+p10*fx)*(1-fy) + (p01*(1-fx)+p11*fx)*fy
			} else {
				v = float64(g.at(int(math.Round(sx)), int(math.Round(sy))))
			}
			out.pix[y*g.w+x] = uint8(v + 0.5)
		}
	}
	return out
}

// scale resizes g by factor f (bilinear).
func scale(g *gray, f float64) *gray {
	w, h := int(float64(g.w)*f+0.5), int(float64(g.h)*f+0.5)
	out := newGray(w, h)
	for y := 0; y < h; y++ {
		sy := (float64(y)+0.5)/f - 0.5
		y0 := int(math.Floor(sy))
		fy := sy - float64(y0)
		for x := 0; x < w; x++ {
			sx := (float64(x)+0.5)/f - 0.5
			x0 := int(math.Floor(sx))
			fx := sx - float64(x0)
			v := (float64(g.at(x0, y0))*(1-fx)+float64(g.at(x0+1, y0))*fx)*(1-fy) +
				(float64(g.at(x0, y0+1))*(1-fx)+float64(g.at(x0+1, y0+1))*fx)*fy
			out.pix[y*w+x] = uint8(v + 0.5)
		}
	}
	return out
}
