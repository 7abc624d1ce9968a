package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestExportCommand(t *testing.T) {
	dsn := ingested(t)
	var out bytes.Buffer
	if err := (&exportCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("\uFEFFagency,agency_key,")) {
		t.Errorf("long CSV starts %q", out.String()[:40])
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range recs {
		if r[3] == "2022" && r[6] == "t3.carried_over.natural_person" {
			found = r[7] == "1" && r[9] == "ok" && r[11] == "t3.carried_over.natural_person" && r[12] == "exact"
		}
	}
	if !found {
		t.Error("no exact row for 2022 t3.carried_over.natural_person = 1")
	}
	// four reports: pingtan 2020-2022 (two sources of 2022 make one report) and guyuan 2020
	out.Reset()
	if err := (&exportCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-wide", "-format", "jsonl", "-agency", "平潭", "-years", "2020-2021"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d wide rows, want 2", len(lines))
	}
	var row map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &row); err != nil {
		t.Fatal(err)
	}
	if row["year"] != 2020.0 || row["t2.regulations.issued.quality"] != "approx" || row["t3.other_handling.total"] != "4" {
		t.Errorf("2020 wide row: year %v, issued quality %v, other_handling %v", row["year"], row["t2.regulations.issued.quality"], row["t3.other_handling.total"])
	}
	out.Reset()
	if err := (&exportCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-wide", "-nobom"}); err != nil {
		t.Fatal(err)
	}
	recs, err = csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) != 5 || recs[0][0] != "agency" {
		t.Errorf("wide CSV: %d rows, %v", len(recs), err)
	}
}
