package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/corpus/fetch"
	"github.com/nianbao/nianbao/corpus/fetch/manifest"
)

func fetchSite(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "User-agent: *\nAllow: /\n") })
	mux.HandleFunc("/nb/index.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><title>年报</title><ul>
<li><a href="t1.html">2023年政府信息公开工作年度报告</a> 2024-01-20</li>
<li><a href="gone.html">2022年政府信息公开工作年度报告</a> 2023-01-20</li></ul></html>`)
	})
	mux.HandleFunc("/nb/t1.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<html><body><a href="/f/2023.pdf">全文.pdf</a></body></html>`)
	})
	mux.HandleFunc("/f/2023.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4 2023")
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func runFetch(t *testing.T, c *fetchCommand, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	c.stdout, c.stderr = &o, &e
	if c.options == nil {
		c.options = func(o *fetch.Options) { o.Backoff = time.Millisecond }
	}
	err = c.Run(context.Background(), args)
	return o.String(), e.String(), err
}

func TestFetchCommand(t *testing.T) {
	srv := fetchSite(t)
	dir := t.TempDir()
	out, errOut, err := runFetch(t, &fetchCommand{}, "-out", dir, "-delay", "1ms", srv.URL+"/nb/index.html")
	var ee *exitError
	if !errors.As(err, &ee) || ee.Code != 1 {
		t.Fatalf("want exit 1 for the 404, got %v\nstdout %s\nstderr %s", err, out, errOut)
	}
	if !strings.Contains(out, "2 fetched") || !strings.Contains(errOut, srv.URL+"/nb/gone.html: HTTP error: 404") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
	es, err := manifest.Read(dir)
	if err != nil || len(es) != 4 {
		t.Fatalf("manifest: %d entries, %v", len(es), err)
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(es[len(es)-1].Path))); err != nil && es[len(es)-1].OK() {
		t.Error(err)
	}

	// Again, from a list on stdin: nothing new, the 404 still reported.
	c := &fetchCommand{stdin: strings.NewReader("# reports\n" + srv.URL + "/nb/index.html\n")}
	out, errOut, err = runFetch(t, c, "-out", dir, "-delay", "0", "-list", "-")
	if !errors.As(err, &ee) || ee.Code != 1 || !strings.Contains(out, "0 fetched, 2 already there, 1 failed") {
		t.Errorf("second run: %v\n%s%s", err, out, errOut)
	}

	// -title picks other entries: here none, so the starting page is
	// kept as a page of its own and nothing is followed.
	out, _, err = runFetch(t, &fetchCommand{}, "-out", t.TempDir(), "-delay", "0", "-title", "决算", srv.URL+"/nb/index.html")
	if err != nil || !strings.Contains(out, "1 reports and files found, 1 fetched") || !strings.Contains(out, "0 listing pages") {
		t.Errorf("-title: %v %s", err, out)
	}

	// -quiet: no summary; a terminal gets a progress line.
	out, errOut, err = runFetch(t, &fetchCommand{tty: true}, "-out", dir, "-quiet", "-delay", "0", srv.URL+"/nb/t1.html")
	if err != nil || out != "" || errOut != "" {
		t.Errorf("quiet: %v %q %q", err, out, errOut)
	}
	_, errOut, _ = runFetch(t, &fetchCommand{tty: true}, "-out", t.TempDir(), "-delay", "0", srv.URL+"/nb/t1.html")
	if !strings.Contains(errOut, "\rfetch:") && !strings.Contains(errOut, "\r\033[Kfetch:") {
		t.Errorf("no progress on a terminal: %q", errOut)
	}
}

func TestFetchCommandUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"http://x/"}, {"-out", "d"}, {"-out", "d", "-max-size", "lots", "http://x/"}, {"-nope"}, {"-out", "d", "-title", "(", "http://x/"}} {
		_, _, err := runFetch(t, &fetchCommand{}, args...)
		var ee *exitError
		if !errors.As(err, &ee) || ee.Code != 2 {
			t.Errorf("%q: %v, want exit 2", args, err)
		}
	}
	if _, e, err := runFetch(t, &fetchCommand{}, "-h"); !errors.Is(err, flagHelp) || !strings.Contains(e, "Examples:") {
		t.Errorf("-h: %v", err)
	}
	// A URL that is not http(s) is a failure, not a crash.
	_, e, err := runFetch(t, &fetchCommand{}, "-out", t.TempDir(), "file:///etc/passwd")
	var ee *exitError
	if !errors.As(err, &ee) || ee.Code != 1 || !strings.Contains(e, "file:///etc/passwd") {
		t.Errorf("file URL: %v %q", err, e)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"100MB": 100 << 20, "2GB": 2 << 30, "500kb": 500 << 10, "1.5M": 3 << 19, "123": 123, "0": 0, "10 MiB": 10 << 20} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1MB", "1e30GB", "ten"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) accepted", in)
		}
	}
}

func TestFetchCommandInterrupted(t *testing.T) {
	srv := fetchSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var o, e bytes.Buffer
	c := &fetchCommand{stdout: &o, stderr: &e}
	err := c.Run(ctx, []string{"-out", t.TempDir(), srv.URL + "/nb/index.html"})
	var ee *exitError
	if !errors.As(err, &ee) || ee.Code != 130 || !strings.Contains(ee.Error(), "resume") {
		t.Errorf("interrupted: %v", err)
	}
}

// TestFetchLocked: a folder locked by another fetch (here a lock taken by
// the test on DIR/.lock) is refused at once with exit status 2 and the
// message, nothing fetched; a listing over -max-entries is summarised.
func TestFetchLocked(t *testing.T) {
	srv := fetchSite(t)
	dir := t.TempDir()
	pid, release := holdFetchLock(t, filepath.Join(dir, ".lock"))
	_, _, err := runFetch(t, &fetchCommand{}, "-out", dir, "-delay", "1ms", srv.URL+"/nb/index.html")
	var ee *exitError
	if !errors.As(err, &ee) || ee.Code != 2 || !strings.Contains(err.Error(), fmt.Sprintf("is being written by nianbao fetch (pid %d", pid)) {
		t.Errorf("locked folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, manifest.Name)); err == nil {
		t.Error("the refused run wrote a manifest")
	}
	release()
	out, _, _ := runFetch(t, &fetchCommand{}, "-out", dir, "-delay", "1ms", "-max-entries", "1", srv.URL+"/nb/index.html")
	if !strings.Contains(out, "over a crawl cap: 1 of the 2 listing entries not followed (-max-entries 1)") {
		t.Errorf("summary:\n%s", out)
	}
}
