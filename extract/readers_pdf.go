package extract

import (
	"bytes"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/pdfread"
)

// readPDF reads a PDF page by page (pdfread), falling back to pdftotext
// for files our reader rejects unless opt.NoPDFFallback.
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
	}
	return doc, err
}
