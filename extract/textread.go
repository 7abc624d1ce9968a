package extract

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/textenc"
)

// readText turns loosely formatted text into a document: one block per
// line (TextLines), numbered from 1; a note says how the bytes were
// decoded when the text was not plain UTF-8.
func readText(data []byte, contentType string) (*layout.Document, error) {
	doc := &layout.Document{Reader: "text"}
	// UTF-16 (Notepad's "Unicode") is judged once decoded: its raw bytes
	// are full of NULs
	utf16 := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
	if !utf16 && looksBinary(data) {
		return nil, &layout.Error{Pos: binaryPos(data), Err: errNotText}
	}
	lines, dec, err := TextLines(data, contentType)
	if err != nil {
		return nil, errNotText
	}
	if utf16 && looksBinary(dec.Text) {
		return nil, &layout.Error{Pos: binaryPos(dec.Text), Err: errNotText}
	}
	if dec.Name != "utf-8" || len(dec.Text) != len(data) {
		doc.Notes = append(doc.Notes, layout.Note{Pos: layout.Pos{Line: dec.Line}, Text: dec.Note})
	}
	for i, line := range lines {
		doc.Blocks = append(doc.Blocks, layout.Block{Text: line, Pos: layout.Pos{Line: i + 1}})
	}
	return doc, nil
}

// TextLines decodes a text report as the text reader does
// (textenc.Decode: a byte-order mark, the charset of contentType — the
// transport's Content-Type, "" if none —, else UTF-8 when valid, else
// GB18030) and splits it into lines at "\r\n", "\n" or "\r", NULs
// dropped: lines[i] is the line Evidence.Line i+1 names. The web
// application shows a cell's lines with it.
func TextLines(data []byte, contentType string) (lines []string, dec textenc.Decoded, err error) {
	dec, err = textenc.Decode(data, textenc.Hints{ContentType: contentType})
	if err != nil {
		return nil, dec, err
	}
	s := strings.ReplaceAll(string(dec.Text), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\x00", "")
	return strings.Split(s, "\n"), dec, nil
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
