package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// BenchmarkPeakMemory runs the nianbao binary (built here) as a separate
// process and reports its peak resident memory (getrusage maxrss):
//
//   - parse-big: `parse -format cells` over a folder of four padded 15 MB
//     HTML pages and two 15 MB text reports (a 15 MB line each), plus the
//     bundled samples;
//
//   - ingest-1000: `ingest` of 1,000 text reports (the pingtan 2021 report
//     under 1,000 agency names) into a new SQLite corpus.
//
//     go test ./cmd/nianbao -run '^$' -bench PeakMemory -benchtime 1x
//
// Slow (minutes on a busy machine): a benchmark, never part of the tests.
func BenchmarkPeakMemory(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "nianbao")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	big := filepath.Join(dir, "big")
	os.Mkdir(big, 0o755)
	page, err := os.ReadFile(reportsDir + "pingtan-2022-page.html")
	if err != nil {
		b.Fatal(err)
	}
	para := []byte("<p>为进一步推进政务公开工作，我区认真贯彻落实条例要求，持续加强政府信息公开平台建设，提高公开质量和实效。</p>\n")
	i := bytes.LastIndex(page, []byte("</body>"))
	padded := append(append(append([]byte(nil), page[:i]...), bytes.Repeat(para, 15<<20/len(para))...), page[i:]...)
	report, err := os.ReadFile(reportsDir + "pingtan-2021.txt")
	if err != nil {
		b.Fatal(err)
	}
	line := bytes.Repeat([]byte("为进一步推进政务公开工作"), 15<<20/36)
	for k := range 4 {
		writeBench(b, filepath.Join(big, fmt.Sprintf("page%d.html", k)), padded)
	}
	for k := range 2 {
		writeBench(b, filepath.Join(big, fmt.Sprintf("text%d.txt", k)), append(append(append([]byte(nil), report...), '\n'), line...))
	}
	many := filepath.Join(dir, "many")
	os.Mkdir(many, 0o755)
	chars := []rune("青山河川东西南北中安宁平和兴盛福寿江湖海云松柏桃李杨柳金银铜铁春夏秋冬明光长乐永康")
	for k := range 1000 {
		name := string([]rune{chars[k/len(chars)%len(chars)], chars[k%len(chars)], chars[(k/7)%len(chars)]}) + "县人民政府"
		writeBench(b, filepath.Join(many, fmt.Sprintf("r%04d.txt", k)),
			bytes.ReplaceAll(report, []byte("平潭综合实验区"), []byte(name)))
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"parse-big", []string{"parse", "-format", "cells", big, reportsDir}},
		{"ingest-1000", []string{"ingest", "-quiet", "-db", filepath.Join(dir, "n.db"), many}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var peak int64
			for b.Loop() {
				os.Remove(filepath.Join(dir, "n.db"))
				cmd := exec.Command(bin, c.args...)
				cmd.Stdout, cmd.Stderr = nil, nil
				cmd.Run() // exit 1 is expected for parse (files that are not reports)
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					peak = max(peak, ru.Maxrss<<10)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
	}
}

func writeBench(b *testing.B, path string, data []byte) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
}
