package htmlread

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/nianbao/nianbao/extract/layout"
)

// ReaderName is what Read puts in Document.Reader.
const ReaderName = "goquery"

// Limits applied when the Options field is zero.
const (
	DefaultMaxSize  = 64 << 20
	DefaultMaxDepth = 256
)

// Options control Read. The zero value reads any report page.
type Options struct {
	// Charset forces the page's character encoding, as a WHATWG label
	// ("gbk", "gb2312", "gb18030", "utf-8", ...). Zero: a byte-order mark,
	// then ContentType's charset, then the page's <meta> declaration, then
	// sniffing decide (bytes that are not UTF-8 but are valid GB18030 are
	// read as GB18030), by textenc.Decode.
	Charset string
	// ContentType is the Content-Type the server sent with the page (a
	// fetch manifest keeps it); its charset declares the encoding. Zero:
	// none.
	ContentType string
	// MaxSize is the largest input accepted, in bytes; a larger one fails
	// with layout.ErrTooLarge. Zero: DefaultMaxSize (64 MiB).
	MaxSize int64
	// MaxDepth is the element nesting depth up to which the page's
	// structure (paragraphs, tables) is read; deeper content is read as
	// plain text of the element at the limit, with a note. Zero:
	// DefaultMaxDepth (256).
	MaxDepth int
	// Body is a CSS selector for the element that holds the report, for
	// a site whose layout defeats the search (e.g. "div.zwgk_content").
	// The first match is used; a selector that matches nothing fails with
	// layout.ErrNotReport. Zero: the article is found as doc.go describes.
	Body string
	// AnyPage accepts a page whose article and title use none of the
	// words every report uses (信息公开, 政务公开, 公开政府信息, 依申请公开,
	// 年度报告). Zero: such a page fails with layout.ErrNotReport.
	AnyPage bool
}

// Read parses an HTML page holding a report: it decodes the page, finds
// the article among the site's furniture, and returns its paragraphs and
// tables in reading order. Errors are *layout.Error values wrapping a
// layout sentinel (ErrEmpty, ErrTooLarge, ErrUnsupported, ErrNotReport).
func Read(r io.Reader, opt Options) (*layout.Document, error) {
	max := opt.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	raw, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, &layout.Error{Err: fmt.Errorf("%w: reading the page: %v", layout.ErrCorrupt, err)}
	}
	if int64(len(raw)) > max {
		return nil, &layout.Error{Err: fmt.Errorf("%w: more than %d bytes", layout.ErrTooLarge, max)}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, &layout.Error{Err: layout.ErrEmpty}
	}
	if line, ok := binary(raw); ok {
		return nil, &layout.Error{Pos: layout.Pos{Line: line}, Err: fmt.Errorf("%w: binary data, not an HTML page", layout.ErrUnsupported)}
	}
	dec, err := decode(raw, opt)
	if err != nil {
		return nil, err
	}
	doc := &layout.Document{Reader: ReaderName, Notes: []layout.Note{{Pos: layout.Pos{Line: dec.Line}, Text: dec.Note}}}
	src, annotated := annotate(dec.Text)
	if !annotated {
		doc.Notes = append(doc.Notes, layout.Note{Text: "source lines unknown: the page could not be re-tokenised"})
	}
	root, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, &layout.Error{Err: fmt.Errorf("%w: %v", layout.ErrCorrupt, err)}
	}
	depth := opt.MaxDepth
	if depth <= 0 {
		depth = DefaultMaxDepth
	}
	pg := newPage(root)
	readMeta(doc, pg)
	body, how := pg.findBody()
	if opt.Body != "" {
		sel := pg.doc.Find(opt.Body).First()
		if sel.Length() == 0 {
			return nil, &layout.Error{Err: fmt.Errorf("%w: Options.Body %q matches no element", layout.ErrNotReport, opt.Body)}
		}
		body = sel.Get(0)
		how = fmt.Sprintf("body: Options.Body %q, <%s> (%d of the page's %d Han characters)", opt.Body, body.Data, pg.cjk[body], pg.cjk[pg.body])
	}
	doc.Notes = append(doc.Notes, layout.Note{Pos: layout.Pos{Line: line(body)}, Text: how})
	w := &walker{doc: doc, pg: pg, maxDepth: depth}
	w.title(body)
	w.walk(body)
	if pg.cjk[body] == 0 {
		return nil, &layout.Error{Pos: layout.Pos{Line: line(body)}, Err: fmt.Errorf("%w: the page has no Chinese text", layout.ErrNotReport)}
	}
	if !opt.AnyPage && !mentionsDisclosure(doc) {
		return nil, &layout.Error{Pos: layout.Pos{Line: line(body)}, Err: fmt.Errorf("%w: neither the article nor the title mentions 信息公开, 政务公开 or 年度报告", layout.ErrNotReport)}
	}
	return doc, nil
}

// disclosureWords are words every report uses, one of which the article
// or its title must contain.
var disclosureWords = []string{"信息公开", "政务公开", "公开政府信息", "依申请公开", "年度报告"}

func mentionsDisclosure(doc *layout.Document) bool {
	has := func(s string) bool {
		for _, w := range disclosureWords {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	if has(doc.Title) {
		return true
	}
	for _, b := range doc.Blocks {
		if has(b.Text) {
			return true
		}
		if b.Grid != nil {
			for _, row := range b.Grid.Rows {
				for _, c := range row {
					if has(c.Text) {
						return true
					}
				}
			}
		}
	}
	return false
}

// binary reports whether raw looks like binary data rather than text,
// and the line of the first give-away byte. UTF-16 pages (with a BOM)
// are text.
func binary(raw []byte) (line int, ok bool) {
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return 0, false
	}
	head := raw
	if len(head) > 4096 {
		head = head[:4096]
	}
	ctl := 0
	first := -1
	for i, c := range head {
		if c == 0 || c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			if first < 0 {
				first = i
			}
			if c == 0 {
				ctl += 8 // one NUL is as telling as several control bytes
			}
			ctl++
		}
	}
	if first < 0 || ctl*20 < len(head) && !bytes.Contains(head, []byte{0, 0}) {
		return 0, false
	}
	return 1 + bytes.Count(raw[:first], []byte{'\n'}), true
}

// lineAttr is the attribute annotate adds to every start tag: the line
// of the source on which the tag starts.
const lineAttr = "data-nianbao-line"

// annotate copies src, adding lineAttr to every start tag, so that the
// parsed tree knows where each element came from (x/net/html does not
// keep positions). It returns src unchanged and false if the tokens do
// not account for every byte.
func annotate(src []byte) ([]byte, bool) {
	z := html.NewTokenizer(bytes.NewReader(src))
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/4)
	line, seen := 1, 0
	for {
		tt := z.Next()
		raw := z.Raw()
		seen += len(raw)
		if tt == html.ErrorToken {
			out.Write(raw)
			break
		}
		if (tt == html.StartTagToken || tt == html.SelfClosingTagToken) && len(raw) > 2 && raw[len(raw)-1] == '>' {
			end := len(raw) - 1
			if tt == html.SelfClosingTagToken && raw[end-1] == '/' {
				end--
			}
			out.Write(raw[:end])
			out.WriteString(" " + lineAttr + `="` + strconv.Itoa(line) + `"`)
			out.Write(raw[end:])
		} else {
			out.Write(raw)
		}
		line += bytes.Count(raw, []byte{'\n'})
	}
	if seen != len(src) {
		return src, false
	}
	return out.Bytes(), true
}

// line returns the source line annotate recorded for n, or 0.
func line(n *html.Node) int {
	for ; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if a.Key == lineAttr {
				v, err := strconv.Atoi(a.Val)
				if err != nil {
					return 0
				}
				return v
			}
		}
	}
	return 0
}
