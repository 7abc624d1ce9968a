package corpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nianbao/nianbao/corpus/corpustest"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/digest"
)

// benchBackends are the engines a benchmark runs on.
func benchBackends(b *testing.B) []string {
	out := []string{SQLite}
	if corpustest.PostgresURL() != "" {
		out = append(out, Postgres)
	}
	return out
}

// BenchmarkIngest measures the whole pipeline on the sample reports
// (parse, narrative fields, audit, segmenting for the index, store,
// cross-year rules) into a fresh database: reports/s.
//
//	NIANBAO_TEST_POSTGRES=postgres://… go test ./corpus -run '^$' -bench Ingest -benchtime 3x
func BenchmarkIngest(b *testing.B) {
	ins, err := extract.Inputs([]string{reportsDir})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Cutter(); err != nil { // load the dictionaries outside the timing
		b.Fatal(err)
	}
	for _, dialect := range benchBackends(b) {
		b.Run(dialect, func(b *testing.B) {
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := benchDB(b, dialect)
				g, err := NewIngester(db)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				sum, err := g.Ingest(context.Background(), ins)
				elapsed += time.Since(start)
				if err != nil || sum.Failed > 0 {
					b.Fatalf("%v %+v", err, sum)
				}
				db.Close()
			}
			b.ReportMetric(float64(len(ins)*b.N)/elapsed.Seconds(), "reports/s")
		})
	}
}

// BenchmarkStore measures the writer alone: 200 distinct reports, parsed
// beforehand, each stored in its own transaction (cells, legacy rows,
// sections, sentences, findings), plus the cross-year rules: reports/s.
func BenchmarkStore(b *testing.B) {
	cut, err := Cutter()
	if err != nil {
		b.Fatal(err)
	}
	base, err := ParseInput(extract.Input{Path: filepath.Join(reportsDir, "pingtan-2021.txt")})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	const n = 200
	recs := map[string]*extract.Record{}
	var ins []extract.Input
	for k := 0; k < n; k++ {
		p := filepath.Join(dir, fmt.Sprintf("r%03d.txt", k))
		os.WriteFile(p, []byte(p), 0o644)
		sha, _ := digest.File(p)
		rec := *base
		rec.Meta.Agency = fmt.Sprintf("测试机构%d", k/5)
		rec.Meta.Year = 2021 + k%5
		rec.Source.SHA256, rec.Source.Path = sha, p
		recs[p] = &rec
		ins = append(ins, extract.Input{Path: p})
	}
	findings := AuditRecord(base)
	for _, dialect := range benchBackends(b) {
		b.Run(dialect, func(b *testing.B) {
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				db := benchDB(b, dialect)
				g := &Ingester{DB: db, ParserVersion: "b", Cut: cut, CheckPair: AuditPair,
					Parse: func(in extract.Input) (*extract.Record, error) { return recs[in.Path], nil },
					Audit: func(*extract.Record) []Finding { return findings }}
				b.StartTimer()
				start := time.Now()
				sum, err := g.Ingest(context.Background(), ins)
				elapsed += time.Since(start)
				if err != nil || sum.Added != n {
					b.Fatalf("%v %+v", err, sum)
				}
				db.Close()
			}
			b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "reports/s")
		})
	}
}

// benchDB opens a fresh database of the dialect for a benchmark.
func benchDB(b *testing.B, dialect string) *DB {
	b.Helper()
	var dsn string
	if dialect == SQLite {
		dsn = filepath.Join(b.TempDir(), "bench.db")
	} else {
		dsn = corpustest.Schema(b, "nbtest")
	}
	db, err := Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	return db
}
