package extract

import (
	"bytes"
	"context"
	"fmt"

	"github.com/nianbao/nianbao/extract/docxread"
	"github.com/nianbao/nianbao/extract/htmlread"
	"github.com/nianbao/nianbao/extract/layout"
)

// readDocument runs the reader for format.
func readDocument(data []byte, format Format, opt Options) (*layout.Document, error) {
	switch format {
	case FormatText:
		return readText(data, opt.Input.ContentType)
	case FormatHTML:
		return htmlread.Read(bytes.NewReader(data), htmlread.Options{MaxSize: int64(len(data)) + 1, ContentType: opt.Input.ContentType})
	case FormatDOCX:
		if docxread.Sniff(data) == "docx" {
			return docxread.Read(bytes.NewReader(data), int64(len(data)), docxread.Options{})
		}
		// DOC / WPS: LibreOffice converts, then the DOCX reader reads
		return docxread.ReadWordData(context.Background(), data, opt.Name, docxread.Options{})
	case FormatPDF:
		return readPDF(data, opt)
	case FormatImage:
		return readImage(data, opt)
	}
	return nil, fmt.Errorf("%w: %s", ErrUnsupported, format)
}
