package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/corpus/fetch/manifest"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/digest"
)

func TestAgencyKey(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"平潭综合实验区", "平潭综合实验区管委会"},
		{"平潭综合实验区管理委员会", "平潭综合实验区"},
		{"淮安市人民政府", "淮安市政府"},
		{"淮安市人民政府", "淮安市 人民政府"},
		{"２０２２年平潭综合实验区", "平潭综合实验区"},
		{"平潭综合实验区2022年政府信息公开工作年度报告", "平潭综合实验区"},
		{"固原市科学技术局（固原市地震局）", "固原市科学技术局(固原市地震局)"},
	} {
		if ka, kb := AgencyKey(c.a), AgencyKey(c.b); ka != kb {
			t.Errorf("AgencyKey(%q) = %q, AgencyKey(%q) = %q; want one key", c.a, ka, c.b, kb)
		}
	}
	for _, c := range [][2]string{{"淮安市人民政府", "淮安市人民政府办公室"}, {"平潭综合实验区", "平潭县"}, {"固原市科学技术局", "固原市教育局"}} {
		if AgencyKey(c[0]) == AgencyKey(c[1]) {
			t.Errorf("%q and %q share a key", c[0], c[1])
		}
	}
}

func TestAgencyAliases(t *testing.T) {
	var ag Agencies
	in := "# aliases\n平潭实验区\t平潭综合实验区\t福建省\n岚岛管委 = 平潭综合实验区\n\n"
	if err := ag.LoadAliases(strings.NewReader(in), "aliases.tsv"); err != nil {
		t.Fatal(err)
	}
	want, _, _ := ag.Resolve("平潭综合实验区")
	for _, n := range []string{"平潭实验区", "岚岛管委", "平潭综合实验区管理委员会"} {
		key, name, region := ag.Resolve(n)
		if key != want || name != "平潭综合实验区" || region != "福建省" {
			t.Errorf("Resolve(%q) = %q, %q, %q", n, key, name, region)
		}
	}
	if _, _, region := ag.Resolve("固原市科学技术局"); region != "固原市" {
		t.Errorf("region from the name: %q", region)
	}
	if err := ag.LoadAliases(strings.NewReader("只有一列\n"), "bad.tsv"); err == nil || !strings.Contains(err.Error(), "bad.tsv:1") {
		t.Errorf("bad alias line: %v", err)
	}
}

// TestIngestAmbiguousAgency: a report printed 鼓楼区人民政府 with nothing
// saying which 鼓楼区 is stored unresolved, under its own key, with an
// AGENCY finding; 南京市鼓楼区人民政府 gets its division and is not merged
// with it.
func TestIngestAmbiguousAgency(t *testing.T) {
	ctx := context.Background()
	base, err := ParseInput(extract.Input{Path: filepath.Join(reportsDir, "pingtan-2021.txt")})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	names := map[string]string{"a.txt": "鼓楼区人民政府", "b.txt": "南京市鼓楼区人民政府"}
	var ins []extract.Input
	for f := range names {
		p := filepath.Join(dir, f)
		os.WriteFile(p, []byte(f), 0o644)
		ins = append(ins, extract.Input{Path: p})
	}
	db := openDB(t, backends(t)[0])
	g := &Ingester{DB: db, ParserVersion: "t", Parse: func(in extract.Input) (*extract.Record, error) {
		rec := *base
		rec.Meta.Agency, rec.Meta.Title, rec.Sections = names[filepath.Base(in.Path)], "", nil
		rec.Source.Path = in.Path
		rec.Source.SHA256, _ = digest.File(in.Path)
		return &rec, nil
	}}
	if sum, err := g.Ingest(ctx, ins); err != nil || sum.Added != 2 {
		t.Fatalf("%v %+v", err, sum)
	}
	reps, err := db.reports(ctx, Filter{})
	if err != nil || len(reps) != 2 {
		t.Fatalf("%v: %d reports", err, len(reps))
	}
	for _, r := range reps {
		fs, err := db.Findings(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		agencyFindings := 0
		for _, f := range fs {
			if f.Rule == RuleAgency {
				agencyFindings++
			}
		}
		switch r.Agency {
		case "鼓楼区人民政府":
			if r.Code != "" || agencyFindings != 1 {
				t.Errorf("鼓楼区: code %q, %d AGENCY findings; want unresolved with one", r.Code, agencyFindings)
			}
		case "南京市鼓楼区人民政府":
			if r.Code != "320106" || r.City != "南京市" || r.AgencyType != "人民政府" || agencyFindings != 0 {
				t.Errorf("南京市鼓楼区: %+v, %d AGENCY findings", r, agencyFindings)
			}
		default:
			t.Errorf("report %q", r.Agency)
		}
	}
}

// TestIngestSiteURL: a report that prints no place (教育局), fetched from
// www.hongze.gov.cn (the URL comes from the fetch directory's manifest),
// is stored under 淮安市洪泽区教育局 with the division's code; the same file
// without a manifest stays unresolved with an AGENCY finding.
func TestIngestSiteURL(t *testing.T) {
	ctx := context.Background()
	b, err := os.ReadFile(filepath.Join(reportsDir, "pingtan-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "平潭综合实验区", "教育局")
	fetched, plain := t.TempDir(), t.TempDir()
	for _, dir := range []string{fetched, plain} {
		if err := os.WriteFile(filepath.Join(dir, "r.txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := manifest.Open(fetched)
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := digest.File(filepath.Join(fetched, "r.txt"))
	if err := m.Append(manifest.Entry{URL: "http://www.hongze.gov.cn/art/2022/1/20/art_1.html", Status: 200, Path: "r.txt",
		SHA256: sum, Size: int64(len(text)), Role: manifest.Attachment}); err != nil {
		t.Fatal(err)
	}
	m.Close()
	for _, c := range []struct {
		dir, code, agency string
	}{{fetched, "320813", "淮安市洪泽区教育局"}, {plain, "", "教育局"}} {
		db := openDB(t, backends(t)[0])
		ins, err := extract.Inputs([]string{c.dir})
		if err != nil {
			t.Fatal(err)
		}
		g := &Ingester{DB: db, Parse: ParseInput, Audit: AuditRecord, ParserVersion: "t"}
		if s, err := g.Ingest(ctx, ins); err != nil || s.Added != 1 {
			t.Fatalf("%v %+v", err, s)
		}
		reps, err := db.reports(ctx, Filter{})
		if err != nil || len(reps) != 1 {
			t.Fatalf("%v: %d reports", err, len(reps))
		}
		if r := reps[0]; r.Code != c.code || r.Agency != c.agency {
			t.Errorf("%s: stored as %q, code %q; want %q, %q", c.dir, r.Agency, r.Code, c.agency, c.code)
		}
	}
}
