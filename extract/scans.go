package extract

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/corpus/fetch/manifest"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/ocr"
)

// OCR modes (Options.OCR).
const (
	OCRAuto   = "auto"   // OCR images, and the PDF pages without usable text
	OCRAlways = "always" // OCR every PDF, even one with a text layer
	OCRNever  = "never"  // never OCR: scans are errors, as before
)

// errOCRDisabled is returned for an image input under -ocr never.
var errOCRDisabled = errors.New("an image: OCR is turned off (-ocr never)")

// readImage OCRs an image file (PNG, JPEG, every page of a TIFF).
func readImage(data []byte, opt Options) (*layout.Document, error) {
	if opt.OCR == OCRNever {
		return nil, errOCRDisabled
	}
	return ocr.ReadImages(context.Background(), [][]byte{data}, ocr.Options{})
}

// ocrPDF decides whether a PDF is OCR'd: always under -ocr always; under
// auto when our reader finds no usable text (image-only pages, fonts
// without a ToUnicode map).
func ocrPDF(data []byte, opt Options, readErr error) (*layout.Document, bool, error) {
	switch {
	case opt.OCR == OCRNever:
		return nil, false, nil
	case opt.OCR == OCRAlways:
	case readErr != nil && (errors.Is(readErr, layout.ErrImageOnly) || errors.Is(readErr, layout.ErrGarbledText)):
	default:
		return nil, false, nil
	}
	doc, err := ocr.ReadPDF(context.Background(), data, ocr.Options{})
	if err != nil && readErr != nil {
		return nil, true, fmt.Errorf("%v; OCR: %w", readErr, err)
	}
	return doc, true, err
}

// imageExts are the page-image extensions a directory of pages holds.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".tif": true, ".tiff": true}

// pageImages lists the image files of a directory that holds only page
// images (sorted by name, numbers compared as numbers), or nil when it
// holds anything else.
func pageImages(dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") || e.Name() == manifest.Name {
			continue
		}
		if e.IsDir() || !imageExts[strings.ToLower(filepath.Ext(e.Name()))] {
			return nil
		}
		out = append(out, filepath.Join(dir, e.Name()))
	}
	sort.Slice(out, func(i, j int) bool { return naturalLess(filepath.Base(out[i]), filepath.Base(out[j])) })
	return out
}

// naturalLess compares names with runs of digits as numbers ("p2" < "p10").
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// parsePageDir reads a directory of page images as one report.
func parsePageDir(dir string, files []string, opt Options) (*Record, error) {
	var datas [][]byte
	var total int64
	max := opt.limit(FormatImage) // for the pages together
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, wrapErr(opt.Name, err)
		}
		total += int64(len(b))
		if total > max {
			return nil, wrapErr(opt.Name, &SizeError{Format: FormatImage, Size: -1, Limit: max})
		}
		datas = append(datas, b)
	}
	if opt.OCR == OCRNever {
		return nil, wrapErr(opt.Name, errOCRDisabled)
	}
	doc, err := ocr.ReadImages(context.Background(), datas, ocr.Options{})
	if err != nil {
		return nil, wrapErr(opt.Name, err)
	}
	src := Source{Path: opt.Input.Path, Format: FormatImage, Size: total, URL: opt.Input.URL,
		ListingTitle: opt.Input.ListingTitle, FetchedAt: opt.Input.FetchedAt}
	return finishRecord(doc, FormatImage, src, opt)
}

// mergePages puts the blocks of OCR'd pages among those of the pages read
// as text, in page order (a page's blocks keep their order), numbers the
// tables again in document order and names both readers.
func mergePages(text, scan *layout.Document) *layout.Document {
	out := *text
	out.Blocks = append(append([]layout.Block(nil), text.Blocks...), scan.Blocks...)
	sort.SliceStable(out.Blocks, func(i, j int) bool { return out.Blocks[i].Pos.Page < out.Blocks[j].Pos.Page })
	tables := 0
	for i := range out.Blocks {
		b := &out.Blocks[i]
		if b.Grid == nil {
			continue
		}
		tables++
		b.Pos.Table = tables
		for _, r := range b.Grid.Rows {
			for k := range r {
				r[k].Pos.Table = tables
			}
		}
	}
	out.OCRPages = text.Textless
	out.Textless = nil
	out.Reader = fmt.Sprintf("%s; %s: %s", text.Reader, pageList(text.Textless), scan.Reader)
	// the text reader's "page N: … page skipped" is no longer true
	out.Notes = nil
	skipped := map[int]bool{}
	for _, p := range text.Textless {
		skipped[p] = true
	}
	for _, n := range text.Notes {
		if skipped[n.Pos.Page] && strings.HasSuffix(n.Text, "page skipped") {
			continue
		}
		out.Notes = append(out.Notes, n)
	}
	out.Notes = append(out.Notes, layout.Note{Text: fmt.Sprintf("%s read by OCR (no usable text)", pageList(text.Textless))})
	out.Notes = append(out.Notes, scan.Notes...)
	return &out
}

// pageList renders page numbers: "page 3", "pages 3, 4, 6".
func pageList(pages []int) string {
	s := make([]string, len(pages))
	for i, p := range pages {
		s[i] = fmt.Sprint(p)
	}
	if len(s) == 1 {
		return "page " + s[0]
	}
	return "pages " + strings.Join(s, ", ")
}
