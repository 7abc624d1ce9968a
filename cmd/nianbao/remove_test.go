package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestRemoveCommand: the samples ingested, a source is removed by its
// path (its report had another source: kept), then 平潭综合实验区's 2020
// report by agency and year: compare no longer shows 2020; a target that
// matches nothing exits 1 after the others are removed; no target is a
// usage error.
func TestRemoveCommand(t *testing.T) {
	dsn := ingested(t)
	ctx := context.Background()
	var out, errb bytes.Buffer
	run := func(args ...string) error {
		out.Reset()
		errb.Reset()
		return (&removeCommand{stdout: &out, stderr: &errb}).Run(ctx, append([]string{"-db", dsn}, args...))
	}
	page := filepath.Join("../../testdata/reports", "pingtan-2022-page.html")
	if err := run("-json", page); err != nil {
		t.Fatal(err, errb.String())
	}
	var r struct {
		Removed []int64  `json:"reports_removed"`
		Kept    []int64  `json:"reports_kept"`
		Sources []string `json:"sources_removed"`
		Year    int
	}
	if err := json.Unmarshal(out.Bytes(), &r); err != nil || len(r.Removed) != 0 || len(r.Kept) != 1 || r.Year != 2022 ||
		len(r.Sources) != 1 || !strings.HasSuffix(r.Sources[0], "pingtan-2022-page.html") {
		t.Fatalf("remove %s: %v %s", page, err, out.String())
	}
	err := run("-agency", "平潭综合实验区", "-year", "2020", "/no/such/report.pdf")
	var ee *exitError
	if !errors.As(err, &ee) || ee.Code != 1 || !strings.Contains(out.String(), "removed report") ||
		!strings.Contains(errb.String(), "/no/such/report.pdf") {
		t.Fatalf("remove 2020 and a file never ingested: %v\n%s%s", err, out.String(), errb.String())
	}
	var cmp bytes.Buffer
	if err := (&compareCommand{stdout: &cmp}).Run(ctx, []string{"-db", dsn, "-agency", "平潭综合实验区", "-years", "2019-2022"}); err != nil {
		t.Fatal(err)
	}
	if f := strings.Fields(strings.SplitN(cmp.String(), "\n", 2)[0]); strings.Join(f, " ") != "平潭综合实验区 2021 2022" {
		t.Errorf("compare after removing 2020: %q", f)
	}
	if err := run(); !errors.As(err, &ee) || ee.Code != 2 {
		t.Errorf("no target: %v", err)
	}
}
