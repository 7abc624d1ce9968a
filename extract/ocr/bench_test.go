//go:build unix

package ocr

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time (user+sys) of this process and its finished
// children (the tesseract and pdftoppm runs).
func cpuTime() time.Duration {
	var total time.Duration
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if syscall.Getrusage(who, &ru) == nil {
			total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return total
}

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
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc, err := ReadPDF(context.Background(), data, Options{})
		if err != nil {
			b.Fatal(err)
		}
		pages += doc.Pages
	}
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(pages), "cpu-s/page")
}
