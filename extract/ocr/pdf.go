package ocr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/extract/layout"
)

// ErrNoPdftoppm is returned (wrapped) when a PDF must be rasterised and
// poppler's pdftoppm is not installed.
var ErrNoPdftoppm = errors.New("OCR of a PDF needs pdftoppm: install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils)")

// textWidth is the width in pixels a page without images is rendered at
// (an A4 page at 300 dpi).
const textWidth = 2480

// ReadPDF rasterises the pages of a PDF with pdftoppm (poppler-utils; it
// decodes every image filter a scan uses: DCT, Flate, CCITT, JBIG2) and
// OCRs them. A scanned page is rendered at the resolution of its image
// (no detail is gained above it), a page of text at 300 dpi for A4.
func ReadPDF(ctx context.Context, data []byte, opt Options) (*layout.Document, error) {
	if _, err := FindEngine(); err != nil {
		return nil, err
	}
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, ErrNoPdftoppm
	}
	dir, err := os.MkdirTemp("", "nianbao-raster-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	width := textWidth
	if w := imageWidth(ctx, in); w > 0 {
		width = min(max(w, 1200), 4000)
	}
	for _, r := range pageRanges(opt.Pages) {
		args := []string{"-gray", "-scale-to-x", strconv.Itoa(width), "-scale-to-y", "-1"}
		if r[0] > 0 {
			args = append(args, "-f", strconv.Itoa(r[0]), "-l", strconv.Itoa(r[1]))
		}
		cmd := exec.CommandContext(ctx, tool, append(args, in, filepath.Join(dir, "p"))...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("pdftoppm: %v: %s", err, strings.TrimSpace(stderr.String()))
		}
	}
	names, _ := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	sort.Slice(names, func(i, j int) bool { return pageNo(names[i]) < pageNo(names[j]) })
	if len(names) == 0 {
		return nil, fmt.Errorf("pdftoppm rendered no page")
	}
	var pages []Page
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		g, err := decodePGM(b)
		if err != nil {
			return nil, fmt.Errorf("page %d: %v", pageNo(n), err)
		}
		os.Remove(n)
		pages = append(pages, Page{Number: pageNo(n), img: g})
	}
	doc, err := ReadPages(ctx, pages, opt)
	if err != nil {
		return nil, err
	}
	doc.Reader = "pdftoppm+" + doc.Reader
	return doc, nil
}

// pageRanges turns ascending page numbers into runs [first, last] for
// pdftoppm -f/-l; nil pages: one run {0, 0}, every page.
func pageRanges(pages []int) [][2]int {
	if len(pages) == 0 {
		return [][2]int{{0, 0}}
	}
	var out [][2]int
	for _, p := range pages {
		if n := len(out); n > 0 && out[n-1][1]+1 == p {
			out[n-1][1] = p
			continue
		}
		out = append(out, [2]int{p, p})
	}
	return out
}

func pageNo(name string) int {
	base := strings.TrimSuffix(filepath.Base(name), ".pgm")
	n, _ := strconv.Atoi(base[strings.LastIndexByte(base, '-')+1:])
	return n
}

// imageWidth is the width in pixels of the widest image in the PDF
// (pdfimages -list), 0 when there is none or pdfimages is missing.
func imageWidth(ctx context.Context, path string) int {
	tool, err := exec.LookPath("pdfimages")
	if err != nil {
		return 0
	}
	out, err := exec.CommandContext(ctx, tool, "-list", path).Output()
	if err != nil {
		return 0
	}
	best := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 5 || f[2] != "image" {
			continue
		}
		if w, err := strconv.Atoi(f[3]); err == nil && w > best {
			best = w
		}
	}
	return best
}

// decodePGM reads a binary PGM (P5, 8-bit), as pdftoppm -gray writes it.
func decodePGM(b []byte) (*gray, error) {
	var vals [3]int
	i := 2
	if len(b) < 2 || string(b[:2]) != "P5" {
		return nil, fmt.Errorf("not a PGM image")
	}
	for k := 0; k < 3; k++ {
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t' || b[i] == '#') {
			if b[i] == '#' {
				for i < len(b) && b[i] != '\n' {
					i++
				}
			}
			i++
		}
		j := i
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		v, err := strconv.Atoi(string(b[i:j]))
		if err != nil {
			return nil, fmt.Errorf("bad PGM header")
		}
		vals[k] = v
		i = j
	}
	i++ // one whitespace byte
	w, h, maxv := vals[0], vals[1], vals[2]
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	if maxv != 255 || len(b)-i < w*h {
		return nil, fmt.Errorf("unsupported or truncated PGM")
	}
	g := newGray(w, h)
	copy(g.pix, b[i:i+w*h])
	return g, nil
}
