package htmlread

import (
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/nianbao/nianbao/extract/layout"
)

// containers are the article containers of the CMS products that
// government sites run (TRS WCM, Hanweb/大汉, 拓尔思 UCAP, Word paste),
// tried before the general search.
var containers = []string{
	".TRS_Editor", ".TRS_UEDITOR", ".trs_editor_view", ".Custom_UnionStyle",
	"#zoom", "#Zoom", ".zoom", "#UCAP-CONTENT", "#ucap-content", ".pages_content",
	".article_content", ".article-content", ".articleContent", ".art_con", ".arc_content",
	".view", ".zw", "#zw", ".zwnr", ".main-txt", ".detail_content", ".news_content",
	".content", "#content", ".article", "article", ".WordSection1", ".Section1",
}

// furnitureWords are class/id words of page furniture.
var furnitureWords = map[string]bool{
	"nav": true, "navbar": true, "menu": true, "breadcrumb": true, "crumb": true,
	"position": true, "location": true, "footer": true, "foot": true, "header": true,
	"share": true, "bshare": true, "fx": true, "toolbar": true, "tools": true,
	"print": true, "sidebar": true, "side": true, "aside": true, "related": true,
	"copyright": true, "pager": true, "pagination": true, "comment": true,
	"login": true, "search": true, "friendlink": true, "links": true,
}

// page is the parsed page with per-element text counts.
type page struct {
	root      *html.Node
	doc       *goquery.Document
	body      *html.Node
	titleLine int                // source line of the element the title was read from
	cjk       map[*html.Node]int // Han characters under the element, outside links and skipped elements
	link      map[*html.Node]int // Han characters under the element inside <a>
	tbls      map[*html.Node]int // tables with some Chinese text under the element
}

func newPage(root *html.Node) *page {
	pg := &page{
		root: root,
		doc:  goquery.NewDocumentFromNode(root),
		cjk:  map[*html.Node]int{},
		link: map[*html.Node]int{},
		tbls: map[*html.Node]int{},
	}
	pg.body = root
	if b := pg.doc.Find("body").First(); b.Length() > 0 {
		pg.body = b.Get(0)
	}
	pg.count()
	return pg
}

// count fills the per-element counts in one post-order pass over the
// tree, without recursion.
func (pg *page) count() {
	inLink := 0
	for c := pg.root; c != nil; {
		descend := false
		switch c.Type {
		case html.TextNode:
			if n := layout.HanCount(c.Data); n > 0 && c.Parent != nil {
				if inLink > 0 {
					pg.link[c.Parent] += n
				} else {
					pg.cjk[c.Parent] += n
				}
			}
		case html.DocumentNode:
			descend = true
		case html.ElementNode:
			descend = !skipped[c.DataAtom]
			if c.DataAtom == atom.A {
				inLink++
			}
		}
		if descend && c.FirstChild != nil {
			c = c.FirstChild
			continue
		}
		for {
			pg.leave(c)
			if c.Type == html.ElementNode && c.DataAtom == atom.A {
				inLink--
			}
			if c == pg.root {
				return
			}
			if c.NextSibling != nil {
				c = c.NextSibling
				break
			}
			c = c.Parent
		}
	}
}

// leave adds the finished counts of n to its parent.
func (pg *page) leave(n *html.Node) {
	if n.Type == html.ElementNode && n.DataAtom == atom.Table && pg.cjk[n] > 0 {
		pg.tbls[n]++
	}
	if p := n.Parent; p != nil {
		pg.cjk[p] += pg.cjk[n]
		pg.link[p] += pg.link[n]
		pg.tbls[p] += pg.tbls[n]
	}
}

// findBody returns the element holding the report: a known CMS container
// that holds all the page's tables and at least 40% of its Chinese text,
// or else the deepest element that holds all tables and 85% of the text.
// The second result says which, for Notes, without the element's line
// (the caller puts that in the Note's Pos).
func (pg *page) findBody() (*html.Node, string) {
	total, tables := pg.cjk[pg.body], pg.tbls[pg.body]
	// known containers holding all the tables and 40% of the text: the
	// one with the most text, or a container inside it with nearly all
	// of that (.article_content around .TRS_Editor)
	type match struct {
		n   *html.Node
		sel string
	}
	var ms []match
	for _, sel := range containers {
		pg.doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
			n := s.Get(0)
			if pg.cjk[n] > 0 && pg.cjk[n]*10 >= total*4 && pg.tbls[n] >= tables {
				ms = append(ms, match{n, sel})
			}
		})
	}
	var best *html.Node
	var bestSel string
	for _, m := range ms {
		if best == nil || pg.cjk[m.n] > pg.cjk[best] {
			best, bestSel = m.n, m.sel
		}
	}
	if best != nil {
		outer := best
		for _, m := range ms {
			if m.n != outer && contains(outer, m.n) && pg.cjk[m.n]*10 >= pg.cjk[outer]*9 && pg.cjk[m.n] < pg.cjk[best] {
				best, bestSel = m.n, m.sel
			}
		}
	}
	if best != nil {
		return best, fmt.Sprintf("body: %s (%d of the page's %d Han characters)", bestSel, pg.cjk[best], total)
	}
	cur := pg.body
	for {
		var next *html.Node
		for c := cur.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (next == nil || pg.cjk[c] > pg.cjk[next]) {
				next = c
			}
		}
		if next == nil || pg.cjk[next]*100 < pg.cjk[cur]*85 || pg.tbls[next] < pg.tbls[cur] {
			break
		}
		cur = next
	}
	return cur, fmt.Sprintf("body: <%s>, the smallest element with most of the text (%d of the page's %d Han characters)", cur.Data, pg.cjk[cur], total)
}

// furniture reports whether n, inside the chosen body, is to be dropped:
// a hidden element without tables, or page furniture with little text of
// its own (a menu, a <header>/<footer>, a block classed as navigation,
// sharing, footer and the like).
func (pg *page) furniture(n *html.Node, body *html.Node) bool {
	if n.Type != html.ElementNode || n == body || pg.tbls[n] > 0 {
		return false
	}
	if hidden(n) || n.Data == "xml" {
		return true // display:none, Word's mso-hide:all, Word's <xml> document properties
	}
	own, links := pg.cjk[n], pg.link[n]
	if own*10 > pg.cjk[body] {
		return false
	}
	if links > 0 && links >= 3*own && n.DataAtom != atom.A {
		return true // a menu: mostly link text
	}
	if n.DataAtom == atom.Header || n.DataAtom == atom.Footer {
		return true
	}
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
			return r == ' ' || r == '-' || r == '_' || r == '\t'
		}) {
			if furnitureWords[w] {
				return true
			}
		}
	}
	return false
}

// contains reports whether n is a descendant of a.
func contains(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// hidden reports whether n's inline style hides it.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "style" {
			continue
		}
		st := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
		return strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") || strings.Contains(st, "mso-hide:all")
	}
	return false
}
