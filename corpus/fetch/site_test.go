package fetch

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// govSite is a local site that behaves like a government CMS: a GBK TRS
// listing paginated by createPageHTML and by links, a Hanweb listing kept
// as XML records, report pages with inline tables and attachments, and
// the usual troubles (redirects, a loop, a 404, a 503 once, a stall, an
// oversized file, robots.txt, a link to another host).
type govSite struct {
	t     *testing.T
	srv   *httptest.Server
	other *httptest.Server // another host

	mu       sync.Mutex
	hits     map[string]int
	times    map[string][]time.Time
	inflight int
	maxIn    int
	stall    func(path string) bool // if true, send half the body and hang
}

func gbk(s string) string {
	out, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return out
}

func pdf(name string) string {
	return "%PDF-1.4\n% " + name + "\n" + strings.Repeat("x", 300) + "\n%%EOF\n"
}

const reportBody = `<table><tr><td>本年度主动公开政府信息情况</td><td>收到和处理政府信息公开申请情况</td></tr>
<tr><td>政府信息公开行政复议、行政诉讼情况</td><td>存在的主要问题及改进情况</td></tr></table>`

func newGovSite(t *testing.T) *govSite {
	s := &govSite{t: t, hits: map[string]int{}, times: map[string][]time.Time{}}
	s.other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.count("other:" + r.URL.Path)
		fmt.Fprint(w, "<html><title>2019年政府信息公开年报</title></html>")
	}))
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() { s.srv.Close(); s.other.Close() })
	return s
}

func (s *govSite) count(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[p]++
	s.times[p] = append(s.times[p], time.Now())
}

func (s *govSite) hit(p string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[p]
}

func (s *govSite) snapshot() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := map[string]int{}
	for k, v := range s.hits {
		m[k] = v
	}
	return m
}

func (s *govSite) url(p string) string { return s.srv.URL + p }

func (s *govSite) serve(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if r.URL.RawQuery != "" {
		p += "?" + r.URL.RawQuery
	}
	s.count(p)
	s.mu.Lock()
	s.inflight++
	s.maxIn = max(s.maxIn, s.inflight)
	stall := s.stall
	s.mu.Unlock()
	defer func() { s.mu.Lock(); s.inflight--; s.mu.Unlock() }()
	if !strings.HasPrefix(r.UserAgent(), "nianbao") {
		http.Error(w, "no user agent", 400)
		return
	}

	htmlGBK := func(body string) {
		w.Header().Set("Content-Type", "text/html") // charset only in <meta>
		fmt.Fprint(w, gbk(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>`+body+`</html>`))
	}
	htmlUTF8 := func(body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html>"+body+"</html>")
	}
	file := func(ctype, disp, body string) {
		w.Header().Set("Content-Type", ctype)
		if disp != "" {
			w.Header().Set("Content-Disposition", disp)
		}
		if stall != nil && stall(r.URL.Path) {
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			fmt.Fprint(w, body[:len(body)/2])
			w.(http.Flusher).Flush()
			<-r.Context().Done()
			return
		}
		fmt.Fprint(w, body)
	}

	switch p {
	case "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n\nUser-agent: badbot\nDisallow: /\n")

	// TRS listing, GBK, three pages.
	case "/zwgk/ndbg/index.html":
		htmlGBK(`<head><title>政府信息公开年报_示范市人民政府</title></head><body>
<ul class="list">
<li><a href="./202401/t20240120_1.html" title="示范市2023年政府信息公开工作年度报告">示范市2023年政府信息公开工作年度…</a><span>2024-01-20</span></li>
<li><a href="/zwgk/ndbg/202301/t20230115_2.html">示范市2022年政府信息公开工作年度报告</a><span>2023年01月15日</span></li>
<li><a href="/zwgk/tzgg/t1.html">关于开展政务公开检查的通知</a><span>2023-05-01</span></li>
<li><a href="` + s.srv.URL + `/old/2021.html">2021年年报</a><span>2022/1/10</span></li>
<li><a href="/private/2020.html">2020年度报告</a></li>
<li><a href="` + s.other.URL + `/report2019.html">2019年政府信息公开年报</a></li>
<li><a href="mailto:gk@example.gov.cn">2018年年度报告意见反馈</a></li>
<li><a href="javascript:void(0)">2018年年度报告</a></li>
</ul>
<script>createPageHTML(3, 0, "index", "html");</script>
</body>`)
	case "/zwgk/ndbg/index_1.html":
		htmlGBK(`<body><ul>
<li><a href="/loop/a.html">2017年年报</a></li>
<li><a href="missing.html">2016年年报</a></li>
<li><a href="/zwgk/ndbg/2015.pdf">2015年年报</a> 2016-03-31</li>
<li><a href="/slow.html">2014年年报</a></li>
</ul>
<div class="page"><a href="index.html">1</a> <a href="index_1.html">2</a> <a href="index_2.html">3</a> <a href="index_2.html">下一页</a></div>
<script>createPageHTML(3, 1, "index", "html");</script></body>`)
	case "/zwgk/ndbg/index_2.html":
		htmlGBK(`<body><table><tr><td><a href="big.html">2013年年报</a></td><td>2014-02-01</td></tr>
<tr><td><a href="dup.html">2012年年报</a></td><td>2013-02-01</td></tr></table>
<script>var countPage = 3; createPageHTML(countPage, 2, "index", "html");</script></body>`)

	// Report pages.
	case "/zwgk/ndbg/202401/t20240120_1.html":
		htmlUTF8(`<head><meta name="ArticleTitle" content="示范市2023年政府信息公开工作年度报告"><meta name="PubDate" content="2024-01-20 09:00"></head><body>` + reportBody +
			`<p>附件：<a href="/files/P2023">示范市2023年政府信息公开工作年度报告.pdf</a></p>
<p><a href="../../../files/2023-tables.xls">统计表</a> <a href="ftp://example.gov.cn/x.pdf">ftp</a></p></body>`)
	case "/zwgk/ndbg/202301/t20230115_2.html":
		htmlGBK(`<head><title>示范市2022年政府信息公开工作年度报告_政府信息公开年报</title></head><body>` + reportBody +
			`<p><a href="/files/%E5%B9%B4%E6%8A%A5.doc">年报.doc</a> <a href="/files/download.jsp?id=2022">下载PDF版.pdf</a></p>
<p><a href="/zwgk/ndbg/202401/t20240120_1.html">上一篇：示范市2023年政府信息公开工作年度报告</a></p></body>`)
	case "/old/2021.html":
		http.Redirect(w, r, "/zwgk/ndbg/202201/t20220110_3.html", http.StatusFound)
	case "/zwgk/ndbg/202201/t20220110_3.html":
		htmlUTF8(`<body><h1>2021年年报</h1>` + reportBody + `<a href="/files/evil">附件：2021年年报.pdf</a><iframe src="/pdfjs/web/viewer.html?file=/files/2021-summary.pdf"></iframe></body>`)
	case "/zwgk/ndbg/big.html":
		htmlUTF8(`<body>` + reportBody + `<a href="/files/big.pdf">2013年年报全文</a></body>`)
	case "/zwgk/ndbg/dup.html":
		htmlUTF8(`<body>` + reportBody + `<a href="/files/dup-copy.pdf">2012年年报全文</a></body>`)

	// Attachments.
	case "/files/P2023", "/files/dup-copy.pdf":
		file("application/pdf", `attachment; filename*=UTF-8''%E7%A4%BA%E8%8C%83%E5%B8%822023%E5%B9%B4%E6%8A%A5.pdf`, pdf("2023"))
	case "/files/2023-tables.xls":
		file("application/vnd.ms-excel", "", "xls 2023 tables")
	case "/files/年报.doc":
		file("application/msword", "", "doc 2022")
	case "/files/download.jsp?id=2022":
		file("application/pdf", `attachment; filename="`+gbk("2022年报.pdf")+`"`, pdf("2022"))
	case "/files/evil":
		file("application/pdf", `attachment; filename="../../../evil.pdf"`, pdf("2021"))
	case "/files/2021-summary.pdf":
		file("application/pdf", "", pdf("2021 summary"))
	case "/zwgk/ndbg/2015.pdf":
		if s.hit(p) == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		file("application/pdf", "", pdf("2015"))
	case "/files/big.pdf":
		w.Header().Set("Content-Type", "application/pdf")
		chunk := strings.Repeat("B", 64<<10)
		for range 40 { // 2.5 MiB, chunked: no Content-Length to check first
			if _, err := fmt.Fprint(w, chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}

	// Troubles.
	case "/loop/a.html":
		http.Redirect(w, r, "/loop/b.html", http.StatusMovedPermanently)
	case "/loop/b.html":
		http.Redirect(w, r, "/loop/a.html", http.StatusMovedPermanently)
	case "/slow.html":
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}

	// Hanweb listing: records as XML in a script, more from the data proxy.
	case "/col/col123/index.html":
		htmlUTF8(`<head><title>年报专栏</title></head><body><div id="4566"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&amp;columnid=123&amp;unitid=456"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href="/art/2011/1/5/art_123_11.html" title="2010年政府信息公开工作年度报告">2010年政府信息…</a><span>2011-01-05</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2010/1/5/art_123_10.html" title="2009年政府信息公开工作年度报告">2009年</a><span>2010-01-05</span></li>]]></record>
</recordset></datastore></script></div>
<script>$('#4566').jpage({perPage: 2, totalRecord: 5, proxyUrl: '/module/web/jpage/dataproxy.jsp'});</script></body>`)
	case "/module/web/jpage/dataproxy.jsp?page=1&columnid=123&unitid=456&startrecord=3&endrecord=4&perpage=2":
		w.Header().Set("Content-Type", "text/xml; charset=GBK")
		fmt.Fprint(w, gbk(`<?xml version="1.0" encoding="GBK"?><datastore><totalrecord>5</totalrecord><recordset>
<record><![CDATA[<li><a href="/art/2009/1/5/art_123_9.html">2008年政府信息公开工作年度报告</a><span>2009-01-05</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2008/1/5/art_123_8.html">2007年政府信息公开工作年度报告</a><span>2008-01-05</span></li>]]></record>
</recordset></datastore>`))
	case "/module/web/jpage/dataproxy.jsp?page=1&columnid=123&unitid=456&startrecord=5&endrecord=5&perpage=2":
		w.Header().Set("Content-Type", "text/xml; charset=GBK")
		fmt.Fprint(w, gbk(`<datastore><recordset>
<record><![CDATA[<li><a href="/art/2008/1/4/art_123_7.html">2006年政府信息公开工作年度报告</a><span>2008-01-04</span></li>]]></record>
</recordset></datastore>`))
	case "/art/2011/1/5/art_123_11.html", "/art/2010/1/5/art_123_10.html", "/art/2009/1/5/art_123_9.html",
		"/art/2008/1/5/art_123_8.html", "/art/2008/1/4/art_123_7.html":
		htmlUTF8(`<body>` + reportBody + `<p>` + r.URL.Path + `</p></body>`)
	default:
		http.NotFound(w, r)
	}
}
