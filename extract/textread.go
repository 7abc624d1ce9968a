package extract

import (
	"strings"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/textenc"
)

// readText turns loosely formatted text into a document: one block per
// line, numbered from 1. The bytes are decoded by textenc.Decode (a
// byte-order mark, else UTF-8 when valid, else GB18030); a note says so
// when the text was not plain UTF-8.
func readText(data []byte, contentType string) (*layout.Document, error) {
	doc := &layout.Document{Reader: "text"}
	if looksBinary(data) {
		return nil, errNotText
	}
	dec, err := textenc.Decode(data, textenc.Hints{ContentType: contentType})
	if err != nil {
		return nil, errNotText
	}
	if dec.Name != "utf-8" || len(dec.Text) != len(data) {
		doc.Notes = append(doc.Notes, dec.Note)
	}
	data = dec.Text
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\x00", "")
	for i, line := range strings.Split(s, "\n") {
		doc.Blocks = append(doc.Blocks, layout.Block{Text: line, Pos: layout.Pos{Line: i + 1}})
	}
	return doc, nil
}
