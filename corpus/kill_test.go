package corpus

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

// The child process of TestKillHalfway: it ingests the gold files into
// $NIANBAO_KILL_DSN, says "KILL ME" where $NIANBAO_KILL_AT says (see
// killChild) and waits there to be killed.
func TestKillHalfwayChild(t *testing.T) {
	dsn := os.Getenv("NIANBAO_KILL_DSN")
	if dsn == "" {
		t.Skip("run by TestKillHalfway")
	}
	db, err := Open(context.Background(), dsn)
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(3)
	}
	// Two sources per transaction: the kill comes inside the second
	// batch, after the first was committed.
	g := &Ingester{DB: db, Parse: goldParse, Audit: AuditRecord, CheckPair: AuditPair, ParserVersion: "t", Jobs: 2, Batch: 2}
	wait := func(msg string) {
		fmt.Println(msg)
		os.Stdout.Sync()
		time.Sleep(time.Minute)
		os.Exit(4) // not killed: the parent failed
	}
	if os.Getenv("NIANBAO_KILL_AT") == "cross-year" {
		g.beforeCrossYear = func() { wait("KILL ME") }
	} else {
		g.beforeCommit = func(n int) {
			if n == 3 {
				wait("KILL ME")
			}
		}
	}
	g.Ingest(context.Background(), inputs(t, os.Getenv("NIANBAO_KILL_DIR")))
	fmt.Println("FINISHED")
	os.Exit(5)
}

// TestKillHalfway kills an ingest (SIGKILL) while it writes its third
// report (in its second batch of two), checks that the database holds the
// two complete reports of the first batch and no trace of the third, then ingests again: the result is the same as one
// uninterrupted ingest, with no duplicate. Then it kills one after all
// its reports are stored, before the cross-year rules: the next ingest,
// with nothing new to store, still brings the cross-year findings (one
// carry-over is altered so that there is a D4 finding to bring).
func TestKillHalfway(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	dir := t.TempDir()
	var names []string
	for _, n := range []string{"pingtan-2011", "pingtan-2015", "pingtan-2018", "pingtan-2020", "pingtan-2021", "pingtan-2022",
		"guyuan-kjj-2020", "huaian-2024"} {
		names = append(names, n+".tsv")
	}
	copyGold(t, dir, names, "pingtan-2022.tsv", map[string]string{"t3.carried_over.natural_person": "3"})
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			killChild(t, b.dsn, dir, "write")
			db := openDB(t, b)
			c := counts(t, db)
			if c["sources"] != 2 || c["reports"] != 2 {
				t.Fatalf("after the kill: %v, want 2 reports with one source each", c)
			}
			assertComplete(t, db)

			g := &Ingester{DB: db, Parse: goldParse, Audit: AuditRecord, CheckPair: AuditPair, ParserVersion: "t"}
			sum, err := g.Ingest(ctx, inputs(t, dir))
			if err != nil || sum.Failed > 0 || sum.Added != len(names)-2 || sum.Same != 2 {
				t.Fatalf("second ingest: %v %+v", err, sum)
			}
			assertComplete(t, db)

			ref := openDB(t, fresh(t, b.name))
			g.DB = ref
			if _, err := g.Ingest(ctx, inputs(t, dir)); err != nil {
				t.Fatal(err)
			}
			if got, want := counts(t, db), counts(t, ref); !reflect.DeepEqual(got, want) {
				t.Errorf("killed and resumed: %v; uninterrupted: %v", got, want)
			}
			want := crossYearFindings(t, ref)
			if len(want) == 0 {
				t.Fatal("no cross-year finding to compare")
			}
			if got := crossYearFindings(t, db); !reflect.DeepEqual(got, want) {
				t.Errorf("cross-year findings: killed and resumed %q; uninterrupted %q", got, want)
			}

			// Killed between the last write and the cross-year rules.
			b2 := fresh(t, b.name)
			killChild(t, b2.dsn, dir, "cross-year")
			db2 := openDB(t, b2)
			if c := counts(t, db2); c["sources"] != len(names) {
				t.Fatalf("after the second kill: %v", c)
			}
			if got := crossYearFindings(t, db2); len(got) != 0 {
				t.Fatalf("cross-year findings before the rules ran: %q", got)
			}
			g.DB = db2
			sum, err = g.Ingest(ctx, inputs(t, dir))
			if err != nil || sum.Added+sum.Replaced+sum.Failed != 0 {
				t.Fatalf("third ingest: %v %+v", err, sum)
			}
			if got := crossYearFindings(t, db2); !reflect.DeepEqual(got, want) {
				t.Errorf("cross-year findings after a kill before the rules: %q; uninterrupted %q", got, want)
			}
		})
	}
}

// killChild runs TestKillHalfwayChild on dsn and dir and kills it
// (SIGKILL) where at says: "write" (inside the third source's
// transaction) or "cross-year" (after the last write).
func killChild(t *testing.T, dsn, dir, at string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHalfwayChild$", "-test.v")
	cmd.Env = append(os.Environ(), "NIANBAO_KILL_DSN="+dsn, "NIANBAO_KILL_DIR="+dir, "NIANBAO_KILL_AT="+at)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "KILL ME") {
			cmd.Process.Kill()
			killed = true
			break
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatalf("the child finished without reaching the kill point (%s)", at)
	}
}

// assertComplete checks that every stored source has all the cells of its
// generation (or its legacy rows), that every report has its primary
// source, and that no (agency, year) or content is stored twice.
func assertComplete(t *testing.T, db *DB) {
	t.Helper()
	rows, err := db.sql.Query(`SELECT s.id, s.path, s.generation, (SELECT COUNT(*) FROM cells c WHERE c.source_id = s.id),
		(SELECT COUNT(*) FROM legacy_rows l WHERE l.source_id = s.id), r.primary_source
		FROM sources s JOIN reports r ON r.id = s.report_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, primary int64
		var path, gen string
		var cells, legacy int
		if err := rows.Scan(&id, &path, &gen, &cells, &legacy, &primary); err != nil {
			t.Fatal(err)
		}
		rec, err := goldParse(inputFor(path))
		if err != nil {
			t.Fatal(err)
		}
		if cells != len(template.Cells(gen)) || legacy != len(rec.Legacy) || primary == 0 {
			t.Errorf("%s: %d cells (%s has %d), %d legacy rows of %d, primary %d", filepath.Base(path), cells, gen,
				len(template.Cells(gen)), legacy, len(rec.Legacy), primary)
		}
	}
	for _, q := range []string{`SELECT COUNT(*) FROM (SELECT agency_key, year FROM reports GROUP BY agency_key, year HAVING COUNT(*) > 1) x`,
		`SELECT COUNT(*) FROM (SELECT sha256 FROM sources GROUP BY sha256 HAVING COUNT(*) > 1) x`,
		`SELECT COUNT(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = r.primary_source AND s.report_id = r.id)`} {
		var n int
		if err := db.sql.QueryRow(q).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d (%v)", q, n, err)
		}
	}
}

func inputFor(path string) extract.Input { return extract.Input{Path: path} }

// TestConcurrentIngest: two ingests of the same files at once, through
// two connections (two people on one shared database), store each report
// and source once, and neither fails.
func TestConcurrentIngest(t *testing.T) {
	dir := t.TempDir()
	copyGold(t, dir, []string{"pingtan-2011.tsv", "pingtan-2015.tsv", "pingtan-2018.tsv", "pingtan-2020.tsv", "pingtan-2021.tsv",
		"pingtan-2022.tsv", "pingtan-2022-page.tsv", "guyuan-kjj-2020.tsv", "huaian-2024.tsv", "huaian-2024-word.tsv"}, "", nil)
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			errs := make(chan error, 2)
			sums := make(chan *Summary, 2)
			for k := 0; k < 2; k++ {
				db := openDB(t, b)
				go func() {
					g := &Ingester{DB: db, Parse: goldParse, Audit: AuditRecord, CheckPair: AuditPair, ParserVersion: "t", Jobs: 1}
					s, err := g.Ingest(ctx, inputs(t, dir))
					errs <- err
					sums <- s
				}()
			}
			added := 0
			for k := 0; k < 2; k++ {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
				s := <-sums
				if s.Failed > 0 {
					for _, r := range s.Results {
						if r.Err != nil {
							t.Errorf("%s: %v", r.Path, r.Err)
						}
					}
				}
				added += s.Added
			}
			db := openDB(t, b)
			if c := counts(t, db); added != 9 || c["sources"] != 9 || c["reports"] != 8 {
				t.Errorf("%d added in all, counts %v; want 9 sources (two files are the same bytes) of 8 reports", added, c)
			}
			assertComplete(t, db)
		})
	}
}
