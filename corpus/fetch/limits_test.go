package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSlowDrip: a server that sends a byte every 20 ms keeps the idle
// timer (300 ms) alive for ever; the minimum rate stops it after one
// window, and the whole-download deadline stops a steady transfer that
// is fast enough but too long.
func TestSlowDrip(t *testing.T) {
	drip := func(every time.Duration, chunk int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4\n")
			for {
				if _, err := w.Write([]byte(strings.Repeat("x", chunk))); err != nil {
					return
				}
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(every):
				}
			}
		}
	}
	s := newMiniSite(t, map[string]http.HandlerFunc{
		"/drip.pdf":   drip(20*time.Millisecond, 1),   // 50 bytes/s
		"/steady.pdf": drip(10*time.Millisecond, 100), // 10 KB/s: over the minimum rate
	})
	opt := testOptions()
	opt.MinRate = 1000
	opt.MaxTime = 600 * time.Millisecond
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second) // a hang fails the test, not CI
	defer cancel()
	sum, err := New(opt).Run(ctx, dir, []string{s.srv.URL + "/drip.pdf", s.srv.URL + "/steady.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 2 {
		t.Fatalf("%+v", sum)
	}
	for _, f := range sum.Failures {
		switch {
		case strings.HasSuffix(f.URL, "/drip.pdf"):
			if !strings.Contains(f.Err, "transfer too slow:") || !strings.Contains(f.Err, "minimum 1000 (-min-rate)") {
				t.Errorf("drip: %s", f.Err)
			}
		case !strings.Contains(f.Err, "timed out: the whole download took over 600ms (-max-time)"):
			t.Errorf("steady: %s", f.Err)
		}
	}
	// neither is retried (the next try would be as slow or as long)
	if s.n("/drip.pdf") != 1 || s.n("/steady.pdf") != 1 {
		t.Errorf("tries: drip %d, steady %d", s.n("/drip.pdf"), s.n("/steady.pdf"))
	}
	if files := tree(t, dir); len(files) != 0 {
		t.Errorf("files left: %v", files)
	}
}

// TestMaxEntries: a listing of 300 report links gives MaxEntries of them
// and one skip line saying how many were left.
func TestMaxEntries(t *testing.T) {
	var b strings.Builder
	routes := map[string]http.HandlerFunc{}
	for i := range 300 {
		p := fmt.Sprintf("/r%d.pdf", i)
		fmt.Fprintf(&b, `<li><a href="%s">平潭%d年年报</a></li>`, p, 1000+i)
		routes[p] = pdfFile(p)
	}
	routes["/list.html"] = text(`<html><body><ul>` + b.String() + `</ul></body></html>`)
	s := newMiniSite(t, routes)
	opt := testOptions()
	opt.MaxEntries = 10
	sum := run(t, opt, t.TempDir(), s.srv.URL+"/list.html")
	if sum.Fetched != 11 || len(sum.Skips) != 1 || sum.Skips[0].URL != s.srv.URL+"/list.html" ||
		!strings.Contains(sum.Skips[0].Err, "over a crawl cap: 290 of the 300 attachments not followed (-max-entries 10)") {
		t.Errorf("fetched %d, skips %+v", sum.Fetched, sum.Skips)
	}
}

// TestTwoRunsOneFolder: while one fetch runs, a second into the same
// folder refuses at once with ErrLocked and touches nothing; the first
// completes with its partial file intact, and its manifest has one line
// per URL.
func TestTwoRunsOneFolder(t *testing.T) {
	started := make(chan struct{})
	release := make(chan struct{})
	s := newMiniSite(t, map[string]http.HandlerFunc{
		"/a.pdf": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, pdf("a"))
			w.(http.Flusher).Flush()
			close(started)
			<-release
			fmt.Fprint(w, "\n% end\n")
		},
		"/b.pdf": pdfFile("b"),
	})
	opt := testOptions()
	opt.Timeout = 5 * time.Second
	dir := t.TempDir()
	first := make(chan Summary)
	go func() {
		sum, err := New(opt).Run(context.Background(), dir, []string{s.srv.URL + "/a.pdf"})
		if err != nil {
			t.Error(err)
		}
		first <- sum
	}()
	<-started
	var parts []string
	for range 200 { // the client makes its .part once the body starts
		if parts, _ = filepath.Glob(filepath.Join(dir, tmpDir, "*.part")); len(parts) > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if len(parts) != 1 {
		close(release)
		<-first
		t.Fatalf("partial files of the first run: %v", parts)
	}
	_, err := New(opt).Run(context.Background(), dir, []string{s.srv.URL + "/b.pdf"})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), fmt.Sprintf("is being written by nianbao fetch (pid %d", os.Getpid())) {
		t.Errorf("second run: %v", err)
	}
	if _, err := os.Stat(parts[0]); err != nil {
		t.Errorf("the second run removed the first's partial file: %v", err)
	}
	close(release)
	if sum := <-first; sum.Fetched != 1 || sum.Failed != 0 {
		t.Errorf("first run: %+v", sum)
	}
	if n := manifestLines(t, dir); n != 1 {
		t.Errorf("manifest has %d lines, want 1", n)
	}
	if s.n("/b.pdf") != 0 {
		t.Error("the refused run fetched")
	}
	// after the first, a run goes ahead
	if sum := run(t, opt, dir, s.srv.URL+"/b.pdf"); sum.Fetched != 1 {
		t.Errorf("later run: %+v", sum)
	}
}
