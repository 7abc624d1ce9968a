package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestCompareCommand(t *testing.T) {
	dsn := ingested(t)
	var out bytes.Buffer
	if err := (&compareCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-agency", "平潭综合实验区管理委员会", "-years", "2020-2022"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if f := strings.Fields(lines[0]); strings.Join(f, " ") != "平潭综合实验区 2020 2021 2022" {
		t.Errorf("header %q", lines[0])
	}
	// 2020 (fmt2019) 新制作 ≈ 制发, 在效 has no fmt2019 counterpart; the
	// flattened 2021 text leaves run-together digits ambiguous, and 2022's
	// web page (the primary source among its two) reads them.
	for _, want := range []string{"t3.carried_over.total 0 0 1", "t2.regulations.issued ≈0 0 0",
		"t2.normative_docs.in_force × AMBIGUOUS 698"} {
		if !strings.Contains(squeeze(out.String()), want) {
			t.Errorf("no line %q in\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := (&compareCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-cell", "t3.new_received.total", "-years", "2020", "-json"}); err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Report struct{ Agency string }
		Value  struct{ Value, Quality string }
	}
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, r := range rows {
		got = append(got, r.Report.Agency+"="+r.Value.Value+" "+r.Value.Quality)
	}
	if strings.Join(got, ",") != "固原市科学技术局=0 exact,平潭综合实验区=21 exact" {
		t.Errorf("across: %q", got)
	}
	if err := (&compareCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-agency", "不存在的机构"}); err == nil {
		t.Error("unknown agency: no error")
	}
	var ee *exitError
	if err := (&compareCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-cell", "t3.granted.total"}); !errors.As(err, &ee) || ee.Code != 2 {
		t.Errorf("-cell without a year: %v", err)
	}
}

// squeeze collapses runs of spaces in every line.
func squeeze(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		b.WriteString(strings.Join(strings.Fields(l), " ") + "\n")
	}
	return b.String()
}
