package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestBarLine(t *testing.T) {
	for _, c := range []struct {
		done, total int
		elapsed     time.Duration
		want        string
	}{
		{0, 100, 0, "ingest [>         ] 0/100  0.0/s  --:-- left"},
		{50, 100, 10 * time.Second, "ingest [=====>    ] 50/100  5.0/s  0:10 left"},
		{100, 100, 20 * time.Second, "ingest [==========] 100/100  5.0/s  0:00 left"},
		{10, 100000, 10 * time.Second, "ingest [>         ] 10/100000  1.0/s  27:46:30 left"},
	} {
		if got := barLine("ingest", c.done, c.total, c.elapsed, 10); got != c.want {
			t.Errorf("barLine(%d, %d, %s) = %q, want %q", c.done, c.total, c.elapsed, got, c.want)
		}
	}
	var b bytes.Buffer
	p := newProgressBar(&b, "ingest", 3)
	p.update(1)
	p.update(2) // within 200 ms: not drawn
	p.update(3) // the last: drawn
	if n := strings.Count(b.String(), "\r"); n != 2 || !strings.Contains(b.String(), "3/3") {
		t.Errorf("drawn %d times: %q", n, b.String())
	}
}
