package htmlread

import (
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// narrative is report text long enough to outweigh page furniture.
var narrative = strings.Repeat("<p>本年度，我区认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作，主动公开政府信息一千余条。</p>\n", 4)

const dataTable = `<table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>3</td></tr></table>`

func TestBody(t *testing.T) {
	header := `<div class="header"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/hd/">互动交流</a></div>`
	footer := `<div class="footer">版权所有：某区人民政府办公室 网站标识码1234</div>`
	cases := []struct {
		name    string
		page    string
		want    []string // substrings of the text that must be there
		never   []string // substrings that must not
		grids   int
		dropped string // a note on what was dropped inside the article
	}{
		{"CMS container",
			header + `<div class="main"><div class="position">当前位置：首页 &gt; 年报</div><div class="TRS_Editor"><p>一、总体情况</p>` + narrative + dataTable + `</div>
<div class="sidebar"><ul><li><a href="1">相关文件一</a></li><li><a href="2">相关文件二</a></li></ul></div></div>` + footer,
			[]string{"一、总体情况", "主动公开政府信息一千余条", "本年制发件数"},
			[]string{"当前位置", "相关文件", "版权所有", "互动交流"}, 1, ""},
		{"CMS container beside a wordy sidebar",
			`<div class="main"><div class="TRS_Editor"><p>一、总体情况</p>` + narrative + dataTable + `</div><div class="notice">` +
				strings.Repeat("<p>通知公告：关于开展二〇二四年度春季植树造林活动的通知全文</p>", 6) + `</div></div>`,
			[]string{"一、总体情况", "本年制发件数"},
			[]string{"通知公告"}, 1, ""},
		{"no known container",
			header + `<div id="x1"><div id="x2"><p>一、总体情况</p>` + narrative + dataTable + `</div><div id="x3"><p>扫一扫在手机打开当前页</p></div></div>` + footer,
			[]string{"一、总体情况", "本年制发件数"},
			[]string{"扫一扫", "版权所有", "首页"}, 1, ""},
		{"layout table page",
			`<table width="100%"><tr><td colspan="2">` + header + `</td></tr><tr><td class="left"><a href="a">机构概况</a><br><a href="b">政策文件</a></td>
<td><p>一、总体情况</p>` + narrative + dataTable + `<p>五、存在的主要问题</p></td></tr><tr><td colspan="2">` + footer + `</td></tr></table>`,
			[]string{"一、总体情况", "本年制发件数", "五、存在的主要问题"},
			[]string{"机构概况", "版权所有", "互动交流"}, 1, ""},
		{"known container too small",
			header + `<div class="content"><a href="x">返回</a>相关链接</div><div id="art"><p>一、总体情况</p>` + narrative + dataTable + `</div>` + footer,
			[]string{"一、总体情况", "本年制发件数"},
			[]string{"相关链接", "版权所有"}, 1, ""},
		{"furniture inside the container",
			`<div id="zoom"><p>一、总体情况</p>` + narrative + `<div class="bshare">分享到：微信 微博</div>` + dataTable + `<div class="print"><a href="#">打印本页</a></div></div>`,
			[]string{"一、总体情况", "本年制发件数"},
			[]string{"分享到", "打印本页"}, 1, "dropped inside the article: 2 hidden or furniture elements (11 Han characters)"},
		{"hidden and Word-only elements",
			`<div class="WordSection1"><p>一、总体情况</p>` + narrative + `<div style="DISPLAY: none">隐藏的重复内容</div><p>可见<span style='mso-hide:all'>隐藏</span>文字</p>` +
				`<xml><o:DocumentProperties><o:Author>张三</o:Author></o:DocumentProperties></xml>` + dataTable + `<footer>主办单位：某区</footer></div>`,
			[]string{"一、总体情况", "可见文字", "本年制发件数"},
			[]string{"隐藏", "张三", "主办单位"}, 1, ""},
		{"table beside the text stays in",
			header + `<div id="a"><div id="b"><p>一、总体情况</p>` + narrative + `</div><div id="c">` + dataTable + `</div></div>` + footer,
			[]string{"一、总体情况", "本年制发件数"},
			[]string{"版权所有"}, 1, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Read(strings.NewReader("<html><body>"+c.page+"</body></html>"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			text := doc.Text()
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, text)
				}
			}
			for _, n := range c.never {
				if strings.Contains(text, n) {
					t.Errorf("text has furniture %q (%s):\n%s", n, doc.Notes[1].String(), text)
				}
			}
			if c.dropped != "" && !strings.Contains(strings.Join(layout.NoteStrings(doc.Notes), "\n"), c.dropped) {
				t.Errorf("notes %q lack %q", layout.NoteStrings(doc.Notes), c.dropped)
			}
			grids := 0
			for _, b := range doc.Blocks {
				if b.Grid != nil {
					grids++
				}
			}
			if grids != c.grids {
				t.Errorf("%d grids, want %d", grids, c.grids)
			}
		})
	}
}

// TestMediaNotes checks the notes on attachments and pictures.
func TestMediaNotes(t *testing.T) {
	page := `<div id="zoom"><p>一、总体情况</p>` + narrative + `<p><img src="t1.png"><img src="t2.jpg"></p>
<p>附件：<a href="/files/2023年报.PDF?v=2">2023年报.PDF</a> <a href="x.htm">详情</a> <a href="b.docx#p1">统计表</a></p></div>`
	doc, err := Read(strings.NewReader(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(layout.NoteStrings(doc.Notes), "\n")
	for _, want := range []string{
		"attachments linked from the article: /files/2023年报.PDF?v=2 b.docx#p1",
		"the article has 2 images and no tables: its tables may be pictures",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q lack %q", layout.NoteStrings(doc.Notes), want)
		}
	}
}

// TestParagraphs checks how running text is cut into blocks.
func TestParagraphs(t *testing.T) {
	page := `<div id="zoom"><p>一、总体情况</p>
<p>　　本年度共收到申请<span>1</span><span>2</span>件，
办结<b>10</b>件。</p>
<div>第一行<br>第二行<br/><br/>第三行</div>
<p>&nbsp;</p><p>二、主动公开<o:p></o:p>政府信息情况</p>
<h2>四、政府信息公开行政复议、行政诉讼情况</h2>
<p>See  the   English
text</p><p>政务公开</p></div>`
	doc, err := Read(strings.NewReader(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"一、总体情况", "本年度共收到申请12件，办结10件。", "第一行", "第二行", "第三行",
		"二、主动公开政府信息情况", "四、政府信息公开行政复议、行政诉讼情况", "See the English text", "政务公开"}
	var got []string
	for i, b := range doc.Blocks {
		got = append(got, b.Text)
		if b.Pos.Paragraph != i+1 {
			t.Errorf("block %d: Paragraph %d", i, b.Pos.Paragraph)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks\n%q\nwant\n%q", got, want)
	}
	lines := []int{1, 2, 4, 4, 4, 5, 6, 7, 8}
	for i, b := range doc.Blocks {
		if i < len(lines) && b.Pos.Line != lines[i] {
			t.Errorf("block %d %q: line %d, want %d", i, b.Text, b.Pos.Line, lines[i])
		}
	}
}

// TestBodyOption checks that Options.Body overrides the search.
func TestBodyOption(t *testing.T) {
	page := `<div id="main"><p>一、总体情况</p>` + narrative + `</div><div class="box"><p>二、主动公开政府信息情况</p>` + dataTable + `</div>`
	doc, err := Read(strings.NewReader(page), Options{Body: "div.box"})
	if err != nil {
		t.Fatal(err)
	}
	if text := doc.Text(); strings.Contains(text, "一、总体情况") || !strings.Contains(text, "本年制发件数") {
		t.Errorf("text %q", text)
	}
	if !strings.Contains(doc.Notes[1].String(), `Options.Body "div.box"`) {
		t.Errorf("notes %q", layout.NoteStrings(doc.Notes))
	}
	for _, sel := range []string{"div.nothing", "div[[", ""} {
		_, err := Read(strings.NewReader(page), Options{Body: sel})
		if sel == "" {
			if err != nil {
				t.Errorf("no selector: %v", err)
			}
			continue
		}
		if !errors.Is(err, layout.ErrNotReport) || !strings.Contains(err.Error(), sel) {
			t.Errorf("Body %q: err = %v", sel, err)
		}
	}
}

// TestBodyNotePos checks that the note naming the body carries the body
// element's line in its Pos, not in its text. § marks the element.
func TestBodyNotePos(t *testing.T) {
	cases := []struct {
		name, page, body string
	}{
		{"CMS container", "<html>\n<body>\n<div class=\"nav\"><a href=\"/\">首页</a></div>\n§<div class=\"TRS_Editor\"><p>一、总体情况</p>\n" + narrative + "</div>\n</body></html>", ""},
		{"smallest element with the text", "<html>\n<body>\n<div id=\"x1\">\n\n§<div id=\"x2\"><p>一、总体情况</p>" + narrative + "</div></div></body></html>", ""},
		{"Options.Body", "<html><body>\n<div id=\"main\"><p>一、总体情况</p>" + narrative + "</div>\n§<div class=\"box\">" + dataTable + "</div></body></html>", "div.box"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			at := strings.Index(c.page, "§")
			want := layout.Pos{Line: 1 + strings.Count(c.page[:at], "\n")}
			doc, err := Read(strings.NewReader(strings.Replace(c.page, "§", "", 1)), Options{Body: c.body, AnyPage: true})
			if err != nil {
				t.Fatal(err)
			}
			n := doc.Notes[1]
			if n.Pos != want || !strings.HasPrefix(n.Text, "body: ") || strings.Contains(n.Text, "line") {
				t.Errorf("body note %+v, want Pos %+v and the text without the line", n, want)
			}
		})
	}
}
