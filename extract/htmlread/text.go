package htmlread

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textBuf assembles the text of a paragraph or a cell from text nodes and
// line breaks. Whitespace runs collapse to one space; a break (a <br>, a
// paragraph boundary inside a cell, or a source newline) becomes nothing
// next to a CJK character and a space between two other characters, so
// "商业<br>企业" reads "商业企业" and "<span>1</span><span>2</span>"
// reads "12". Leading and trailing space is dropped.
type textBuf struct {
	b     strings.Builder
	last  rune // last rune written, 0 if none
	space bool // a space (no newline) is pending
	brk   bool // a break is pending
}

// text appends the data of a text node.
func (t *textBuf) text(s string) {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r':
			t.brk = true
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad':
			// zero-width characters and the soft hyphen: nothing
		case unicode.IsSpace(r) || r == '\u3000':
			t.space = true
		case unicode.IsControl(r):
			// other control characters: nothing
		default:
			t.put(r)
		}
	}
}

// lineBreak records a break (a <br> or a block boundary).
func (t *textBuf) lineBreak() { t.brk = true }

func (t *textBuf) put(r rune) {
	if t.last != 0 {
		switch {
		case t.brk:
			if !wide(t.last) && !wide(r) {
				t.b.WriteByte(' ')
			}
		case t.space:
			t.b.WriteByte(' ')
		}
	}
	t.space, t.brk = false, false
	t.b.WriteRune(r)
	t.last = r
}

func (t *textBuf) empty() bool { return t.last == 0 }

func (t *textBuf) String() string { return t.b.String() }

func (t *textBuf) reset() { *t = textBuf{} }

// wide reports whether r is a CJK character or full-width punctuation,
// next to which a line break is not a word space.
func wide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals, CJK punctuation, kana, Han
		r >= 0xF900 && r <= 0xFAFF, // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F, // vertical forms
		r >= 0xFF00 && r <= 0xFFEF, // full-width forms
		r >= 0x20000 && r <= 0x3FFFF,
		r >= 0x2014 && r <= 0x2026: // — ‘ ’ “ ” …
		return true
	}
	return false
}

// skipped are elements whose content is never report text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true,
	atom.Math: true, atom.Select: true, atom.Button: true, atom.Textarea: true,
	atom.Input: true, atom.Head: true, atom.Nav: true, atom.Aside: true,
	atom.Canvas: true, atom.Audio: true, atom.Video: true, atom.Map: true,
}

// blocks are elements that start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true,
	atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Section: true,
	atom.Article: true, atom.Blockquote: true, atom.Pre: true, atom.Center: true,
	atom.Address: true, atom.Hr: true, atom.Header: true, atom.Footer: true,
	atom.Main: true, atom.Form: true, atom.Fieldset: true, atom.Figure: true,
	atom.Figcaption: true, atom.Caption: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Table: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Body: true, atom.Html: true, atom.Legend: true,
	atom.Details: true, atom.Summary: true,
}

// nodeText appends the text of root's subtree to t, breaking at block
// elements and <br>, skipping scripts and the like. It walks the tree
// through its links, without recursion, so depth does not matter.
func nodeText(t *textBuf, root *html.Node) {
	for c := root; c != nil; {
		descend := false
		switch c.Type {
		case html.TextNode:
			t.text(c.Data)
		case html.DocumentNode:
			descend = c.FirstChild != nil
		case html.ElementNode:
			switch {
			case skipped[c.DataAtom]:
			case c.DataAtom == atom.Br:
				t.lineBreak()
			default:
				if blocks[c.DataAtom] {
					t.lineBreak()
				}
				descend = c.FirstChild != nil
			}
		}
		if descend {
			c = c.FirstChild
			continue
		}
		for {
			if c == root {
				return
			}
			if c.NextSibling != nil {
				c = c.NextSibling
				break
			}
			c = c.Parent
			if c.Type == html.ElementNode && blocks[c.DataAtom] {
				t.lineBreak()
			}
		}
	}
}

// textOf returns the normalised text of n's subtree.
func textOf(n *html.Node) string {
	var t textBuf
	nodeText(&t, n)
	return t.String()
}
