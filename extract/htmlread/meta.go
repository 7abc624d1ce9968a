package htmlread

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract/layout"
)

// dateMetas are the <meta name=...> (or property=) that carry a page's
// publication date, most specific first; compared case-insensitively.
var dateMetas = []string{
	"pubdate", "publishdate", "firstpublishedtime", "publish_date", "publishtime",
	"article:published_time", "dc.date.issued", "dcterms.issued", "dc.date", "date",
}

// agencyMetas are the <meta> names (lower case) that carry the report's
// title or its publishing agency, as Chinese government CMSs (TRS,
// Hanweb, …) write them; they go to Document.Metadata.
var agencyMetas = map[string]bool{
	"articletitle": true, "contentsource": true, "source": true, "sitename": true, "site": true,
	"og:title": true, "og:site_name": true, "dc.title": true, "dc.publisher": true, "publisher": true,
}

// titleMetas carry the article's own title.
var titleMetas = []string{"articletitle", "og:title", "dc.title"}

// dateLine finds a 发布时间/发布日期 line in the page text.
var dateLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(发布时间|发布日期|公开日期|发表时间|发表日期|发稿时间|信息时间)[\s\x{a0}\x{3000}]*[:：]?[\s\x{a0}\x{3000}]*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
})

// dateValue reads a date at the start of a metadata value.
var dateValue = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
})

// titleSeps split a <title> into the article title and the site's name.
var titleSeps = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s*(?:_|\||｜|——|--|\s-\s|－)\s*`) })

// readMeta sets Title and Published from the page's metadata and text.
func readMeta(doc *layout.Document, pg *page) {
	metas := map[string]string{}
	names := map[string]string{}
	pg.doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		k, ok := s.Attr("name")
		if !ok {
			k, ok = s.Attr("property")
		}
		v, _ := s.Attr("content")
		lk := strings.ToLower(strings.TrimSpace(k))
		if ok && strings.TrimSpace(v) != "" {
			if _, dup := metas[lk]; !dup {
				metas[lk], names[lk] = strings.TrimSpace(v), strings.TrimSpace(k)
			}
		}
	})
	pg.doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		k, ok := s.Attr("name")
		if !ok {
			k, ok = s.Attr("property")
		}
		v, _ := s.Attr("content")
		if ok && agencyMetas[strings.ToLower(strings.TrimSpace(k))] && strings.TrimSpace(v) != "" {
			doc.Metadata = append(doc.Metadata, layout.MetaTag{Name: "meta " + strings.TrimSpace(k), Value: strings.TrimSpace(v)})
		}
	})
	if s := pg.doc.Find("title").First(); s.Length() > 0 {
		if t := strings.TrimSpace(textOf(s.Get(0))); t != "" {
			doc.Metadata = append(doc.Metadata, layout.MetaTag{Name: "<title>", Value: t, Pos: layout.Pos{Line: line(s.Get(0))}})
		}
	}
	for _, k := range dateMetas {
		if d, ok := normDate(dateValue().FindStringSubmatch(metas[k])); ok {
			doc.Published, doc.PublishedFrom = d, "meta "+names[k]
			break
		}
	}
	publishedFromText(doc, pg)
	doc.Title, pg.titleLine = pageTitle(pg, metas)
}

// sourceLine finds a 来源 (publishing agency) line in the page text; the
// value ends at the next label of the info bar.
var sourceLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(来源|信息来源|发布机构|发布单位|发文机关)[\s\x{a0}\x{3000}]*[:：][\s\x{a0}\x{3000}]*([^\s\x{a0}\x{3000}:：|｜]{2,60})`)
})

// sourceEnds are the labels that follow a 来源 value when the info bar's
// spans are glued together ("来源：某局发布时间：…").
var sourceEnds = []string{"发布时间", "发布日期", "时间", "日期", "浏览", "点击", "字号", "作者", "【", "[", "分享", "打印"}

// publishedFromText looks for a 发布时间 line and a 来源 line in the text
// of the page (outside scripts), in document order, in one pass over the
// text nodes.
func publishedFromText(doc *layout.Document, pg *page) {
	var all strings.Builder
	var starts []int
	var owners []*html.Node
	for c := pg.body; c != nil; {
		descend := c.Type == html.ElementNode && !skipped[c.DataAtom] || c.Type == html.DocumentNode
		if c.Type == html.TextNode {
			starts = append(starts, all.Len())
			owners = append(owners, c.Parent)
			all.WriteString(c.Data)
		}
		if descend && c.FirstChild != nil {
			c = c.FirstChild
			continue
		}
		for c != pg.body && c.NextSibling == nil {
			c = c.Parent
		}
		if c == pg.body {
			break
		}
		c = c.NextSibling
	}
	text := all.String()
	lineAt := func(off int) int {
		i := sort.SearchInts(starts, off+1) - 1
		return line(owners[max(i, 0)])
	}
	if m := sourceLine().FindStringSubmatchIndex(text); m != nil {
		v := text[m[4]:m[5]]
		for _, e := range sourceEnds {
			if i := strings.Index(v, e); i > 0 {
				v = v[:i]
			}
		}
		doc.Metadata = append(doc.Metadata, layout.MetaTag{Name: "page text " + text[m[2]:m[3]], Value: v, Pos: layout.Pos{Line: lineAt(m[0])}})
	}
	if doc.Published != "" {
		return
	}
	for _, loc := range dateLine().FindAllStringSubmatchIndex(text, -1) {
		m := []string{text[loc[4]:loc[5]], text[loc[6]:loc[7]], text[loc[8]:loc[9]]}
		if d, ok := normDate(m); ok {
			doc.Published = d
			doc.PublishedFrom, doc.PublishedPos = "page text "+text[loc[2]:loc[3]], layout.Pos{Line: lineAt(loc[0])}
			return
		}
	}
}

// normDate turns year, month, day strings into YYYY-MM-DD, checking the
// ranges. m may be a regexp match with the whole match first.
func normDate(m []string) (string, bool) {
	if len(m) == 4 {
		m = m[1:]
	}
	if len(m) != 3 {
		return "", false
	}
	y, e1 := strconv.Atoi(m[0])
	mo, e2 := strconv.Atoi(m[1])
	d, e3 := strconv.Atoi(m[2])
	if e1 != nil || e2 != nil || e3 != nil || y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), true
}

// pageTitle picks the report title: the first <h1>, an element classed
// as the article title, the ArticleTitle meta, or the <title> cut at
// the site name, preferring a candidate that names a report.
func pageTitle(pg *page, metas map[string]string) (string, int) {
	type cand struct {
		text string
		line int
	}
	var cs []cand
	addSel := func(sel string) {
		pg.doc.Find(sel).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			n := s.Get(0)
			if t := textOf(n); layout.HanCount(t) > 0 {
				cs = append(cs, cand{t, line(n)})
				return false
			}
			return true
		})
	}
	addSel("body h1")
	addSel(".article_title, .article-title, .articleTitle, .title, #title, .bt, .tit")
	for _, k := range titleMetas {
		if v := strings.Join(strings.Fields(metas[k]), " "); layout.HanCount(v) > 0 {
			cs = append(cs, cand{v, 0})
		}
	}
	if s := pg.doc.Find("title").First(); s.Length() > 0 {
		t := textOf(s.Get(0))
		parts := titleSeps().Split(t, -1)
		pick := parts[0]
		for _, p := range parts {
			if strings.Contains(p, "报告") || strings.Contains(p, "年报") {
				pick = p
				break
			}
		}
		if layout.HanCount(pick) > 0 {
			cs = append(cs, cand{strings.TrimSpace(pick), line(s.Get(0))})
		}
	}
	addSel("body h2")
	for _, c := range cs {
		if strings.Contains(c.text, "报告") || strings.Contains(c.text, "年报") {
			return c.text, c.line
		}
	}
	if len(cs) > 0 {
		return cs[0].text, cs[0].line
	}
	return "", 0
}
