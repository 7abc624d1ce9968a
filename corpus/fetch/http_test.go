package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// miniSite serves handlers by path (query included) and records hits.
type miniSite struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits map[string][]time.Time
}

func newMiniSite(t *testing.T, routes map[string]http.HandlerFunc) *miniSite {
	s := &miniSite{hits: map[string][]time.Time{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if r.URL.RawQuery != "" {
			p += "?" + r.URL.RawQuery
		}
		s.mu.Lock()
		s.hits[p] = append(s.hits[p], time.Now())
		h := routes[p]
		s.mu.Unlock()
		if h == nil {
			if p == "/robots.txt" {
				http.NotFound(w, r)
				return
			}
			t.Errorf("unexpected request %s", p)
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *miniSite) n(p string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.hits[p])
}

func text(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
}

func pdfFile(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, pdf(name))
	}
}

func run(t *testing.T, opt Options, dir string, urls ...string) Summary {
	t.Helper()
	sum, err := New(opt).Run(context.Background(), dir, urls)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestRetryAfter(t *testing.T) {
	var mu sync.Mutex
	tries := 0
	s := newMiniSite(t, map[string]http.HandlerFunc{
		"/long.pdf": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "3600")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		},
		"/date.pdf": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			tries++
			n := tries
			mu.Unlock()
			if n == 1 {
				w.Header().Set("Retry-After", time.Now().Add(-time.Second).UTC().Format(http.TimeFormat))
				http.Error(w, "slow down", http.StatusTooManyRequests)
				return
			}
			pdfFile("date")(w, r)
		},
		"/500.pdf": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", 500) },
	})
	opt := testOptions()
	opt.MaxRetryAfter = time.Second
	sum := run(t, opt, t.TempDir(), s.srv.URL+"/long.pdf", s.srv.URL+"/date.pdf", s.srv.URL+"/500.pdf")
	// Failures come sorted by URL: /500.pdf, /long.pdf.
	if s.n("/long.pdf") != 1 || len(sum.Failures) != 2 || !strings.Contains(sum.Failures[1].Err, "server asks to wait 1h0m0s") {
		t.Errorf("Retry-After over the limit: %d tries, %+v", s.n("/long.pdf"), sum.Failures)
	}
	if s.n("/date.pdf") != 2 || sum.Fetched != 1 {
		t.Errorf("Retry-After as a date: %d tries, %+v", s.n("/date.pdf"), sum)
	}
	if s.n("/500.pdf") != 3 || !strings.Contains(sum.Failures[0].Err, "500") {
		t.Errorf("500: %d tries (want 1 + 2 retries), %+v", s.n("/500.pdf"), sum.Failures)
	}
}

func TestDelay(t *testing.T) {
	for _, tc := range []struct {
		name   string
		delay  time.Duration
		robots string
		min    time.Duration
	}{
		{"Delay", 80 * time.Millisecond, "", 80 * time.Millisecond},
		{"Crawl-delay", time.Millisecond, "User-agent: *\nCrawl-delay: 0.1\n", 100 * time.Millisecond},
	} {
		routes := map[string]http.HandlerFunc{
			"/p.html": text(`<a href="a.pdf">a.pdf</a><a href="b.pdf">b.pdf</a><a href="c.pdf">c.pdf</a>`),
			"/a.pdf":  pdfFile("a"), "/b.pdf": pdfFile("b"), "/c.pdf": pdfFile("c"),
		}
		if tc.robots != "" {
			routes["/robots.txt"] = func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, tc.robots) }
		}
		s := newMiniSite(t, routes)
		opt := testOptions()
		opt.Delay = tc.delay
		if sum := run(t, opt, t.TempDir(), s.srv.URL+"/p.html"); sum.Fetched != 4 {
			t.Fatalf("%s: %+v", tc.name, sum)
		}
		var times []time.Time
		for _, p := range []string{"/robots.txt", "/p.html", "/a.pdf", "/b.pdf", "/c.pdf"} {
			times = append(times, s.hits[p]...)
		}
		// sort by time
		for i := range times {
			for j := i + 1; j < len(times); j++ {
				if times[j].Before(times[i]) {
					times[i], times[j] = times[j], times[i]
				}
			}
		}
		for i := 2; i < len(times); i++ { // the delay applies once robots.txt is read
			if gap := times[i].Sub(times[i-1]); gap < tc.min {
				t.Errorf("%s: requests %d and %d %v apart, want at least %v", tc.name, i-1, i, gap, tc.min)
			}
		}
	}
}

func TestRedirectsAndLimits(t *testing.T) {
	other := newMiniSite(t, map[string]http.HandlerFunc{"/x.pdf": pdfFile("x")})
	s := newMiniSite(t, map[string]http.HandlerFunc{
		"/list.html": text(`<a href="/away.html">2020年年报</a><a href="/file.html">2019年年报</a><a href="/other.pdf">2018年年报.pdf</a>
<a href="/huge.pdf">2017年年报.pdf</a>`),
		"/away.html": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.srv.URL+"/x.pdf", http.StatusFound)
		},
		"/file.html": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", "file:///etc/passwd")
			w.WriteHeader(http.StatusMovedPermanently)
		},
		"/other.pdf": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.srv.URL+"/x.pdf", http.StatusFound)
		},
		"/huge.pdf": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Length", "2147483648")
			w.WriteHeader(200)
			w.Write([]byte("%PDF-"))
		},
	})
	opt := testOptions()
	dir := t.TempDir()
	sum := run(t, opt, dir, s.srv.URL+"/list.html")
	if other.n("/x.pdf") != 0 || sum.Skipped != 3 || sum.Failed != 1 || !strings.Contains(sum.Failures[0].Err, "2147483648 bytes announced") {
		t.Errorf("stay on site, size limit: %+v", sum)
	}
	if tmp := tree(t, dir); len(tmp) != 1 { // the listing page only
		t.Errorf("files: %v", tmp)
	}
	// A starting URL that leaves the site fails.
	sum = run(t, opt, t.TempDir(), s.srv.URL+"/away.html")
	if sum.Failed != 1 || !strings.Contains(sum.Failures[0].Err, "outside the allowed sites") {
		t.Errorf("seed redirected off site: %+v", sum)
	}
	// AllowHosts lets it through.
	opt.AllowHosts = []string{strings.TrimPrefix(other.srv.URL, "http://")}
	sum = run(t, opt, t.TempDir(), s.srv.URL+"/list.html")
	if other.n("/x.pdf") != 2 || sum.Fetched != 2 || sum.Failed != 1 { // away and other.pdf, huge.pdf still too large
		t.Errorf("AllowHosts: %d hits, %+v", other.n("/x.pdf"), sum)
	}
}

func TestRobotsUnreachable(t *testing.T) {
	s := newMiniSite(t, map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 503) },
		"/a.pdf":      pdfFile("a"),
	})
	opt := testOptions()
	opt.Retries = -1
	sum := run(t, opt, t.TempDir(), s.srv.URL+"/a.pdf")
	if s.n("/a.pdf") != 0 || sum.Failed != 1 || !strings.Contains(sum.Failures[0].Err, "robots.txt unreachable") {
		t.Errorf("%+v", sum)
	}
}

func TestMaxPagesAndRefresh(t *testing.T) {
	var mu sync.Mutex
	extra := ""
	routes := map[string]http.HandlerFunc{
		"/r1.html": text(`<p>` + reportBody + `</p>`),
		"/r2.html": text(`<p>` + reportBody + `</p>`),
		"/l.html": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprint(w, `<a href="/r1.html">2020年年报</a>`+extra+`<a href="/l.html?p=1">下一页</a>`)
		},
	}
	for i := 1; i < 20; i++ {
		routes[fmt.Sprintf("/l.html?p=%d", i)] = text(fmt.Sprintf(`<a href="/l.html?p=%d">下一页</a>`, i+1))
	}
	s := newMiniSite(t, routes)
	opt := testOptions()
	opt.MaxPages = 5
	dir := t.TempDir()
	sum := run(t, opt, dir, s.srv.URL+"/l.html")
	if sum.Listings != 5 || s.n("/l.html?p=5") != 0 || sum.Fetched != 1 {
		t.Errorf("MaxPages 5: %+v", sum)
	}
	if len(sum.Skips) != 1 || sum.Skips[0].URL != s.srv.URL+"/l.html?p=5" || !strings.Contains(sum.Skips[0].Err, "over a crawl cap: listing page not followed, the column has given 5 pages (-max-pages)") {
		t.Errorf("MaxPages 5: skips %+v", sum.Skips)
	}
	mu.Lock()
	extra = `<a href="/r2.html">2021年年报</a>`
	mu.Unlock()
	if sum := run(t, opt, dir, s.srv.URL+"/l.html"); sum.Fetched != 0 || s.n("/l.html") != 1 {
		t.Errorf("without Refresh the listing is read from disk: %+v", sum)
	}
	opt.Refresh = true
	if sum := run(t, opt, dir, s.srv.URL+"/l.html"); sum.Fetched != 1 || sum.Reused != 1 || s.n("/r2.html") != 1 || s.n("/r1.html") != 1 {
		t.Errorf("Refresh finds the new report: %+v", sum)
	}
}

func TestStalledBody(t *testing.T) {
	s := newMiniSite(t, map[string]http.HandlerFunc{
		"/stall.pdf": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Length", "1000")
			fmt.Fprint(w, "%PDF-1.4 half")
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		},
		// Slow but alive: a byte every 100ms, Timeout 300ms.
		"/slow.pdf": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			for i := range 8 {
				fmt.Fprint(w, i)
				w.(http.Flusher).Flush()
				time.Sleep(100 * time.Millisecond)
			}
		},
	})
	opt := testOptions()
	opt.Retries = -1
	opt.MinRate = -1 // the idle timer alone (TestSlowDrip tests the rate)
	dir := t.TempDir()
	sum := run(t, opt, dir, s.srv.URL+"/stall.pdf", s.srv.URL+"/slow.pdf")
	if sum.Failed != 1 || sum.Failures[0].URL != s.srv.URL+"/stall.pdf" || !strings.Contains(sum.Failures[0].Err, "timed out") || sum.Fetched != 1 {
		t.Errorf("%+v", sum)
	}
	if files := tree(t, dir); len(files) != 1 {
		t.Errorf("files: %v", files)
	}
}
