package htmlread

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/nianbao/nianbao/extract/textenc"
)

func encode(t *testing.T, enc encoding.Encoding, s string) string {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCharset(t *testing.T) {
	const text = "平潭综合实验区政府信息公开工作年度报告“三安全一稳定”"
	body := "<body><p>" + text + "</p></body></html>"
	gbk := func(s string) string { return encode(t, simplifiedchinese.GBK, s) }
	cases := []struct {
		name  string
		page  string
		force string
		note  string // start of Notes[0], its position first
		text  string // the paragraph; default text
	}{
		{"utf-8 declared", `<html><head><meta charset="utf-8"></head>` + body, "",
			"line 1: encoding: UTF-8 (declared in the markup)", ""},
		{"gbk declared", gbk(`<html><head><meta charset="gbk"></head>` + body), "",
			`line 1: encoding: GB18030 (declared "gbk" in the markup)`, ""},
		{"gb2312 http-equiv", gbk("<html><head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\n</head>" + body), "",
			`line 2: encoding: GB18030 (declared "gb2312" in the markup)`, ""},
		{"xml declaration", gbk(`<?xml version="1.0" encoding="GB2312"?><html>` + body), "",
			`line 1: encoding: GB18030 (declared "GB2312" in the markup)`, ""},
		{"gbk undeclared: sniffed", gbk(`<html><head></head>` + body), "",
			"encoding: GB18030 (no charset declared; sniffed: not UTF-8, valid GB18030)", ""},
		{"utf-8 undeclared", `<html>` + body, "",
			"encoding: UTF-8 (no charset declared; the bytes are valid UTF-8)", ""},
		{"declared gbk, bytes utf-8", `<html><head><meta charset="gbk"></head>` + body, "",
			`line 1: encoding: UTF-8 (declared "gbk" in the markup, but the bytes are valid UTF-8)`, ""},
		{"declared utf-8, bytes gbk", gbk(`<html><head><meta charset="utf-8"></head>` + body), "",
			`line 1: encoding: GB18030 (declared "utf-8" in the markup, but the bytes are not UTF-8 and are valid GB18030)`, ""},
		{"utf-8 BOM beats a declaration", "\xEF\xBB\xBF" + `<html><head><meta charset="gbk"></head>` + body, "",
			"encoding: UTF-8 (byte-order mark)", ""},
		{"utf-16le BOM", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), `<html>`+body), "",
			"encoding: UTF-16LE (byte-order mark)", ""},
		{"utf-16be BOM", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), `<html>`+body), "",
			"encoding: UTF-16BE (byte-order mark)", ""},
		{"forced", gbk(`<html><head><meta charset="big5"></head>` + body), "gb2312",
			"encoding: GB18030 (forced)", ""},
		{"gb18030 four-byte character in a gb2312 page",
			encode(t, simplifiedchinese.GB18030, `<html><head><meta charset="gb2312"></head><body><p>信息公开𠀀€</p></body></html>`), "",
			`line 1: encoding: GB18030 (declared "gb2312" in the markup)`, "信息公开𠀀€"},
		{"declaration past the scan limit", gbk("<!--" + strings.Repeat("x", textenc.DeclScanLimit) + `--><meta charset="gbk">` + body), "",
			"encoding: GB18030 (no charset declared; sniffed", ""},
		{"unknown declared label", gbk(`<html><head><meta charset="x-martian"></head>` + body), "",
			`line 1: encoding: GB18030 (unknown charset "x-martian" declared in the markup; sniffed`, ""},
		{"utf-8 with stray bytes", "<html><head></head><body><p>政府信息公开\xFF\xFF</p></body></html>", "",
			"encoding: UTF-8 (no charset declared; neither UTF-8 nor GB18030: 2 invalid UTF-8 sequences", "政府信息公开\ufffd\ufffd"},
		{"gbk with a stray byte", gbk("<html><head></head><body><p>"+text) + "\xFF</p></body></html>", "",
			"encoding: GB18030 (no charset declared; neither UTF-8 nor GB18030: 1 invalid sequences as GB18030", text + "\ufffd"},
		{"declared utf-8, gbk with a stray byte", gbk(`<html><head><meta charset="utf-8"></head><body><p>`+text) + "\xFF</p></body></html>", "",
			`line 1: encoding: GB18030 (declared "utf-8" in the markup, but the bytes read better as GB18030 (1 invalid sequences) than as UTF-8`, text + "\ufffd"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Read(strings.NewReader(c.page), Options{Charset: c.force, AnyPage: true})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(doc.Notes[0].String(), c.note) {
				t.Errorf("note %q, want prefix %q", doc.Notes[0].String(), c.note)
			}
			want := c.text
			if want == "" {
				want = text
			}
			var got string
			for _, b := range doc.Blocks {
				got += b.Text
			}
			if got != want {
				t.Errorf("text %q, want %q", got, want)
			}
		})
	}
}
