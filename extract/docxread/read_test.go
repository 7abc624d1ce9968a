package docxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

var errTooLargeSentinel = layout.ErrTooLarge

// wantErr checks that err is a *layout.Error wrapping sentinel whose
// message contains every one of where.
func wantErr(t *testing.T, err, sentinel error, where ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", sentinel)
	}
	var le *layout.Error
	if !errors.As(err, &le) {
		t.Errorf("error %T (%v) is not a *layout.Error", err, err)
	}
	if !errors.Is(err, sentinel) {
		t.Errorf("error %q does not wrap %q", err, sentinel)
	}
	for _, w := range where {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
}

func TestParagraphs(t *testing.T) {
	body := para("首页 > 政务公开") +
		`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>某某市人民政府</w:t></w:r><w:r><w:t>2024</w:t></w:r><w:r><w:t>年度政府信息公开工作年度报告</w:t></w:r></w:p>` +
		"<w:p/>" +
		para("一、总体情况") +
		`<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>` + para("2024 年，本机关…") + `</w:sdtContent></w:sdt>` +
		tbl(tr(tc("", para("1")))) +
		`<w:p><w:r><w:t>收到</w:t><w:tab/><w:t>申请</w:t></w:r><w:r><w:t xml:space="preserve">  3119   件</w:t></w:r></w:p>` +
		`<w:sectPr><w:pgSz w:w="11906"/></w:sectPr>`
	doc, err := read(t, docxOf(t, body), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Reader != "docx" {
		t.Errorf("Reader %q", doc.Reader)
	}
	if want := "某某市人民政府2024年度政府信息公开工作年度报告"; doc.Title != want {
		t.Errorf("Title %q, want %q", doc.Title, want)
	}
	var got []string
	for _, b := range doc.Blocks {
		if b.Grid != nil {
			got = append(got, "T"+strconv.Itoa(b.Pos.Table))
			continue
		}
		got = append(got, "P"+strconv.Itoa(b.Pos.Paragraph)+":"+b.Text)
	}
	want := []string{"P1:首页 > 政务公开", "P2:某某市人民政府2024年度政府信息公开工作年度报告", "P4:一、总体情况",
		"P5:2024 年，本机关…", "T1", "P6:收到 申请 3119 件"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks\n got %q\nwant %q", got, want)
	}
}

func TestStrictNamespace(t *testing.T) {
	strict := strings.ReplaceAll(docHead, wordprocessingMLMain, wordprocessingMLStrict)
	data := zipOf(t, part{"_rels/.rels", relsXML}, part{"word/document.xml", strict + para("一、总体情况") + docTail})
	doc, err := read(t, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 1 || doc.Blocks[0].Text != "一、总体情况" {
		t.Errorf("blocks %+v", doc.Blocks)
	}
}

func TestMainPartFromRels(t *testing.T) {
	rels := strings.ReplaceAll(relsXML, "word/document.xml", "/word/document2.xml")
	data := zipOf(t, part{"_rels/.rels", rels}, part{"word/document2.xml", docHead + para("甲") + docTail})
	doc, err := read(t, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 1 || doc.Blocks[0].Text != "甲" {
		t.Errorf("blocks %+v", doc.Blocks)
	}
	// No _rels/.rels at all: word/document.xml is assumed.
	doc, err = read(t, zipOf(t, part{"word/document.xml", docHead + para("乙") + docTail}), Options{})
	if err != nil || len(doc.Blocks) != 1 {
		t.Fatalf("%v %+v", err, doc)
	}
}

func TestInsecureEntryNames(t *testing.T) {
	t.Setenv("GODEBUG", "zipinsecurepath=0")
	data := zipOf(t, part{"_rels/.rels", relsXML}, part{"word/document.xml", docHead + para("甲") + docTail}, part{"../evil", "x"})
	doc, err := read(t, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 1 {
		t.Errorf("blocks %+v", doc.Blocks)
	}
}

func TestCoreTitle(t *testing.T) {
	core := `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>甲局2023年度政府信息公开工作年度报告</dc:title></cp:coreProperties>`
	data := zipOf(t, part{"_rels/.rels", relsXML}, part{"word/document.xml", docHead + para("正文。") + docTail}, part{"docProps/core.xml", core})
	doc, err := read(t, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "甲局2023年度政府信息公开工作年度报告" {
		t.Errorf("Title %q", doc.Title)
	}
}

func TestBadInput(t *testing.T) {
	good := docxOf(t, para("一、总体情况")+tbl(tr(tc("", para("1")))))
	cases := []struct {
		name     string
		data     []byte
		sentinel error
		where    []string
	}{
		{"empty", nil, layout.ErrEmpty, nil},
		{"not a zip", []byte("PK\x03\x04 this is not a zip archive at all"), layout.ErrCorrupt, []string{"zip"}},
		{"truncated zip", good[:len(good)/2], layout.ErrCorrupt, []string{"zip"}},
		{"no document part", zipOf(t, part{"_rels/.rels", relsXML}, part{"word/styles.xml", "<x/>"}), layout.ErrCorrupt, []string{"no document part", "word/document.xml"}},
		{"spreadsheet", zipOf(t, part{"_rels/.rels", strings.ReplaceAll(relsXML, "word/document.xml", "xl/workbook.xml")}, part{"xl/workbook.xml", "<x/>"}), layout.ErrUnsupported, []string{"xl/workbook.xml"}},
		{"truncated XML in a table", docxOf(t, para("a")+`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1`), layout.ErrCorrupt, []string{"word/document.xml", "table 1 row 1"}},
		{"bad XML in a paragraph", docxOf(t, para("a")+`<w:p><w:r><w:t>x</w:r></w:p>`), layout.ErrCorrupt, []string{"word/document.xml", "paragraph 2"}},
		{"encrypted OOXML", oleOf("EncryptionInfo", "EncryptedPackage"), layout.ErrEncrypted, []string{"password"}},
		{"Word 97 file", oleOf("WordDocument", "1Table"), layout.ErrUnsupported, []string{"ReadWord"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := read(t, c.data, Options{})
			if doc != nil {
				t.Errorf("document returned with error %v", err)
			}
			wantErr(t, err, c.sentinel, c.where...)
		})
	}
}

func TestZipBomb(t *testing.T) {
	// A document part that inflates to just over the default limit from
	// a few hundred KiB.
	filler := strings.Repeat(" ", DefaultMaxUncompressed)
	data := docxOf(t, para("a")+"<w:p><w:r><w:t>"+filler+"</w:t></w:r></w:p>")
	if len(data) > 1<<20 {
		t.Fatalf("bomb is %d bytes", len(data))
	}
	_, err := read(t, data, Options{})
	wantErr(t, err, layout.ErrTooLarge, "word/document.xml")
}

func TestUncompressedLimitEdge(t *testing.T) {
	doc := docHead + para("一、总体情况") + docTail
	data := zipOf(t, part{"_rels/.rels", relsXML}, part{"word/document.xml", doc})
	total := int64(len(relsXML) + len(doc))
	if _, err := read(t, data, Options{MaxUncompressed: total}); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	_, err := read(t, data, Options{MaxUncompressed: total - 1})
	wantErr(t, err, layout.ErrTooLarge)
}

func TestDepthLimit(t *testing.T) {
	// w:document, w:body, w:p, n wrappers, w:r, w:t: depth n+5.
	nest := func(n int) string {
		return "<w:p>" + strings.Repeat("<w:ins>", n) + "<w:r><w:t>x</w:t></w:r>" + strings.Repeat("</w:ins>", n) + "</w:p>"
	}
	const max = 50
	below := max - 5
	if _, err := read(t, docxOf(t, nest(below)), Options{MaxDepth: max}); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	_, err := read(t, docxOf(t, nest(below+1)), Options{MaxDepth: max})
	wantErr(t, err, layout.ErrTooLarge, "paragraph 1", "deeper than 50")
}

// storedZip builds an archive of stored parts with their sizes in the
// local headers, as Word writes them (zip.Writer.Create puts them after
// the data).
func storedZip(t *testing.T, parts ...part) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Store, CRC32: crc32.ChecksumIEEE([]byte(p.body)),
			CompressedSize64: uint64(len(p.body)), UncompressedSize64: uint64(len(p.body))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	docx := docxOf(t, para("x"))
	cases := []struct {
		head []byte
		want string
	}{
		{docx, "docx"},
		{oleOf("WordDocument"), "doc"},
		{oleOf("EncryptedPackage"), "doc"},
		{zipOf(t, part{"xl/workbook.xml", "<x/>"}), ""},
		{storedZip(t, part{"[Content_Types].xml", "<Types/>"}, part{"ppt/presentation.xml", "<x/>"}), ""},
		{storedZip(t, part{"[Content_Types].xml", "<Types/>"}, part{"word/document.xml", "<x/>"}), "docx"},
		{zipOf(t, part{"word/document.xml", strings.Repeat("xl/ mimetype ", 100)}), "docx"},
		{zipMagic, "docx"},
		{zipOf(t, part{"mimetype", "application/vnd.oasis.opendocument.text"}), ""},
		{[]byte("%PDF-1.7"), ""},
		{[]byte("<html>"), ""},
		{nil, ""},
	}
	for i, c := range cases {
		head := c.head[:min(len(c.head), 512)]
		if got := Sniff(head); got != c.want {
			t.Errorf("case %d (%q…): Sniff = %q, want %q", i, head[:min(len(head), 8)], got, c.want)
		}
		if got := Sniff(c.head); got != c.want {
			t.Errorf("case %d, whole file: Sniff = %q, want %q", i, got, c.want)
		}
	}
	if !bytes.HasPrefix(docx, zipMagic) {
		t.Fatal("test archive does not start with a local header")
	}
}

// TestErrorPositions: an error inside document.xml gives the paragraph or
// table row, and the byte offset into the part, in its Pos fields; the
// wrapped error says what went wrong and in which part, not where.
func TestErrorPositions(t *testing.T) {
	for _, c := range []struct {
		name string
		body string
		want layout.Pos // Offset checked to be within the part
	}{
		{"table", para("a") + `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1`, layout.Pos{Table: 1, Row: 1}},
		{"paragraph", para("a") + `<w:p><w:r><w:t>x</w:r></w:p>`, layout.Pos{Paragraph: 2}},
	} {
		_, err := read(t, docxOf(t, c.body), Options{})
		var le *layout.Error
		if !errors.As(err, &le) {
			t.Fatalf("%s: %v is not a *layout.Error", c.name, err)
		}
		got := le.Pos
		off := got.Offset
		got.Offset = 0
		if got != c.want || off <= 0 || off > len(docHead)+len(c.body)+len(docTail) {
			t.Errorf("%s: Pos %+v, want %+v with an offset into document.xml", c.name, le.Pos, c.want)
		}
		if msg := le.Err.Error(); strings.Contains(msg, "paragraph") || strings.Contains(msg, "table 1") || !strings.Contains(msg, "word/document.xml") {
			t.Errorf("%s: wrapped message %q should name the part and leave the position to Pos", c.name, msg)
		}
	}
}
