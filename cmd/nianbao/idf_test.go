package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/segment"
)

// TestIDFCommand rebuilds the document frequencies from a corpus: one
// count per report (the two formats of pingtan 2022 are one report), a
// word of every report counted in all, a rarer one in fewer.
func TestIDFCommand(t *testing.T) {
	dsn := ingested(t)
	out := filepath.Join(t.TempDir(), "reports.df")
	var errb bytes.Buffer
	if err := (&idfCommand{stderr: &errb}).Run(context.Background(), []string{"-db", dsn, "-o", out}); err != nil {
		t.Fatal(err, errb.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	df, err := segment.ReadDF(f, out)
	if err != nil {
		t.Fatal(err)
	}
	if df.Docs != 4 {
		t.Errorf("%d reports counted, want 4 (%s)", df.Docs, df.Source)
	}
	if df.Count["主动公开"] != df.Docs {
		t.Errorf("主动公开 in %d of %d reports", df.Count["主动公开"], df.Docs)
	}
	if n := df.Count["政务新媒体"]; n == 0 || n >= df.Docs {
		t.Errorf("政务新媒体 in %d of %d reports", n, df.Docs)
	}
	var stdout bytes.Buffer
	if err := (&idfCommand{stdout: &stdout, stderr: &errb}).Run(context.Background(), []string{"../../testdata/reports/guyuan-kjj-2020.txt"}); err != nil {
		t.Fatal(err)
	}
	if df, err := segment.ReadDF(&stdout, "stdout"); err != nil || df.Docs != 1 {
		t.Errorf("from a file: %v %+v", err, df)
	}
}
