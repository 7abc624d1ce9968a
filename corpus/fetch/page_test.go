package fetch

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

func urls(us []*url.URL) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.String())
	}
	return out
}

func TestParsePagePagination(t *testing.T) {
	base := mustURL("http://www.x.gov.cn/zwgk/ndbg/index_1.html")
	for _, tc := range []struct {
		name, page string
		want       []string
		listing    bool
	}{
		{"trs literal", `<script>createPageHTML(3, 1, "index", "html");</script>`,
			[]string{"http://www.x.gov.cn/zwgk/ndbg/index.html", "http://www.x.gov.cn/zwgk/ndbg/index_1.html", "http://www.x.gov.cn/zwgk/ndbg/index_2.html"}, true},
		{"trs variables", `<script>var countPage = 2//共多少页
var currentPage = 0; createPageHTML(countPage, currentPage, "index", "shtml");</script>`,
			[]string{"http://www.x.gov.cn/zwgk/ndbg/index.shtml", "http://www.x.gov.cn/zwgk/ndbg/index_1.shtml"}, true},
		{"trs new form", `<script>createPageHTML('page_div',2, 1,'list','htm',30);</script>`,
			[]string{"http://www.x.gov.cn/zwgk/ndbg/list.htm", "http://www.x.gov.cn/zwgk/ndbg/list_1.htm"}, true},
		{"trs hostile count", `<script>createPageHTML(999999999, 0, "index", "html");</script>`, nil, true},
		{"trs path in prefix", `<script>createPageHTML(3, 0, "../../etc", "html");</script>`, nil, true},
		{"next link", `<a href="index_2.html">下一页</a><a href="index_9.html">尾页</a>`,
			[]string{"http://www.x.gov.cn/zwgk/ndbg/index_2.html", "http://www.x.gov.cn/zwgk/ndbg/index_9.html"}, true},
		{"numbered links", `<a href="?page=1">1</a><a href="?page=2">2</a>`,
			[]string{"http://www.x.gov.cn/zwgk/ndbg/index_1.html?page=1", "http://www.x.gov.cn/zwgk/ndbg/index_1.html?page=2"}, true},
		{"one number is not pagination", `<a href="/x">12</a>`, []string{"http://www.x.gov.cn/x"}, false},
		{"javascript pager", `<a href="javascript:go(2)">下一页</a>`, nil, true},
	} {
		p := parsePage([]byte(tc.page), "text/html; charset=utf-8", base, DefaultTitle)
		got := urls(p.Pages)
		if tc.name == "trs hostile count" {
			if len(got) != maxGeneratedPages {
				t.Errorf("%s: %d pages, want the cap %d", tc.name, len(got), maxGeneratedPages)
			}
		} else if !slices.Equal(got, tc.want) {
			t.Errorf("%s: pages %q, want %q", tc.name, got, tc.want)
		}
		if p.isListing() != tc.listing {
			t.Errorf("%s: isListing = %v", tc.name, p.isListing())
		}
	}
}

func TestParsePageEntries(t *testing.T) {
	base := mustURL("http://www.x.gov.cn/col/ndbg/")
	page := `<html><head><base href="http://www.x.gov.cn/zwgk/"></head><body>
<ul>
<li><a href="a.html" title="某县2023年政府信息公开工作年度报告">某县2023年政府信息公…</a><span>[2024-1-5]</span></li>
<li><span>2023年02月01日</span><a href="/b.html">2022年年报</a></li>
<li><a href="c.html">通知公告</a><span>2024-01-05</span></li>
<li><a href="g.html">2024年政府工作报告</a><span>2024-01-05</span></li>
<li><a href="d.pdf">附件1：2021年度报告.pdf</a></li>
<li><a href="#top">2020年报</a></li>
</ul>
<table><tr><td><a href="e.html">2020年政府信息公开年报</a></td><td>2021.03.31</td></tr></table>
</body></html>`
	p := parsePage([]byte(page), "", base, DefaultTitle)
	var got []string
	for _, e := range p.Entries {
		got = append(got, e.URL.String()+" "+e.Title+" "+e.Date)
	}
	want := []string{
		"http://www.x.gov.cn/zwgk/a.html 某县2023年政府信息公开工作年度报告 2024-01-05",
		"http://www.x.gov.cn/b.html 2022年年报 2023-02-01",
		"http://www.x.gov.cn/zwgk/d.pdf 2021年度报告 ",
		"http://www.x.gov.cn/zwgk/e.html 2020年政府信息公开年报 2021-03-31",
	}
	if !slices.Equal(got, want) {
		t.Errorf("entries:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !p.isListing() {
		t.Error("a page of report links is a listing")
	}
}

func TestParsePageReport(t *testing.T) {
	base := mustURL("https://www.x.gov.cn/zwgk/ndbg/202103/t20210305_1.htm")
	page := `<html><head><meta name="ArticleTitle" content="某区2020年度政府信息公开工作年度报告">
<meta name="PubDate" content="2021-03-05 08:58"><title>ignored_年报_某区</title></head><body>
` + reportBody + `
<a href="./P020210305.pdf">附件</a>
<a href="/up/file.DOCX">表格</a>
<a href="/dl?id=9">2020年报.wps</a>
<iframe src="/pdfjs/web/viewer.html?file=%2Fup%2Fview.pdf"></iframe>
<embed src="/up/embed.pdf">
<a href="./P020210305.pdf">again</a>
<a href="t20210101_0.htm">上一篇：某区2019年度政府信息公开工作年度报告</a>
</body></html>`
	p := parsePage([]byte(page), "text/html", base, DefaultTitle)
	if p.Title != "某区2020年度政府信息公开工作年度报告" || p.Published != "2021-03-05" {
		t.Errorf("title %q published %q", p.Title, p.Published)
	}
	var got []string
	for _, a := range p.Attachments {
		got = append(got, a.URL.String())
	}
	want := []string{"https://www.x.gov.cn/zwgk/ndbg/202103/P020210305.pdf", "https://www.x.gov.cn/up/file.DOCX",
		"https://www.x.gov.cn/dl?id=9", "https://www.x.gov.cn/up/view.pdf", "https://www.x.gov.cn/up/embed.pdf"}
	if !slices.Equal(got, want) {
		t.Errorf("attachments %q\nwant %q", got, want)
	}
	if p.isListing() || !p.ReportBody {
		t.Error("a report page taken for a listing")
	}

	// Title from <title> and date from the text when there is no metadata.
	p = parsePage([]byte(`<title>2019年年度报告 - 某局</title><div>发布时间：2020年1月9日</div>`), "", base, DefaultTitle)
	if p.Title != "2019年年度报告" || p.Published != "2020-01-09" {
		t.Errorf("title %q published %q", p.Title, p.Published)
	}
}

// TestDecode: a listing page is decoded by textenc.Decode with the
// Content-Type it came with (textenc tests the policy).
func TestDecode(t *testing.T) {
	g := gbk("<a href=\"/a.html\">2020年政府信息公开工作年度报告</a>")
	for _, ctype := range []string{"text/html; charset=gb2312", "text/html"} {
		p := parsePage([]byte(g), ctype, mustURL("http://x.gov.cn/"), DefaultTitle)
		if len(p.Entries) != 1 || p.Entries[0].Title != "2020年政府信息公开工作年度报告" {
			t.Errorf("%s: links %+v", ctype, p.Entries)
		}
	}
}

func TestNormDate(t *testing.T) {
	for in, want := range map[string]string{
		"2021-03-05 08:58": "2021-03-05", "2021年3月5日": "2021-03-05", "[2021/3/5]": "2021-03-05",
		"2021.12.31": "2021-12-31", "2021-13-01": "", "1899-01-01": "", "": "",
	} {
		if got := normDate(in); got != want {
			t.Errorf("normDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParsePage(f *testing.F) {
	f.Add([]byte(`<script>createPageHTML(3, 0, "index", "html");</script><a href="a.html">2020年年报</a> 2021-01-01`), "text/html")
	f.Add([]byte(`<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/p.jsp?x=1"></a>]]></nextgroup><recordset><record><![CDATA[<li><a href="/a.html">2019年报</a></li>]]></record></recordset></datastore></script><script>totalRecord: 99 perPage: 3</script>`), "text/html")
	f.Add([]byte(gbk(`<meta charset="gbk"><a href="x.pdf">附件：年度报告.pdf</a><a href="index_1.html">下一页</a>`)), "")
	f.Add([]byte(`<?xml version="1.0" encoding="GBK"?><datastore><totalrecord>5</totalrecord></datastore>`), "text/xml")
	f.Add([]byte(`<base href="javascript:x"><a href="%zz">1</a><a href="//[::1">2</a><iframe src="viewer.html?file=%">`), "text/html; charset=big5")
	base := mustURL("http://www.x.gov.cn/a/b/index.html?startrecord=4")
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		p := parsePage(body, ctype, base, DefaultTitle)
		p.isListing()
		if len(p.Pages) > 3*maxGeneratedPages+len(body) {
			t.Fatalf("%d pages from %d bytes", len(p.Pages), len(body))
		}
		for _, l := range append(p.Entries, p.Attachments...) {
			if l.URL == nil {
				t.Fatal("nil URL")
			}
		}
	})
}

func TestLooksHTML(t *testing.T) {
	for in, want := range map[string]bool{
		`<ul><li><a href="x">y</a></li></ul>`: true, `<!DOCTYPE html><p>`: true, ` <A HREF='x'>`: true,
		"%PDF-1.4": false, "plain words, a <b> list": false, "": false,
	} {
		if got := looksHTML([]byte(in)); got != want {
			t.Errorf("looksHTML(%q) = %v", in, got)
		}
	}
}

// TestRealReportPages reads report pages saved from government sites (the
// repository's testdata, one of them GBK): each is a report page, with
// its title and date from the page's metadata.
func TestRealReportPages(t *testing.T) {
	for name, want := range map[string][2]string{
		"pingtan-2020-page.html": {"平潭综合实验区2020年度政府信息公开工作年度报告", "2021-03-05"},
		"pingtan-2021-page.html": {"平潭综合实验区2021年度政府信息公开工作年度报告", "2022-02-08"},
		"pingtan-2022-web.html":  {"平潭综合实验区2022年度政府信息公开工作年度报告", "2023-02-20"},
		"huaian-2024-word.html":  {"淮安市人民政府2024年度政府信息公开工作年度报告", ""},
	} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "reports", name))
		if err != nil {
			t.Fatal(err)
		}
		p := parsePage(b, "text/html", mustURL("https://www.pingtan.gov.cn/zwgk/t1.htm"), DefaultTitle)
		if p.Title != want[0] || p.Published != want[1] || p.isListing() {
			t.Errorf("%s: title %q published %q listing %v", name, p.Title, p.Published, p.isListing())
		}
	}
}
