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

const reportsDir = "../../testdata/reports/"

func runParse(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	// no narrative fields here: this tests the command, not segment
	c := &parseCommand{stdout: &out, stderr: &errb, enrich: func(*extract.Record) error { return nil }}
	err := c.Run(context.Background(), args)
	var ee *exitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.Code
	default:
		t.Fatalf("Run: %v", err)
	}
	return out.String(), errb.String(), code
}

// Several files: results in input order whatever finishes first, an
// unreadable file gives an error record and the others go on, exit 1.
func TestParseSeveral(t *testing.T) {
	// a path that does not exist fails alone
	out, errs, code := runParse(t, reportsDir+"no-such-file.txt", reportsDir+"guyuan-kjj-2020.txt")
	if code != 1 || !strings.Contains(errs, "no-such-file.txt") || !strings.Contains(out, "固原市科学技术局") {
		t.Fatalf("missing path: exit %d, stderr %q", code, errs)
	}
	// without OCR the PDF whose fonts have no ToUnicode map fails alone
	out, errs, code = runParse(t, "-j", "3", "-ocr", "never", reportsDir+"huaian-2024.pdf", reportsDir+"../pdfs/report1-noToUnicode.pdf", reportsDir+"pingtan-2021.txt")
	if code != 1 {
		t.Errorf("exit %d, want 1 (one file failed)", code)
	}
	if !strings.Contains(errs, "report1-noToUnicode.pdf: page 1: ") || !strings.Contains(errs, "OCR") {
		t.Errorf("stderr does not name the file, the page and the remedy: %s", errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 JSON lines, got %d", len(lines))
	}
	var agencies []string
	for _, l := range lines {
		var r struct {
			Meta  struct{ Agency string }
			Error string
			Path  string
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		agencies = append(agencies, r.Meta.Agency)
		if r.Path != "" && r.Error == "" {
			t.Errorf("error record without its error: %s", l)
		}
	}
	if agencies[0] != "淮安市人民政府" || agencies[1] != "" || agencies[2] != "平潭综合实验区" {
		t.Errorf("records out of input order: %q", agencies)
	}
}

func TestParseCellsForm(t *testing.T) {
	out, _, code := runParse(t, "-format", "cells", reportsDir+"guyuan-kjj-2020.txt")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !strings.HasPrefix(out, "meta.agency\t固原市科学技术局\nmeta.year\t2020\nmeta.generation\tfmt2019\n") {
		t.Errorf("cells form starts %q", out[:min(len(out), 120)])
	}
	if n := strings.Count(out, "\n"); n != 3+198 {
		t.Errorf("%d lines, want 3 meta + 198 fmt2019 cells", n)
	}
	if _, _, code := runParse(t, "-format", "xml", reportsDir+"guyuan-kjj-2020.txt"); code != 2 {
		t.Errorf("unknown format: exit %d, want 2", code)
	}
}
