package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// prevVariant writes a "2020" report of 平潭综合实验区 in the 2021 template,
// made from the 2022 web page with years moved back two and its 现行有效
// 规范性文件 set to inForce.
func prevVariant(t *testing.T, path, inForce string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(reportsDir, "pingtan-2022-page.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.NewReplacer("2021", "2019", "2022", "2020", ">698<", ">"+inForce+"<", "文件698件", "文件"+inForce+"件").Replace(string(b))
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCrossYearSettlement: table 二's 规范性文件 row of pingtan-2021.txt
// prints "693665", which the report alone leaves AMBIGUOUS (ten
// divisions). Ingesting last year's report, whose 现行有效 is 599, settles it
// by D8 (599 + 69 − 3 = 665) as 69|3|665, recorded with the rule and
// that report; replacing last year's report by one that fits no division
// undoes it. The same with CheckSettle (each candidate checked with the
// rules unverifiable over the split) and without (every cross-year rule).
func TestCrossYearSettlement(t *testing.T) {
	ctx := context.Background()
	bs := backends(t)
	bs = append(bs, backend{name: "sqlite-every-rule", dsn: filepath.Join(t.TempDir(), "every.db")})
	for _, b := range bs {
		t.Run(b.name, func(t *testing.T) {
			db := openDB(t, b)
			g := &Ingester{DB: db, Parse: ParseInput, Audit: AuditRecord, CheckPair: AuditPair, CheckSettle: AuditSettle, ParserVersion: "t"}
			if b.name == "sqlite-every-rule" {
				g.CheckSettle = nil
			}
			cur := extract.Input{Path: filepath.Join(reportsDir, "pingtan-2021.txt")}
			prevPath := filepath.Join(t.TempDir(), "pingtan-2020-fmt2021.html")
			cells := func() map[string]string {
				t.Helper()
				rec, err := db.RecordOf(ctx, nil, "平潭综合实验区", 2021)
				if err != nil {
					t.Fatal(err)
				}
				out := map[string]string{}
				for _, c := range rec.Cells {
					if strings.HasPrefix(c.ID, "t2.normative_docs.") {
						out[c.ID] = string(c.Status) + " " + c.Value
						if c.Status == extract.StatusOK {
							out["note"] = c.Note
						}
					}
				}
				return out
			}
			ingest := func(ins ...extract.Input) {
				t.Helper()
				if sum, err := g.Ingest(ctx, ins); err != nil || sum.Failed > 0 {
					t.Fatalf("%v %+v", err, sum.Results)
				}
			}
			ingest(cur)
			if got := cells()["t2.normative_docs.in_force"]; got != "ambiguous " {
				t.Fatalf("alone: in_force %q, want ambiguous", got)
			}
			prevVariant(t, prevPath, "599")
			ingest(extract.Input{Path: prevPath})
			got := cells()
			for id, want := range map[string]string{"issued": "ok 69", "repealed": "ok 3", "in_force": "ok 665"} {
				if got["t2.normative_docs."+id] != want {
					t.Errorf("with last year: %s = %q, want %q", id, got["t2.normative_docs."+id], want)
				}
			}
			if !strings.Contains(got["note"], "D8 with the 2020 report") {
				t.Errorf("note %q", got["note"])
			}
			rec, _ := db.RecordOf(ctx, nil, "平潭综合实验区", 2021)
			for _, sp := range rec.Splits {
				if sp.Cells[0] == "t2.normative_docs.issued" && (sp.Chosen < 0 || strings.Join(sp.Candidates[sp.Chosen], "|") != "69|3|665") {
					t.Errorf("split chosen %d %v", sp.Chosen, sp.Rules)
				}
			}
			// Last year's report replaced (new bytes at its path): 600 fits
			// no division, the settlement goes.
			prevVariant(t, prevPath, "600")
			ingest(extract.Input{Path: prevPath})
			if got := cells()["t2.normative_docs.in_force"]; got != "ambiguous " {
				t.Errorf("after replacing last year: in_force %q, want ambiguous", got)
			}
			var n int
			db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM settlements`).Scan(&n)
			if n != 0 {
				t.Errorf("%d settlements left", n)
			}
		})
	}
}

// TestRemoveRevertsSettlement: pingtan-2021.txt's 规范性文件 run settled by
// last year's report reopens (AMBIGUOUS, with its ten candidates) when
// that report is removed — by its file, by agency and year, by report id;
// each time it is ingested again the settlement comes back. Removing what is not there
// is ErrNotFound and removes nothing.
func TestRemoveRevertsSettlement(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			db := openDB(t, b)
			g := &Ingester{DB: db, Parse: ParseInput, Audit: AuditRecord, CheckPair: AuditPair, CheckSettle: AuditSettle, ParserVersion: "t"}
			prevPath := filepath.Join(t.TempDir(), "pingtan-2020-fmt2021.html")
			prevVariant(t, prevPath, "599")
			ingest := func(ins ...extract.Input) {
				t.Helper()
				if sum, err := g.Ingest(ctx, ins); err != nil || sum.Failed > 0 || sum.Added != len(ins) {
					t.Fatalf("%v %+v", err, sum)
				}
			}
			state := func() (inForce string, candidates, settlements, reports int) {
				t.Helper()
				rec, err := db.RecordOf(ctx, nil, "平潭综合实验区", 2021)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range rec.Cells {
					if c.ID == "t2.normative_docs.in_force" {
						inForce = string(c.Status) + " " + c.Value
					}
				}
				for _, sp := range rec.Splits {
					if sp.Cells[0] == "t2.normative_docs.issued" && sp.Chosen < 0 {
						candidates = len(sp.Candidates)
					}
				}
				for q, n := range map[string]*int{`SELECT COUNT(*) FROM settlements`: &settlements, `SELECT COUNT(*) FROM reports`: &reports} {
					if err := db.sql.QueryRowContext(ctx, q).Scan(n); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			ingest(extract.Input{Path: filepath.Join(reportsDir, "pingtan-2021.txt")}, extract.Input{Path: prevPath})
			if v, _, s, _ := state(); v != "ok 665" || s == 0 {
				t.Fatalf("before removing: in_force %q, %d settlement rows", v, s)
			}
			var prevID int64
			if err := db.sql.QueryRowContext(ctx, `SELECT id FROM reports WHERE year = 2020`).Scan(&prevID); err != nil {
				t.Fatal(err)
			}
			for _, tg := range []Target{{Source: prevPath}, {Agency: "平潭综合实验区", Year: 2020}, {Report: prevID}} {
				if tg.Report != 0 {
					tg.Report = prevID // ingested again: a new id
				}
				rs, err := g.Remove(ctx, []Target{tg})
				if err != nil || rs[0].Err != nil || len(rs[0].Reports) != 1 || len(rs[0].Sources) != 1 || rs[0].Year != 2020 {
					t.Fatalf("remove %v: %v %+v", tg, err, rs)
				}
				v, cands, s, n := state()
				if v != "ambiguous " || cands != 10 || s != 0 || n != 1 {
					t.Errorf("after removing %v: in_force %q with %d candidates, %d settlement rows, %d reports; want ambiguous with 10, 0, 1",
						tg, v, cands, s, n)
				}
				ingest(extract.Input{Path: prevPath})
				if v, _, _, _ := state(); v != "ok 665" {
					t.Fatalf("ingested again after removing %v: in_force %q", tg, v)
				}
				if err := db.sql.QueryRowContext(ctx, `SELECT id FROM reports WHERE year = 2020`).Scan(&prevID); err != nil {
					t.Fatal(err)
				}
			}
			rs, err := g.Remove(ctx, []Target{{Agency: "平潭综合实验区", Year: 2019}, {Report: prevID + 1000}, {Source: "/no/such/file.txt"}})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				if !errors.Is(r.Err, ErrNotFound) || len(r.Sources) != 0 {
					t.Errorf("remove %v: %v, %v removed; want ErrNotFound and nothing", r.Target, r.Err, r.Sources)
				}
			}
			if _, _, _, n := state(); n != 2 {
				t.Errorf("%d reports after removing what is not there, want 2", n)
			}
		})
	}
}

// TestRemoveSource: removing one of a report's two sources keeps the
// report on the other; removing last year's report takes away the
// cross-year findings that compared with it (a D4 carry-over mismatch
// made in its gold file), and removing the last source takes the report.
func TestRemoveSource(t *testing.T) {
	dir := t.TempDir()
	copyGold(t, dir, []string{"pingtan-2021.tsv", "pingtan-2022.tsv", "pingtan-2022-page.tsv"}, "pingtan-2021.tsv",
		map[string]string{"t3.carried_forward.natural_person": "4"})
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			db := openDB(t, b)
			g := &Ingester{DB: db, Parse: goldParse, Audit: AuditRecord, CheckPair: AuditPair, ParserVersion: "t"}
			if sum, err := g.Ingest(ctx, inputs(t, dir)); err != nil || sum.Added != 3 {
				t.Fatalf("%v %+v", err, sum)
			}
			if len(crossYearFindings(t, db)) == 0 {
				t.Fatal("no cross-year finding to see go")
			}
			rs, err := g.Remove(ctx, []Target{{Source: filepath.Join(dir, "pingtan-2022-page.txt")}})
			if err != nil || rs[0].Err != nil || len(rs[0].Kept) != 1 || len(rs[0].Reports) != 0 {
				t.Fatalf("remove one source: %v %+v", err, rs)
			}
			if c := counts(t, db); c["reports"] != 2 || c["sources"] != 2 {
				t.Errorf("after removing a second source: %v", c)
			}
			assertComplete(t, db)
			if len(crossYearFindings(t, db)) == 0 {
				t.Error("the cross-year findings went with a source that was not last year's")
			}
			rs, err = g.Remove(ctx, []Target{{Agency: "平潭综合实验区", Year: 2021}})
			if err != nil || rs[0].Err != nil || len(rs[0].Reports) != 1 {
				t.Fatalf("remove 2021: %v %+v", err, rs)
			}
			if got := crossYearFindings(t, db); len(got) != 0 {
				t.Errorf("cross-year findings left after removing last year's report: %q", got)
			}
			rs, err = g.Remove(ctx, []Target{{Source: filepath.Join(dir, "pingtan-2022.txt")}})
			if err != nil || rs[0].Err != nil || len(rs[0].Reports) != 1 {
				t.Fatalf("remove the last source: %v %+v", err, rs)
			}
			for tb, n := range counts(t, db) {
				if n != 0 {
					t.Errorf("%d rows left in %s", n, tb)
				}
			}
		})
	}
}
