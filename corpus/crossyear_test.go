package corpus

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// copyGold copies gold files into dir, applying edits (cell id → new
// value) to the named file.
func copyGold(t *testing.T, dir string, names []string, file string, edits map[string]string) {
	t.Helper()
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(reportsDir, "gold", n))
		if err != nil {
			t.Fatal(err)
		}
		if n == file {
			lines := strings.Split(string(b), "\n")
			for i, l := range lines {
				f := strings.Split(l, "\t")
				if v, ok := edits[f[0]]; ok && len(f) == 2 {
					lines[i] = f[0] + "\t" + v
					delete(edits, f[0])
				}
			}
			if len(edits) > 0 {
				t.Fatalf("cells not in %s: %v", n, edits)
			}
			b = []byte(strings.Join(lines, "\n"))
		}
		// .txt: a directory yields report files only.
		if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(n, ".tsv")+".txt"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// crossYearFindings lists the stored cross-year findings as
// "year rule cells…" lines, sorted.
func crossYearFindings(t *testing.T, db *DB) []string {
	t.Helper()
	var out []string
	rows, err := db.sql.Query(`SELECT r.year, f.rule, f.verdict, f.cells FROM findings f JOIN reports r ON r.id = f.report_id WHERE f.scope = 'cross_year'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var year int
		var rule, verdict, cells string
		if err := rows.Scan(&year, &rule, &verdict, &cells); err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.Join([]string{itoa(year), rule, verdict, cells}, " "))
	}
	sort.Strings(out)
	return out
}

func itoa(i int) string { return strings.TrimSpace(strings.Replace(mustJSON(i), `"`, "", -1)) }

// TestCrossYearCarryOver: three consecutive years of one agency, stored
// and rebuilt from the database for audit.CheckPair; altering one
// carry-over (2022's 上年结转, 自然人) gives exactly one more cross-year
// finding, D4 on that cell, and nothing else changes. Replacing the
// altered file by the original takes the finding away again.
func TestCrossYearCarryOver(t *testing.T) {
	ctx := context.Background()
	names := []string{"pingtan-2020.tsv", "pingtan-2021.tsv", "pingtan-2022.tsv"}
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			run := func(db *DB, dir string) []string {
				g := &Ingester{DB: db, Parse: goldParse, Audit: AuditRecord, CheckPair: AuditPair, ParserVersion: "t"}
				sum, err := g.Ingest(ctx, inputs(t, dir))
				if err != nil || sum.Failed > 0 {
					t.Fatalf("ingest: %v %+v", err, sum)
				}
				return crossYearFindings(t, db)
			}
			clean := t.TempDir()
			copyGold(t, clean, names, "", nil)
			base := run(openDB(t, fresh(t, b.name)), clean)
			for _, f := range base {
				if strings.Contains(f, " D4 ") {
					t.Errorf("D4 on unaltered reports: %s", f)
				}
			}

			altered := t.TempDir()
			copyGold(t, altered, names, "pingtan-2022.tsv", map[string]string{"t3.carried_over.natural_person": "3"})
			db := openDB(t, b)
			got := run(db, altered)
			extra := diff(got, base)
			if len(extra) != 1 || !strings.HasPrefix(extra[0], "2022 D4 fail ") ||
				!strings.Contains(extra[0], `"t3.carried_over.natural_person"`) || !strings.Contains(extra[0], `"t3.carried_forward.natural_person"`) {
				t.Errorf("findings added by the altered carry-over: %q", extra)
			}
			if lost := diff(base, got); len(lost) != 0 {
				t.Errorf("findings lost: %q", lost)
			}
			for _, f := range extra {
				if strings.Contains(f, "t3.carried_over.org_") || strings.Contains(f, "t3.carried_over.total") {
					t.Errorf("D4 names other cells: %s", f)
				}
			}

			// The original file at the same path supersedes the altered one.
			copyGold(t, altered, names, "", nil)
			if again := run(db, altered); strings.Join(again, "\n") != strings.Join(base, "\n") {
				t.Errorf("after restoring the file: %q, want %q", again, base)
			}
			if c := counts(t, db); c["reports"] != 3 || c["sources"] != 3 {
				t.Errorf("counts after restoring: %v", c)
			}
		})
	}
}

// diff returns the lines of a not in b.
func diff(a, b []string) []string {
	in := map[string]int{}
	for _, s := range b {
		in[s]++
	}
	var out []string
	for _, s := range a {
		if in[s] > 0 {
			in[s]--
			continue
		}
		out = append(out, s)
	}
	return out
}

// TestSourcesConflict: the flattened text and the web page of one report
// are two sources of one (agency, year); when a cell differs, a CONFLICT
// finding names it, and the finding goes when they agree again.
func TestSourcesConflict(t *testing.T) {
	ctx := context.Background()
	names := []string{"pingtan-2021.tsv", "pingtan-2021-page.tsv"}
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			db := openDB(t, b)
			dir := t.TempDir()
			conflicts := func() []Finding {
				g := &Ingester{DB: db, Parse: goldParse, ParserVersion: "t"}
				if sum, err := g.Ingest(ctx, inputs(t, dir)); err != nil || sum.Failed > 0 {
					t.Fatalf("ingest: %v %+v", err, sum)
				}
				var id int64
				if err := db.sql.QueryRow(`SELECT id FROM reports`).Scan(&id); err != nil {
					t.Fatal(err)
				}
				fs, err := db.Findings(ctx, id, ScopeConflict)
				if err != nil {
					t.Fatal(err)
				}
				return fs
			}
			copyGold(t, dir, names, "pingtan-2021-page.tsv", map[string]string{"t3.granted.total": "99", "t4.admin_review.total": "7"})
			fs := conflicts()
			if c := counts(t, db); c["reports"] != 1 || c["sources"] != 2 {
				t.Fatalf("counts %v, want one report with two sources", c)
			}
			if len(fs) != 1 || fs[0].Rule != RuleConflict {
				t.Fatalf("conflict findings: %+v", fs)
			}
			msg := fs[0].MessageEN
			if !strings.Contains(msg, "2 cells: t3.granted.total, t4.admin_review.total") {
				t.Errorf("message: %s", msg)
			}
			if n := strings.Count(string(fs[0].Cells), `"id"`); n != 4 {
				t.Errorf("%d cell refs, want 2 per differing cell: %s", n, fs[0].Cells)
			}
			copyGold(t, dir, names, "", nil)
			if fs := conflicts(); len(fs) != 0 {
				t.Errorf("conflicts after the sources agree: %+v", fs)
			}
		})
	}
}

// TestRelativePaths: the same relative path ingested from two directories
// names two files; neither supersedes the other.
func TestRelativePaths(t *testing.T) {
	db := openDB(t, backends(t)[0])
	g := &Ingester{DB: db, Parse: goldParse, ParserVersion: "t"}
	for _, n := range []string{"pingtan-2021.tsv", "pingtan-2022.tsv"} {
		dir := t.TempDir()
		b, err := os.ReadFile(filepath.Join(reportsDir, "gold", n))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "report.txt"), b, 0o644)
		wd, _ := os.Getwd()
		t.Chdir(dir)
		sum, err := g.Ingest(context.Background(), []extract.Input{{Path: "report.txt"}})
		t.Chdir(wd)
		if err != nil || sum.Added != 1 || sum.Replaced != 0 {
			t.Fatalf("%s: %v %+v", n, err, sum)
		}
	}
	if c := counts(t, db); c["sources"] != 2 || c["reports"] != 2 {
		t.Errorf("counts %v", c)
	}
}
