package extract_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/ocr"
)

// needTesseract skips the test when Tesseract (with chi_sim) is missing,
// and fails it under CI=true, where .ci/run installs it.
func needTesseract(t *testing.T) {
	t.Helper()
	if _, err := ocr.FindEngine(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", err)
		}
		t.Skipf("skipped: %v", err)
	}
}

// needTools skips the test when a program it runs is missing, and fails
// it under CI=true.
func needTools(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("CI=true and %s is not installed (poppler-utils)", n)
			}
			t.Skipf("skipped: %s is not installed (poppler-utils)", n)
		}
	}
}

// ocrAgrees compares an OCR'd record with expected cells-form lines: each
// line must be equal, or the cell AMBIGUOUS with the expected value among
// its candidates. It returns the number of exact and ambiguous cells.
func ocrAgrees(t *testing.T, rec *extract.Record, want []string) (exact, ambiguous int) {
	t.Helper()
	byID, got := cellMaps(rec)
	for _, l := range want {
		k, v, _ := strings.Cut(l, "\t")
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("%s: not in the record (want %q)", k, v)
		case g == v:
			exact++
		case g == "AMBIGUOUS" && contains(byID[k].Candidates, v):
			ambiguous++
		case g == "AMBIGUOUS":
			t.Errorf("%s: AMBIGUOUS %q without the right value %q", k, byID[k].Candidates, v)
		default:
			t.Errorf("%s = %q, want %q (evidence %+v)", k, g, v, byID[k].Evidence)
		}
	}
	return exact, ambiguous
}

// cellMaps gives a record's cells by id, and its cells-form values.
func cellMaps(rec *extract.Record) (map[string]extract.Cell, map[string]string) {
	byID := map[string]extract.Cell{}
	for _, c := range rec.Cells {
		byID[c.ID] = c
	}
	got := map[string]string{}
	for _, l := range strings.Split(cellsForm(rec), "\n") {
		if k, v, ok := strings.Cut(l, "\t"); ok {
			got[k] = v
		}
	}
	return byID, got
}

func cellsForm(rec *extract.Record) string {
	var b strings.Builder
	rec.WriteCells(&b)
	return b.String()
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func goldLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// TestOCRGold reads the scans and compares them cell by cell with the
// hand-checked answers; a cell may differ only by being AMBIGUOUS with
// the right value among its candidates.
func TestOCRGold(t *testing.T) {
	needTesseract(t)
	dir := filepath.Join("..", "testdata", "ocr")
	cases := []struct {
		name, file string
		want       func(t *testing.T) []string
	}{
		{"scan PDF", "huaian-2024-scan.pdf", func(t *testing.T) []string { return goldLines(t, filepath.Join(dir, "gold", "huaian-2024-scan.tsv")) }},
		{"page JPEG", "huaian-2024-scan-p3.jpg", func(t *testing.T) []string {
			return goldLines(t, filepath.Join(dir, "gold", "huaian-2024-scan-p3.tsv"))
		}},
		{"PDF without ToUnicode", "../pdfs/report1-noToUnicode.pdf", func(t *testing.T) []string {
			rec, err := extract.ParseFile(filepath.Join("..", "testdata", "pdfs", "report1.pdf"), extract.Options{OCR: extract.OCRNever})
			if err != nil {
				t.Fatal(err)
			}
			// the cells only: the title's OCR is not checked here
			var out []string
			for _, l := range strings.Split(strings.TrimSpace(cellsForm(rec)), "\n") {
				if !strings.HasPrefix(l, "meta.") {
					out = append(out, l)
				}
			}
			return out
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec, err := extract.ParseFile(filepath.Join(dir, c.file), extract.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(strings.TrimPrefix(rec.Source.Reader, "pdftoppm+"), "tesseract ") {
				t.Errorf("source.reader = %q, want the OCR engine", rec.Source.Reader)
			}
			want := c.want(t)
			exact, amb := ocrAgrees(t, rec, want)
			t.Logf("%d cells: %d exact, %d AMBIGUOUS with the right candidate", len(want), exact, amb)
		})
	}
}

// TestOCRNever: with OCR turned off a scan is the error it was.
func TestOCRNever(t *testing.T) {
	_, err := extract.ParseFile(filepath.Join("..", "testdata", "ocr", "huaian-2024-scan.pdf"), extract.Options{OCR: extract.OCRNever})
	if !errors.Is(err, extract.ErrImageOnly) {
		t.Errorf("got %v, want ErrImageOnly", err)
	}
	_, err = extract.ParseFile(filepath.Join("..", "testdata", "ocr", "huaian-2024-scan-p3.jpg"), extract.Options{OCR: extract.OCRNever})
	if err == nil || !strings.Contains(err.Error(), "-ocr never") {
		t.Errorf("image with OCR off: %v", err)
	}
}

// TestPageDirInput: a directory holding only page images is one input;
// beside other reports, its images are not inputs of their own.
func TestPageDirInput(t *testing.T) {
	root := t.TempDir()
	pages := filepath.Join(root, "scan-2024")
	if err := os.Mkdir(pages, 0o755); err != nil {
		t.Fatal(err)
	}
	jpg, err := os.ReadFile(filepath.Join("..", "testdata", "ocr", "huaian-2024-scan-p3.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"p10.jpg", "p2.jpg"} {
		os.WriteFile(filepath.Join(pages, n), jpg, 0o644)
	}
	os.WriteFile(filepath.Join(root, "other.txt"), []byte("x"), 0o644)
	ins, err := extract.Inputs([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	if len(ins) != 2 || ins[0].Path != filepath.Join(root, "other.txt") || ins[1].Path != pages {
		t.Errorf("inputs %+v, want other.txt and the page directory", ins)
	}
	if _, err := extract.ParseFile(pages, extract.Options{OCR: extract.OCRNever}); err == nil || !strings.Contains(err.Error(), "-ocr never") {
		t.Errorf("page directory with OCR off: %v", err)
	}
}

// TestOCRMixedPDF: a PDF whose pages 4 and 5 are scans and the others
// text (made here from the text PDF and its scan with pdfseparate and
// pdfunite) is read as text where it can be and by OCR on pages 4 and 5
// only, in page order: it equals the gold of the text PDF, or differs by
// AMBIGUOUS cells holding the gold value; every cell read from pages 4
// and 5 carries OCR evidence (confidence, box) and no other cell does.
func TestOCRMixedPDF(t *testing.T) {
	needTesseract(t)
	needTools(t, "pdfseparate", "pdfunite", "pdftoppm")
	dir := t.TempDir()
	run := func(args ...string) {
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v %s", args, err, out)
		}
	}
	run("pdfseparate", filepath.Join("..", "testdata", "reports", "huaian-2024.pdf"), filepath.Join(dir, "t-%d.pdf"))
	run("pdfseparate", filepath.Join("..", "testdata", "ocr", "huaian-2024-scan.pdf"), filepath.Join(dir, "s-%d.pdf"))
	mixed := filepath.Join(dir, "mixed.pdf")
	run("pdfunite", filepath.Join(dir, "t-1.pdf"), filepath.Join(dir, "t-2.pdf"), filepath.Join(dir, "t-3.pdf"),
		filepath.Join(dir, "s-4.pdf"), filepath.Join(dir, "s-5.pdf"), filepath.Join(dir, "t-6.pdf"), mixed)
	rec, err := extract.ParseFile(mixed, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rec.Source.OCRPages, []int{4, 5}) || !strings.Contains(rec.Source.Reader, "; pages 4, 5: pdftoppm+tesseract ") {
		t.Errorf("source: reader %q, OCR pages %v; want pages 4 and 5 OCR'd", rec.Source.Reader, rec.Source.OCRPages)
	}
	want := goldLines(t, filepath.Join("..", "testdata", "reports", "gold", "huaian-2024.tsv"))
	exact, amb := ocrAgrees(t, rec, want)
	t.Logf("%d cells: %d exact, %d AMBIGUOUS with the right candidate", len(want), exact, amb)
	pages := map[int]int{}
	for _, c := range rec.Cells {
		if c.Evidence.Page == 0 {
			continue
		}
		ocrd := c.Evidence.Confidence > 0 && c.Evidence.Box != [4]int{}
		if scan := c.Evidence.Page == 4 || c.Evidence.Page == 5; scan != ocrd {
			t.Errorf("%s: page %d, OCR evidence %v (confidence %v, box %v)", c.ID, c.Evidence.Page, ocrd, c.Evidence.Confidence, c.Evidence.Box)
		}
		pages[c.Evidence.Page]++
	}
	if pages[3] == 0 || pages[4] == 0 || pages[5] == 0 {
		t.Errorf("cells per page %v: want cells read from the text page 3 and the scanned pages 4 and 5", pages)
	}
}
