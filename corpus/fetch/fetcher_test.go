package fetch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/corpus/fetch/manifest"
	"github.com/nianbao/nianbao/extract/digest"
)

// testOptions keep the politeness but make it fast.
func testOptions() Options {
	return Options{
		Delay:   time.Millisecond,
		Timeout: 300 * time.Millisecond,
		MaxSize: 1 << 20,
		Retries: 2,
		Backoff: 5 * time.Millisecond,
		Workers: 4,
	}
}

func (s *govSite) seeds() []string {
	return []string{s.url("/zwgk/ndbg/index.html"), s.url("/col/col123/index.html")}
}

func byURL(t *testing.T, dir string) map[string]manifest.Entry {
	t.Helper()
	es, err := manifest.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]manifest.Entry{}
	for _, e := range es {
		m[e.URL] = e
	}
	return m
}

// tree lists the files under dir with their sizes, manifest left out.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == manifest.Name || rel == lockName {
			return nil
		}
		sum, err := digest.File(p)
		m[filepath.ToSlash(rel)] = sum
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestRunGovSite(t *testing.T) {
	site := newGovSite(t)
	dir := t.TempDir()
	var last Counts
	opt := testOptions()
	opt.Progress = func(c Counts) { last = c }
	f := New(opt)
	start := time.Now()
	sum, err := f.Run(context.Background(), dir, site.seeds())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("first run %v: %+v", time.Since(start), sum.Counts)
	for _, p := range sum.Failures {
		t.Logf("failed %s: %s", p.URL, p.Err)
	}
	for _, p := range sum.Skips {
		t.Logf("skipped %s: %s", p.URL, p.Err)
	}
	if last != sum.Counts {
		t.Errorf("last progress %+v, summary %+v", last, sum.Counts)
	}

	// Every expected report page and file, fetched exactly once.
	want := []string{
		"/zwgk/ndbg/202401/t20240120_1.html", "/files/P2023", "/files/2023-tables.xls",
		"/zwgk/ndbg/202301/t20230115_2.html", "/files/年报.doc", "/files/download.jsp?id=2022",
		"/old/2021.html", "/zwgk/ndbg/202201/t20220110_3.html", "/files/evil", "/files/2021-summary.pdf",
		"/zwgk/ndbg/big.html", "/zwgk/ndbg/dup.html", "/files/dup-copy.pdf",
		"/art/2011/1/5/art_123_11.html", "/art/2010/1/5/art_123_10.html", "/art/2009/1/5/art_123_9.html",
		"/art/2008/1/5/art_123_8.html", "/art/2008/1/4/art_123_7.html",
		"/zwgk/ndbg/index.html", "/zwgk/ndbg/index_1.html", "/zwgk/ndbg/index_2.html", "/robots.txt",
	}
	for _, p := range want {
		if n := site.hit(p); n != 1 {
			t.Errorf("%s fetched %d times, want 1", p, n)
		}
	}
	if n := site.hit("/zwgk/ndbg/2015.pdf"); n != 2 {
		t.Errorf("2015.pdf (503 once) fetched %d times, want 2", n)
	}
	if ts := site.times["/zwgk/ndbg/2015.pdf"]; len(ts) == 2 && ts[1].Sub(ts[0]) < 900*time.Millisecond {
		t.Errorf("Retry-After: 1 not honoured: retried after %v", ts[1].Sub(ts[0]))
	}
	for _, p := range []string{"/private/2020.html", "/zwgk/tzgg/t1.html", "other:/report2019.html"} {
		if n := site.hit(p); n != 0 {
			t.Errorf("%s fetched %d times, want 0", p, n)
		}
	}
	if site.maxIn != 1 {
		t.Errorf("%d requests at once to one host, want 1", site.maxIn)
	}

	// Every failure reported, in the summary and in the manifest.
	wantFail := map[string]error{
		site.url("/files/big.pdf"):          ErrTooLarge,
		site.url("/loop/a.html"):            ErrRedirectLoop,
		site.url("/zwgk/ndbg/missing.html"): ErrStatus,
		site.url("/slow.html"):              ErrTimeout,
	}
	var failed []string
	for _, p := range sum.Failures {
		failed = append(failed, p.URL)
	}
	var wantFailed []string
	for u := range wantFail {
		wantFailed = append(wantFailed, u)
	}
	sort.Strings(wantFailed)
	if !slices.Equal(failed, wantFailed) {
		t.Errorf("failures %q, want %q", failed, wantFailed)
	}
	if sum.Failed != len(wantFail) {
		t.Errorf("Failed = %d, want %d", sum.Failed, len(wantFail))
	}
	m := byURL(t, dir)
	for u := range wantFail {
		e := m[u]
		if e.Error == "" || e.Path != "" {
			t.Errorf("manifest for failed %s: %+v", u, e)
		}
	}
	if e := m[site.url("/zwgk/ndbg/missing.html")]; e.Status != 404 {
		t.Errorf("404 recorded as status %d", e.Status)
	}
	if n := site.hit("/slow.html"); n != 3 {
		t.Errorf("slow page tried %d times, want 3 (1 + 2 retries)", n)
	}
	var skipped []string
	for _, p := range sum.Skips {
		skipped = append(skipped, p.URL)
	}
	for _, u := range []string{site.url("/private/2020.html"), site.other.URL + "/report2019.html",
		"mailto:gk@example.gov.cn", "javascript:void(0)", "ftp://example.gov.cn/x.pdf"} {
		if !slices.Contains(skipped, u) {
			t.Errorf("%s not among the skipped: %q", u, skipped)
		}
	}

	// What the manifest says of the reports.
	e := m[site.url("/zwgk/ndbg/202401/t20240120_1.html")]
	if e.Role != manifest.Page || e.Title != "示范市2023年政府信息公开工作年度报告" || e.Published != "2024-01-20" ||
		e.ListingURL != site.url("/zwgk/ndbg/index.html") || e.Status != 200 || e.SHA256 == "" {
		t.Errorf("2023 page: %+v", e)
	}
	e = m[site.url("/zwgk/ndbg/202301/t20230115_2.html")]
	if e.Title != "示范市2022年政府信息公开工作年度报告" || e.Published != "2023-01-15" {
		t.Errorf("2022 page, title from a GBK listing: %+v", e)
	}
	e = m[site.url("/old/2021.html")]
	if e.FinalURL != site.url("/zwgk/ndbg/202201/t20220110_3.html") || e.Published != "2022-01-10" || e.Role != manifest.Page {
		t.Errorf("redirected page: %+v", e)
	}
	e = m[site.url("/files/P2023")]
	if e.Role != manifest.Attachment || e.Path != hostDir(site)+"/files/dup-copy.pdf" ||
		e.ListingURL != site.url("/zwgk/ndbg/202401/t20240120_1.html") || e.Title != "示范市2023年政府信息公开工作年度报告" ||
		e.Published != "2024-01-20" || e.ContentType != "application/pdf" {
		t.Errorf("2023 pdf (RFC 5987 file name): %+v", e)
	}
	// Identical content is stored once, under the name that sorts first
	// (dup-copy.pdf, not 示范市2023年报.pdf from RFC 5987 Content-Disposition).
	if e := m[site.url("/files/dup-copy.pdf")]; e.Path != m[site.url("/files/P2023")].Path || e.Title != "2012年年报全文" {
		t.Errorf("identical content stored twice: %+v", e)
	}
	if e := m[site.url("/files/download.jsp?id=2022")]; !strings.HasPrefix(e.Path, hostDir(site)+"/files/2022年报-") || !strings.HasSuffix(e.Path, ".pdf") {
		t.Errorf("GBK Content-Disposition: %+v", e)
	}
	if e := m[site.url("/files/%E5%B9%B4%E6%8A%A5.doc")]; e.Path != hostDir(site)+"/files/年报.doc" || e.Title != "示范市2022年政府信息公开工作年度报告" {
		t.Errorf("percent-encoded name: %+v", e)
	}
	if e := m[site.url("/files/evil")]; e.Path != hostDir(site)+"/files/evil.pdf" {
		t.Errorf("path traversal: %+v", e)
	}
	if e := m[site.url("/zwgk/ndbg/2015.pdf")]; !e.OK() || e.Title != "2015年年报" || e.Published != "2016-03-31" || e.Role != manifest.Attachment {
		t.Errorf("listed PDF: %+v", e)
	}
	if e := m[site.url("/art/2008/1/4/art_123_7.html")]; !e.OK() || e.Title != "2006年政府信息公开工作年度报告" || e.Published != "2008-01-04" {
		t.Errorf("Hanweb record from the data proxy: %+v", e)
	}
	if e := m[site.url("/zwgk/ndbg/index_2.html")]; e.Role != manifest.Listing || !strings.HasPrefix(e.Path, ".listing/") {
		t.Errorf("listing page: %+v", e)
	}
	for _, e := range m {
		if e.OK() {
			st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(e.Path)))
			if err != nil || st.Size() != e.Size {
				t.Errorf("%s: file %s: %v", e.URL, e.Path, err)
			}
		}
		if _, err := time.Parse(time.RFC3339, e.FetchedAt); err != nil {
			t.Errorf("%s: fetched_at %q", e.URL, e.FetchedAt)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "evil.pdf")); err == nil {
		t.Error("a file was written outside the directory")
	}
	if tmp, _ := os.ReadDir(filepath.Join(dir, tmpDir)); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	pages, files := 0, 0
	for _, e := range m {
		if e.OK() && e.Role == manifest.Page {
			pages++
		}
		if e.OK() && e.Role == manifest.Attachment {
			files++
		}
	}
	if pages != 10 || files != 8 || sum.Fetched != 18 {
		t.Errorf("%d pages, %d files, %d fetched; want 10, 8, 18", pages, files, sum.Fetched)
	}

	// A second run fetches nothing new: only the failures are tried again.
	before := site.snapshot()
	lines := manifestLines(t, dir)
	beforeTree := tree(t, dir)
	sum2, err := f.Run(context.Background(), dir, site.seeds())
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Fetched != 0 || sum2.Reused != sum.Fetched || sum2.Failed != len(wantFail) || sum2.Listings != sum.Listings {
		t.Errorf("second run: %+v, first %+v", sum2.Counts, sum.Counts)
	}
	after := site.snapshot()
	for p, n := range after {
		if n != before[p] && !slices.Contains([]string{"/robots.txt", "/files/big.pdf", "/loop/a.html", "/loop/b.html", "/zwgk/ndbg/missing.html", "/slow.html"}, p) {
			t.Errorf("second run fetched %s again", p)
		}
	}
	if got := manifestLines(t, dir); got != lines+len(wantFail) {
		t.Errorf("second run wrote %d manifest lines, want %d (the failures)", got-lines, len(wantFail))
	}
	if !mapsEqual(beforeTree, tree(t, dir)) {
		t.Error("second run changed the files")
	}
}

func hostDir(s *govSite) string {
	return strings.ReplaceAll(strings.TrimPrefix(s.srv.URL, "http://"), ":", "_")
}

func manifestLines(t *testing.T, dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, manifest.Name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestResume cancels a run while a file is half downloaded, then resumes
// it, and gets what an uninterrupted run gets.
func TestResume(t *testing.T) {
	site := newGovSite(t)
	opt := testOptions()
	full := t.TempDir()
	if _, err := New(opt).Run(context.Background(), full, site.seeds()); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	site.mu.Lock()
	site.stall = func(p string) bool {
		if p == "/files/年报.doc" {
			cancel()
			return true
		}
		return false
	}
	site.mu.Unlock()
	sum, err := New(opt).Run(ctx, dir, site.seeds())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v", err)
	}
	site.mu.Lock()
	site.stall = nil
	site.mu.Unlock()
	done := byURL(t, dir)
	if len(done) == 0 {
		t.Fatal("the cancelled run completed nothing")
	}
	if _, ok := done[site.url("/files/%E5%B9%B4%E6%8A%A5.doc")]; ok {
		t.Error("the half-downloaded file is in the manifest")
	}
	for name := range tree(t, dir) {
		if strings.HasSuffix(name, "年报.doc") {
			t.Errorf("half file left as %s", name)
		}
	}
	t.Logf("cancelled run: %+v", sum.Counts)

	before := site.snapshot()
	sum2, err := New(opt).Run(context.Background(), dir, site.seeds())
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Reused == 0 || sum2.Fetched == 0 {
		t.Errorf("resumed run: %+v", sum2.Counts)
	}
	// What the cancelled run completed is not fetched again.
	after := site.snapshot()
	for u, e := range done {
		p := strings.TrimPrefix(e.FinalURL, site.srv.URL)
		if e.OK() && e.Role != manifest.Listing && after[p] != before[p] {
			t.Errorf("resumed run fetched %s again", u)
		}
	}
	if got, want := tree(t, dir), tree(t, full); !mapsEqual(got, want) {
		t.Errorf("resumed directory differs:\n got %v\nwant %v", got, want)
	}
	a, b := byURL(t, dir), byURL(t, full)
	if len(a) != len(b) {
		t.Errorf("manifest: %d urls, want %d", len(a), len(b))
	}
	for u, e := range b {
		g := a[u]
		if g.Path != e.Path || g.SHA256 != e.SHA256 || g.Title != e.Title || g.Published != e.Published || g.Role != e.Role || (g.Error == "") != (e.Error == "") {
			t.Errorf("%s:\n got %+v\nwant %+v", u, g, e)
		}
	}
}
