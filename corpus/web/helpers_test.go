package web

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/corpus/corpustest"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/audit"
)

const reportsDir = "../../testdata/reports"

type backend struct{ name, dsn string }

func backends(t *testing.T) []backend {
	t.Helper()
	out := []backend{{"sqlite", filepath.Join(t.TempDir(), "nianbao.db")}}
	if corpustest.PostgresURL() == "" {
		t.Logf("%s unset: PostgreSQL not tested", corpustest.PostgresEnv)
		return out
	}
	return append(out, backend{"postgres", corpustest.Schema(t, "nbweb")})
}

// runeCut is the tests' word cutter: every letter or digit run of Latin
// text is a word, every ideograph is one. Indexing and queries use the
// same cut, which is all search needs.
func runeCut(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			out = append(out, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// findings converts audit findings to the corpus form.
func findings(fs []audit.Finding) []corpus.Finding {
	out := make([]corpus.Finding, len(fs))
	for i, f := range fs {
		cells, _ := json.Marshal(f.Cells)
		out[i] = corpus.Finding{Rule: f.Rule, Severity: string(f.Severity), Table: f.Table, MessageZH: f.MessageZH,
			MessageEN: f.MessageEN, Arithmetic: f.Arithmetic, Verdict: f.Verdict, Cells: cells}
	}
	return out
}

// ingester stores with the real parser and audit rules, without the
// segmenter (no narrative fields; search uses runeCut).
func ingester(db *corpus.DB) *corpus.Ingester {
	return &corpus.Ingester{
		DB: db,
		Parse: func(in extract.Input) (*extract.Record, error) {
			return extract.ParseFile(in.Path, extract.Options{Input: in})
		},
		Audit:     func(rec *extract.Record) []corpus.Finding { return findings(audit.Check(rec)) },
		CheckPair: func(prev, cur *extract.Record) []corpus.Finding { return findings(audit.CheckPair(prev, cur)) },
		Cut:       runeCut,
		Jobs:      2,
	}
}

// sampleFiles are the bundled reports the tests ingest: every kind but
// the DOC files (their LibreOffice conversion takes seconds each).
func sampleFiles(t testing.TB) []extract.Input {
	t.Helper()
	all, err := extract.Inputs([]string{reportsDir})
	if err != nil {
		t.Fatal(err)
	}
	var out []extract.Input
	for _, in := range all {
		if strings.HasSuffix(in.Path, ".doc") || strings.Contains(in.Path, "/gold/") {
			continue
		}
		out = append(out, in)
	}
	return out
}

// testApp is a corpus with the samples and the application on it.
type testApp struct {
	t   *testing.T
	db  *corpus.DB
	srv *Server
	ts  *httptest.Server
	c   *http.Client
}

func newApp(t *testing.T, b backend, opt Options, files []extract.Input) *testApp {
	t.Helper()
	ctx := context.Background()
	db, err := corpus.Open(ctx, b.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if len(files) > 0 {
		sum, err := ingester(db).Ingest(ctx, files)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range sum.Results {
			if r.Err != nil {
				t.Fatalf("ingest %s: %v", r.Path, r.Err)
			}
		}
	}
	opt.DB = db
	if opt.Cut == nil {
		opt.Cut = runeCut
	}
	if opt.Uploads && opt.Ingester == nil {
		opt.Ingester = ingester(db)
	}
	if opt.UploadDir == "" {
		opt.UploadDir = filepath.Join(t.TempDir(), "uploads")
	}
	if opt.CacheDir == "" {
		opt.CacheDir = filepath.Join(t.TempDir(), "cache")
	}
	srv, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() { ts.Close(); srv.Close() })
	c := ts.Client()
	c.Jar = newJar()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &testApp{t: t, db: db, srv: srv, ts: ts, c: c}
}

// get fetches path and returns the status and body.
func (a *testApp) get(path string) (int, string, http.Header) {
	a.t.Helper()
	resp, err := a.c.Get(a.ts.URL + path)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// page fetches path, wants 200 and every want in the body.
func (a *testApp) page(path string, want ...string) string {
	a.t.Helper()
	code, body, h := a.get(path)
	if code != http.StatusOK {
		a.t.Fatalf("GET %s: %d\n%s", path, code, excerpt(body))
	}
	if h.Get("Content-Security-Policy") == "" {
		a.t.Errorf("GET %s: no Content-Security-Policy", path)
	}
	for _, w := range want {
		if !strings.Contains(body, w) && !strings.Contains(html.UnescapeString(body), w) {
			a.t.Errorf("GET %s: body lacks %q\n%s", path, w, excerpt(body))
		}
	}
	return body
}

func excerpt(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// csrf returns the CSRF token the jar holds (fetching a page first).
func (a *testApp) csrf() string {
	a.t.Helper()
	a.get("/login")
	u, _ := url.Parse(a.ts.URL)
	for _, c := range a.c.Jar.Cookies(u) {
		if c.Name == csrfCookie {
			return c.Value
		}
	}
	a.t.Fatal("no CSRF cookie set")
	return ""
}

// upload posts files to /check with the CSRF token tok ("" none) and
// returns the response.
func (a *testApp) upload(tok string, files map[string][]byte) *http.Response {
	a.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", tok)
	for name, data := range files {
		w, err := mw.CreateFormFile("files", name)
		if err != nil {
			a.t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", a.ts.URL+"/check?csrf="+url.QueryEscape(tok), &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := a.c.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	return resp
}

func (a *testApp) postForm(path string, v url.Values) *http.Response {
	a.t.Helper()
	resp, err := a.c.PostForm(a.ts.URL+path, v)
	if err != nil {
		a.t.Fatal(err)
	}
	return resp
}

func readAll(t *testing.T, r *http.Response) string {
	t.Helper()
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return string(b)
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
