package main

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// A panic while one file of a batch is annotated keeps the parsed record
// and says what happened in a NARRATIVE warning (naming the file, with the
// stack), instead of stopping the batch; the next file goes on as usual.
func TestParseOnePanicIsFileError(t *testing.T) {
	in := extract.Input{Path: "../../testdata/reports/guyuan-kjj-2020.txt"}
	r := parseOne(in, extract.Options{}, func(*extract.Record) error { panic("boom") }, 7)
	if r.rec == nil || r.err != nil {
		t.Fatalf("got rec=%v err=%v, want the record kept", r.rec != nil, r.err)
	}
	var msg string
	for _, w := range r.rec.Warnings {
		if w.Code == "NARRATIVE" {
			msg = w.Message
		}
	}
	for _, want := range []string{in.Path, "internal error", "boom", "parseone_test.go"} {
		if !strings.Contains(msg, want) {
			t.Errorf("NARRATIVE warning %q lacks %q", msg, want)
		}
	}
	if r.cost != 7 {
		t.Errorf("cost = %d, want 7 (the writer releases it)", r.cost)
	}
	r = parseOne(in, extract.Options{}, nil, 0)
	if r.err != nil || r.rec == nil {
		t.Fatalf("second parse: %v", r.err)
	}
}
