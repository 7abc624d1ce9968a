package docxread

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
)

// maxSpan caps w:gridSpan and w:gridBefore: Word tables have at most 63
// columns, and a hostile value must not make us allocate millions of cells.
const maxSpan = 64

// reportWord marks a report title.
const reportWord = "年度报告"

// parser walks the main document part once, as a stream of XML tokens.
type parser struct {
	d        *xml.Decoder
	doc      *layout.Document
	part     string
	depth    int
	maxDepth int
	para     int        // body paragraphs seen
	table    int        // body tables seen
	at       layout.Pos // the paragraph or table (and row) being read: for errors
	col      int        // grid column (1-based) of the table cell being read, 0 outside cells
	nested   int        // tables found inside a cell or paragraph
	nestedAt layout.Pos // where the first of them is: its paragraph, or its cell's table, row and column
	cells    int        // grid cells made so far, copies included
	num      *numbering // nil: no automatic numbering
	pkg      *pkg       // for the inflate budget
}

func (p *pkg) parse(f *zip.File, doc *layout.Document, num *numbering, maxDepth int) error {
	rc, err := p.open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	ps := &parser{d: xml.NewDecoder(rc), doc: doc, num: num, part: f.Name, maxDepth: maxDepth, pkg: p}
	if err := ps.body(); err != nil {
		return err
	}
	if ps.nested > 0 {
		text := "1 table nested in a cell or paragraph was read as text"
		if ps.nested > 1 {
			text = fmt.Sprintf("%d tables nested in a cell or paragraph were read as text, the first here", ps.nested)
		}
		doc.Notes = append(doc.Notes, layout.Note{Pos: ps.nestedAt, Text: text})
	}
	return nil
}

// next returns the next token, counting depth. Errors become
// *layout.Error values that say where the decoder was.
func (p *parser) next() (xml.Token, error) {
	t, err := p.d.Token()
	if err != nil {
		return nil, p.fail(err)
	}
	switch t.(type) {
	case xml.StartElement:
		p.depth++
		if p.depth > p.maxDepth {
			return nil, p.errorf(layout.ErrTooLarge, "XML elements nested deeper than %d (Options.MaxDepth)", p.maxDepth)
		}
	case xml.EndElement:
		p.depth--
	}
	return t, nil
}

// skip consumes the rest of the element whose start next just returned.
func (p *parser) skip() error {
	if err := p.d.Skip(); err != nil {
		return p.fail(err)
	}
	p.depth--
	return nil
}

func (p *parser) fail(err error) error {
	if err == io.EOF {
		return io.EOF
	}
	var le *layout.Error
	if errors.As(err, &le) {
		return err
	}
	if p.pkg != nil && p.pkg.budget < 0 {
		// The budget cut the stream, maybe inside a character: the
		// decoder's complaint ("invalid UTF-8", "unexpected EOF") is
		// about the cut, not about the file.
		return p.errorf(layout.ErrTooLarge, "inflates beyond the limit of %d MB (Options.MaxUncompressed)", p.pkg.limit>>20)
	}
	return p.errorf(layout.ErrCorrupt, "%v", err)
}

// errorf is an error at the paragraph or table row being read, with the
// decoder's byte offset into the part (named in the message) in
// Pos.Offset.
func (p *parser) errorf(sentinel error, format string, args ...any) error {
	at := p.at
	at.Offset = int(p.d.InputOffset())
	return &layout.Error{Pos: at, Err: fmt.Errorf("%w: %s: "+format, append([]any{sentinel, p.part}, args...)...)}
}

// isW reports whether n is the WordprocessingML element local.
func isW(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == wordprocessingMLMain || n.Space == wordprocessingMLStrict)
}

// ignored lists elements whose content is never visible text: deleted and
// moved-away text, field codes, properties, and the fallback copy of
// markup-compatibility content.
func ignored(n xml.Name) bool {
	if n.Space == markupCompatibilityNS {
		return n.Local == "Fallback"
	}
	if n.Space != wordprocessingMLMain && n.Space != wordprocessingMLStrict {
		return false
	}
	switch n.Local {
	case "del", "delText", "delInstrText", "moveFrom", "instrText", "pPr", "rPr", "sdtPr", "sdtEndPr",
		"sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "tblPrEx", "fldData", "footnoteReference", "endnoteReference":
		return true
	}
	return false
}

// body reads the whole part into p.doc.Blocks.
func (p *parser) body() error {
	for {
		t, err := p.next()
		if err == io.EOF {
			if p.depth != 0 {
				return p.errorf(layout.ErrCorrupt, "truncated XML")
			}
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case isW(se.Name, "p"):
			p.para++
			p.at = layout.Pos{Paragraph: p.para}
			var tx text
			if err := p.elem(se, &tx); err != nil {
				return err
			}
			if s := tx.String(); s != "" {
				p.doc.Blocks = append(p.doc.Blocks, layout.Block{Text: s, Pos: layout.Pos{Paragraph: p.para}})
				if p.doc.Title == "" && isTitle(s) {
					p.doc.Title = s
				}
			}
		case isW(se.Name, "tbl"):
			p.table++
			p.at = layout.Pos{Table: p.table}
			g, err := p.tbl()
			if err != nil {
				return err
			}
			if len(g.Rows) > 0 {
				p.doc.Blocks = append(p.doc.Blocks, layout.Block{Grid: g, Pos: layout.Pos{Table: p.table}})
			}
		case ignored(se.Name):
			if err := p.skip(); err != nil {
				return err
			}
		}
	}
}

// isTitle tells a heading-like paragraph that names an annual report.
func isTitle(s string) bool {
	if !strings.Contains(s, reportWord) || utf8.RuneCountInString(s) > 60 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune("。；：，", r)
}

// elem consumes the element se (already read) and everything in it,
// adding its visible text to tx.
func (p *parser) elem(se xml.StartElement, tx *text) error {
	switch {
	case isW(se.Name, "pPr") && p.num != nil:
		return p.pPr(tx)
	case ignored(se.Name):
		return p.skip()
	case isW(se.Name, "t"):
		return p.chars(tx)
	case isW(se.Name, "tab"), isW(se.Name, "ptab"):
		tx.space()
		return p.skip()
	case isW(se.Name, "br"), isW(se.Name, "cr"):
		tx.brk()
		return p.skip()
	case isW(se.Name, "noBreakHyphen"):
		tx.add("-")
		return p.skip()
	case isW(se.Name, "r"):
		return p.run(tx)
	case isW(se.Name, "tbl"):
		if p.nested++; p.nested == 1 {
			p.nestedAt = p.at
			if p.col > 0 {
				p.nestedAt.Col = p.col
			}
		}
	}
	err := p.children(func(c xml.StartElement) error { return p.elem(c, tx) }, nil)
	if isW(se.Name, "p") || isW(se.Name, "tc") || isW(se.Name, "tr") {
		tx.brk()
	}
	return err
}

// run reads a w:r: its text, unless its properties hide it (w:vanish),
// as Word does when it prints.
func (p *parser) run(tx *text) error {
	hidden := false
	return p.children(func(c xml.StartElement) error {
		switch {
		case isW(c.Name, "rPr"):
			return p.children(func(c xml.StartElement) error {
				if isW(c.Name, "vanish") {
					hidden = onOff(c)
				}
				return p.skip()
			}, nil)
		case hidden:
			return p.skip()
		}
		return p.elem(c, tx)
	}, nil)
}

// onOff reads a toggle property: on unless w:val says false, 0 or off.
func onOff(se xml.StartElement) bool {
	v, ok := val(se)
	return !ok || (v != "false" && v != "0" && v != "off")
}

// chars reads the character data of a w:t up to its end.
func (p *parser) chars(tx *text) error {
	return p.children(func(xml.StartElement) error { return p.skip() }, func(s xml.CharData) { tx.add(string(s)) })
}

// children reads the rest of the current element: onStart is called for
// each child element (and must consume it), onText (if not nil) for
// character data directly inside.
func (p *parser) children(onStart func(xml.StartElement) error, onText func(xml.CharData)) error {
	for {
		t, err := p.next()
		if err != nil {
			return eofIsCorrupt(p, err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := onStart(t); err != nil {
				return err
			}
		case xml.CharData:
			if onText != nil {
				onText(t)
			}
		case xml.EndElement:
			return nil
		}
	}
}

func eofIsCorrupt(p *parser, err error) error {
	if err == io.EOF {
		return p.errorf(layout.ErrCorrupt, "truncated XML")
	}
	return err
}

// pPr reads a paragraph's properties and writes the paragraph's automatic
// number, if it has one, into tx.
func (p *parser) pPr(tx *text) error {
	var pn paraNum
	err := p.children(func(t xml.StartElement) error {
		switch {
		case isW(t.Name, "pStyle"):
			pn.style, _ = val(t)
		case isW(t.Name, "numPr"):
			return p.children(func(t xml.StartElement) error {
				n, err := strconv.Atoi(attrVal(t))
				switch {
				case err != nil:
				case isW(t.Name, "numId"):
					pn.numID, pn.hasNum = n, true
				case isW(t.Name, "ilvl"):
					pn.ilvl, pn.hasL = n, true
				}
				return p.skip()
			}, nil)
		}
		return p.skip()
	}, nil)
	if err == nil {
		tx.add(p.num.label(pn))
	}
	return err
}

func attrVal(se xml.StartElement) string {
	s, _ := val(se)
	return s
}
