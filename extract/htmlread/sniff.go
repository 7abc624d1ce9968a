package htmlread

import (
	"bytes"

	"golang.org/x/text/encoding/unicode"
)

// htmlSigs are the markup openings that identify a page, compared
// case-insensitively after leading white space and a byte-order mark.
var htmlSigs = [][]byte{
	[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body"),
	[]byte("<meta"), []byte("<title"), []byte("<table"), []byte("<div"),
	[]byte("<p>"), []byte("<p "), []byte("<style"), []byte("<script"),
	[]byte("<link"), []byte("<h1"), []byte("<span"), []byte("<font"),
}

// htmlInside are tags that make a page of a document that starts with a
// comment or an XML declaration.
var htmlInside = [][]byte{[]byte("<html"), []byte("<body"), []byte("<head"), []byte("<table")}

// Sniff reports whether head, the first bytes of a file (512 are
// plenty), is an HTML page: it starts, after white space, a byte-order
// mark, a comment or an XML declaration, with HTML markup. Pages in any
// ASCII-compatible encoding (UTF-8, GBK, GB18030) and UTF-16 with a
// byte-order mark are recognised.
func Sniff(head []byte) bool {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		enc := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		if head[0] == 0xFE {
			enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
		}
		if len(head)%2 == 1 {
			head = head[:len(head)-1]
		}
		out, err := enc.NewDecoder().Bytes(head)
		if err != nil {
			return false
		}
		head = out
	case bytes.IndexByte(head, 0) >= 0:
		return false
	}
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	lower := bytes.ToLower(bytes.TrimLeft(head, " \t\r\n\f"))
	for _, s := range htmlSigs {
		if bytes.HasPrefix(lower, s) {
			return true
		}
	}
	if bytes.HasPrefix(lower, []byte("<!--")) || bytes.HasPrefix(lower, []byte("<?xml")) || bytes.HasPrefix(lower, []byte("<!doctype")) {
		for _, s := range htmlInside {
			if bytes.Contains(lower, s) {
				return true
			}
		}
	}
	return false
}
