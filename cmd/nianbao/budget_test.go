package main

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/docxread"
)

// TestParseTooLarge: a 50 MB page among reports fails alone, at once,
// with the limit in the message; exit status 1.
func TestParseTooLarge(t *testing.T) {
	big := sparseFile(t, "big.html", "<html><body><p>平潭综合实验区2022年政府信息公开工作年度报告</p>", 50<<20)
	out, errs, code := runParse(t, "-format", "cells", big, reportsDir+"guyuan-kjj-2020.txt")
	if code != 1 || !strings.Contains(errs, "big.html: page of 50 MB: over the 20 MB limit for HTML; raise it with -max-size") ||
		!strings.Contains(out, "meta.agency\t固原市科学技术局") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, _, code := runParse(t, "-mem", "0", big); code != 2 {
		t.Errorf("-mem 0: exit %d", code)
	}
}

// TestMemBudget: workers never hold more than the budget together, a
// file estimated over the whole budget runs alone, and every result
// comes out in order.
func TestMemBudget(t *testing.T) {
	b := newMemBudget(100)
	var wg sync.WaitGroup
	var mu sync.Mutex
	held, peak := int64(0), int64(0)
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := b.acquire(context.Background(), int64(10+i*7))
			mu.Lock()
			held += n
			peak = max(peak, held)
			mu.Unlock()
			mu.Lock()
			held -= n
			mu.Unlock()
			b.release(n)
		}()
	}
	wg.Wait()
	if peak > 100 || b.peak > 100 || b.free != 100 {
		t.Errorf("peak %d (budget's own count %d), free at the end %d; budget 100", peak, b.peak, b.free)
	}
	// a cancelled wait reserves nothing
	b.acquire(context.Background(), 100)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if n := b.acquire(ctx, 1); n != 0 {
		t.Errorf("cancelled acquire reserved %d", n)
	}

	// parseAll under a budget smaller than one file: one file at a time
	ins, err := extract.Inputs([]string{reportsDir})
	if err != nil {
		t.Fatal(err)
	}
	var texts []extract.Input
	for _, in := range ins {
		if strings.HasSuffix(in.Path, ".txt") || strings.HasSuffix(in.Path, ".html") {
			texts = append(texts, in)
		}
	}
	small := newMemBudget(1)
	res := parseAll(context.Background(), texts, 4, small, extract.Options{}, nil)
	for i, in := range texts {
		r := <-res[i]
		if r.err != nil || r.rec.Source.Path != in.Path || r.cost != 1 {
			t.Errorf("%s: %v, cost %d", in.Path, r.err, r.cost)
		}
		small.release(r.cost)
	}
	if small.peak != 1 {
		t.Errorf("peak reserved %d, budget 1", small.peak)
	}
}

// TestIngestTooLarge: ingest reports the same limit for the file and
// stores the others.
func TestIngestTooLarge(t *testing.T) {
	big := sparseFile(t, "big.txt", "平潭综合实验区2022年政府信息公开工作年度报告\n", 21<<20)
	dir := filepath.Dir(big)
	var out, errb strings.Builder
	err := (&ingestCommand{stdout: &out, stderr: &errb}).Run(context.Background(),
		[]string{"-db", filepath.Join(dir, "n.db"), "-quiet", "-mem", "64", big, reportsDir + "guyuan-kjj-2020.txt"})
	if exitCode(err) != 1 || !strings.Contains(errb.String(), "big.txt: text of 21 MB: over the 20 MB limit for text") {
		t.Errorf("%v; stderr %q", err, errb.String())
	}
}

// sparseFile makes a file of size bytes in a temporary folder: head,
// then zeros that take no disk space.
func sparseFile(t *testing.T, name, head string, size int64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(head), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
	return path
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exitError); ok {
		return ee.Code
	}
	return 1
}

// TestDocxCost: a Word file is estimated by the XML its zip directory
// declares, not by its size: a 300 KB bomb inflating 70 MB of Chinese
// paragraphs reserves the reader's 64 MiB limit times costPerInflated
// (it peaked at 430 MB); a sample report reserves little.
func TestDocxCost(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bomb.docx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	w, _ := z.Create("word/document.xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`))
	para := []byte("<w:p><w:r><w:t>为进一步推进政务公开工作，我区认真贯彻落实条例要求。</w:t></w:r></w:p>")
	w.Write(bytes.Repeat(para, 70<<20/len(para)))
	z.Close()
	f.Close()
	st, _ := os.Stat(path)
	if got, want := fileCost(path), int64(baseCost+costPerInflated*docxread.DefaultMaxUncompressed); got != want || st.Size() > 1<<20 {
		t.Errorf("bomb of %d bytes: cost %d MB, want %d MB", st.Size(), got>>20, want>>20)
	}
	if got := fileCost(reportsDir + "gen-huaian-2024-word.docx"); got > baseCost+16<<20 {
		t.Errorf("a sample report: cost %d MB", got>>20)
	}
}
