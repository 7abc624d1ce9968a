package htmlread

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

func TestPublished(t *testing.T) {
	const article = `<div class="TRS_Editor"><p>政府信息公开工作年度报告</p><p>一、总体情况</p></div>`
	cases := []struct {
		name, head, body string
		date, from       string
	}{
		{"meta PubDate", `<meta name="PubDate" content="2021-03-05 08:58">`, "", "2021-03-05", "meta PubDate"},
		{"meta publishdate slashes", `<meta name="publishdate" content="2023/1/5">`, "", "2023-01-05", "meta publishdate"},
		{"meta firstpublishedtime", `<meta name="firstpublishedtime" content="2023-01-20-10:00:00">`, "", "2023-01-20", "meta firstpublishedtime"},
		{"meta Chinese date", `<meta name="PubDate" content="2022年2月8日">`, "", "2022-02-08", "meta PubDate"},
		{"meta PubDate before a later one", `<meta name="PubDate" content="2021-03-05"><meta name="publishdate" content="2021-03-06">`, "", "2021-03-05", "meta PubDate"},
		{"bad meta, text line", `<meta name="PubDate" content="0000-00-00">`, "\n<div class=info>发布时间：2023-01-20 10:00</div>", "2023-01-20", "page text 发布时间, line 2"},
		{"发布日期 Chinese date", "", `<div>来源：办公室 发布日期：2023年1月20日</div>`, "2023-01-20", "page text 发布日期, line 1"},
		{"label and date in sibling spans", "", `<div><span>发布时间：</span>&nbsp;<span>2023-02-20</span></div>`, "2023-02-20", "page text 发布时间, line 1"},
		{"full-width colon and nbsp", "", `<p>发布时间&nbsp;：&nbsp;2024-1-9</p>`, "2024-01-09", "page text 发布时间, line 1"},
		{"impossible date skipped", "", `<p>发布时间：2023-13-40</p><p>发布日期：2023-12-31</p>`, "2023-12-31", "page text 发布日期, line 1"},
		{"none", "", `<div>浏览次数：1024</div>`, "", ""},
		{"in a script: ignored", "", `<script>var t = "发布时间：2020-01-01";</script>`, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := "<html><head>" + c.head + "</head><body>" + c.body + article + "</body></html>"
			doc, err := Read(strings.NewReader(page), Options{})
			if err != nil {
				t.Fatal(err)
			}
			from := layout.Located(doc.PublishedFrom, doc.PublishedPos)
			if doc.Published != c.date || from != c.from || strings.Contains(doc.PublishedFrom, "line") {
				t.Errorf("Published %q from %q (%+v), want %q from %q, the line in PublishedPos", doc.Published, doc.PublishedFrom, doc.PublishedPos, c.date, c.from)
			}
		})
	}
}

func TestTitle(t *testing.T) {
	const article = `<div class="TRS_Editor"><p>一、总体情况</p><p>本年度政府信息公开工作有序开展。</p></div>`
	cases := []struct {
		name, head, body, title string
		first                   bool // false: the article starts with the title itself
	}{
		{"h1", `<title>站点首页</title>`, `<h1>某县2023年政府信息公开工作年度报告</h1>`, "某县2023年政府信息公开工作年度报告", true},
		{"article title class", ``, `<div class="article_title">某局2022年度政府信息公开工作年度报告</div>`, "某局2022年度政府信息公开工作年度报告", true},
		{"ArticleTitle meta", `<meta name="ArticleTitle" content="某市2021年政府信息公开年报"><title>x</title>`, ``, "某市2021年政府信息公开年报", true},
		{"title cut at the site name", `<title>某区2020年度政府信息公开工作年度报告_政府信息公开年报_某区人民政府</title>`, ``, "某区2020年度政府信息公开工作年度报告", true},
		{"title after the site name", `<title>某区人民政府 - 某区2020年政府信息公开工作年度报告</title>`, ``, "某区2020年政府信息公开工作年度报告", true},
		{"a report title beats a plain h1", `<title>某区2020年政府信息公开工作年度报告|某区</title>`, `<h1>政务公开</h1>`, "某区2020年政府信息公开工作年度报告", true},
		{"no report title: first candidate", `<title>政务公开_某区</title>`, ``, "政务公开", true},
		{"title already in the article", `<title>某区2020年度报告</title>`, ``, "某区2020年度报告", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			art := article
			if !c.first {
				art = strings.Replace(art, "<p>", "<p>"+c.title+"</p><p>", 1)
			}
			page := "<html><head>" + c.head + "</head><body>" + c.body + art + "</body></html>"
			doc, err := Read(strings.NewReader(page), Options{AnyPage: true})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != c.title {
				t.Errorf("Title %q, want %q", doc.Title, c.title)
			}
			n := 0
			for _, b := range doc.Blocks {
				if b.Text == c.title {
					n++
				}
			}
			if first := len(doc.Blocks) > 0 && doc.Blocks[0].Text == c.title; !first || n != 1 {
				t.Errorf("title first = %v, %d times, want first once; blocks %q", first, n, doc.Text())
			}
		})
	}
}

// TestMetaTagPos checks that the <title> and a 来源 line are recorded with
// their source line in MetaTag.Pos and a Name without it. § marks the
// line of each.
func TestMetaTagPos(t *testing.T) {
	page := "<html><head>\n<meta name=\"ContentSource\" content=\"某区政务服务数据管理局\">\n§<title>某区2023年政府信息公开工作年度报告</title>\n</head><body>\n\n" +
		"§<div class=\"info\">来源：某区人民政府办公室</div>\n<div class=\"TRS_Editor\"><p>一、总体情况</p><p>本年度政府信息公开工作有序开展。</p></div></body></html>"
	var lines []int
	for i, c := range page {
		if c == '§' {
			lines = append(lines, 1+strings.Count(page[:i], "\n"))
		}
	}
	doc, err := Read(strings.NewReader(strings.ReplaceAll(page, "§", "")), Options{AnyPage: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []layout.MetaTag{
		{Name: "meta ContentSource", Value: "某区政务服务数据管理局"},
		{Name: "<title>", Value: "某区2023年政府信息公开工作年度报告", Pos: layout.Pos{Line: lines[0]}},
		{Name: "page text 来源", Value: "某区人民政府办公室", Pos: layout.Pos{Line: lines[1]}},
	}
	if len(doc.Metadata) != len(want) {
		t.Fatalf("Metadata %+v, want %+v", doc.Metadata, want)
	}
	for i, w := range want {
		if doc.Metadata[i] != w {
			t.Errorf("Metadata[%d] = %+v, want %+v", i, doc.Metadata[i], w)
		}
	}
	if got, w := doc.Metadata[1].From(), "<title>, line 3"; got != w {
		t.Errorf("From() = %q, want %q", got, w)
	}
}
