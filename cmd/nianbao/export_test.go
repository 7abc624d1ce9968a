package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/corpus"
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
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	found := false
	for _, r := range recs {
		if r[col["year"]] == "2022" && r[col["cell_id"]] == "t3.carried_over.natural_person" {
			found = r[col["value"]] == "1" && r[col["status"]] == "ok" && r[col["field"]] == "t3.carried_over.natural_person" && r[col["quality"]] == "exact" &&
				r[col["code"]] == "350128" && r[col["province"]] == "福建省" && r[col["city"]] == "福州市" && r[col["county"]] == "平潭县" &&
				r[col["agency_type"]] == "开发区管委会"
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

// TestExportFormulaInjection: agency names, keys, regions and pre-2019 row
// labels come from the reports' text. The test stores formula-looking
// values in them (written into the database directly, so that the test
// does not depend on how the metadata reader cleans a title) and checks
// that no CSV cell of the long or wide export begins with =, +, -, @, tab
// or CR unless it is a number, while JSON Lines keep the values exactly.
func TestExportFormulaInjection(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "nianbao.db")
	var errb bytes.Buffer
	if err := (&ingestCommand{stdout: io.Discard, stderr: &errb}).Run(context.Background(),
		[]string{"-db", dsn, "-quiet", reportsDir + "pingtan-2021.txt", reportsDir + "pingtan-2015.txt"}); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb.String())
	}
	db, err := corpus.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE reports SET agency = '=1+1平潭', agency_key = '@SUM(A1)', region = '-2+3+cmd|A0' WHERE year = 2021`,
		`UPDATE reports SET agency = '+1+1平潭', region = char(9) || 'x' WHERE year = 2015`,
		`UPDATE legacy_rows SET label = '=HYPERLINK("http://x")', unit = char(13) || '件' WHERE ord = 0`,
		`UPDATE cells SET unit = '-15' WHERE ord = 0`,
	} {
		if _, err := db.SQL().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	seen := map[string]bool{}
	for _, wide := range []bool{false, true} {
		args := []string{"-db", dsn, "-nobom"}
		if wide {
			args = append(args, "-wide")
		}
		var out bytes.Buffer
		if err := (&exportCommand{stdout: &out}).Run(context.Background(), args); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&out).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs[1:] {
			for i, cell := range r {
				seen[cell] = true
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !isSignedNumber(cell) {
					t.Errorf("wide=%v: cell %d (%s) = %q is a formula", wide, i, recs[0][i], cell)
				}
			}
		}
	}
	for _, want := range []string{"'=1+1平潭", "'@SUM(A1)", "'-2+3+cmd|A0", "'+1+1平潭", "'\tx", `'=HYPERLINK("http://x")`, "'\r件", "-15"} {
		if !seen[want] {
			t.Errorf("no cell %q in the CSV", want)
		}
	}
	var out bytes.Buffer
	if err := (&exportCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-format", "jsonl", "-wide"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"agency":"=1+1平潭"`) {
		t.Errorf("JSON Lines changed the agency name: %.200s", out.String())
	}
}

func isSignedNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	return err == nil
}

// TestExportKeepsFileOnFailure: a write that fails half-way (a full disk)
// leaves the previous FILE as it was and no temporary file behind. The
// failure is made by the write function; TestExportFullDisk does it on a
// real full file system where mount is allowed.
func TestExportKeepsFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cells.csv")
	writeFile(t, path, "old export\n")
	err := writeFileAtomic(path, func(w io.Writer) error {
		w.Write(bytes.Repeat([]byte("x"), 1<<20))
		return errors.New("no space left on device")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if b, _ := os.ReadFile(path); string(b) != "old export\n" {
		t.Errorf("FILE changed to %d bytes", len(b))
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("left behind: %v", ents)
	}
}

func TestExportFullDisk(t *testing.T) {
	dsn := ingested(t)
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (needs root): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	path := filepath.Join(dir, "cells.csv")
	err := (&exportCommand{}).Run(context.Background(), []string{"-db", dsn, "-o", path})
	if err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Errorf("export to a full disk: %v", err)
	}
	if _, serr := os.Stat(path); serr == nil {
		t.Error("an export that failed left FILE")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("left behind: %v", ents)
	}
	// A small export fits and is complete.
	if err := (&exportCommand{}).Run(context.Background(), []string{"-db", dsn, "-wide", "-o", path}); err != nil {
		t.Errorf("wide export: %v", err)
	}
}

// TestExportNoCorpus: export of a database that does not exist fails
// with exit status 1 and does not create it.
func TestExportNoCorpus(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "none.db")
	if code := run([]string{"export", "-db", dsn}); code != 1 {
		t.Errorf("export of no corpus: exit %d", code)
	}
	if err := (&exportCommand{}).Run(context.Background(), []string{"-db", dsn}); !errors.Is(err, corpus.ErrNoCorpus) {
		t.Errorf("export of no corpus: %v", err)
	}
	if _, serr := os.Stat(dsn); serr == nil {
		t.Error("export created a database")
	}
}
