package docxread

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/nianbao/nianbao/extract/layout"
)

const (
	relsXML = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	docHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`
	docTail = `</w:body></w:document>`
)

// part is one file of a test archive.
type part struct{ name, body string }

// zipOf builds an archive of the parts, deflated.
func zipOf(t testing.TB, parts ...part) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxOf builds a DOCX whose body is body.
func docxOf(t testing.TB, body string) []byte {
	return zipOf(t, part{"_rels/.rels", relsXML}, part{"word/document.xml", docHead + body + docTail})
}

func read(t testing.TB, data []byte, opt Options) (*layout.Document, error) {
	t.Helper()
	return Read(bytes.NewReader(data), int64(len(data)), opt)
}

// Markup shorthands for hand-written bodies.
func para(s string) string { return `<w:p><w:r><w:t xml:space="preserve">` + s + `</w:t></w:r></w:p>` }

func tc(props, content string) string {
	if props != "" {
		props = "<w:tcPr>" + props + "</w:tcPr>"
	}
	return "<w:tc>" + props + content + "</w:tc>"
}

func tr(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }

func tbl(rows ...string) string {
	return `<w:tbl><w:tblPr/><w:tblGrid/>` + strings.Join(rows, "") + "</w:tbl>"
}

const (
	span2   = `<w:gridSpan w:val="2"/>`
	restart = `<w:vMerge w:val="restart"/>`
	vcont   = `<w:vMerge/>`
)

// render shows a grid as "text@row.col" cells, "^" before a Spanned copy,
// rows separated by " | ": expected grids are written the same way.
func render(g *layout.Grid) string {
	var rows []string
	for _, r := range g.Rows {
		var cs []string
		for _, c := range r {
			s := fmt.Sprintf("%s@%d.%d", c.Text, c.Pos.Row, c.Pos.Col)
			if c.Spanned {
				s = "^" + s
			}
			cs = append(cs, s)
		}
		rows = append(rows, strings.Join(cs, " "))
	}
	return strings.Join(rows, " | ")
}

// oleOf builds a minimal OLE2 compound file (512-byte sectors: FAT in
// sector 0, directory in sector 1) whose directory holds the named
// streams.
func oleOf(streams ...string) []byte {
	b := make([]byte, 512*3)
	copy(b, oleMagic)
	le := binary.LittleEndian
	le.PutUint16(b[0x18:], 0x3E)
	le.PutUint16(b[0x1A:], 3)
	le.PutUint16(b[0x1C:], 0xFFFE)
	le.PutUint16(b[0x1E:], 9)
	le.PutUint16(b[0x20:], 6)
	le.PutUint32(b[0x2C:], 1)          // FAT sectors
	le.PutUint32(b[0x30:], 1)          // first directory sector
	le.PutUint32(b[0x38:], 4096)       // mini stream cutoff
	le.PutUint32(b[0x3C:], 0xFFFFFFFE) // no mini FAT
	le.PutUint32(b[0x44:], 0xFFFFFFFE) // no DIFAT sectors
	le.PutUint32(b[0x4C:], 0)          // FAT in sector 0
	for i := 0x50; i < 512; i += 4 {
		le.PutUint32(b[i:], 0xFFFFFFFF)
	}
	fat := b[512:1024]
	for i := 0; i < 128; i++ {
		le.PutUint32(fat[i*4:], 0xFFFFFFFF)
	}
	le.PutUint32(fat[0:], 0xFFFFFFFD) // FAT sector
	le.PutUint32(fat[4:], 0xFFFFFFFE) // directory: one sector
	dir := b[1024:]
	names := append([]string{"Root Entry"}, streams...)
	for i, n := range names {
		e := dir[i*128 : i*128+128]
		u := utf16.Encode([]rune(n))
		for j, c := range u {
			le.PutUint16(e[j*2:], c)
		}
		le.PutUint16(e[0x40:], uint16(len(u)*2+2))
		e[0x42] = 2
		if i == 0 {
			e[0x42] = 5
		}
		le.PutUint32(e[0x44:], 0xFFFFFFFF)
		le.PutUint32(e[0x48:], 0xFFFFFFFF)
		le.PutUint32(e[0x4C:], 0xFFFFFFFF)
		le.PutUint32(e[0x74:], 0xFFFFFFFE)
	}
	return b
}
