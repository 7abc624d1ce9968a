//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkPeakMemory runs nianbao as a separate process and reports its
// peak resident memory (getrusage maxrss):
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
// Slow (minutes on a busy machine): a benchmark, never part of the tests
// (TestPeakMemory is the test, on a smaller folder).
func BenchmarkPeakMemory(b *testing.B) {
	dir := b.TempDir()
	big := filepath.Join(dir, "big")
	one := filepath.Join(dir, "one")
	writeLargeInputs(b, one, 15, 15, 0)
	os.Mkdir(big, 0o755)
	for k := range 4 {
		os.Link(filepath.Join(one, "page.html"), filepath.Join(big, fmt.Sprintf("page%d.html", k)))
	}
	for k := range 2 {
		os.Link(filepath.Join(one, "line.txt"), filepath.Join(big, fmt.Sprintf("text%d.txt", k)))
	}
	report, err := os.ReadFile(reportsDir + "pingtan-2021.txt")
	if err != nil {
		b.Fatal(err)
	}
	many := filepath.Join(dir, "many")
	os.Mkdir(many, 0o755)
	chars := []rune("青山河川东西南北中安宁平和兴盛福寿江湖海云松柏桃李杨柳金银铜铁春夏秋冬明光长乐永康")
	for k := range 1000 {
		name := string([]rune{chars[k/len(chars)%len(chars)], chars[k%len(chars)], chars[(k/7)%len(chars)]}) + "县人民政府"
		writeBytes(b, filepath.Join(many, fmt.Sprintf("r%04d.txt", k)),
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
				p, _, _ := peakOf(b, c.args...) // exit 1 is expected for parse (files that are not reports)
				peak = max(peak, p)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
	}
}
