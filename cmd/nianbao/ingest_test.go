package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var corpusSamples = []string{"pingtan-2020.txt", "pingtan-2021.txt", "pingtan-2022.txt", "pingtan-2022-page.html", "guyuan-kjj-2020.txt"}

// ingested returns an SQLite corpus holding the samples.
func ingested(t *testing.T) string {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "nianbao.db")
	args := []string{"-db", dsn, "-quiet"}
	for _, s := range corpusSamples {
		args = append(args, filepath.Join("../../testdata/reports", s))
	}
	var out, errb bytes.Buffer
	if err := (&ingestCommand{stdout: &out, stderr: &errb}).Run(context.Background(), args); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb.String())
	}
	return dsn
}

func TestIngestCommand(t *testing.T) {
	dsn := ingested(t)
	args := []string{"-db", dsn, "-json", "../../testdata/reports/pingtan-2021.txt", "../../testdata/reports/pingtan-2011.txt"}
	var out, errb bytes.Buffer
	if err := (&ingestCommand{stdout: &out, stderr: &errb}).Run(context.Background(), args); err != nil {
		t.Fatal(err, errb.String())
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var r struct{ Path, Outcome, Agency string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		got = append(got, filepath.Base(r.Path)+" "+r.Outcome+" "+r.Agency)
	}
	want := "pingtan-2021.txt unchanged ,pingtan-2011.txt added 平潭综合实验区"
	if strings.Join(got, ",") != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !strings.Contains(errb.String(), "2 files: 1 added, 0 replaced, 1 unchanged, 0 failed") {
		t.Errorf("summary: %q", errb.String())
	}

	// A file that is no report: status 1, the others are stored.
	bad := filepath.Join(t.TempDir(), "bad.txt")
	writeFile(t, bad, "not a report at all")
	errb.Reset()
	err := (&ingestCommand{stdout: &out, stderr: &errb}).Run(context.Background(), []string{"-db", dsn, bad})
	var ee *exitError
	if !errors.As(err, &ee) || ee.Code != 1 || !strings.Contains(errb.String(), "bad.txt") {
		t.Errorf("bad file: %v, stderr %q", err, errb.String())
	}
	if err := (&ingestCommand{stdout: &out, stderr: &errb}).Run(context.Background(), []string{"-db", dsn}); !errors.As(err, &ee) || ee.Code != 2 {
		t.Errorf("no path: %v", err)
	}
}

// TestIngestOCRFlag: ingest takes parse's -ocr; under never a scan fails
// with "run OCR first" (under auto it would be OCR'd), and a mode it does
// not know is a usage error.
func TestIngestOCRFlag(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "c.db")
	var out, errb bytes.Buffer
	err := (&ingestCommand{stdout: &out, stderr: &errb}).Run(context.Background(),
		[]string{"-db", dsn, "-ocr", "never", "../../testdata/ocr/huaian-2024-scan.pdf"})
	var ee *exitError
	if !errors.As(err, &ee) || ee.Code != 1 || !strings.Contains(errb.String(), "run OCR first") {
		t.Errorf("-ocr never on a scan: %v, stderr %q", err, errb.String())
	}
	errb.Reset()
	err = (&ingestCommand{stdout: &out, stderr: &errb}).Run(context.Background(), []string{"-db", dsn, "-ocr", "sometimes", "x.pdf"})
	if !errors.As(err, &ee) || ee.Code != 2 || !strings.Contains(err.Error(), `invalid value "sometimes" for flag -ocr: want auto, always or never`) {
		t.Errorf("-ocr sometimes: %v, stderr %q", err, errb.String())
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
