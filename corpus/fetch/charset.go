package fetch

import (
	"regexp"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var xmlEncoding = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']`) })

// decode returns body as UTF-8, using the charset of the Content-Type
// header, a BOM, a <meta> or XML declaration, or, failing all those, UTF-8
// if the bytes are valid UTF-8 and GB18030 (a superset of GB2312 and GBK)
// otherwise: Chinese government sites that declare nothing write GBK.
func decode(body []byte, contentType string) string {
	if m := xmlEncoding().FindSubmatch(body[:min(len(body), 200)]); m != nil {
		if e, _ := charset.Lookup(string(m[1])); e != nil {
			if out, err := e.NewDecoder().Bytes(body); err == nil {
				return string(out)
			}
		}
	}
	e, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain && (name == "windows-1252" || name == "utf-8") {
		// Guessed, or declared only in a <meta> that sites often get
		// wrong: trust the bytes.
		if utf8.Valid(body) {
			return string(body)
		}
		e = simplifiedchinese.GB18030
	}
	out, err := e.NewDecoder().Bytes(body)
	if err != nil {
		return string(body)
	}
	return string(out)
}

// decodeHeaderName turns a header parameter that is not valid UTF-8 (raw
// GBK bytes, as some Chinese servers send in Content-Disposition) into
// UTF-8.
func decodeHeaderName(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().String(s)
	if err != nil {
		return s
	}
	return out
}
