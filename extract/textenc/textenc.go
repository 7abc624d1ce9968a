// Package textenc turns the bytes of a report (an HTML page, a text file,
// a fetched listing page) into UTF-8 text, by one policy for every reader
// and for the fetcher: see Decode.
package textenc

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// DeclScanLimit is how far into the page the <meta> charset declaration
// is looked for. Browsers stop at 1024 bytes; CMS pages often put a long
// comment or script first, so we look further.
const DeclScanLimit = 8192

// Decoded is the input converted to UTF-8 and how that was decided.
type Decoded struct {
	Text []byte
	Name string // canonical encoding name: "utf-8", "gb18030", "utf-16le", ...
	Note string // how it was decided, for layout.Document.Notes: "encoding: GB18030 (declared \"gbk\" in the markup)"
	// Line is the 1-based line of the markup declaration (<meta charset>,
	// XML declaration) the Note speaks of, 0 when none: the position of
	// the Note, which its text does not repeat.
	Line int
}

// Hints is what the caller knows besides the bytes.
type Hints struct {
	// Force is a WHATWG charset label the caller insists on; only a
	// byte-order mark overrides it. Zero: none. An unknown label is an
	// error wrapping ErrUnknownCharset.
	Force string
	// ContentType is the transport's Content-Type header (from HTTP or a
	// fetch manifest); its charset parameter is a declaration, tried
	// before the markup's. Zero: none.
	ContentType string
	// Markup says the input is HTML or XML: a <meta charset>, <meta
	// http-equiv="Content-Type"> or XML declaration within the first
	// 8 KiB is a declaration. Zero: plain text, nothing is declared inside.
	Markup bool
}

// ErrUnknownCharset is wrapped by the error of Decode for an unknown
// Hints.Force label.
var ErrUnknownCharset = errors.New("unknown charset")

// Decode converts raw to UTF-8. Order: a byte-order mark, Hints.Force,
// the Content-Type's charset, the markup's declaration, then sniffing:
// UTF-8 if the bytes are valid UTF-8, else GB18030 (a superset of GB2312
// and GBK, which Chinese sites that declare nothing write), else whichever
// of the two reads with fewer invalid sequences (invalid bytes become
// U+FFFD). A declaration that the bytes contradict (declared GBK but valid
// UTF-8 text, or declared UTF-8 but invalid UTF-8 that is valid GB18030)
// loses, with a note. The error is non-nil only for an unknown Force label
// or bytes the forced or declared decoder rejects.
func Decode(raw []byte, h Hints) (Decoded, error) {
	force := h.Force
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return Decoded{Text: raw[3:], Name: "utf-8", Note: "encoding: UTF-8 (byte-order mark)"}, nil
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return decodeWith(raw, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le", "byte-order mark")
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decodeWith(raw, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be", "byte-order mark")
	}
	if force != "" {
		enc, name := lookup(force)
		if enc == nil {
			return Decoded{}, fmt.Errorf("%w %q", ErrUnknownCharset, force)
		}
		return decodeWith(raw, enc, name, "forced")
	}
	label, where, line := headerCharset(h.ContentType), "in the Content-Type", 0
	if label == "" && h.Markup {
		if label, line = declared(raw); label != "" {
			where = "in the markup"
		}
	}
	d, err := byLabel(raw, label, where)
	if err == nil {
		d.Line = line
	}
	return d, err
}

// byLabel decodes raw by the declared label (none: ""), said to be
// declared where, unless the bytes contradict it; else it sniffs.
func byLabel(raw []byte, label, where string) (Decoded, error) {
	utf8OK := utf8.Valid(raw)
	multi := hasMultibyte(raw)
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
				fmt.Sprintf("declared %q %s, but %s", label, where, why))
		case isGB(name) && utf8OK && multi:
			return Decoded{Text: raw, Name: "utf-8",
				Note: fmt.Sprintf("encoding: UTF-8 (declared %q %s, but the bytes are valid UTF-8)", label, where)}, nil
		case name == "utf-8":
			return Decoded{Text: raw, Name: "utf-8", Note: fmt.Sprintf("encoding: UTF-8 (declared %s)", where)}, nil
		default:
			return decodeWith(raw, enc, name, fmt.Sprintf("declared %q %s", label, where))
		}
	}
	how := "no charset declared"
	if label != "" {
		how = fmt.Sprintf("unknown charset %q declared %s", label, where)
	}
	if utf8OK {
		return Decoded{Text: raw, Name: "utf-8", Note: "encoding: UTF-8 (" + how + "; the bytes are valid UTF-8)"}, nil
	}
	gb, u8 := gbErrors(raw), utf8Errors(raw)
	switch {
	case gb == 0:
		return decodeWith(raw, simplifiedchinese.GB18030, "gb18030", how+"; sniffed: not UTF-8, valid GB18030")
	case u8 < gb:
		return Decoded{Text: raw, Name: "utf-8", Note: fmt.Sprintf("encoding: UTF-8 (%s; neither UTF-8 nor GB18030: %d invalid UTF-8 sequences, %d as GB18030; invalid bytes read as U+FFFD)", how, u8, gb)}, nil
	}
	return decodeWith(raw, simplifiedchinese.GB18030, "gb18030",
		fmt.Sprintf("%s; neither UTF-8 nor GB18030: %d invalid sequences as GB18030, %d as UTF-8; invalid bytes read as U+FFFD", how, gb, u8))
}

func decodeWith(raw []byte, enc encoding.Encoding, name, why string) (Decoded, error) {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return Decoded{}, fmt.Errorf("decoding as %s: %w", name, err)
	}
	if name != "utf-8" && !strings.HasPrefix(name, "utf-16") {
		// a charset other than UTF-8 cannot carry U+FEFF meaningfully
		out = bytes.TrimPrefix(out, []byte("\uFEFF"))
	}
	return Decoded{Text: out, Name: name, Note: fmt.Sprintf("encoding: %s (%s)", strings.ToUpper(name), why)}, nil
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
	if len(head) > DeclScanLimit {
		head = head[:DeclScanLimit]
	}
	if x := bytes.TrimLeft(head, " \t\r\n"); bytes.HasPrefix(x, []byte("<?xml")) {
		line := 1 + bytes.Count(head[:len(head)-len(x)], []byte{'\n'})
		head := x
		if end := bytes.IndexByte(head, '>'); end > 0 {
			decl := string(head[:end])
			if i := strings.Index(decl, "encoding="); i >= 0 {
				v := strings.Trim(decl[i+len("encoding="):], `"'? `)
				if j := strings.IndexAny(v, `"' ?`); j >= 0 {
					v = v[:j]
				}
				if v != "" {
					return v, line
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

// headerCharset returns the charset parameter of a Content-Type header.
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		return strings.TrimSpace(params["charset"])
	}
	return ""
}

// ValidGB18030 reports whether b reads as GB18030 without invalid
// sequences, allowing a multi-byte character cut at the end (b may be the
// head of a longer input).
func ValidGB18030(b []byte) bool {
	// GB18030 → UTF-8 at most doubles a character's bytes (2 → 3, 4 → 4)
	dst := make([]byte, 2*len(b)+8)
	// atEOF false: a cut character at the end is ErrShortSrc, not U+FFFD
	n, _, err := simplifiedchinese.GB18030.NewDecoder().Transform(dst, b, false)
	if err != nil && err != transform.ErrShortSrc {
		return false
	}
	return !bytes.ContainsRune(dst[:n], utf8.RuneError)
}

// String converts a short string of unknown encoding, such as a header
// parameter that is not valid UTF-8 (raw GBK bytes, as some Chinese
// servers send in Content-Disposition), by the sniffing rules of Decode.
func String(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	d, err := Decode([]byte(s), Hints{})
	if err != nil {
		return s
	}
	return string(d.Text)
}
