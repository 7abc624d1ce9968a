//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"
)

// statedPeakMB is the bound README states for the peak resident memory of
// `parse` and `ingest` over any folder with the default -mem (1024 MB)
// and size limits: the budget, the garbage collector's slack over it
// (setMemoryLimit) and what the Go memory limit does not see (the
// segmenter's C++ dictionaries, about 140 MB).
const statedPeakMB = 1536

// TestPeakMemory runs nianbao (this test binary, as main runs it) over a
// folder of large files (a padded 8 MB HTML page, a text report with a
// 15 MB line, one with 8 MB of short lines in a narrative section) and
// the bundled text and HTML samples, as `parse -format json` and as
// `ingest`, with four workers, and asserts that each process's peak
// resident memory (getrusage) stays under statedPeakMB. Before the
// segmenter was bounded the 15 MB line alone took 2.3 GB.
//
//	go test ./cmd/nianbao -run TestPeakMemory -v
func TestPeakMemory(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("-short or -race (its memory is not the program's): generates 31 MB of input and runs two batches")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big")
	writeLargeInputs(t, big, 8, 15, 8)
	samples, _ := filepath.Glob(reportsDir + "*.txt")
	pages, _ := filepath.Glob(reportsDir + "*.html")
	for _, f := range append(samples, pages...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		writeBytes(t, filepath.Join(big, filepath.Base(f)), b)
	}
	for _, args := range [][]string{
		{"parse", "-format", "json", "-j", "4", big},
		{"ingest", "-quiet", "-j", "4", "-db", filepath.Join(dir, "n.db"), big},
	} {
		peak, took, err := peakOf(t, args...)
		t.Logf("nianbao %s (8 MB page, 15 MB line, 8 MB of lines, %d samples): peak RSS %d MB, %s",
			args[0], len(samples)+len(pages), peak>>20, took.Round(100*time.Millisecond))
		if err != nil {
			t.Errorf("nianbao %s: %v", args[0], err)
		}
		if peak > statedPeakMB<<20 {
			t.Errorf("nianbao %s: peak RSS %d MB, over the %d MB stated in README", args[0], peak>>20, statedPeakMB)
		}
	}
}

// peakOf runs nianbao with args in a child process and returns its peak
// resident memory in bytes, its wall time and its error (with stderr).
func peakOf(tb testing.TB, args ...string) (peak int64, took time.Duration, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	took = time.Since(start)
	if err != nil {
		err = fmt.Errorf("%v\n%s", err, stderr.Bytes()[:min(stderr.Len(), 2000)])
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peak = int64(ru.Maxrss)
		if runtime.GOOS != "darwin" {
			peak <<= 10 // KiB, except on macOS
		}
	}
	return peak, took, err
}

// writeLargeInputs writes into dir, for each size in MB given (0: none):
// page.html, a sample report page padded with paragraphs to htmlMB; line.txt,
// a text report followed by one line of lineMB; lines.txt, a text report
// with linesMB of short lines at the end of its section 一.
func writeLargeInputs(tb testing.TB, dir string, htmlMB, lineMB, linesMB int) {
	tb.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	page, err := os.ReadFile(reportsDir + "pingtan-2022-page.html")
	if err != nil {
		tb.Fatal(err)
	}
	report, err := os.ReadFile(reportsDir + "pingtan-2021.txt")
	if err != nil {
		tb.Fatal(err)
	}
	if htmlMB > 0 {
		para := []byte("<p>为进一步推进政务公开工作，我区认真贯彻落实条例要求，持续加强政府信息公开平台建设，提高公开质量和实效。</p>\n")
		i := bytes.LastIndex(page, []byte("</body>"))
		writeBytes(tb, filepath.Join(dir, "page.html"), slices.Concat(page[:i], bytes.Repeat(para, htmlMB<<20/len(para)), page[i:]))
	}
	if lineMB > 0 {
		writeBytes(tb, filepath.Join(dir, "line.txt"), slices.Concat(report, []byte("\n"), bytes.Repeat([]byte("为进一步推进政务公开工作"), lineMB<<20/36)))
	}
	if linesMB > 0 {
		sentence := []byte("为进一步推进政务公开工作，我区认真贯彻落实条例要求，持续加强政府信息公开平台建设。\n")
		i := bytes.Index(report, []byte("二、"))
		writeBytes(tb, filepath.Join(dir, "lines.txt"), slices.Concat(report[:i], bytes.Repeat(sentence, linesMB<<20/len(sentence)), report[i:]))
	}
}

func writeBytes(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// raceEnabled is set under -race (race_test.go).
var raceEnabled = false
