package htmlread

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/nianbao/nianbao/extract/layout"
)

// walker turns the body into blocks: one Text block per paragraph or
// <br>-separated line, one Grid block per data table.
type walker struct {
	doc      *layout.Document
	pg       *page
	body     *html.Node
	maxDepth int
	buf      textBuf
	bufLine  int // source line of the paragraph being assembled
	lastLine int // line of the element entered last
	paras    int
	tables   int
	deep     bool // the depth limit was hit
	dropped  int  // furniture elements dropped inside the body
	droppedN int  // their Han characters
	images   int  // <img> elements in the article
	attached []string
}

// attachmentExts are the file types of report attachments.
var attachmentExts = []string{".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd", ".zip", ".rar"}

// maxAttachments caps the attachment links listed in a note.
const maxAttachments = 10

// media records images and attachment links, for the notes.
func (w *walker) media(n *html.Node) {
	switch n.DataAtom {
	case atom.Img:
		w.images++
	case atom.A:
		for _, a := range n.Attr {
			if a.Key != "href" {
				continue
			}
			href := strings.TrimSpace(a.Val)
			path := strings.ToLower(href)
			if i := strings.IndexAny(path, "?#"); i >= 0 {
				path = path[:i]
			}
			for _, ext := range attachmentExts {
				if strings.HasSuffix(path, ext) && len(w.attached) < maxAttachments {
					w.attached = append(w.attached, href)
					break
				}
			}
		}
	}
}

// title puts the page's title first when the body does not start with
// it (the title often sits above the CMS container).
func (w *walker) title(body *html.Node) {
	w.body = body
	t := w.doc.Title
	if t == "" {
		return
	}
	head := textOf(body)
	if len(head) > 600 {
		head = head[:600]
	}
	if strings.Contains(squash(head), squash(t)) {
		return
	}
	w.paras++
	w.doc.Blocks = append(w.doc.Blocks, layout.Block{Text: t, Pos: layout.Pos{Paragraph: w.paras, Line: w.pg.titleLine}})
}

// squash drops all white space, for loose comparisons.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func (w *walker) walk(body *html.Node) {
	w.body = body
	w.node(body, 0)
	w.flush()
	if len(w.attached) > 0 {
		w.doc.Notes = append(w.doc.Notes, layout.Note{Text: "attachments linked from the article: " + strings.Join(w.attached, " ")})
	}
	if w.images > 0 && w.tables == 0 {
		w.doc.Notes = append(w.doc.Notes, layout.Note{Text: fmt.Sprintf("the article has %d images and no tables: its tables may be pictures", w.images)})
	}
	if w.dropped > 0 {
		w.doc.Notes = append(w.doc.Notes, layout.Note{Text: fmt.Sprintf("dropped inside the article: %d hidden or furniture elements (%d Han characters)", w.dropped, w.droppedN)})
	}
	if w.deep {
		w.doc.Notes = append(w.doc.Notes, layout.Note{Text: fmt.Sprintf("elements nested deeper than %d levels read as plain text", w.maxDepth)})
	}
}

// flush ends the paragraph being assembled.
func (w *walker) flush() {
	if !w.buf.empty() {
		w.paras++
		w.doc.Blocks = append(w.doc.Blocks, layout.Block{
			Text: w.buf.String(),
			Pos:  layout.Pos{Paragraph: w.paras, Line: w.bufLine},
		})
	}
	w.buf.reset()
}

func (w *walker) text(s string) {
	if w.buf.empty() {
		w.bufLine = w.lastLine
	}
	w.buf.text(s)
}

func (w *walker) node(n *html.Node, depth int) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.DocumentNode:
		w.children(n, depth)
		return
	case html.ElementNode:
	default:
		return
	}
	if skipped[n.DataAtom] {
		return
	}
	if w.pg.furniture(n, w.body) {
		for c := range n.Descendants() {
			if c.Type == html.ElementNode && c.DataAtom == atom.A {
				w.media(c) // attachment links in a dropped line still count
			}
		}
		w.dropped++
		w.droppedN += w.pg.cjk[n] + w.pg.link[n]
		return
	}
	if l := line(n); l > 0 {
		w.lastLine = l
	}
	w.media(n)
	if depth >= w.maxDepth {
		w.deep = true
		w.text(" ")
		nodeText(&w.buf, n)
		return
	}
	switch {
	case n.DataAtom == atom.Br:
		w.flush()
	case n.DataAtom == atom.Table && !w.pg.layoutTable(n):
		w.flush()
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Caption {
				w.children(c, depth) // the caption ("表一 ...") reads as a paragraph before the grid
				w.flush()
			}
		}
		w.tables++
		g, notes := buildGrid(n, w.tables)
		w.doc.Notes = append(w.doc.Notes, notes...)
		w.doc.Blocks = append(w.doc.Blocks, layout.Block{Grid: g, Pos: layout.Pos{Table: w.tables, Line: line(n)}})
	case blocks[n.DataAtom]:
		w.flush()
		w.children(n, depth)
		w.flush()
	default:
		w.children(n, depth)
	}
}

func (w *walker) children(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, depth+1)
	}
}
