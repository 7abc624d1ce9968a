package extract

import (
	"strings"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// docText is the running text of a document with a map from byte offsets
// back to the blocks (and so to pages and lines).
type docText struct {
	text   string
	starts []int        // byte offset of each block's text
	pos    []layout.Pos // position of each block
	format Format
}

func newDocText(doc *layout.Document, format Format) *docText {
	d := &docText{format: format}
	var b strings.Builder
	for _, bl := range doc.Blocks {
		if bl.Grid != nil {
			continue
		}
		d.starts = append(d.starts, b.Len())
		d.pos = append(d.pos, bl.Pos)
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	d.text = b.String()
	return d
}

// posAt returns the position of byte offset off: its block's position,
// with the byte offset inside the block.
func (d *docText) posAt(off int) layout.Pos {
	lo, hi := 0, len(d.starts)
	for lo < hi {
		m := (lo + hi) / 2
		if d.starts[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return layout.Pos{}
	}
	p := d.pos[lo-1]
	p.Offset = off - d.starts[lo-1]
	return p
}

// region is a byte range of docText.text.
type region struct{ start, end int }

// mapTextTable reads the rows of one table (二 or 三) from running text:
// the region is cut into printed rows (textRows) and aligned to the
// template rows (mapRows).
func mapTextTable(d *docText, reg region, defs []template.Row, gen, table string, warns *[]Warning) map[string]*rowRead {
	return mapRows(textRows(d, reg), defs, gen, table, warns)
}
