package extract

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/ocr"
	"github.com/nianbao/nianbao/extract/pdfread"
)

// readPDF reads a PDF page by page (pdfread), falling back to pdftotext
// for files our reader rejects unless opt.NoPDFFallback. Under -ocr auto
// the pages without usable text (scanned, or fonts without a ToUnicode
// map) are OCR'd and put in their place among the pages read as text.
func readPDF(data []byte, opt Options) (*layout.Document, error) {
	if opt.OCR == OCRAlways {
		doc, _, err := ocrPDF(data, opt, nil)
		return doc, err
	}
	doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: opt.NoPDFFallback})
	if err != nil {
		if odoc, tried, oerr := ocrPDF(data, opt, err); tried {
			return odoc, oerr
		}
		return doc, err
	}
	if opt.OCR == OCRNever || len(doc.Textless) == 0 {
		return doc, nil
	}
	odoc, err := ocr.ReadPDF(context.Background(), data, ocr.Options{Pages: doc.Textless})
	if err != nil {
		// the text pages stand; the others are said to be unread
		doc.Notes = append(doc.Notes, layout.Note{Text: fmt.Sprintf("%s without usable text not OCR'd: %v", pageList(doc.Textless), err)})
		return doc, nil
	}
	return mergePages(doc, odoc), nil
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
