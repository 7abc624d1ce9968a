package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

const auditGoldDir = "../../testdata/reports/gold/"

func runAudit(t *testing.T, c *auditCommand, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	c.stdout, c.stderr = &out, &errb
	err := c.Run(context.Background(), args)
	var ee *exitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.Code
		if ee.Err != nil { // what main prints
			errb.WriteString("nianbao audit: " + ee.Err.Error() + "\n")
		}
	case errors.Is(err, flagHelp):
		code = -1
	default:
		t.Fatalf("Run: %v", err)
	}
	return out.String(), errb.String(), code
}

func TestAuditExitStatus(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		out  []string // substrings of stdout
		err  []string // substrings of stderr
	}{
		{name: "printed error", args: []string{auditGoldDir + "pingtan-2020.tsv"}, code: 1,
			out: []string{"2 errors", "D2", "7+6+4+3+3+4 = 27 ≠ 21", "t3.results_total.total = 21"}},
		{name: "clean", args: []string{auditGoldDir + "pingtan-2021.tsv"}, code: 0, out: []string{"0 errors"}},
		{name: "unreadable file", args: []string{"no-such-report.pdf", auditGoldDir + "pingtan-2021.tsv"}, code: 2,
			out: []string{"pingtan-2021.tsv"}, err: []string{"no-such-report.pdf", "1 of 2 files could not be read"}},
		{name: "missing cells", args: []string{auditGoldDir + "guyuan-kjj-2020.tsv"}, code: 0,
			out: []string{"EXTRACTION", "unverifiable", "t3.granted.total = missing"}},
		{name: "consecutive years", args: []string{auditGoldDir + "pingtan-2021.tsv", auditGoldDir + "pingtan-2022.tsv"}, code: 0,
			out: []string{"cross-year rules against " + auditGoldDir + "pingtan-2021.tsv"}},
		{name: "parsed report", args: []string{"../../testdata/reports/pingtan-2020.txt"}, code: 1, out: []string{"D2", "27 ≠ 21"}},
		{name: "no files", args: nil, code: 2},
		{name: "help", args: []string{"-h"}, code: -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errs, code := runAudit(t, &auditCommand{}, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, c.code, out, errs)
			}
			for _, s := range c.out {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range c.err {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errs)
				}
			}
		})
	}
}

func TestAuditJSON(t *testing.T) {
	out, _, code := runAudit(t, &auditCommand{}, "-json", auditGoldDir+"pingtan-2020.tsv", auditGoldDir+"pingtan-2021.tsv", "no-such.txt")
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one JSON object per file, got %d lines:\n%s", len(lines), out)
	}
	type line struct {
		Path         string
		Error        string
		ComparedWith string `json:"compared_with"`
		Counts       map[string]int
		Findings     []struct {
			Rule  string
			Cells []struct{ ID, Value string }
		}
	}
	var recs []line
	for _, l := range lines {
		var one line
		if err := json.Unmarshal([]byte(l), &one); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		recs = append(recs, one)
	}
	if recs[0].Counts["error"] != 2 || recs[0].Findings[0].Rule != "D2" || len(recs[0].Findings[0].Cells) != 20 {
		t.Errorf("2020: %+v", recs[0])
	}
	if recs[1].ComparedWith != auditGoldDir+"pingtan-2020.tsv" || recs[1].Counts["error"] != 0 {
		t.Errorf("2021: %+v", recs[1])
	}
	if recs[2].Error == "" || recs[2].Path != "no-such.txt" {
		t.Errorf("unreadable file: %+v", recs[2])
	}
}

// The narrative counts reach D7 through the enrich hook.
func TestAuditNarrative(t *testing.T) {
	c := &auditCommand{enrich: func(rec *extract.Record) error {
		rec.Fields = append(rec.Fields, extract.Field{Kind: "quantity", Subject: "admin_review", Number: 5, Section: 4,
			Text: "行政复议5件", Sentence: "本年度发生政府信息公开行政复议5件。"})
		return nil
	}}
	out, _, code := runAudit(t, c, "../../testdata/reports/pingtan-2021.txt")
	if code != 0 || !strings.Contains(out, "D7") || !strings.Contains(out, "5 ≠ 3") {
		t.Errorf("exit %d, want 0 and a D7 warning 5 ≠ 3:\n%s", code, out)
	}
}

// With -db, a report whose previous year was not given is compared with
// the corpus's report of that year; without it, it is compared with none.
func TestAuditCorpusPairing(t *testing.T) {
	dsn := ingested(t) // pingtan 2020–2022 and guyuan 2020
	type line struct {
		ComparedWith string `json:"compared_with"`
		Findings     []struct{ Rule string }
	}
	parse := func(out string) line {
		var l line
		if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &l); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		return l
	}
	out, _, _ := runAudit(t, &auditCommand{}, "-json", auditGoldDir+"pingtan-2021.tsv")
	if l := parse(out); l.ComparedWith != "" {
		t.Errorf("without -db: compared with %q", l.ComparedWith)
	}
	out, errs, code := runAudit(t, &auditCommand{}, "-json", "-db", dsn, auditGoldDir+"pingtan-2021.tsv")
	l := parse(out)
	if code != 0 || !strings.Contains(l.ComparedWith, "corpus, 2020") {
		t.Fatalf("with -db: exit %d, compared with %q; %s", code, l.ComparedWith, errs)
	}
	// guyuan 2019 is not in the corpus: no pairing, no error
	out, _, code = runAudit(t, &auditCommand{}, "-json", "-db", dsn, auditGoldDir+"guyuan-kjj-2020.tsv")
	if l := parse(out); code != 0 || l.ComparedWith != "" {
		t.Errorf("guyuan: exit %d, compared with %q", code, l.ComparedWith)
	}
	// a corpus that cannot be opened is a usage error (2)
	if _, _, code := runAudit(t, &auditCommand{}, "-db", "postgres://nobody@127.0.0.1:1/x?sslmode=disable&connect_timeout=1", auditGoldDir+"pingtan-2021.tsv"); code != 2 {
		t.Errorf("bad corpus: exit %d, want 2", code)
	}
}
