package extract

import "github.com/nianbao/nianbao/extract/layout"

// BuildDocument builds the record of a document a reader produced, for
// tests that shape the document themselves (OCR confidences set by hand).
func BuildDocument(doc *layout.Document, f Format) *Record { return build(doc, f) }

// ReadDocument is the document the reader of data's kind makes of it, for
// tests that edit it (damage a table's labels) before BuildDocument.
func ReadDocument(data []byte, name string) (*layout.Document, Format, error) {
	kind := Detect(data, name)
	doc, err := readDocument(data, kind, Options{Name: name})
	return doc, kind, err
}
