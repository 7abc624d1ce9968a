package corpus

import (
	"context"
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
// undoes it.
func TestCrossYearSettlement(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			db := openDB(t, b)
			g := &Ingester{DB: db, Parse: ParseInput, Audit: AuditRecord, CheckPair: AuditPair, CheckSettle: AuditSettle, ParserVersion: "t"}
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
