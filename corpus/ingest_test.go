package corpus

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// snapshot is what a database answers, compared across engines and runs.
type snapshot struct {
	long, wide, jsonl, wideJSONL string
	compare                      string
	search                       string
}

func takeSnapshot(t *testing.T, db *DB) snapshot {
	t.Helper()
	ctx := context.Background()
	var s snapshot
	for _, e := range []struct {
		dst *string
		opt ExportOptions
	}{{&s.long, ExportOptions{}}, {&s.wide, ExportOptions{Wide: true}}, {&s.jsonl, ExportOptions{Format: "jsonl"}},
		{&s.wideJSONL, ExportOptions{Format: "jsonl", Wide: true}}} {
		var b bytes.Buffer
		if err := db.Export(ctx, &b, e.opt); err != nil {
			t.Fatal(err)
		}
		*e.dst = b.String()
	}
	key, err := db.ResolveAgency(ctx, nil, "平潭综合实验区管理委员会")
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := db.Compare(ctx, key, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cmp.Reports {
		cmp.Reports[i].ID = 0 // ids differ between engines
	}
	s.compare = strings.Join([]string{mustJSON(cmp.Reports), mustJSON(cmp.Rows), mustJSON(cmp.Findings)}, "\n")
	cut, err := Cutter()
	if err != nil {
		t.Fatal(err)
	}
	hits, err := db.Search(ctx, "政府信息公开", cut, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for i := range hits {
		hits[i].Report = 0
	}
	s.search = mustJSON(hits)
	return s
}

// TestIngestSamples ingests every sample report into SQLite and
// PostgreSQL: every file that parses becomes a source, the others fail
// without stopping the batch; a second ingest changes nothing; a new
// parser version replaces every source and the answers stay the same;
// both engines give the same answers.
func TestIngestSamples(t *testing.T) {
	ctx := context.Background()
	ins := inputs(t, reportsDir)
	if len(ins) < 10 {
		t.Fatalf("only %d sample files", len(ins))
	}
	parses := map[string]bool{}
	reports := map[string]bool{}
	for _, in := range ins {
		rec, err := ParseInput(in)
		parses[in.Path] = err == nil && rec != nil && rec.Meta.Year != 0 && rec.Meta.Agency != ""
		if parses[in.Path] {
			reports[fmt.Sprint(AgencyKey(rec.Meta.Agency), rec.Meta.Year)] = true
		}
	}
	var snaps []snapshot
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			db := openDB(t, b)
			g, err := NewIngester(db)
			if err != nil {
				t.Fatal(err)
			}
			g.ParserVersion = "test-1"
			sum, err := g.Ingest(ctx, ins)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range sum.Results {
				ok := r.Outcome == Added || r.Outcome == Unchanged
				if ok != parses[r.Path] {
					t.Errorf("%s: outcome %s (%v), want parsed=%v", r.Path, r.Outcome, r.Err, parses[r.Path])
				}
			}
			c1 := counts(t, db)
			if c1["reports"] != len(reports) {
				t.Errorf("%d reports, want %d (one per agency and year)", c1["reports"], len(reports))
			}
			if c1["sources"] != sum.Added {
				t.Errorf("%d sources, %d added", c1["sources"], sum.Added)
			}
			if sum.Added < 15 || len(reports) < 8 {
				t.Errorf("only %d sources of %d reports stored (%d failed)", sum.Added, len(reports), sum.Failed)
			}
			if c1["sentences"] == 0 || c1["findings"] == 0 || c1["fields"] == 0 {
				t.Errorf("nothing indexed, audited or annotated: %v", c1)
			}
			s1 := takeSnapshot(t, db)

			sum2, err := g.Ingest(ctx, ins)
			if err != nil {
				t.Fatal(err)
			}
			if sum2.Added+sum2.Replaced != 0 || sum2.Same != sum.Added+sum.Same {
				t.Errorf("second ingest: %+v", sum2)
			}
			if c2 := counts(t, db); !reflect.DeepEqual(c1, c2) {
				t.Errorf("second ingest changed the rows: %v → %v", c1, c2)
			}
			if s2 := takeSnapshot(t, db); s2 != s1 {
				t.Errorf("second ingest changed the answers")
			}

			g.ParserVersion = "test-2"
			sum3, err := g.Ingest(ctx, ins)
			if err != nil {
				t.Fatal(err)
			}
			if sum3.Replaced != sum.Added || sum3.Added != 0 {
				t.Errorf("new parser version: %d replaced, %d added; want %d replaced", sum3.Replaced, sum3.Added, sum.Added)
			}
			if c3 := counts(t, db); !reflect.DeepEqual(c1, c3) {
				t.Errorf("re-parse changed the row counts: %v → %v", c1, c3)
			}
			s3 := takeSnapshot(t, db)
			if s3 != s1 {
				t.Errorf("re-parse changed the answers")
			}
			snaps = append(snaps, s3)
		})
	}
	if len(snaps) == 2 {
		a, b := snaps[0], snaps[1]
		for _, p := range []struct{ name, x, y string }{{"export long", a.long, b.long}, {"export wide", a.wide, b.wide},
			{"export jsonl", a.jsonl, b.jsonl}, {"export wide jsonl", a.wideJSONL, b.wideJSONL},
			{"compare", a.compare, b.compare}, {"search", a.search, b.search}} {
			if p.x != p.y {
				t.Errorf("%s: SQLite and PostgreSQL differ:\n%s", p.name, firstDiff(p.x, p.y))
			}
		}
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "  sqlite:   " + la[i] + "\n  postgres: " + lb[i]
		}
	}
	return "different lengths"
}

// TestBadFileDoesNotStopBatch: an unreadable file fails alone.
func TestBadFileDoesNotStopBatch(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join(reportsDir, "pingtan-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"a-bad.pdf": []byte("%PDF-1.4 garbage \x00\x01\x02"), "b-good.txt": good, "c-empty.txt": nil,
		"d-panics.txt": []byte("boom")}
	for n, d := range files {
		os.WriteFile(filepath.Join(dir, n), d, 0o644)
	}
	db := openDB(t, backends(t)[0])
	g := &Ingester{DB: db, ParserVersion: "t", Parse: func(in extract.Input) (*extract.Record, error) {
		if strings.HasSuffix(in.Path, "d-panics.txt") {
			panic("parser bug")
		}
		return ParseInput(in)
	}}
	sum, err := g.Ingest(context.Background(), inputs(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range sum.Results {
		got[filepath.Base(r.Path)] = r.Outcome
	}
	want := map[string]string{"a-bad.pdf": Failed, "b-good.txt": Added, "c-empty.txt": Failed, "d-panics.txt": Failed}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("outcomes %v, want %v", got, want)
	}
	if c := counts(t, db); c["reports"] != 1 || c["sources"] != 1 {
		t.Errorf("counts %v", c)
	}
}

// TestBatchSourceFails: a source whose rows break a key (a cell stored
// twice) fails alone: the other sources of its batch are stored, the
// failing one leaves no row, and it is reported with its path.
func TestBatchSourceFails(t *testing.T) {
	dir := t.TempDir()
	copyGold(t, dir, []string{"pingtan-2020.tsv", "pingtan-2021.tsv", "pingtan-2022.tsv", "guyuan-kjj-2020.tsv"}, "", nil)
	bad := filepath.Join(dir, "pingtan-2021.txt")
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			db := openDB(t, b)
			g := &Ingester{DB: db, ParserVersion: "t", Audit: AuditRecord, CheckPair: AuditPair, Batch: 8,
				Parse: func(in extract.Input) (*extract.Record, error) {
					rec, err := goldParse(in)
					if err == nil && in.Path == bad {
						rec.Cells = append(rec.Cells, rec.Cells[0])
					}
					return rec, err
				}}
			sum, err := g.Ingest(ctx, inputs(t, dir))
			if err != nil || sum.Added != 3 || sum.Failed != 1 {
				t.Fatalf("%v %+v", err, sum)
			}
			for _, r := range sum.Results {
				if (r.Outcome == Failed) != (r.Path == bad) || (r.Err != nil && !strings.Contains(r.Err.Error(), "pingtan-2021.txt")) {
					t.Errorf("%s: %s %v", filepath.Base(r.Path), r.Outcome, r.Err)
				}
			}
			if c := counts(t, db); c["sources"] != 3 || c["reports"] != 3 {
				t.Errorf("stored %v, want the 3 good sources", c)
			}
			assertComplete(t, db)
		})
	}
}
