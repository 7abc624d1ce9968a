package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParse measures Parse per input kind on the bundled samples
// (whole pipeline: read, map, split, cells). Report a kind's median with
// go test -bench Parse -count 5 and benchstat.
func BenchmarkParse(b *testing.B) {
	for _, name := range []string{
		"pingtan-2021.txt",      // flattened text, run-together digits
		"guyuan-kjj-2020.txt",   // tab-separated text
		"pingtan-2022-web.html", // GB2312 CMS page
		"pingtan-2020-page.html",
		"huaian-2024.pdf", // WPS PDF, 6 pages
		"gen-huaian-2024-word.docx",
	} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "reports", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Parse(bytes.NewReader(data), Options{Name: name}); err != nil {
					b.Skipf("%s: %v", name, err)
				}
			}
		})
	}
}
