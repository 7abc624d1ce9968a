package textenc

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDeclared(t *testing.T) {
	cases := []struct {
		in    string
		label string
		line  int
	}{
		{`<meta charset=gbk>`, "gbk", 1},
		{"<html>\n<head>\n<meta charset='GB2312' />", "GB2312", 3},
		{`<meta http-equiv="content-type" content="text/html;charset=gb18030">`, "gb18030", 1},
		{`<meta content="text/html; charset=GBK" http-equiv="Content-Type">`, "GBK", 1},
		{`<meta name="viewport" content="width=device-width">`, "", 0},
		{`<body><meta charset="gbk">`, "", 0},
		{`<?xml version="1.0" encoding='gbk'?>`, "gbk", 1},
		{`<?xml version="1.0"?><meta charset="big5">`, "big5", 1},
		{`<script>var s = '<meta charset="gbk">';</script><meta charset="utf-8">`, "utf-8", 1},
	}
	for _, c := range cases {
		label, line := declared([]byte(c.in))
		if label != c.label || line != c.line {
			t.Errorf("declared(%q) = %q, %d; want %q, %d", c.in, label, line, c.label, c.line)
		}
	}
}

// TestDecode: the cases the fetcher met on listing pages, and plain text.
func TestDecode(t *testing.T) {
	g := gbk(t, "<p>政府信息公开</p>")
	for _, tc := range []struct {
		body string
		h    Hints
		name string
		note string // part of the note
		line int    // Decoded.Line: the markup declaration's line, 0 for none
	}{
		{g, Hints{ContentType: "text/html; charset=gb2312", Markup: true}, "gb18030", `declared "gb2312" in the Content-Type`, 0},
		{g, Hints{ContentType: "text/html", Markup: true}, "gb18030", "no charset declared; sniffed", 0},
		{`<meta charset="utf-8">` + g, Hints{Markup: true}, "gb18030", `declared "utf-8" in the markup, but`, 1},
		{`<meta charset="gbk">` + g, Hints{ContentType: "text/html", Markup: true}, "gb18030", `declared "gbk" in the markup`, 1},
		{"<html>\n<head>\n<meta charset=\"gbk\">" + g, Hints{Markup: true}, "gb18030", `declared "gbk" in the markup`, 3},
		{"<html>\n<head>\n<meta charset=\"x-martian\">" + g, Hints{Markup: true}, "gb18030", `unknown charset "x-martian" declared in the markup`, 3},
		{"<p>政府信息公开</p>", Hints{Markup: true}, "utf-8", "the bytes are valid UTF-8", 0},
		{"\xef\xbb\xbf<p>政府信息公开</p>", Hints{ContentType: "text/html; charset=gbk"}, "utf-8", "byte-order mark", 0},
		{"<p>政府信息公开</p>", Hints{ContentType: "text/html; charset=gbk"}, "utf-8", "but the bytes are valid UTF-8", 0},
		{"\n <?xml version=\"1.0\" encoding=\"GBK\"?>" + g, Hints{Markup: true}, "gb18030", `declared "GBK" in the markup`, 2},
		// text: a declaration inside is not looked for
		{`<meta charset="big5">` + g, Hints{}, "gb18030", "no charset declared", 0},
		{g, Hints{Force: "gbk"}, "gb18030", "forced", 0},
	} {
		d, err := Decode([]byte(tc.body), tc.h)
		if err != nil || d.Name != tc.name || !strings.Contains(d.Note, tc.note) || !strings.Contains(string(d.Text), "政府信息公开") {
			t.Errorf("Decode(%q, %+v) = %s %q %q, %v; want %s, a note with %q", tc.body, tc.h, d.Name, d.Note, d.Text, err, tc.name, tc.note)
		}
		if d.Line != tc.line || strings.Contains(d.Note, "line") {
			t.Errorf("Decode(%q, %+v): Line %d, note %q; want Line %d and a note without it", tc.body, tc.h, d.Line, d.Note, tc.line)
		}
	}
	if _, err := Decode([]byte("x"), Hints{Force: "klingon"}); err == nil || !strings.Contains(err.Error(), "klingon") {
		t.Errorf("unknown forced charset: %v", err)
	}
	if got := String(gbk(t, "年报.pdf")); got != "年报.pdf" {
		t.Errorf("String: %q", got)
	}
	if !ValidGB18030([]byte(g)) || ValidGB18030([]byte{0x81, 0x20, 0x81, 0x20, 0x81, 0x20, 0x20, 0x20}) {
		t.Error("ValidGB18030")
	}
}

// Every head of a GB18030 text is valid GB18030: a character cut at the
// end is allowed (the head of a longer input), a bad byte inside is not.
// Before, a head whose last character was cut read as U+FFFD, and a
// GB18030 text report longer than 8 KiB was taken for binary data about
// half the time.
func TestValidGB18030Heads(t *testing.T) {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("一、总体情况\n本机关2020年收到政府信息公开申请27件，办结21件。\r\n（三）不予公开 3 件；𠀀 𪚥 €\r"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for n := 0; n <= len(text); n++ {
		if !ValidGB18030([]byte(text[:n])) {
			t.Fatalf("head of %d bytes (of %d) not valid", n, len(text))
		}
	}
	bad := []byte(text[:10] + "\x81\x20" + text[10:])
	if ValidGB18030(bad) {
		t.Error("a lead byte followed by a space is valid")
	}
}
