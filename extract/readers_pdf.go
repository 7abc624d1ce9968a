package extract

import (
	"fmt"

	"github.com/nianbao/nianbao/extract/layout"
)

// readPDF: the PDF reader (package pdfread) is wired in when it lands.
func readPDF(data []byte, opt Options) (*layout.Document, error) {
	return nil, fmt.Errorf("%w: PDF reader not available in this build", ErrUnsupported)
}
