package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hongzeVariants writes two reports generated from the 淮安 sample: 2024
// printed 淮安市洪泽区人民政府, 2023 printed 洪泽区人民政府 (years shifted
// back, two figures changed), and returns their paths.
func hongzeVariants(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("../../testdata/reports/huaian-2024-word.html")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	y2024 := strings.ReplaceAll(string(src), "淮安市人民政府", "淮安市洪泽区人民政府")
	y2023 := strings.NewReplacer("2023", "2022", "2024", "2023").Replace(strings.ReplaceAll(string(src), "淮安市人民政府", "洪泽区人民政府"))
	y2023 = strings.Replace(y2023, "5500", "4300", 1)
	var paths []string
	for name, body := range map[string]string{"hongze-2024.html": y2024, "hongze-2023.html": y2023} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// TestCompareHongze: a report printing 淮安市洪泽区人民政府 and last year's
// printing 洪泽区人民政府 are one agency (division 320813, 人民政府):
// `compare -agency 洪泽区人民政府` shows both years side by side, and the
// region filters select it by its county, city and province.
func TestCompareHongze(t *testing.T) {
	dsn := ingested(t) // pingtan (福建) and guyuan (宁夏) too
	var out, errb bytes.Buffer
	args := append([]string{"-db", dsn, "-quiet"}, hongzeVariants(t)...)
	if err := (&ingestCommand{stdout: &out, stderr: &errb}).Run(context.Background(), args); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb.String())
	}
	for _, name := range []string{"洪泽区人民政府", "淮安市洪泽区人民政府", "洪泽区政府"} {
		out.Reset()
		if err := (&compareCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-agency", name}); err != nil {
			t.Fatalf("compare -agency %s: %v", name, err)
		}
		s := squeeze(out.String())
		for _, want := range []string{"淮安市洪泽区人民政府 2023 2024", "division 320813 人民政府 320813 人民政府",
			"printed as 洪泽区人民政府 淮安市洪泽区人民政府"} {
			if !strings.Contains(s, want) {
				t.Errorf("compare -agency %s: no %q in\n%s", name, want, out.String())
			}
		}
	}
	for region, want := range map[string]int{"320813": 2, "320800": 2, "3208": 2, "320000": 2, "350000": 3, "350128": 3, "640000": 1, "110000": 0} {
		out.Reset()
		if err := (&exportCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-wide", "-region", region}); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.String(), "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs)-1 != want {
			t.Errorf("export -region %s: %d reports, want %d", region, len(recs)-1, want)
		}
		for _, r := range recs[1:] {
			if !strings.HasPrefix(r[3], strings.TrimRight(region, "0")) {
				t.Errorf("export -region %s: report of %s", region, r[3])
			}
		}
	}
	out.Reset()
	if err := (&compareCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-cell", "t3.new_received.total", "-years", "2024", "-region", "320800"}); err != nil {
		t.Fatal(err)
	}
	if s := squeeze(out.String()); !strings.Contains(s, "淮安市洪泽区人民政府 320813 人民政府") || strings.Count(out.String(), "\n") != 2 {
		t.Errorf("compare -cell -region 320800:\n%s", out.String())
	}
	if err := (&exportCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-region", "999999"}); err == nil {
		t.Error("unknown region: no error")
	}
}
