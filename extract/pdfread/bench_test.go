package pdfread_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/extract/pdfread"
)

// The two benchmarks read the same files, so that one run gives the
// ratio of Read (text and tables) to `pdftotext -layout` (text only):
//
//	go test ./extract/pdfread -run '^$' -bench . -count 5

var benchFiles = []string{
	"../../testdata/reports/huaian-2024.pdf",
	"../../testdata/pdfs/wordlike-identityh-20p.pdf",
}

// benchEach runs do as a sub-benchmark for each of benchFiles.
func benchEach(b *testing.B, do func(path string, data []byte) error) {
	for _, p := range benchFiles {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(p), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				if err := do(p, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRead(b *testing.B) {
	benchEach(b, func(_ string, data []byte) error {
		_, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: true})
		return err
	})
}

func BenchmarkPdftotextLayout(b *testing.B) {
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		b.Skip("pdftotext not installed")
	}
	benchEach(b, func(p string, _ []byte) error {
		return exec.Command(path, "-layout", p, os.DevNull).Run()
	})
}
