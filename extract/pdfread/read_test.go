package pdfread_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/pdfread"
)

const huaian = "../../testdata/reports/huaian-2024.pdf"

// row returns the first grid row whose label contains all of pieces.
func row(t *testing.T, rows []gridRow, pieces ...string) gridRow {
	t.Helper()
next:
	for _, r := range rows {
		for _, p := range pieces {
			if !strings.Contains(r.label, p) {
				continue next
			}
		}
		return r
	}
	t.Fatalf("no row with %q", pieces)
	return gridRow{}
}

func values(r gridRow, n int) string {
	var vs []string
	for _, c := range r.cells[len(r.cells)-n:] {
		vs = append(vs, c.Text)
	}
	return strings.Join(vs, " ")
}

func TestHuaianRows(t *testing.T) {
	doc, err := readFile(t, huaian, pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Reader != pdfread.ReaderLib || doc.Pages != 6 {
		t.Errorf("Reader %q Pages %d, want %q 6", doc.Reader, doc.Pages, pdfread.ReaderLib)
	}
	if want := "淮安市人民政府2024年政府信息公开工作年度报告"; doc.Title != want {
		t.Errorf("Title %q, want %q", doc.Title, want)
	}
	rows := rowsOf(doc)
	cases := []struct {
		reason string
		label  []string
		n      int
		want   string
	}{
		{"first outcome row; vertical label 三、本年度办理结果 copied in",
			[]string{"三、本年度办理结果", "（一）予以公开"}, 7, "1288 21 0 0 50 3 1362"},
		{"label wrapped over two lines around its numbers",
			[]string{"（二）部分公开（区分处理的，只计这一情形，不计其他情形）"}, 7, "447 7 0 0 0 0 454"},
		{"last row of page 4; group label （四） starts below it",
			[]string{"（四）无法提供", "1.本机关不掌握相关政府信息"}, 7, "746 12 0 0 10 1 769"},
		{"first row of page 5: group label split by the page break",
			[]string{"（四）无法提供", "2.没有现成信息需要另行制作"}, 7, "11 0 0 0 0 0 11"},
		{"（六） sub-row whose label wraps over three lines",
			[]string{"（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"}, 7, "67 3 0 0 1 0 71"},
		{"（六） second sub-row, three lines",
			[]string{"（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"}, 7, "6 0 0 0 0 0 6"},
		{"row 四 of table 三, before the section heading 四、",
			[]string{"四、结转下年度继续办理"}, 7, "103 0 0 0 0 0 103"},
		{"table 二 (一): three values", []string{"行政规范性文件"}, 3, "8 26 66"},
		{"table 二 (八): a decimal amount", []string{"行政事业性收费"}, 1, "96171.6"},
	}
	for _, c := range cases {
		r := row(t, rows, c.label...)
		if got := values(r, c.n); got != c.want {
			t.Errorf("%s: %q = %q, want %q", c.reason, r.label, got, c.want)
		}
	}
	// table 四: one data row of 15 values
	var four []gridRow
	for _, r := range rows {
		if len(r.cells) == 15 && r.cells[0].Text == "72" {
			four = append(four, r)
		}
	}
	if len(four) != 1 || values(four[0], 15) != "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20" {
		t.Errorf("table 四 data row: %v", four)
	}
	// the vertical label is one origin cell and Spanned copies
	var origin, copies int
	for _, r := range rows {
		if c := r.cells[0]; c.Text == "三、本年度办理结果" {
			if c.Spanned {
				copies++
			} else {
				origin++
			}
		}
	}
	if origin != 1 || copies != 21 { // 22 outcome rows
		t.Errorf("三、本年度办理结果: %d origin and %d spanned cells, want 1 and 21", origin, copies)
	}
	// section headings stay visible at the start of text blocks, and the
	// page numbers are gone
	text := doc.Text()
	for _, h := range []string{"\n一、总体情况\n", "\n四、政府信息公开行政复议、行政诉讼情况\n", "\n六、其他需要报告的事项\n"} {
		if !strings.Contains(text, h) {
			t.Errorf("text lacks heading line %q", strings.TrimSpace(h))
		}
	}
	for _, pn := range []string{"-1-", "- 4 -", "-5-"} {
		if strings.Contains(text, pn) {
			t.Errorf("page number %q left in the text", pn)
		}
	}
}

// TestStable reads the same file twice and expects the same document.
func TestStable(t *testing.T) {
	a, err := readFile(t, huaian, pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := readFile(t, huaian, pdfread.Options{NoFallback: true})
	if a.Text() != b.Text() {
		t.Error("two reads of the same file differ")
	}
}

// hardPDFs lists every PDF under testdata/pdfs.
func hardPDFs(t testing.TB) []string {
	var out []string
	err := filepath.Walk("../../testdata/pdfs", func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".pdf") {
			out = append(out, p)
		}
		return err
	})
	if err != nil || len(out) == 0 {
		t.Fatalf("no test PDFs: %v", err)
	}
	return out
}

func TestHardPDFs(t *testing.T) {
	for _, p := range hardPDFs(t) {
		t.Run(filepath.Base(p), func(t *testing.T) {
			start := time.Now()
			doc, err := readFile(t, p, pdfread.Options{Timeout: 20 * time.Second})
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			if doc == nil && err == nil {
				t.Fatal("nil document and nil error")
			}
			if err != nil {
				var le *layout.Error
				if !errors.As(err, &le) {
					t.Errorf("error %T %v is not a *layout.Error", err, err)
				}
				_ = err.Error()
			}
			name := filepath.Base(p)
			switch {
			case strings.Contains(name, "noToUnicode"):
				if !errors.Is(err, layout.ErrGarbledText) || doc != nil {
					t.Errorf("got %v, %v; want ErrGarbledText and no document", doc, err)
				}
				if err != nil && !strings.Contains(err.Error(), "OCR") {
					t.Errorf("message %q does not suggest OCR", err)
				}
			case strings.HasPrefix(name, "t-"), name == "report1.pdf", strings.HasPrefix(name, "wordlike"), name == "merged-fontname-collision.pdf":
				if err != nil {
					t.Fatalf("readable report: %v", err)
				}
				if !strings.Contains(doc.Text(), "收到和处理政府信息公开申请情况") {
					t.Error("text lacks the table 三 heading")
				}
				if grids(doc) == 0 {
					t.Error("no table found")
				}
			}
		})
	}
}

// TestGarbledPdftotext: poppler reads fonts without ToUnicode as glyph ids
// taken for code points; that must be detected on the fallback path too.
func TestGarbledPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	for _, p := range []string{"../../testdata/pdfs/report1-noToUnicode.pdf", "../../testdata/pdfs/wordlike-identityh-1p-noToUnicode.pdf"} {
		doc, err := readWith(t, p, pdfread.ReadPdftotext, pdfread.Options{})
		if !errors.Is(err, layout.ErrGarbledText) || doc != nil {
			t.Errorf("%s: %v, want ErrGarbledText", filepath.Base(p), err)
		}
	}
}

func grids(doc *layout.Document) int {
	n := 0
	for _, b := range doc.Blocks {
		if b.Grid != nil {
			n++
		}
	}
	return n
}

// TestMergedPages: the merged file has two reports whose fonts share
// names; the second report's pages must read as Chinese, not garbage.
func TestMergedPages(t *testing.T) {
	doc, err := readFile(t, "../../testdata/pdfs/merged-fontname-collision.pdf", pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Notes) > 0 {
		t.Errorf("notes: %q", layout.NoteStrings(doc.Notes))
	}
	pages := map[int]bool{}
	for _, b := range doc.Blocks {
		if strings.Contains(b.Text, "政府信息") {
			pages[b.Pos.Page] = true
		}
	}
	if !pages[1] || !pages[4] {
		t.Errorf("pages with readable text: %v, want 1 and 4 among them", pages)
	}
}

// TestRepair: the damaged copies of report1.pdf that other readers open
// are repaired in memory and read by ledongthuc, with a note.
func TestRepair(t *testing.T) {
	want, err := readFile(t, "../../testdata/pdfs/report1.pdf", pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	damaged, _ := filepath.Glob("../../testdata/pdfs/malformed/t-*.pdf")
	if len(damaged) == 0 {
		t.Fatal("no t-*.pdf")
	}
	for _, p := range damaged {
		doc, err := readFile(t, p, pdfread.Options{NoFallback: true})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
			continue
		}
		if doc.Text() != want.Text() {
			t.Errorf("%s: text differs from report1.pdf", filepath.Base(p))
		}
		if len(doc.Notes) == 0 || !strings.Contains(doc.Notes[0].String(), "repaired") {
			t.Errorf("%s: notes %q, want a repair note", filepath.Base(p), layout.NoteStrings(doc.Notes))
		}
	}
}

// TestRebuildXref: a file whose cross-reference table is gone, or whose
// offsets are all wrong, is read after rebuilding the table by scanning.
func TestRebuildXref(t *testing.T) {
	data, err := os.ReadFile("../../testdata/pdfs/report1.pdf")
	if err != nil {
		t.Fatal(err)
	}
	want, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	noXref := bytes.Replace(data, []byte("\nxref\n"), []byte("\nxxxx\n"), 1)
	wrongOffsets := regexp.MustCompile(`(?m)^\d{10} 00000 n`).ReplaceAll(data, []byte("0000000100 00000 n"))
	for name, b := range map[string][]byte{"no xref": noXref, "wrong offsets": wrongOffsets} {
		if bytes.Equal(b, data) {
			t.Fatalf("%s: damage did not apply", name)
		}
		doc, err := pdfread.Read(bytes.NewReader(b), int64(len(b)), pdfread.Options{NoFallback: true})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if doc.Text() != want.Text() {
			t.Errorf("%s: text differs from report1.pdf", name)
		}
		if len(doc.Notes) == 0 || !strings.Contains(doc.Notes[0].String(), "rebuilt") {
			t.Errorf("%s: notes %q", name, layout.NoteStrings(doc.Notes))
		}
	}
}

// runLengthPDF is a one-page PDF whose content stream uses
// RunLengthDecode, a filter ledongthuc lacks and poppler has.
func runLengthPDF() []byte {
	content := "BT /F1 12 Tf 72 700 Td (Hello) Tj ET"
	rl := append([]byte{byte(len(content) - 1)}, content...)
	rl = append(rl, 128)
	body := []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
		"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R" +
		"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n" +
		"4 0 obj<</Length " + strconv.Itoa(len(rl)) + "/Filter/RunLengthDecode>>stream\n")
	body = append(append(body, rl...), "\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"...)
	return append(body, xrefFor(body, 5)...)
}

// TestFallback: a page ledongthuc cannot decode goes to pdftotext.
func TestFallback(t *testing.T) {
	data := runLengthPDF()
	_, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: true})
	if !errors.Is(err, layout.ErrCorrupt) {
		t.Errorf("NoFallback: %v, want ErrCorrupt", err)
	}
	_, err = pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{Pdftotext: "no-such-pdftotext-here"})
	if !errors.Is(err, layout.ErrCorrupt) {
		t.Errorf("missing pdftotext: %v, want ErrCorrupt", err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Reader != pdfread.ReaderPdftotext || !strings.Contains(doc.Text(), "Hello") {
		t.Errorf("Reader %q, text %q", doc.Reader, doc.Text())
	}
}

// TestSameAsFallback: the ledongthuc and pdftotext paths give the same
// table 三 on report1.pdf (LibreOffice export).
func TestSameAsFallback(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	p := "../../testdata/pdfs/report1.pdf"
	a, err := readFile(t, p, pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := readWith(t, p, pdfread.ReadPdftotext, pdfread.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ra, rb := rowsOf(a), rowsOf(b)
	for _, lab := range []string{"一、本年新收", "（七）总计", "3.危及", "5.要求行政机关确认", "2.申请人逾期未按收费"} {
		va, vb := values(row(t, ra, lab), 7), values(row(t, rb, lab), 7)
		if va != vb {
			t.Errorf("%s: ledongthuc %q, pdftotext %q", lab, va, vb)
		}
	}
}

func TestErrors(t *testing.T) {
	_, err := pdfread.Read(bytes.NewReader(nil), 0, pdfread.Options{})
	if !errors.Is(err, layout.ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	junk := []byte("this is not a PDF at all")
	_, err = pdfread.Read(bytes.NewReader(junk), int64(len(junk)), pdfread.Options{NoFallback: true})
	if !errors.Is(err, layout.ErrCorrupt) {
		t.Errorf("junk: %v", err)
	}
	noText := []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
		"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n")
	noText = append(noText, xrefFor(noText, 3)...)
	_, err = pdfread.Read(bytes.NewReader(noText), int64(len(noText)), pdfread.Options{NoFallback: true})
	if !errors.Is(err, layout.ErrImageOnly) {
		t.Errorf("page without text: %v, want ErrImageOnly", err)
	}
}

// TestEncrypted: a file with a user password is ErrEncrypted, whether or
// not pdftotext is tried.
func TestEncrypted(t *testing.T) {
	body := []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
		"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
		"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n" +
		"4 0 obj<</Filter/Standard/V 2/R 3/Length 128/P -4" +
		"/O<" + strings.Repeat("11", 32) + ">/U<" + strings.Repeat("22", 32) + ">>>endobj\n")
	x := xrefFor(body, 4)
	x = bytes.Replace(x, []byte("/Root 1 0 R>>"), []byte("/Root 1 0 R/Encrypt 4 0 R/ID[<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>]>>"), 1)
	data := append(body, x...)
	for _, opt := range []pdfread.Options{{NoFallback: true}, {}} {
		_, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), opt)
		if !errors.Is(err, layout.ErrEncrypted) {
			t.Errorf("NoFallback %v: %v, want ErrEncrypted", opt.NoFallback, err)
		}
	}
}

// xrefFor appends a classic xref table for objects 1..n of body.
func xrefFor(body []byte, n int) []byte {
	var b bytes.Buffer
	b.WriteString("xref\n0 " + strconv.Itoa(n+1) + "\n0000000000 65535 f \n")
	for i := 1; i <= n; i++ {
		off := bytes.Index(body, []byte(strconv.Itoa(i)+" 0 obj"))
		s := strconv.Itoa(off)
		b.WriteString(strings.Repeat("0", 10-len(s)) + s + " 00000 n \n")
	}
	b.WriteString("trailer<</Size " + strconv.Itoa(n+1) + "/Root 1 0 R>>\nstartxref\n" + strconv.Itoa(len(body)) + "\n%%EOF\n")
	return b.Bytes()
}

// slowReader makes every read take a while, to hit the timeout.
type slowReader struct{ r io.ReaderAt }

func (s slowReader) ReadAt(p []byte, off int64) (int, error) {
	time.Sleep(20 * time.Millisecond)
	return s.r.ReadAt(p, off)
}

func TestTimeout(t *testing.T) {
	data, err := os.ReadFile(huaian)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = pdfread.Read(slowReader{bytes.NewReader(data)}, int64(len(data)), pdfread.Options{Timeout: 50 * time.Millisecond, NoFallback: true})
	if !errors.Is(err, layout.ErrTimeout) {
		t.Errorf("got %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("returned after %v", d)
	}
}

func TestMaxPages(t *testing.T) {
	doc, err := readFile(t, "../../testdata/pdfs/wordlike-identityh-20p.pdf", pdfread.Options{MaxPages: 3, NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages != 3 || len(doc.Notes) == 0 {
		t.Errorf("Pages %d, Notes %q; want 3 pages and a truncation note", doc.Pages, layout.NoteStrings(doc.Notes))
	}
	for _, b := range doc.Blocks {
		if b.Pos.Page > 3 {
			t.Fatalf("block from page %d", b.Pos.Page)
		}
	}
}
