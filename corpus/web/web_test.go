package web

import (
	"context"
	"encoding/csv"
	"html"
	"log"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/extract"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func newJar() http.CookieJar {
	j, _ := cookiejar.New(nil)
	return j
}

// reportOf returns the id of the agency's report for a year.
func (a *testApp) reportOf(agencyKey string, year int) int64 {
	a.t.Helper()
	sums, err := a.db.Overview(context.Background(), corpus.OverviewFilter{AgencyKey: agencyKey, Year: year})
	if err != nil || len(sums) != 1 {
		a.t.Fatalf("report of %s %d: %v (%d found)", agencyKey, year, err, len(sums))
	}
	return sums[0].ID
}

// TestPages opens every page of the application on the samples, on
// SQLite and PostgreSQL, and checks what each must show.
func TestPages(t *testing.T) {
	files := sampleFiles(t)
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			a := newApp(t, b, Options{}, files)
			ctx := context.Background()
			all, err := a.db.Overview(ctx, corpus.OverviewFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(all) < 8 {
				t.Fatalf("%d reports ingested, want at least 8", len(all))
			}
			// Overview: every agency and year, and the filters.
			body := a.page("/", "平潭综合实验区", "淮安市人民政府", "固原市科学技术局", "最常见的问题", `name="region"`, `name="rule"`)
			for _, r := range all {
				if !strings.Contains(body, "/report/"+strconv.FormatInt(r.ID, 10)+`"`) {
					t.Errorf("overview lacks a link to report %d (%s %d)", r.ID, r.Agency, r.Year)
				}
			}
			body = a.page("/?year=2024", "淮安市人民政府")
			if strings.Contains(body, "固原市科学技术局") {
				t.Error("year filter 2024 still lists 固原市科学技术局 (2020 only)")
			}
			body = a.page("/?rule=D2", "平潭综合实验区")
			if strings.Contains(body, "淮安市人民政府</a>") {
				t.Error("rule filter D2 lists 淮安 whose report has no D2 finding")
			}
			a.page("/?gen=legacy", "平潭综合实验区")
			a.page("/?region="+url.QueryEscape("淮安市"), "淮安市人民政府")
			a.page("/?page=99") // clamped to the last page

			// Every report page renders; pingtan 2020 shows its errors.
			for _, r := range all {
				a.page("/report/"+strconv.FormatInt(r.ID, 10), r.Agency, "审核发现")
			}
			p20 := a.reportOf("平潭综合实验区", 2020)
			body = a.page("/report/"+strconv.FormatInt(p20, 10), "表三", "自然人", "D2", "错误", "正文")
			if !regexp.MustCompile(`\d+(\+\d+)+ = \d+ ≠ \d+`).MatchString(html.UnescapeString(body)) {
				t.Error("pingtan 2020: no arithmetic of a failed sum on the report page")
			}
			// Cell evidence of a text or HTML source.
			body = a.page("/report/"+strconv.FormatInt(p20, 10)+"/cell?id=t3.granted.total", "t3.granted.total", "予以公开")
			if !strings.Contains(body, `class="mark"`) && !strings.Contains(body, `ln mark`) {
				t.Errorf("evidence page marks nothing:\n%s", excerpt(body))
			}
			if code, _, _ := a.get("/report/" + strconv.FormatInt(p20, 10) + "/cell?id=no.such.cell"); code != http.StatusNotFound {
				t.Errorf("unknown cell: %d, want 404", code)
			}
			if code, _, _ := a.get("/report/999999"); code != http.StatusNotFound {
				t.Errorf("unknown report: %d, want 404", code)
			}
			// A legacy report's rows link to their evidence.
			p11 := a.reportOf("平潭综合实验区", 2011)
			a.page("/report/"+strconv.FormatInt(p11, 10), "统计表")
			a.page("/report/"+strconv.FormatInt(p11, 10)+"/cell?legacy=0", "legacy:0")

			// Agency: years side by side, chart, cross-year findings.
			body = a.page("/agency?key="+url.QueryEscape("平潭综合实验区"), "历年报告", "跨年度发现", "<svg", "本年新收申请", "2022")
			if strings.Count(body, `<polyline`) == 0 {
				t.Error("agency chart draws no line")
			}
			if code, _, _ := a.get("/agency?key=" + url.QueryEscape("没有这个机关")); code != http.StatusNotFound {
				t.Errorf("unknown agency: %d, want 404", code)
			}

			// Compare: ranked, chart, CSV.
			body = a.page("/compare?field=t3.new_received.total&year=2022", "名次", "<svg", "平潭综合实验区", "导出 CSV")
			a.page("/compare?field=t3.new_received.total&year=2024&region="+url.QueryEscape("淮安市"), "淮安市人民政府")
			if code, _, _ := a.get("/compare?field=nope"); code != http.StatusNotFound {
				t.Errorf("unknown field: %d, want 404", code)
			}
			code, csvBody, h := a.get("/compare.csv?field=t3.new_received.total&year=2024")
			if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/csv") {
				t.Fatalf("compare.csv: %d %s", code, h.Get("Content-Type"))
			}
			rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvBody, "\ufeff"))).ReadAll()
			if err != nil || len(rows) < 2 || rows[0][1] != "agency" {
				t.Fatalf("compare.csv: %v\n%s", err, csvBody)
			}
			if rows[1][1] != "淮安市人民政府" || rows[1][7] != "3119" {
				t.Errorf("compare.csv first row %v, want 淮安市人民政府 3119", rows[1])
			}

			// Search: snippets with the words marked, links to reports.
			body = a.page("/search?q="+url.QueryEscape("信息处理费"), `<mark class="hit">`, "/report/")
			a.page("/search?q="+url.QueryEscape("这个词组不会出现在任何报告里ZZQ"), "没有找到")
			a.page("/search")

			// The upload form.
			a.page("/check", `type="file"`, `name="files"`, "multiple")
		})
	}
}

// TestCheckUpload uploads reports to the check form: the 27 ≠ 21 error
// of pingtan-2020.txt, a PDF with its page rendered and the cell boxed,
// a file that is not a report, a wrong type, an oversized upload, a
// missing CSRF token; then stores one with uploads enabled.
func TestCheckUpload(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			a := newApp(t, b, Options{Uploads: true, MaxUpload: 2 << 20}, nil)
			tok := a.csrf()

			resp := a.upload(tok, map[string][]byte{"pingtan-2020.txt": mustRead(t, filepath.Join(reportsDir, "pingtan-2020.txt"))})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("upload: %d\n%s", resp.StatusCode, readAll(t, resp))
			}
			loc := resp.Header.Get("Location")
			resp.Body.Close()
			if !regexp.MustCompile(`^/check/[0-9a-f]+/0$`).MatchString(loc) {
				t.Fatalf("upload redirects to %q", loc)
			}
			a.page(loc, "pingtan-2020.txt", "7+6+4+3+3+4 = 27 ≠ 21", "D2", "存入语料库")
			body := a.page(loc+"/cell?id=t3.results_total.total", "t3.results_total.total", "ln mark")
			if !strings.Contains(body, "D2") {
				t.Error("evidence of t3.results_total.total does not list its D2 finding")
			}

			// Several files at once, one of them not a report, one of a
			// type not accepted.
			resp = a.upload(tok, map[string][]byte{
				"guyuan-kjj-2020.txt": mustRead(t, filepath.Join(reportsDir, "guyuan-kjj-2020.txt")),
				"notes.txt":           []byte("会议纪要\n今天讨论了食堂的菜单。\n"),
				"macro.exe":           []byte("MZ\x90\x00"),
			})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("upload of three: %d\n%s", resp.StatusCode, readAll(t, resp))
			}
			loc3 := resp.Header.Get("Location")
			resp.Body.Close()
			a.page(loc3, "固原市科学技术局", "不是年报", "这不是一份政府信息公开工作年度报告", "不支持的文件类型")

			// Too large, no CSRF token, nothing chosen.
			resp = a.upload(tok, map[string][]byte{"big.txt": make([]byte, 3<<20)})
			if body := readAll(t, resp); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "太大") {
				t.Errorf("oversized upload: %d\n%s", resp.StatusCode, excerpt(body))
			}
			resp = a.upload("", map[string][]byte{"pingtan-2020.txt": []byte("x")})
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("upload without CSRF token: %d, want 403", resp.StatusCode)
			}
			resp.Body.Close()
			resp = a.upload(tok, nil)
			if body := readAll(t, resp); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "请选择") {
				t.Errorf("empty upload: %d", resp.StatusCode)
			}

			// A PDF: the page image with the cell's box.
			resp = a.upload(tok, map[string][]byte{"huaian-2024.pdf": mustRead(t, filepath.Join(reportsDir, "huaian-2024.pdf"))})
			locPDF := resp.Header.Get("Location")
			resp.Body.Close()
			if _, err := exec.LookPath("pdftoppm"); err != nil {
				if os.Getenv("CI") == "true" {
					t.Fatal("pdftoppm missing under CI=true")
				}
				t.Logf("pdftoppm missing: PDF page rendering not tested")
			} else {
				body := a.page(locPDF+"/cell?id=t3.new_received.total", `<svg class="page"`, `<rect class="mark"`, "3119")
				src := regexp.MustCompile(`<image href="([^"]+)"`).FindStringSubmatch(body)
				if src == nil {
					t.Fatalf("no page image in\n%s", excerpt(body))
				}
				code, png, h := a.get(src[1])
				if code != 200 || h.Get("Content-Type") != "image/png" || !strings.HasPrefix(png, "\x89PNG") {
					t.Errorf("page image %s: %d %s", src[1], code, h.Get("Content-Type"))
				}
				if code, _, _ := a.get(locPDF + "/page/999"); code != http.StatusNotFound {
					t.Errorf("page 999: %d, want 404", code)
				}
			}

			// Store the first upload; it becomes a report of the corpus.
			cid := strings.Split(loc, "/")[2]
			resp = a.postForm("/check/"+cid+"/store", url.Values{"csrf": {tok}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("store: %d\n%s", resp.StatusCode, readAll(t, resp))
			}
			resp.Body.Close()
			body = a.page("/check/"+cid, "已存入")
			m := regexp.MustCompile(`href="/report/(\d+)"`).FindStringSubmatch(body)
			if m == nil {
				t.Fatalf("no link to the stored report:\n%s", excerpt(body))
			}
			a.page("/report/"+m[1], "平潭综合实验区", "27 ≠ 21")
			a.page("/report/"+m[1]+"/cell?id=t3.results_total.total", "ln mark")
		})
	}
}

// TestReadOnly: without uploads nothing can be stored, and the form says
// the corpus is read-only.
func TestReadOnly(t *testing.T) {
	a := newApp(t, backend{"sqlite", filepath.Join(t.TempDir(), "ro.db")}, Options{}, nil)
	a.page("/check", "只读")
	tok := a.csrf()
	resp := a.upload(tok, map[string][]byte{"pingtan-2021.txt": mustRead(t, filepath.Join(reportsDir, "pingtan-2021.txt"))})
	loc := resp.Header.Get("Location")
	resp.Body.Close()
	body := a.page(loc, "平潭综合实验区")
	if strings.Contains(body, "存入语料库</button>") {
		t.Error("read-only server offers to store")
	}
	cid := strings.Split(loc, "/")[2]
	resp = a.postForm("/check/"+cid+"/store", url.Values{"csrf": {tok}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("store on a read-only server: %d, want 403", resp.StatusCode)
	}
	resp.Body.Close()
	all, _ := a.db.Overview(context.Background(), corpus.OverviewFilter{})
	if len(all) != 0 {
		t.Errorf("read-only server stored %d reports", len(all))
	}
}

// TestSecurity: report text is never markup, the token guards every page,
// no path leaves the assets, and a moved source file is explained.
func TestSecurity(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "report.txt")
	data := mustRead(t, filepath.Join(reportsDir, "pingtan-2021.txt"))
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := corpus.Open(context.Background(), filepath.Join(dir, "sec.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	g := ingester(db)
	parse := g.Parse
	const evil = `<script>alert("x")</script><img src=x onerror=alert(1)>`
	g.Parse = func(in extract.Input) (*extract.Record, error) {
		rec, err := parse(in)
		if err == nil {
			rec.Meta.Title = evil + rec.Meta.Title
			rec.Sections[0].Text = evil + rec.Sections[0].Text
		}
		return rec, err
	}
	if _, err := g.Ingest(context.Background(), []extract.Input{{Path: src}}); err != nil {
		t.Fatal(err)
	}
	srv, err := New(Options{DB: db, Token: "s3cret-token", Cut: runeCut, CacheDir: filepath.Join(dir, "cache")})
	if err != nil {
		t.Fatal(err)
	}
	a := &testApp{t: t, db: db, srv: srv}
	a.ts = httptestServer(t, srv)
	a.c = a.ts.Client()
	a.c.Jar = newJar()
	a.c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	// Without the token: every page redirects to the login form.
	for _, p := range []string{"/", "/report/1", "/compare", "/search?q=x", "/check"} {
		code, _, h := a.get(p)
		if code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/login") {
			t.Errorf("GET %s without token: %d %s", p, code, h.Get("Location"))
		}
	}
	tok := a.csrf()
	resp := a.postForm("/login", url.Values{"csrf": {tok}, "token": {"wrong"}, "next": {"/"}})
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", resp.StatusCode)
	}
	resp.Body.Close()
	resp = a.postForm("/login", url.Values{"csrf": {tok}, "token": {"s3cret-token"}, "next": {"//evil.example/"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Errorf("login: %d → %q, want 303 → /", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp.Body.Close()
	// A bearer token works for scripts.
	req, _ := http.NewRequest("GET", a.ts.URL+"/", nil)
	req.Header.Set("Authorization", "Bearer s3cret-token")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Errorf("bearer token: %v %v", err, resp)
	} else {
		resp.Body.Close()
	}

	// Markup in a report is text.
	for _, p := range []string{"/", "/report/1", "/agency?key=" + url.QueryEscape("平潭综合实验区"), "/search?q=" + url.QueryEscape("script")} {
		body := a.page(p)
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Errorf("GET %s: report markup reached the page unescaped", p)
		}
	}
	a.page("/report/1", "&lt;script&gt;alert")

	// Headers.
	_, _, h := a.get("/")
	if c := h.Get("Content-Security-Policy"); !strings.Contains(c, "script-src 'self'") || strings.Contains(c, "unsafe-inline") {
		t.Errorf("CSP %q", c)
	}
	if h.Get("X-Frame-Options") != "DENY" || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("headers: %v", h)
	}
	// No path outside the assets.
	for _, p := range []string{"/static/../web_test.go", "/static/..%2fserver.go", "/static/%2e%2e/%2e%2e/go.mod", "/report/1/page/..%2f..%2fetc%2fpasswd"} {
		code, body, _ := a.get(p)
		if code == 200 && (strings.Contains(body, "package web") || strings.Contains(body, "module ") || strings.Contains(body, "root:")) {
			t.Errorf("GET %s served a file outside the assets", p)
		}
	}
	a.page("/static/style.css", "--brand")
	// A cross-site POST is refused even with the cookie.
	req, _ = http.NewRequest("POST", a.ts.URL+"/login", strings.NewReader("csrf="+tok+"&token=s3cret-token"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://evil.example")
	if resp, err := a.c.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin POST: %v %v", err, resp)
	}

	// The source file moved away: the evidence page says so.
	if err := os.Rename(src, src+".moved"); err != nil {
		t.Fatal(err)
	}
	a.page("/report/1/cell?id=t3.granted.total", "源文件已不在入库时的位置", src)
	// … and came back changed.
	os.WriteFile(src, append(data, '\n'), 0o644)
	a.page("/report/1/cell?id=t3.granted.total", "被修改过")
}

func httptestServer(t *testing.T, h http.Handler) *httptest.Server {
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// TestCompareCSVSafe: the comparison download is a CSV a spreadsheet
// opens, so an agency name that reads as a formula is neutralised (OWASP:
// a leading quote) and a signed number stays a number.
func TestCompareCSVSafe(t *testing.T) {
	var files []extract.Input
	for _, in := range sampleFiles(t) {
		if strings.HasSuffix(in.Path, "huaian-2024-plain.txt") {
			files = append(files, in)
		}
	}
	a := newApp(t, backends(t)[0], Options{}, files)
	if _, err := a.db.SQL().Exec(`UPDATE reports SET agency = '=HYPERLINK("http://x")淮安', agency_key = '@SUM(A1)', region = '-15'`); err != nil {
		t.Fatal(err)
	}
	code, body, _ := a.get("/compare.csv?field=t3.new_received.total&year=2024")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if code != 200 || err != nil || len(rows) != 2 {
		t.Fatalf("compare.csv: %d %v\n%s", code, err, body)
	}
	if got := rows[1][1:4]; got[0] != `'=HYPERLINK("http://x")淮安` || got[1] != "'@SUM(A1)" || got[2] != "-15" {
		t.Errorf("agency, agency_key, region = %q", got)
	}
}

// TestCheckParserPanic: a parser bug on an uploaded file is that file's
// message (no stack on the page), the stack goes to the log, and the
// server goes on.
func TestCheckParserPanic(t *testing.T) {
	var logged strings.Builder
	opt := Options{
		Parse: func(context.Context, extract.Input) (*extract.Record, error) { panic("parser bug") },
		Log:   log.New(&logged, "", 0),
	}
	a := newApp(t, backend{"sqlite", filepath.Join(t.TempDir(), "panic.db")}, opt, nil)
	tok := a.csrf()
	resp := a.upload(tok, map[string][]byte{"pingtan-2021.txt": mustRead(t, filepath.Join(reportsDir, "pingtan-2021.txt"))})
	loc := resp.Header.Get("Location")
	resp.Body.Close()
	body := a.page(loc, "程序内部错误", "parser bug")
	if strings.Contains(body, "goroutine") {
		t.Error("the page shows the stack")
	}
	if !strings.Contains(logged.String(), "pingtan-2021.txt") || !strings.Contains(logged.String(), "TestCheckParserPanic") {
		t.Errorf("log %q lacks the file or the stack", logged.String())
	}
	a.page("/check", "上传")
}

// TestTextEvidenceLines: the evidence page of a text report numbers its
// lines as the text reader does (extract.TextLines), whatever the line
// endings and charset: here GB18030 with a lone "\r" between lines, where
// a split at "\n" alone saw one line.
func TestTextEvidenceLines(t *testing.T) {
	dir := t.TempDir()
	data := strings.ReplaceAll(string(mustRead(t, filepath.Join(reportsDir, "guyuan-kjj-2020.txt"))), "\r\n", "\n")
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(strings.ReplaceAll(data, "\n", "\r"))
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "guyuan-cr.txt")
	if err := os.WriteFile(src, []byte(gb), 0o644); err != nil {
		t.Fatal(err)
	}
	a := newApp(t, backend{"sqlite", filepath.Join(dir, "cr.db")}, Options{}, []extract.Input{{Path: src}})
	id := strconv.FormatInt(a.reportOf("固原市科学技术局", 2020), 10)
	body := a.page("/report/"+id+"/cell?id=t3.granted.total", "ln mark")
	m := regexp.MustCompile(`<span class="ln mark" id="mark"><span class="no">(\d+)</span>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no marked line:\n%s", excerpt(body))
	}
	want := strings.Split(data, "\n")
	no, _ := strconv.Atoi(m[1])
	if no < 2 || no > len(want) || !strings.Contains(want[no-1], "予以公开") {
		t.Fatalf("marked line %s; want the line of 予以公开", m[1])
	}
}
