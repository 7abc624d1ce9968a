package main

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// A panic while one file of a batch is handled becomes that file's error,
// naming the file and carrying the stack, instead of stopping the batch.
func TestParseOnePanicIsFileError(t *testing.T) {
	in := extract.Input{Path: "../../testdata/reports/guyuan-kjj-2020.txt"}
	r := parseOne(in, extract.Options{}, func(*extract.Record) error { panic("boom") }, 7)
	if r.rec != nil || r.err == nil {
		t.Fatalf("got rec=%v err=%v, want the panic as the file's error", r.rec != nil, r.err)
	}
	msg := r.err.Error()
	for _, want := range []string{in.Path, "internal error", "boom", "parseone_test.go"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if r.cost != 7 {
		t.Errorf("cost = %d, want 7 (the writer releases it)", r.cost)
	}
	// the next file of the batch is parsed as usual
	r = parseOne(in, extract.Options{}, nil, 0)
	if r.err != nil || r.rec == nil {
		t.Fatalf("second parse: %v", r.err)
	}
}
