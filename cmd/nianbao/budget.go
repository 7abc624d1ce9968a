package main

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/docxread"
)

// DefaultMemBudget is the memory the parse and ingest workers share when
// -mem is not given: 1 GiB.
const defaultMemMB = 1024

// memBudget is a memory budget shared by the workers of one batch: each
// file reserves its estimated peak (fileCost) before it is parsed and
// gives it back when its record is written, so many small files run in
// parallel and a large one runs alone. A file whose estimate is over the
// whole budget reserves all of it (it runs alone; its own size is bounded
// by the kind's size limit).
type memBudget struct {
	mu    sync.Mutex
	cond  *sync.Cond
	total int64
	free  int64
	// peak is the most reserved at once (for tests).
	peak int64
}

func newMemBudget(total int64) *memBudget {
	b := &memBudget{total: total, free: total}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire reserves min(n, total) and returns what it reserved; it waits
// until that much is free or ctx is done (then it reserves nothing).
func (b *memBudget) acquire(ctx context.Context, n int64) int64 {
	n = min(n, b.total)
	stop := context.AfterFunc(ctx, func() {
		b.mu.Lock()
		b.cond.Broadcast()
		b.mu.Unlock()
	})
	defer stop()
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.free < n {
		if ctx.Err() != nil {
			return 0
		}
		b.cond.Wait()
	}
	b.free -= n
	b.peak = max(b.peak, b.total-b.free)
	return n
}

func (b *memBudget) release(n int64) {
	if n == 0 {
		return
	}
	b.mu.Lock()
	b.free += n
	b.cond.Broadcast()
	b.mu.Unlock()
}

// costPerByte is the peak memory of a parse per input byte, by file kind,
// with the narrative annotation of -format json and ingest, measured with
// /usr/bin/time on 2, 8 and 15 MB inputs (the growth of the peak between
// sizes, rounded up): a padded HTML page about 35 bytes per byte, a text
// report with a 15 MB line 12, one with 15 MB of short lines 23 under
// ingest. The segmenter reads at most 512 KiB of a section, so text is
// mostly the parse and the record. PDF: a 12 MB, 2000-page text PDF
// peaked at 957 MB (60 bytes per byte over a small report's peak), a
// 25 MB 360-page one at 596 MB (15); the reader's 2000-page budget bounds
// the rest (a 138 MB, 1998-page PDF peaked at 1.42 GB, alone). Word: see
// costPerInflated; .doc and .wps are estimates. baseCost is added to
// every file (a small report peaks at a few MB).
var costPerByte = map[string]int64{".html": 40, ".htm": 40, ".shtml": 40, ".txt": 24, ".pdf": 64, ".docx": 16,
	".doc": 16, ".wps": 16, ".rtf": 4}

const baseCost = 8 << 20

// fileCost estimates the peak memory of parsing path.
func fileCost(path string) int64 {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return baseCost
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".docx" {
		if n, ok := inflatedXML(path); ok {
			return baseCost + costPerInflated*n
		}
	}
	f, ok := costPerByte[ext]
	if !ok {
		f = 140
	}
	return baseCost + f*st.Size()
}

// costPerInflated is the peak memory of a Word file per byte of XML it
// inflates: 64 MiB of Chinese paragraphs parsed up to the reader's limit
// peaked at 430 MB (/usr/bin/time, -format cells), about 6.3 bytes per
// byte.
const costPerInflated = 7

// inflatedXML returns the bytes of XML a Word file's zip directory says
// it holds, at most the reader's limit (docxread.DefaultMaxUncompressed):
// archive/zip fails a part that inflates past its declared size, so a
// bomb cannot hide behind a small file. ok is false if path is not a zip.
func inflatedXML(path string) (n int64, ok bool) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return 0, false
	}
	defer z.Close()
	var sum uint64
	for _, f := range z.File {
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			sum = min(sum+min(f.UncompressedSize64, docxread.DefaultMaxUncompressed), docxread.DefaultMaxUncompressed)
		}
	}
	return int64(sum), true
}

// setMemoryLimit makes the garbage collector work harder as the heap
// nears the budget (a soft limit; GOMEMLIMIT in the environment wins).
func setMemoryLimit(budget int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(budget + 256<<20) // the budget, plus the segmenter's dictionaries and the runtime
	}
}

// budgetedParse makes g parse with opt, each file reserving its estimated
// peak from budget first. The Ingester stores in completion order, so a
// worker waiting for memory never holds up the writer that frees it. The
// returned release gives back a path's reservation; call it from
// Progress, which the Ingester calls once per input after storing it.
func budgetedParse(ctx context.Context, g *corpus.Ingester, budget *memBudget, opt extract.Options) (release func(path string)) {
	var mu sync.Mutex
	held := map[string][]int64{}
	g.Parse = func(in extract.Input) (*extract.Record, error) {
		cost := budget.acquire(ctx, fileCost(in.Path))
		mu.Lock()
		held[in.Path] = append(held[in.Path], cost)
		mu.Unlock()
		o := opt
		o.Input = in
		return extract.ParseFile(in.Path, o)
	}
	return func(path string) {
		mu.Lock()
		h := held[path]
		if len(h) == 0 {
			mu.Unlock()
			return // not parsed (unchanged)
		}
		cost := h[0]
		if len(h) == 1 {
			delete(held, path)
		} else {
			held[path] = h[1:]
		}
		mu.Unlock()
		budget.release(cost)
	}
}
