package docxread

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

const (
	numberingPart = `<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:abstractNum w:abstractNumId="5">` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>` +
		`<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>` +
		`</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="6"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="5"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="5"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="6"/></w:num>` +
		`</w:numbering>`
	stylesPart = `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>` +
		`</w:styles>`
	docRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="lists.xml"/>` +
		`<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/word/st.xml"/>` +
		`</Relationships>`
)

func styled(style, numPr, s string) string {
	pPr := "<w:pPr>"
	if style != "" {
		pPr += `<w:pStyle w:val="` + style + `"/>`
	}
	if numPr != "" {
		pPr += "<w:numPr>" + numPr + "</w:numPr>"
	}
	pPr += "</w:pPr>"
	return "<w:p>" + pPr + "<w:r><w:t>" + s + "</w:t></w:r></w:p>"
}

func TestNumbering(t *testing.T) {
	body := styled("H1", "", "总体情况") +
		styled("H2", "", "主动公开") +
		styled("H2", "", "依申请公开") +
		styled("H1", "", "主动公开政府信息情况") +
		styled("", `<w:ilvl w:val="2"/><w:numId w:val="1"/>`, "直接编号") +
		styled("H1", `<w:numId w:val="0"/>`, "无编号") +
		tbl(tr(tc("", styled("", `<w:ilvl w:val="2"/><w:numId w:val="1"/>`, "属于国家秘密")))) +
		styled("", `<w:numId w:val="2"/>`, "重新开始") +
		styled("", `<w:numId w:val="3"/>`, "项目符号") +
		styled("", `<w:numId w:val="99"/>`, "未定义列表")
	data := zipOf(t, part{"_rels/.rels", relsXML}, part{"word/document.xml", docHead + body + docTail},
		part{"word/_rels/document.xml.rels", docRels}, part{"word/lists.xml", numberingPart}, part{"word/st.xml", stylesPart})
	doc, err := read(t, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Blocks {
		if b.Grid != nil {
			got = append(got, "["+b.Grid.Rows[0][0].Text+"]")
			continue
		}
		got = append(got, b.Text)
	}
	want := []string{"一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况", "1.直接编号", "无编号",
		"[2.属于国家秘密]", "一、重新开始", "项目符号", "未定义列表"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if len(doc.Notes) != 0 {
		t.Errorf("notes %q", layout.NoteStrings(doc.Notes))
	}
}

func TestNumberingBroken(t *testing.T) {
	data := zipOf(t, part{"_rels/.rels", relsXML}, part{"word/document.xml", docHead + styled("H1", "", "总体情况") + docTail},
		part{"word/numbering.xml", "<w:numbering"})
	doc, err := read(t, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 1 || doc.Blocks[0].Text != "总体情况" {
		t.Errorf("blocks %+v", doc.Blocks)
	}
	if len(doc.Notes) != 1 || !strings.Contains(doc.Notes[0].String(), "numbering") {
		t.Errorf("notes %q", layout.NoteStrings(doc.Notes))
	}
}

func TestFormatNumber(t *testing.T) {
	cases := []struct {
		n      int
		format string
		want   string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"},
		{20, "chineseCountingThousand", "二十"}, {99, "chineseCounting", "九十九"}, {100, "chineseCounting", "100"},
		{3, "chineseLegalSimplified", "叁"}, {12, "chineseLegalSimplified", "拾贰"},
		{2, "ideographTraditional", "乙"}, {3, "decimalEnclosedCircle", "③"}, {12, "decimalFullWidth", "１２"},
		{4, "lowerRoman", "iv"}, {14, "upperRoman", "XIV"}, {27, "lowerLetter", "aa"}, {2, "upperLetter", "B"},
		{7, "decimalZero", "07"}, {7, "decimal", "7"}, {7, "", "7"}, {-1, "chineseCounting", "-1"},
	}
	for _, c := range cases {
		if got := formatNumber(c.n, c.format); got != c.want {
			t.Errorf("formatNumber(%d, %q) = %q, want %q", c.n, c.format, got, c.want)
		}
	}
}
