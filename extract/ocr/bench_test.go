package ocr

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkScanPDF OCRs the six-page sample scan (rasterise, straighten,
// tables, every cell, the text) and reports pages per second:
//
//	go test ./extract/ocr -run '^$' -bench ScanPDF -benchtime 3x
func BenchmarkScanPDF(b *testing.B) {
	if _, err := FindEngine(); err != nil {
		b.Skip(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "ocr", "huaian-2024-scan.pdf"))
	if err != nil {
		b.Fatal(err)
	}
	pages := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc, err := ReadPDF(context.Background(), data, Options{})
		if err != nil {
			b.Fatal(err)
		}
		pages += doc.Pages
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
