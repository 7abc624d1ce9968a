package corpus

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// TestDatabaseGone: the database goes away after the third file is
// stored (its handle is closed from the progress callback: every later
// statement fails, and so does a ping). The ingest stops with one
// ErrDatabaseGone error counting the 3 stored; every later input is
// ErrStopped (no failure of its own); the 3 stored reports are complete.
func TestDatabaseGone(t *testing.T) {
	var ins []extract.Input
	for _, n := range []string{"pingtan-2011", "pingtan-2015", "pingtan-2018", "pingtan-2020", "pingtan-2021", "pingtan-2022",
		"guyuan-kjj-2020", "huaian-2024"} {
		ins = append(ins, extract.Input{Path: filepath.Join(reportsDir, "gold", n+".tsv")})
	}
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			db, err := Open(context.Background(), b.dsn)
			if err != nil {
				t.Fatal(err)
			}
			// Batches of three: the database goes between the first and the second.
			g := &Ingester{DB: db, Parse: goldParse, Audit: AuditRecord, CheckPair: AuditPair, ParserVersion: "t", Jobs: 2, Batch: 3}
			own := 0 // failures reported for themselves
			g.Progress = func(done, total int, r Result) {
				if r.Outcome == Added && done == 3 {
					db.Close()
				}
				if r.Outcome == Failed && !errors.Is(r.Err, ErrStopped) {
					own++
					t.Logf("own failure: %v", r.Err)
				}
			}
			sum, err := g.Ingest(context.Background(), ins)
			if !errors.Is(err, ErrDatabaseGone) || !strings.Contains(err.Error(), "after 3 of 8 files were stored") {
				t.Fatalf("error: %v", err)
			}
			if own != 0 {
				t.Errorf("%d inputs failed on their own after the database went", own)
			}
			added := 0
			for _, r := range sum.Results {
				if r.Outcome == Added {
					added++
				}
			}
			if added != 3 {
				t.Errorf("%d added, want 3", added)
			}
			db2 := openDB(t, b)
			if c := counts(t, db2); c["sources"] != 3 {
				t.Errorf("stored: %v", c)
			}
		})
	}
}

// TestDatabaseGoneCrossYear: the database goes away after every file is
// stored, before the cross-year rules: one ErrDatabaseGone error that
// counts the stored files and says how to finish.
func TestDatabaseGoneCrossYear(t *testing.T) {
	var ins []extract.Input
	for _, n := range []string{"pingtan-2020", "pingtan-2021", "pingtan-2022"} {
		ins = append(ins, extract.Input{Path: filepath.Join(reportsDir, "gold", n+".tsv")})
	}
	b := fresh(t, SQLite)
	db, err := Open(context.Background(), b.dsn)
	if err != nil {
		t.Fatal(err)
	}
	g := &Ingester{DB: db, Parse: goldParse, Audit: AuditRecord, CheckPair: AuditPair, ParserVersion: "t"}
	g.beforeCrossYear = func() { db.Close() }
	sum, err := g.Ingest(context.Background(), ins)
	want := "after the 3 files were stored, during the cross-year rules (done for 0 agencies; run ingest again to finish them)"
	if !errors.Is(err, ErrDatabaseGone) || !strings.Contains(err.Error(), want) || sum.Added != 3 {
		t.Errorf("error: %v (added %d)\nwant ErrDatabaseGone with %q", err, sum.Added, want)
	}
}
