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

// GB1CID returns an Adobe-GB1 CID whose text is r, or -1.
func GB1CID(r rune) int {
	for cid := 1; cid < len(predefGB1Bin)/2; cid++ {
		if gb1Text(uint32(cid)) == string(r) {
			return cid
		}
	}
	return -1
}
