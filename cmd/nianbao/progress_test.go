package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/corpus/fetch"
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

// TestStatusLine: fetch's progress shares the throttled line of ingest's
// bar and leaves its last counts on the terminal.
func TestStatusLine(t *testing.T) {
	var b bytes.Buffer
	p := &fetchProgress{line: statusLine{w: &b}}
	p.update(fetch.Counts{Found: 1})
	p.update(fetch.Counts{Found: 2}) // within 200 ms: not drawn
	if strings.Contains(b.String(), "2 found") || !strings.Contains(b.String(), "1 found") {
		t.Fatalf("throttle: %q", b.String())
	}
	p.done()
	if !strings.HasSuffix(b.String(), "\r\033[Kfetch: 0 listing pages, 2 found, 0 fetched, 0 already there, 0 failed, 0 B\n") {
		t.Errorf("done: %q", b.String())
	}
	var q bytes.Buffer
	(&fetchProgress{line: statusLine{w: &q}}).done() // never drawn: nothing
	if q.Len() != 0 {
		t.Errorf("undrawn line written: %q", q.String())
	}
}
