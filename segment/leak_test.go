package segment

import (
	"runtime"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// TestNoGrowth annotates a batch of reports with the shared segmenter and
// then loads and frees instances repeatedly, checking that resident
// memory levels off: gojieba's memory is C++ memory, outside Go's
// accounting, so only the process's RSS shows a leak.
func TestNoGrowth(t *testing.T) {
	if testing.Short() {
		t.Skip("annotates 140 reports and loads the dictionaries three times")
	}
	if residentBytes() == 0 {
		t.Skip("no /proc/self/statm")
	}
	s := seg(t)
	var recs []*extract.Record
	for _, n := range []string{"pingtan-2021.txt", "pingtan-2022.txt", "pingtan-2020.txt", "guyuan-kjj-2020.txt", "huaian-2024-word.html"} {
		recs = append(recs, record(t, n))
	}
	// Annotate replaces a record's fields, so the records are reused.
	annotate := func(n int) {
		for i := 0; i < n; i++ {
			if err := s.Annotate(recs[i%len(recs)]); err != nil {
				t.Fatal(err)
			}
		}
		runtime.GC()
	}
	annotate(20)
	before := residentBytes()
	annotate(120)
	after := residentBytes()
	t.Logf("annotating 120 reports: RSS %.1f MB -> %.1f MB", float64(before)/1e6, float64(after)/1e6)
	if after-before > 40<<20 {
		t.Errorf("RSS grew by %.1f MB over 120 reports", float64(after-before)/1e6)
	}

	// Each load costs 140 MB of C++ memory: a leak of one instance shows
	// in two loads and frees. The instances load from the directory the
	// shared one wrote (Options{}), so the test writes nothing.
	load := func() {
		x, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		x.Cut("政务公开")
		x.Close()
		runtime.GC()
	}
	load()
	before = residentBytes()
	for i := 0; i < 2; i++ {
		load()
		t.Logf("after %d loads: RSS %.1f MB", i+2, float64(residentBytes())/1e6)
	}
	after = residentBytes()
	if after-before > 100<<20 {
		t.Errorf("RSS grew by %.1f MB over 2 loads and frees", float64(after-before)/1e6)
	}
}
