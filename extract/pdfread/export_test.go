package pdfread

import (
	"context"
	"io"

	"github.com/nianbao/nianbao/extract/layout"
)

// ReadPdftotext exposes the fallback path to the external tests, so that
// it can be checked against the gold files on files ledongthuc reads too.
func ReadPdftotext(r io.ReaderAt, size int64, opt Options) (*layout.Document, error) {
	return readPdftotext(context.Background(), r, size, opt)
}
