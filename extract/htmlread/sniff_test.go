package htmlread

import (
	"fmt"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

func TestSniff(t *testing.T) {
	utf16 := func(s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		in   []byte
		want bool
	}{
		{[]byte("<!DOCTYPE html><html>"), true},
		{[]byte("\r\n  <HTML xmlns:o=\"urn:schemas-microsoft-com:office:office\">"), true},
		{[]byte("\xEF\xBB\xBF<html>"), true},
		{[]byte("<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">"), true},
		{[]byte("<!-- saved from url=(0048)http://www.gov.cn/ -->\n<html>"), true},
		{[]byte(`<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0"><html xmlns="http://www.w3.org/1999/xhtml">`), true},
		{[]byte("<table border=1><tr><td>1</td></tr></table>"), true},
		{utf16("<html><body>"), true},
		{[]byte("<!-- a comment only -->"), false},
		{[]byte(`<?xml version="1.0"?><w:document>`), false},
		{[]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3"), false},
		{[]byte("PK\x03\x04\x14\x00\x06\x00"), false},
		{[]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), false},
		{[]byte("平潭综合实验区2021年政府信息公开工作年度报告\n一、总体情况"), false},
		{[]byte("<p\x00>"), false},
		{[]byte(""), false},
		{[]byte{0xFF, 0xFE}, false},
	}
	for _, c := range cases {
		if got := Sniff(c.in); got != c.want {
			t.Errorf("Sniff(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func ExampleSniff() {
	fmt.Println(Sniff([]byte("\r\n<!DOCTYPE html><html><head><meta charset=\"gb2312\">")))
	fmt.Println(Sniff([]byte("%PDF-1.7")))
	fmt.Println(Sniff([]byte("平潭综合实验区2021年政府信息公开工作年度报告")))
	// Output:
	// true
	// false
	// false
}
