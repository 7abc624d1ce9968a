package extract

import (
	"bytes"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/pdfread"
)

// readPDF reads a PDF page by page (pdfread), falling back to pdftotext
// for files our reader rejects unless opt.NoPDFFallback.
func readPDF(data []byte, opt Options) (*layout.Document, error) {
	return pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: opt.NoPDFFallback})
}
