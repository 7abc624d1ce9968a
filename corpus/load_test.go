package corpus

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/segment"
)

// canon renders a record as JSON with empty slices as null, for
// comparing a record with its copy rebuilt from the database.
func canon(t *testing.T, rec *extract.Record) string {
	t.Helper()
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	json.Unmarshal(b, &v)
	var strip func(any) any
	strip = func(x any) any {
		switch y := x.(type) {
		case map[string]any:
			for k, e := range y {
				if a, ok := e.([]any); ok && len(a) == 0 {
					y[k] = nil
					continue
				}
				y[k] = strip(e)
			}
		case []any:
			for i := range y {
				y[i] = strip(y[i])
			}
		}
		return x
	}
	b, _ = json.MarshalIndent(strip(v), "", " ")
	return string(b)
}

// TestRecordRoundTrip: what the cross-year rules read back from the
// database is the record that was parsed: metadata, sections, cells with
// candidates and evidence, splits, legacy rows, narrative fields and
// warnings.
func TestRecordRoundTrip(t *testing.T) {
	seg, err := segment.Shared()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			db := openDB(t, b)
			for _, name := range []string{"pingtan-2021.txt", "pingtan-2015.txt", "pingtan-2020-page.html"} {
				in := extract.Input{Path: filepath.Join(reportsDir, name), URL: "https://example.org/" + name, Published: "2022-01-20"}
				rec, err := ParseInput(in)
				if err != nil {
					t.Fatal(err)
				}
				if err := seg.Annotate(rec); err != nil {
					t.Fatal(err)
				}
				g := &Ingester{DB: db, ParserVersion: "t", Parse: func(extract.Input) (*extract.Record, error) { return rec, nil }}
				sum, err := g.Ingest(ctx, []extract.Input{in})
				if err != nil || sum.Added != 1 {
					t.Fatalf("%s: %v %+v", name, err, sum)
				}
				back, err := db.Record(ctx, sum.Results[0].Report)
				if err != nil {
					t.Fatal(err)
				}
				if len(rec.Fields) == 0 || len(rec.Sections) == 0 {
					t.Errorf("%s: nothing to compare (%d fields, %d sections)", name, len(rec.Fields), len(rec.Sections))
				}
				if a, b := canon(t, rec), canon(t, back); a != b {
					t.Errorf("%s: rebuilt record differs:\n%s", name, firstDiff(a, b))
				}
			}
		})
	}
}

// TestMigrations: opening applies the schema once and records its
// version; a database from a newer program is refused.
func TestMigrations(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			all := migrations
			migrations = all[:1] // a database made by the first schema
			db, err := Open(ctx, b.dsn)
			migrations = all
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			db = openDB(t, b) // upgraded
			db.Close()
			db = openDB(t, b) // reopening applies nothing twice
			var n, v int
			if err := db.sql.QueryRow(`SELECT COUNT(*), MAX(version) FROM schema_version`).Scan(&n, &v); err != nil || n != len(migrations) || v != SchemaVersion() {
				t.Fatalf("schema_version: %d rows, max %d, %v", n, v, err)
			}
			for _, view := range []string{"report_sources", "tidy_cells"} {
				if _, err := db.sql.Exec("SELECT COUNT(*) FROM " + view); err != nil {
					t.Errorf("view %s: %v", view, err)
				}
			}
			if _, err := db.sql.Exec(db.q(`INSERT INTO schema_version (version, applied_at) VALUES (?, 'future')`), SchemaVersion()+1); err != nil {
				t.Fatal(err)
			}
			if _, err := Open(ctx, b.dsn); err == nil || !errors.Is(err, ErrSchemaTooNew) {
				t.Errorf("newer schema: %v", err)
			}
		})
	}
}
