package segment

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// prose returns the narrative sections (一, 五, 六) of the sample reports.
func prose(b *testing.B) string {
	var sb strings.Builder
	for _, name := range []string{"pingtan-2020.txt", "pingtan-2021.txt", "pingtan-2022.txt", "guyuan-kjj-2020.txt", "huaian-2024-word.html"} {
		for _, s := range record(b, name).Sections {
			if s.Number == 1 || s.Number == 5 || s.Number == 6 {
				sb.WriteString(s.Text)
				sb.WriteByte('\n')
			}
		}
	}
	return sb.String()
}

// BenchmarkCut measures segmentation throughput on report prose, one
// goroutine (run with -cpu 1 for one core).
func BenchmarkCut(b *testing.B) {
	s := seg(b)
	text := prose(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Cut(text)
	}
}

// BenchmarkAnnotate measures the whole annotation of five reports.
func BenchmarkAnnotate(b *testing.B) {
	s := seg(b)
	names := []string{"pingtan-2020.txt", "pingtan-2021.txt", "pingtan-2022.txt", "guyuan-kjj-2020.txt", "huaian-2024-word.html"}
	var size int64
	for _, n := range names {
		for _, sec := range record(b, n).Sections {
			size += int64(len(sec.Text))
		}
	}
	b.SetBytes(size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, n := range names {
			b.StopTimer()
			rec := record(b, n)
			b.StartTimer()
			if err := s.Annotate(rec); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoad measures loading a segmenter from written dictionaries
// and the resident memory it adds (C++ memory is not in Go's allocation
// counts): run with -benchtime 3x.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if s, err := New(Options{Dir: dir}); err != nil { // write the files once
		b.Fatal(err)
	} else {
		s.Close()
	}
	var rss int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runtime.GC()
		before := residentBytes()
		s, err := New(Options{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		rss += residentBytes() - before
		s.Close()
	}
	b.ReportMetric(float64(rss)/float64(b.N)/1e6, "RSS-MB/load")
}

// residentBytes reads the process's resident set size (Linux), or 0.
func residentBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// BenchmarkKeywordTables measures the one-time load of the tables the
// keywords need (gojieba's general IDF, the document frequencies, the
// fixed text, the terms and stop words), which happens on the first
// keyword of a process, never at start-up.
func BenchmarkKeywordTables(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		loadGeneralIDF()
		readEmbeddedDF()
		loadFixed()
	}
}
