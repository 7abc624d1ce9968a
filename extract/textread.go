package extract

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/nianbao/nianbao/extract/layout"
)

// readText turns loosely formatted text into a document: one block per
// line, numbered from 1. GB18030 text is decoded; a UTF-8 BOM dropped.
func readText(data []byte) (*layout.Document, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	doc := &layout.Document{Reader: "text"}
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || looksBinary(data) {
			return nil, errNotText
		}
		data = dec
		doc.Notes = append(doc.Notes, "text decoded from GB18030")
	} else if looksBinary(data) {
		return nil, errNotText
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\x00", "")
	for i, line := range strings.Split(s, "\n") {
		doc.Blocks = append(doc.Blocks, layout.Block{Text: line, Pos: layout.Pos{Line: i + 1}})
	}
	return doc, nil
}

// likelyGB18030 reports whether b decodes as GB18030 without errors
// (and without replacement characters).
func likelyGB18030(b []byte) bool {
	// trim a possibly cut multi-byte character at the end
	if len(b) > 4 {
		b = b[:len(b)-3]
	}
	dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return false
	}
	return !bytes.ContainsRune(dec, utf8.RuneError)
}
