package web

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/corpus/corpustest"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/digest"
)

// BenchmarkPages times every page's server time on a corpus of 10,000
// reports (1,000 agencies × 10 years, 2015–2024), on SQLite and, with
// NIANBAO_TEST_POSTGRES, PostgreSQL. The corpus is built once by an
// Ingester whose Parse returns generated variants of the parsed samples
// (agency, year and every figure varied; the audit rules run on each), so
// that 10,000 reports cost no parsing; it is kept between runs (SQLite
// file in the temp dir, PostgreSQL schema nbweb_bench_*) because building
// it takes minutes. Each page reports its median (ms/median) and slowest
// (ms/max) request in wall time, and the median CPU time of the process
// per request (cpu-ms/median: what the request costs on a machine that
// other processes share; both cores count).
//
//	go test ./corpus/web -run '^$' -bench Pages -benchtime 20x
func BenchmarkPages(b *testing.B) {
	n := 10000
	if s := os.Getenv("NIANBAO_BENCH_REPORTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	dsns := map[string]string{"sqlite": filepath.Join(os.TempDir(), fmt.Sprintf("nianbao-web-bench-v%d-%d-pair.db", corpus.SchemaVersion(), n))}
	if pg := corpustest.PostgresURL(); pg != "" {
		dsns["postgres"] = benchPostgres(b, pg, n)
	}
	for _, name := range []string{"sqlite", "postgres"} {
		dsn, ok := dsns[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			db := benchCorpus(b, dsn, n)
			srv, err := New(Options{DB: db, Cut: pairCut, CacheDir: b.TempDir()})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			all, err := db.Overview(ctx, corpus.OverviewFilter{Year: 2022})
			if err != nil || len(all) == 0 {
				b.Fatalf("no 2022 report: %v", err)
			}
			rep := all[len(all)/2]
			srv.snapshot(ctx) // as the server does when it starts
			pages := []struct{ name, path string }{
				{"overview", "/"},
				{"overview-page5", "/?page=5"},
				{"overview-year", "/?year=2022"},
				{"overview-rule", "/?rule=D2"},
				{"report", fmt.Sprintf("/report/%d", rep.ID)},
				{"evidence", fmt.Sprintf("/report/%d/cell?id=t3.granted.total", rep.ID)},
				{"agency", "/agency?key=" + url.QueryEscape(rep.AgencyKey)},
				{"compare", "/compare?field=t3.new_received.total&year=2022"},
				{"compare-region", "/compare?field=t3.denied.total&year=2022&region=" + url.QueryEscape(rep.Region)},
				{"compare-csv", "/compare.csv?field=t3.new_received.total&year=2022"},
				{"search", "/search?q=" + url.QueryEscape("信息处理费")},
				{"check-form", "/check"},
			}
			for _, p := range pages {
				b.Run(p.name, func(b *testing.B) {
					var times, cpu []time.Duration
					for i := 0; i < b.N; i++ {
						req := httptest.NewRequest("GET", p.path, nil)
						w := httptest.NewRecorder()
						start, c0 := time.Now(), cpuTime()
						srv.ServeHTTP(w, req)
						times, cpu = append(times, time.Since(start)), append(cpu, cpuTime()-c0)
						if w.Code != http.StatusOK {
							b.Fatalf("%s: %d\n%s", p.path, w.Code, excerpt(w.Body.String()))
						}
					}
					sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
					b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms/median")
					b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "ms/max")
					sort.Slice(cpu, func(i, j int) bool { return cpu[i] < cpu[j] })
					b.ReportMetric(float64(cpu[len(cpu)/2].Microseconds())/1000, "cpu-ms/median")
				})
			}
		})
	}
}

// benchPostgres returns the URL of the bench schema (kept between runs).
func benchPostgres(b *testing.B, base string, n int) string {
	schema := fmt.Sprintf("nbweb_bench_v%d_%d_pair", corpus.SchemaVersion(), n)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA IF NOT EXISTS " + schema); err != nil {
		b.Fatal(err)
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

// benchCorpus opens the corpus at dsn, building it when it does not hold n
// reports yet.
func benchCorpus(b *testing.B, dsn string, n int) *corpus.DB {
	ctx := context.Background()
	db, err := corpus.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	all, err := db.Overview(ctx, corpus.OverviewFilter{})
	if err != nil {
		b.Fatal(err)
	}
	if len(all) >= n {
		return db
	}
	start := time.Now()
	gen := newVariants(b, n/10)
	dir := b.TempDir()
	inputs := make([]extract.Input, n)
	for i := range inputs {
		p := filepath.Join(dir, fmt.Sprintf("v%05d.txt", i))
		if err := os.WriteFile(p, []byte(fmt.Sprintf("variant %d\n", i)), 0o644); err != nil {
			b.Fatal(err)
		}
		inputs[i] = extract.Input{Path: p}
	}
	g := ingester(db)
	g.Parse, g.Cut = gen.parse, pairCut
	sum, err := g.Ingest(ctx, inputs)
	if err != nil {
		b.Fatal(err)
	}
	if sum.Failed > 0 {
		for _, r := range sum.Results {
			if r.Err != nil {
				b.Fatalf("%d failed, e.g. %v", sum.Failed, r.Err)
			}
		}
	}
	b.Logf("built %s: %d reports in %s", dsn, n, time.Since(start).Round(time.Second))
	return db
}

// variants generates reports from the parsed samples: variant i is agency
// i%agencies in year 2015+i/agencies, from a sample of the generation that year
// takes, with every figure of the sample multiplied by a factor of the
// agency (sums stay sums, so the rules fail where the sample fails).
type variants struct {
	byGen    map[extract.Generation][]*extract.Record
	agencies int
}

var (
	benchCities = []string{"南京市", "苏州市", "无锡市", "常州市", "徐州市", "南通市", "扬州市", "镇江市", "泰州市", "盐城市",
		"福州市", "厦门市", "泉州市", "漳州市", "莆田市", "宁德市", "三明市", "南平市", "龙岩市", "杭州市",
		"宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市",
		"合肥市", "芜湖市", "蚌埠市", "淮南市", "马鞍山市", "淮北市", "铜陵市", "安庆市", "黄山市", "滁州市",
		"济南市", "青岛市", "淄博市", "枣庄市", "东营市", "烟台市", "潍坊市", "济宁市", "泰安市", "威海市"}
	benchDepts = []string{"人民政府", "教育局", "公安局", "民政局", "财政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局",
		"住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化广电和旅游局", "卫生健康委员会", "应急管理局",
		"审计局", "市场监督管理局", "统计局", "医疗保障局"}
)

func newVariants(b *testing.B, agencies int) *variants {
	v := &variants{byGen: map[extract.Generation][]*extract.Record{}, agencies: max(agencies, 1)}
	for _, in := range sampleFiles(b) {
		rec, err := extract.ParseFile(in.Path, extract.Options{Input: in})
		if err != nil {
			b.Fatal(err)
		}
		v.byGen[rec.Meta.Generation] = append(v.byGen[rec.Meta.Generation], rec)
	}
	return v
}

func (v *variants) parse(in extract.Input) (*extract.Record, error) {
	data, err := os.ReadFile(in.Path)
	if err != nil {
		return nil, err
	}
	var i int
	fmt.Sscanf(string(data), "variant %d", &i)
	a, year := i%v.agencies, 2015+i/v.agencies
	gen := extract.GenLegacy
	switch {
	case year >= 2021:
		gen = extract.Gen2021
	case year >= 2019:
		gen = extract.Gen2019
	}
	pool := v.byGen[gen]
	src := pool[(i/v.agencies+a)%len(pool)]
	rec := *src
	name := benchCities[a%len(benchCities)] + benchDepts[(a/len(benchCities))%len(benchDepts)]
	rec.Meta.Agency, rec.Meta.Year = name, year
	rec.Meta.Title = fmt.Sprintf("%s%d年政府信息公开工作年度报告", name, year)
	rec.Meta.PeriodStart, rec.Meta.PeriodEnd = fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year)
	rec.Meta.Published = fmt.Sprintf("%d-01-%02d", year+1, 10+a%20)
	rec.Source = extract.Source{Path: in.Path, Format: extract.FormatText, Reader: "bench", Size: int64(len(data)), SHA256: digest.Bytes(data)}
	factor := int64(1 + a%9)
	rec.Cells = make([]extract.Cell, len(src.Cells))
	for k, c := range src.Cells {
		if n, ok := c.Int(); ok {
			c.Value = strconv.FormatInt(n*factor, 10)
		}
		rec.Cells[k] = c
	}
	rec.Legacy = append([]extract.LegacyRow(nil), src.Legacy...)
	rec.Sections = append([]extract.Section(nil), src.Sections...)
	rec.Warnings = append([]extract.Warning(nil), src.Warnings...)
	rec.Fields = nil
	return &rec, nil
}

// pairCut is the benchmark's word cutter: a run of ideographs is cut into
// two-character words from its start (the real segmenter's words average
// about two characters, so the full-text index has a realistic size and
// selectivity), a run of Latin letters or digits is one word.
func pairCut(s string) []string {
	var out []string
	var han []rune
	for _, w := range runeCut(s) {
		r := []rune(w)
		if len(r) == 1 && unicode.Is(unicode.Han, r[0]) {
			han = append(han, r[0])
			if len(han) == 2 {
				out, han = append(out, string(han)), han[:0]
			}
			continue
		}
		if len(han) > 0 {
			out, han = append(out, string(han)), han[:0]
		}
		out = append(out, w)
	}
	if len(han) > 0 {
		out = append(out, string(han))
	}
	return out
}
