package htmlread

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/nianbao/nianbao/extract/layout"
)

// declScanLimit is how far into the page the <meta> charset declaration
// is looked for. Browsers stop at 1024 bytes; CMS pages often put a long
// comment or script first, so we look further.
const declScanLimit = 8192

// decoded is the page converted to UTF-8 and how that was decided.
type decoded struct {
	text []byte
	name string // canonical encoding name: "utf-8", "gb18030", ...
	note string // for Document.Notes
}

// decode converts raw to UTF-8. Order: a byte-order mark, the forced
// label, the page's declaration, then sniffing. A declaration that the
// bytes contradict (declared GBK but valid UTF-8 text, or declared UTF-8
// but invalid UTF-8 that is valid GB18030) loses, with a note.
func decode(raw []byte, force string) (decoded, error) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return decoded{text: raw[3:], name: "utf-8", note: "encoding: UTF-8 (byte-order mark)"}, nil
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return decodeWith(raw, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le", "byte-order mark")
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decodeWith(raw, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be", "byte-order mark")
	}
	if force != "" {
		enc, name := lookup(force)
		if enc == nil {
			return decoded{}, &layout.Error{Err: fmt.Errorf("%w: unknown charset %q in Options.Charset", layout.ErrUnsupported, force)}
		}
		return decodeWith(raw, enc, name, "Options.Charset")
	}
	utf8OK := utf8.Valid(raw)
	multi := hasMultibyte(raw)
	label, line := declared(raw)
	if label != "" {
		enc, name := lookup(label)
		switch {
		case enc == nil:
			// unknown label: sniff below, say so
		case name == "utf-8" && !utf8OK && gbErrors(raw) < utf8Errors(raw):
			why := "the bytes are not UTF-8 and are valid GB18030"
			if n := gbErrors(raw); n > 0 {
				why = fmt.Sprintf("the bytes read better as GB18030 (%d invalid sequences) than as UTF-8 (%d)", n, utf8Errors(raw))
			}
			return decodeWith(raw, simplifiedchinese.GB18030, "gb18030",
				fmt.Sprintf("declared %q on line %d, but %s", label, line, why))
		case isGB(name) && utf8OK && multi:
			return decoded{text: raw, name: "utf-8",
				note: fmt.Sprintf("encoding: UTF-8 (declared %q on line %d, but the bytes are valid UTF-8)", label, line)}, nil
		case name == "utf-8":
			return decoded{text: raw, name: "utf-8", note: fmt.Sprintf("encoding: UTF-8 (declared on line %d)", line)}, nil
		default:
			return decodeWith(raw, enc, name, fmt.Sprintf("declared %q on line %d", label, line))
		}
	}
	how := "no charset declared"
	if label != "" {
		how = fmt.Sprintf("unknown charset %q declared on line %d", label, line)
	}
	if utf8OK {
		return decoded{text: raw, name: "utf-8", note: "encoding: UTF-8 (" + how + "; the bytes are valid UTF-8)"}, nil
	}
	gb, u8 := gbErrors(raw), utf8Errors(raw)
	switch {
	case gb == 0:
		return decodeWith(raw, simplifiedchinese.GB18030, "gb18030", how+"; sniffed: not UTF-8, valid GB18030")
	case u8 < gb:
		return decoded{text: raw, name: "utf-8", note: fmt.Sprintf("encoding: UTF-8 (%s; neither UTF-8 nor GB18030: %d invalid UTF-8 sequences, %d as GB18030; invalid bytes read as U+FFFD)", how, u8, gb)}, nil
	}
	return decodeWith(raw, simplifiedchinese.GB18030, "gb18030",
		fmt.Sprintf("%s; neither UTF-8 nor GB18030: %d invalid sequences as GB18030, %d as UTF-8; invalid bytes read as U+FFFD", how, gb, u8))
}

func decodeWith(raw []byte, enc encoding.Encoding, name, why string) (decoded, error) {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return decoded{}, &layout.Error{Err: fmt.Errorf("%w: decoding as %s: %v", layout.ErrCorrupt, name, err)}
	}
	if name != "utf-8" && !strings.HasPrefix(name, "utf-16") {
		// a charset other than UTF-8 cannot carry U+FEFF meaningfully
		out = bytes.TrimPrefix(out, []byte("\uFEFF"))
	}
	return decoded{text: out, name: name, note: fmt.Sprintf("encoding: %s (%s)", strings.ToUpper(name), why)}, nil
}

// lookup maps a WHATWG label to its encoding. The GB family (gb2312,
// gbk, gb18030 and their aliases) decodes as GB18030, the superset that
// real "gb2312" pages need for characters outside GB2312.
func lookup(label string) (encoding.Encoding, string) {
	enc, name := charset.Lookup(strings.TrimSpace(label))
	if enc == nil {
		return nil, ""
	}
	if isGB(name) {
		return simplifiedchinese.GB18030, "gb18030"
	}
	return enc, name
}

func isGB(name string) bool { return name == "gbk" || name == "gb18030" }

func hasMultibyte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// gbErrors counts the invalid sequences of raw read as GB18030.
func gbErrors(raw []byte) int {
	if !hasMultibyte(raw) {
		return 0
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil {
		return len(raw)
	}
	return bytes.Count(out, []byte(string(utf8.RuneError)))
}

// utf8Errors counts the invalid sequences of raw read as UTF-8.
func utf8Errors(raw []byte) int {
	n := 0
	for len(raw) > 0 {
		r, size := utf8.DecodeRune(raw)
		if r == utf8.RuneError && size <= 1 {
			n++
		}
		raw = raw[max(size, 1):]
	}
	return n
}

// declared returns the charset label the page declares in a <meta
// charset>, a <meta http-equiv="Content-Type" content="...; charset=...">
// or an XML declaration, with the 1-based line of the declaration.
func declared(raw []byte) (label string, line int) {
	head := raw
	if len(head) > declScanLimit {
		head = head[:declScanLimit]
	}
	if bytes.HasPrefix(head, []byte("<?xml")) {
		if end := bytes.IndexByte(head, '>'); end > 0 {
			decl := string(head[:end])
			if i := strings.Index(decl, "encoding="); i >= 0 {
				v := strings.Trim(decl[i+len("encoding="):], `"'? `)
				if j := strings.IndexAny(v, `"' ?`); j >= 0 {
					v = v[:j]
				}
				if v != "" {
					return v, 1
				}
			}
		}
	}
	z := html.NewTokenizer(bytes.NewReader(head))
	line = 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return "", 0
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return "", 0
			}
			if string(name) == "meta" && hasAttr {
				if l := metaCharset(z); l != "" {
					return l, line
				}
			}
		}
		line += bytes.Count(raw, []byte{'\n'})
	}
}

func metaCharset(z *html.Tokenizer) string {
	var cs, content string
	var httpEquiv bool
	for {
		k, v, more := z.TagAttr()
		switch strings.ToLower(string(k)) {
		case "charset":
			cs = string(v)
		case "content":
			content = string(v)
		case "http-equiv":
			httpEquiv = strings.EqualFold(string(v), "content-type")
		}
		if !more {
			break
		}
	}
	if cs != "" {
		return strings.TrimSpace(cs)
	}
	if httpEquiv || content != "" {
		lc := strings.ToLower(content)
		if i := strings.Index(lc, "charset="); i >= 0 {
			v := strings.TrimLeft(content[i+len("charset="):], `"' `)
			if j := strings.IndexAny(v, `"'; `); j >= 0 {
				v = v[:j]
			}
			return v
		}
	}
	return ""
}
