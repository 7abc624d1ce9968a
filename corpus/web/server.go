package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/extract"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options configure the application. DB is required; the rest have
// working zero values, described on each field.
type Options struct {
	DB *corpus.DB

	// Parse parses (and annotates the narrative of) one uploaded file,
	// the same code as `nianbao parse`/`audit`. Nil: extract.ParseFile
	// without narrative fields (D7 then has no counts to compare).
	Parse func(ctx context.Context, in extract.Input) (*extract.Record, error)
	// Cut cuts a search query into words as the index was cut. Nil: the
	// search page says search is not available.
	Cut func(string) []string
	// Ingester stores uploaded reports on request. Nil, or Uploads false:
	// uploads are checked but not stored (the corpus is read-only).
	Ingester *corpus.Ingester
	Uploads  bool
	// UploadDir keeps the files of stored uploads (the corpus records
	// their path, for the evidence view). Zero: "nianbao-uploads" in the
	// working directory.
	UploadDir string

	// Token, when set, is required on every request: as the cookie the
	// login form sets, or an "Authorization: Bearer" header.
	Token string

	// MaxUpload caps one upload request (all files). Zero: 50 MiB.
	MaxUpload int64
	// MaxFiles caps the files of one upload. Zero: 20.
	MaxFiles int
	// ParseTimeout bounds the parse of one uploaded file. Zero: 90 s.
	ParseTimeout time.Duration

	// Pdftoppm and Pdftotext name the poppler programs used to show a
	// PDF page with a cell marked. Zero: looked up on PATH.
	Pdftoppm, Pdftotext string
	// RenderTimeout bounds one page render. Zero: 20 s.
	RenderTimeout time.Duration
	// CacheDir holds rendered pages. Zero: a directory under os.TempDir.
	CacheDir string

	// Log receives one line per failed request. Nil: log.Default().
	Log *log.Logger
}

// Server is the web application; it is an http.Handler.
type Server struct {
	opt    Options
	mux    *http.ServeMux
	tmpl   map[string]*template.Template
	static http.Handler
	checks *checkStore
	render *renderer
	snaps  snapCache
}

// New returns the application for opt.
func New(opt Options) (*Server, error) {
	if opt.DB == nil {
		return nil, errors.New("web: Options.DB is nil")
	}
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = 50 << 20
	}
	if opt.MaxFiles <= 0 {
		opt.MaxFiles = 20
	}
	if opt.ParseTimeout <= 0 {
		opt.ParseTimeout = 90 * time.Second
	}
	if opt.RenderTimeout <= 0 {
		opt.RenderTimeout = 20 * time.Second
	}
	if opt.UploadDir == "" {
		opt.UploadDir = "nianbao-uploads"
	}
	if opt.CacheDir == "" {
		opt.CacheDir = filepath.Join(os.TempDir(), "nianbao-serve-cache")
	}
	if opt.Log == nil {
		opt.Log = log.Default()
	}
	if opt.Parse == nil {
		opt.Parse = func(_ context.Context, in extract.Input) (*extract.Record, error) {
			return extract.ParseFile(in.Path, extract.Options{Input: in})
		}
	}
	s := &Server{opt: opt, mux: http.NewServeMux()}
	if err := s.loadTemplates(); err != nil {
		return nil, err
	}
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	s.static = http.StripPrefix("/static/", http.FileServerFS(sub))
	s.checks = newCheckStore()
	s.render = newRenderer(opt.Pdftoppm, opt.Pdftotext, opt.CacheDir, opt.RenderTimeout)
	s.routes()
	go s.snapshot(context.Background()) // warm the overview's snapshot
	return s, nil
}

// Close removes the files of pending (unstored) uploads.
func (s *Server) Close() error {
	s.checks.closeAll()
	return nil
}

func (s *Server) routes() {
	m := s.mux
	m.Handle("GET /static/", s.static)
	m.HandleFunc("GET /{$}", s.overview)
	m.HandleFunc("GET /report/{id}", s.report)
	m.HandleFunc("GET /report/{id}/cell", s.reportCell)
	m.HandleFunc("GET /report/{id}/page/{n}", s.reportPage)
	m.HandleFunc("GET /agency", s.agency)
	m.HandleFunc("GET /compare", s.compare)
	m.HandleFunc("GET /compare.csv", s.compareCSV)
	m.HandleFunc("GET /search", s.search)
	m.HandleFunc("GET /check", s.checkForm)
	m.HandleFunc("POST /check", s.checkUpload)
	m.HandleFunc("GET /check/{cid}", s.checkResult)
	m.HandleFunc("GET /check/{cid}/{n}", s.checkReport)
	m.HandleFunc("GET /check/{cid}/{n}/cell", s.checkCell)
	m.HandleFunc("GET /check/{cid}/{n}/page/{p}", s.checkPage)
	m.HandleFunc("POST /check/{cid}/store", s.checkStore)
	m.HandleFunc("GET /login", s.loginForm)
	m.HandleFunc("POST /login", s.login)
	m.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})
}

// Content-Security-Policy of every response: nothing but this origin's
// scripts, styles and images; no inline script or style, no frames, no
// plugins, forms post only here.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
	"font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

const (
	tokenCookie = "nianbao_token"
	csrfCookie  = "nianbao_csrf"
	csrfField   = "csrf"
)

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if s.opt.Token != "" && !s.authorized(r) && r.URL.Path != "/login" && !strings.HasPrefix(r.URL.Path, "/static/") {
		if r.Method == http.MethodGet {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		s.fail(w, r, http.StatusUnauthorized, "需要访问令牌。", nil)
		return
	}
	if r.Method == http.MethodPost && !s.csrfOK(r) {
		s.fail(w, r, http.StatusForbidden, "表单已过期或来源不明（CSRF 校验失败）：请重新打开页面后再提交。", nil)
		return
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) authorized(r *http.Request) bool {
	if c, err := r.Cookie(tokenCookie); err == nil && equal(c.Value, s.opt.Token) {
		return true
	}
	if a, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && equal(a, s.opt.Token) {
		return true
	}
	return false
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// csrfToken returns the request's CSRF token, setting the cookie that
// holds it when the browser has none yet (double-submit: a form carries
// the cookie's value in a hidden field, which another site cannot read).
func csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 32 {
		return c.Value
	}
	v := randomHex(16)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	// Later reads in this request see it too.
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: v})
	return v
}

func (s *Server) csrfOK(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
		return false
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil || len(c.Value) != 32 {
		return false
	}
	// The field is read from the query for multipart forms too big to
	// parse before checking; forms put it in both.
	v := r.URL.Query().Get(csrfField)
	if v == "" && !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		v = r.PostFormValue(csrfField)
	}
	return equal(v, c.Value)
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b)
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	s.page(w, r, "login", "登录", map[string]any{"Next": safeNext(r.URL.Query().Get("next")), "Bad": false})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.PostFormValue("next"))
	if s.opt.Token == "" || !equal(r.PostFormValue("token"), s.opt.Token) {
		w.WriteHeader(http.StatusUnauthorized)
		s.page(w, r, "login", "登录", map[string]any{"Next": next, "Bad": true})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: s.opt.Token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// safeNext keeps a redirect target on this site: a path, never a URL of
// another host ("//evil" or "/\evil" included).
func safeNext(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// loadTemplates parses base.html with each page template.
func (s *Server) loadTemplates() error {
	s.tmpl = map[string]*template.Template{}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	for _, n := range names {
		base := strings.TrimSuffix(filepath.Base(n), ".html")
		if base == "base" || strings.HasPrefix(base, "_") {
			continue
		}
		files := []string{"templates/base.html", n}
		parts, _ := fs.Glob(templateFS, "templates/_*.html")
		files = append(files, parts...)
		t, err := template.New("base.html").Funcs(funcs).ParseFS(templateFS, files...)
		if err != nil {
			return fmt.Errorf("web: template %s: %w", n, err)
		}
		s.tmpl[base] = t
	}
	return nil
}

// pageData is what base.html reads; Data is the page's own.
type pageData struct {
	Title   string
	Nav     string
	CSRF    string
	Query   string
	Uploads bool
	Data    any
}

// bufPool holds render buffers: a page is rendered whole before any byte
// is sent, so that a template error gives an error page, not half a page.
var bufPool = sync.Pool{New: func() any { return new(strings.Builder) }}

func (s *Server) page(w http.ResponseWriter, r *http.Request, name, title string, data any) {
	t := s.tmpl[name]
	if t == nil {
		s.fail(w, r, http.StatusInternalServerError, "内部错误：没有模板 "+name, nil)
		return
	}
	pd := pageData{Title: title, Nav: name, CSRF: csrfToken(w, r), Query: r.URL.Query().Get("q"),
		Uploads: s.opt.Uploads && s.opt.Ingester != nil, Data: data}
	b := bufPool.Get().(*strings.Builder)
	defer func() { b.Reset(); bufPool.Put(b) }()
	if err := t.Execute(b, pd); err != nil {
		s.opt.Log.Printf("nianbao serve: %s: template %s: %v", r.URL.Path, name, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(b.String()))
}

// fail shows an error page with a Chinese message; err (if any) is logged
// and shown as detail.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, msg string, err error) {
	detail := ""
	if err != nil {
		detail = err.Error()
		if code >= 500 {
			s.opt.Log.Printf("nianbao serve: %s %s: %v", r.Method, r.URL.Path, err)
		}
	}
	w.WriteHeader(code)
	s.page(w, r, "error", "出错了", map[string]any{"Code": code, "Message": msg, "Detail": detail})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, what string) {
	s.fail(w, r, http.StatusNotFound, what, nil)
}

// dbFail maps a corpus error to a page: not found, or an internal error.
func (s *Server) dbFail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, corpus.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "语料库中没有这一项。", err)
		return
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		s.fail(w, r, http.StatusServiceUnavailable, "查询超时或已取消。", err)
		return
	}
	s.fail(w, r, http.StatusInternalServerError, "读取语料库时出错。", err)
}
