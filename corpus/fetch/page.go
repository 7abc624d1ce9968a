package fetch

import (
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/nianbao/nianbao/extract/textenc"
)

// link is an outgoing link found on a page.
type link struct {
	URL   *url.URL
	Title string // the title attribute, else the link text
	Date  string // YYYY-MM-DD written next to the link, "" if none
}

// pageInfo is what a listing page or a report page tells the crawler.
type pageInfo struct {
	Title     string // the page's own title
	Published string // YYYY-MM-DD from its metadata or text

	Entries     []link     // links whose titles name an annual report
	Attachments []link     // links to PDF, DOC, DOCX, WPS, XLS files
	Pages       []*url.URL // other pages of the same listing
	Scripted    bool       // pagination written by script (TRS, Hanweb)
	NextLink    bool       // a 下一页 or numbered page link
	ReportBody  bool       // the text reads like an annual report
}

// isListing says how to treat an HTML page: as a listing to follow, or as
// a report page to keep with its attachments.
func (p *pageInfo) isListing() bool {
	switch {
	case p.ReportBody:
		return false
	case p.Scripted || p.NextLink:
		return true
	case len(p.Entries)-p.fileEntries() >= 2:
		return true
	case len(p.Attachments) > 0:
		return false
	}
	return len(p.Entries) > 0
}

func (p *pageInfo) fileEntries() int {
	n := 0
	for _, e := range p.Entries {
		if containsLink(p.Attachments, e.URL) {
			n++
		}
	}
	return n
}

// DefaultTitle matches the titles of annual-report entries: 年度报告 or
// 年报, with or without the year (政府信息公开工作年度报告, 2021年年报),
// and not 政府工作报告.
var DefaultTitle = regexp.MustCompile(`年度报告|年报`)

var attachExt = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".wps": true,
	".xls": true, ".xlsx": true, ".et": true, ".ofd": true,
}

// reportMarkers are phrases of a report's body; a page that has several
// is a report, whatever links it also has.
var reportMarkers = []string{
	"本年度", "本报告", "行政复议", "行政诉讼", "存在的主要问题",
	"收到和处理", "主动公开政府信息情况", "依申请公开情况", "统计数据",
}

var (
	dateRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
	})
	pubLabelRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:发布|公开|成文|发文)(?:日期|时间)\s*[:：]?\s*((?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})`)
	})
)

// parsePage reads an HTML page (or a Hanweb XML data-proxy response) that
// was fetched from base. titleRe selects the report entries.
func parsePage(body []byte, contentType string, base *url.URL, titleRe *regexp.Regexp) *pageInfo {
	text := string(body)
	if d, err := textenc.Decode(body, textenc.Hints{ContentType: contentType, Markup: true}); err == nil {
		text = string(d.Text)
	}
	p := &pageInfo{}
	w := &walker{p: p, base: base, titleRe: titleRe}
	doc, err := html.Parse(strings.NewReader(text))
	if err == nil {
		w.walk(doc)
	}
	p.Title = w.pageTitle()
	if p.Published == "" {
		if m := pubLabelRe().FindStringSubmatch(w.text.String()); m != nil {
			p.Published = normDate(m[1])
		}
	}
	n := 0
	for _, m := range reportMarkers {
		if strings.Contains(w.text.String(), m) {
			n++
		}
	}
	p.ReportBody = n >= 4
	w.hanweb(text)
	w.trs(text)
	p.Entries = mergeLinks(p.Entries)
	return p
}

// mergeLinks keeps the first link to each URL, filling in its title and
// date from later ones (a Hanweb record is seen both as HTML and as XML).
func mergeLinks(ls []link) []link {
	var out []link
	at := map[string]int{}
	for _, l := range ls {
		k := l.URL.String()
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, l)
			continue
		}
		if out[i].Date == "" {
			out[i].Date = l.Date
		}
		if out[i].Title == "" {
			out[i].Title = l.Title
		}
	}
	return out
}

type walker struct {
	p        *pageInfo
	base     *url.URL
	titleRe  *regexp.Regexp
	text     strings.Builder
	title    string // <title>
	metaTitl string // <meta name="ArticleTitle">
	seen     map[string]bool
	numbered int // numbered page links met
}

func (w *walker) walk(n *html.Node) {
	if n.Type == html.TextNode {
		w.text.WriteString(n.Data)
		return
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style:
			return
		case atom.Title:
			if w.title == "" {
				w.title = nodeText(n)
			}
			return
		case atom.Base:
			if u, err := w.base.Parse(attr(n, "href")); err == nil && attr(n, "href") != "" {
				w.base = u
			}
		case atom.Meta:
			w.meta(n)
		case atom.A:
			w.anchor(n)
		case atom.Iframe, atom.Embed, atom.Frame:
			w.addAttachment(attr(n, "src"), "", "")
		case atom.Object:
			w.addAttachment(attr(n, "data"), "", "")
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if n.Type == html.ElementNode && isBlock(n.DataAtom) {
		w.text.WriteByte('\n')
	}
}

func (w *walker) meta(n *html.Node) {
	name := strings.ToLower(attr(n, "name") + attr(n, "property"))
	content := strings.TrimSpace(attr(n, "content"))
	switch name {
	case "articletitle", "og:title":
		if w.metaTitl == "" {
			w.metaTitl = content
		}
	case "pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date":
		if w.p.Published == "" {
			w.p.Published = normDate(content)
		}
	}
}

func (w *walker) anchor(n *html.Node) {
	href := strings.TrimSpace(attr(n, "href"))
	if href == "" || strings.HasPrefix(href, "#") {
		return
	}
	text := collapse(nodeText(n))
	title := collapse(attr(n, "title"))
	if title == "" {
		title = text
	}
	u, err := w.base.Parse(href)
	if err != nil {
		return
	}
	u.Fragment = ""
	if num, ok := isPager(text); ok {
		if num {
			w.numbered++
		}
		w.p.NextLink = w.p.NextLink || !num || w.numbered >= 2
		if u.Scheme == "http" || u.Scheme == "https" {
			w.p.Pages = append(w.p.Pages, u)
		}
		return
	}
	if neighbour().MatchString(text) {
		return // 上一篇/下一篇: the article's neighbours, not entries
	}
	date := nearDate(n)
	if w.addAttachment(href, title, date) {
		return
	}
	if title = cleanTitle(title); w.titleRe.MatchString(title) {
		w.p.Entries = append(w.p.Entries, link{URL: u, Title: title, Date: date})
	}
}

// addAttachment records href if it names a file; it reports whether it did.
func (w *walker) addAttachment(href, title, date string) bool {
	if href == "" {
		return false
	}
	u, err := w.base.Parse(strings.TrimSpace(href))
	if err != nil {
		return false
	}
	u.Fragment = ""
	if !isFileURL(u) {
		// A PDF viewer: viewer.html?file=/x/report.pdf
		f := u.Query().Get("file")
		if f == "" || !attachExt[strings.ToLower(path.Ext(f))] {
			if !attachExt[strings.ToLower(path.Ext(title))] {
				return false
			}
		} else if v, err := u.Parse(f); err == nil {
			u = v
		}
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	if w.seen[u.String()] {
		return true
	}
	w.seen[u.String()] = true
	l := link{URL: u, Title: cleanTitle(title), Date: date}
	w.p.Attachments = append(w.p.Attachments, l)
	if l.Title != "" && w.titleRe.MatchString(l.Title) {
		w.p.Entries = append(w.p.Entries, l)
	}
	return true
}

var neighbour = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*[上下]一(?:篇|条)`) })

var attachLabel = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:附件|附)\s*\d*\s*[:：.、]\s*`) })

// cleanTitle drops "附件1：" before and ".pdf" after a link's title.
func cleanTitle(s string) string {
	s = attachLabel().ReplaceAllString(s, "")
	if ext := path.Ext(s); attachExt[strings.ToLower(ext)] && len(s) > len(ext) {
		s = strings.TrimSpace(strings.TrimSuffix(s, ext))
	}
	return s
}

func isFileURL(u *url.URL) bool {
	return attachExt[strings.ToLower(path.Ext(u.Path))]
}

func (w *walker) pageTitle() string {
	if w.metaTitl != "" {
		return w.metaTitl
	}
	t := collapse(w.title)
	for _, sep := range []string{"_", " - ", "|", "--"} {
		if i := strings.Index(t, sep); i > 0 {
			t = strings.TrimSpace(t[:i])
		}
	}
	return t
}

// nearDate finds a date in the list item, table row or paragraph that
// holds a link.
func nearDate(n *html.Node) string {
	for p, depth := n.Parent, 0; p != nil && depth < 4; p, depth = p.Parent, depth+1 {
		if p.Type != html.ElementNode {
			continue
		}
		switch p.DataAtom {
		case atom.Li, atom.Tr, atom.Dd, atom.Dl, atom.P, atom.Div, atom.Td:
			if d := findDate(nodeTextLimit(p, 300)); d != "" {
				return d
			}
			if p.DataAtom != atom.Td && p.DataAtom != atom.Div {
				return ""
			}
		case atom.Ul, atom.Table, atom.Body:
			return ""
		}
	}
	return ""
}

func findDate(s string) string {
	if m := dateRe().FindString(s); m != "" {
		return normDate(m)
	}
	return ""
}

// normDate turns "2021-3-5 08:58", "2021年03月05日" or "2021/3/5" into
// 2021-03-05; "" if s has no valid date.
func normDate(s string) string {
	m := dateRe().FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return strconv.Itoa(y) + "-" + pad2(mo) + "-" + pad2(d)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func nodeText(n *html.Node) string { return nodeTextLimit(n, -1) }

// nodeTextLimit returns about the first limit bytes of n's text (all of it
// if limit < 0).
func nodeTextLimit(n *html.Node, limit int) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if limit >= 0 && b.Len() >= limit {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Li, atom.Tr, atom.Br, atom.H1, atom.H2, atom.H3, atom.Table, atom.Td:
		return true
	}
	return false
}
