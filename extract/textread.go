package extract

import (
	"bytes"
	"strings"
	"unicode/utf8"

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
		return nil, &layout.Error{Pos: binaryPos(data), Err: errNotText}
	}
	dec, err := textenc.Decode(data, textenc.Hints{ContentType: contentType})
	if err != nil {
		return nil, errNotText
	}
	if dec.Name != "utf-8" || len(dec.Text) != len(data) {
		doc.Notes = append(doc.Notes, layout.Note{Pos: layout.Pos{Line: dec.Line}, Text: dec.Note})
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

// binaryPos is where data stops looking like text: its first control
// byte, else its first byte that is not UTF-8, as a line and a byte
// offset in that line; zero if neither is in the first 8 KiB.
func binaryPos(data []byte) layout.Pos {
	n := min(len(data), 8192)
	at := -1
	for i, b := range data[:n] {
		if b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
			at = i
			break
		}
	}
	for i := 0; at < 0 && i < n; {
		r, size := utf8.DecodeRune(data[i:n])
		if r == utf8.RuneError && size <= 1 {
			at = i
		}
		i += max(size, 1)
	}
	if at < 0 {
		return layout.Pos{}
	}
	return layout.Pos{Line: 1 + bytes.Count(data[:at], []byte{'\n'}), Offset: at - (bytes.LastIndexByte(data[:at], '\n') + 1)}
}
