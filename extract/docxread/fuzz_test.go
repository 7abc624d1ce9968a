package docxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// checkResult fails unless Read's result is a document or a *layout.Error
// whose message can be printed.
func checkResult(t *testing.T, doc *layout.Document, err error) {
	if err != nil {
		var le *layout.Error
		if !errors.As(err, &le) {
			t.Fatalf("error %T is not a *layout.Error: %v", err, err)
		}
		_ = err.Error()
		if doc != nil {
			t.Fatal("document and error both returned")
		}
		return
	}
	_ = doc.Text()
	for _, b := range doc.Blocks {
		if b.Grid == nil {
			continue
		}
		for i, r := range b.Grid.Rows {
			if len(r) > maxCols {
				t.Fatalf("row %d has %d cells", i+1, len(r))
			}
			for _, c := range r {
				if c.Pos.Table != b.Pos.Table {
					t.Fatalf("cell of table %d in block of table %d", c.Pos.Table, b.Pos.Table)
				}
			}
		}
	}
}

func seedFixtures(f *testing.F, add func(data []byte)) {
	m, _ := filepath.Glob(filepath.Join(reportsDir, "gen-*.docx"))
	for _, p := range m {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(data)
	}
}

func FuzzRead(f *testing.F) {
	seedFixtures(f, func(data []byte) { f.Add(data) })
	for _, c := range gridCases {
		f.Add(docxOf(f, c.body))
	}
	f.Add(oleOf("EncryptionInfo", "EncryptedPackage"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read(bytes.NewReader(data), int64(len(data)), Options{MaxUncompressed: 4 << 20})
		checkResult(t, doc, err)
	})
}

// FuzzDocumentXML fuzzes the document part itself, stored uncompressed,
// so that mutations reach the XML walk instead of breaking the zip.
func FuzzDocumentXML(f *testing.F) {
	seedFixtures(f, func(data []byte) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			f.Fatal(err)
		}
		for _, zf := range zr.File {
			if zf.Name == defaultMain {
				rc, err := zf.Open()
				if err != nil {
					f.Fatal(err)
				}
				b, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					f.Fatal(err)
				}
				// The last table (四) alone: whole parts of 250 KiB
				// make the fuzzer's minimizer crawl.
				if i := bytes.LastIndex(b, []byte("<w:tbl>")); i >= 0 {
					if j := bytes.Index(b[i:], []byte("</w:tbl>")); j >= 0 {
						f.Add([]byte(docHead + string(b[i:i+j+len("</w:tbl>")]) + docTail))
					}
				}
			}
		}
	})
	for _, c := range gridCases {
		f.Add([]byte(docHead + c.body + docTail))
	}
	f.Add([]byte(docHead + styled("H2", "", "主动公开") + styled("", `<w:ilvl w:val="2"/><w:numId w:val="1"/>`, "x") + docTail))
	f.Fuzz(func(t *testing.T, xmlData []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		// with lists and styles, so that automatic numbering runs too
		for _, p := range []part{{defaultMain, string(xmlData)}, {"word/numbering.xml", numberingPart}, {"word/styles.xml", stylesPart}} {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(p.body))
		}
		zw.Close()
		doc, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), Options{})
		checkResult(t, doc, err)
	})
}

func BenchmarkRead(b *testing.B) {
	m, _ := filepath.Glob(filepath.Join(reportsDir, "gen-*.docx"))
	if len(m) == 0 {
		b.Fatal("no DOCX fixture")
	}
	data, err := os.ReadFile(m[0])
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), int64(len(data)), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
