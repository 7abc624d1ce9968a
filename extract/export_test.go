package extract

import "github.com/nianbao/nianbao/extract/layout"

// BuildDocument builds the record of a document a reader produced, for
// tests that shape the document themselves (OCR confidences set by hand).
func BuildDocument(doc *layout.Document, f Format) *Record { return build(doc, f) }
