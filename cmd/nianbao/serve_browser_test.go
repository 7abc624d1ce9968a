package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/corpus/web"
)

// chromium returns the Chromium program, skipping the test (failing it
// under CI=true) when there is none.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed (CI=true: the browser test must run; apt-get install chromium)")
	}
	t.Skip("chromium is not installed: browser test skipped (apt-get install chromium)")
	return ""
}

// artifactDir is where the browser test saves its screenshots:
// $NIANBAO_ARTIFACTS/serve, else a directory under the system temp dir.
func artifactDir(t *testing.T) string {
	dir := os.Getenv("NIANBAO_ARTIFACTS")
	if dir == "" {
		dir = os.TempDir()
		dir = filepath.Join(dir, "nianbao-artifacts")
	}
	dir = filepath.Join(dir, "serve")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browserLog collects what the page reports: console errors, uncaught
// exceptions, failed requests and HTTP error responses.
type browserLog struct {
	mu       sync.Mutex
	problems []string
}

func (l *browserLog) add(format string, args ...any) {
	l.mu.Lock()
	l.problems = append(l.problems, fmt.Sprintf(format, args...))
	l.mu.Unlock()
}

func (l *browserLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	p := l.problems
	l.problems = nil
	return p
}

// TestServeBrowser drives the application in headless Chromium as a user
// would: overview → report → cell evidence → agency → compare, a search,
// and uploads (the 27 ≠ 21 report, a PDF, a file that is not a report).
// Every page must load without a console error or a failed request; a
// screenshot of each is saved (see artifactDir).
func TestServeBrowser(t *testing.T) {
	bin := chromium(t)
	if testing.Short() {
		t.Skip("-short: browser test skipped")
	}
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "nianbao.db")
	args := []string{"-db", dsn, "-quiet"}
	for _, s := range []string{"pingtan-2011.txt", "pingtan-2018.txt", "pingtan-2020.txt", "pingtan-2020-page.html", "pingtan-2021.txt",
		"pingtan-2021-page.html", "pingtan-2022.txt", "pingtan-2022-page.html", "guyuan-kjj-2020.txt", "huaian-2024-word.html", "huaian-2024.pdf"} {
		args = append(args, filepath.Join("../../testdata/reports", s))
	}
	var errb bytes.Buffer
	if err := (&ingestCommand{stdout: &errb, stderr: &errb}).Run(ctx, args); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb.String())
	}
	db, err := corpus.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	opt, err := serveOptions(db, &corpus.Agencies{}, true)
	if err != nil {
		t.Fatal(err)
	}
	opt.UploadDir, opt.CacheDir = filepath.Join(t.TempDir(), "uploads"), filepath.Join(t.TempDir(), "cache")
	app, err := web.New(opt)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	ts := httptest.NewServer(app)
	defer ts.Close()

	allocOpts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, allocOpts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	bctx, cancelTime := context.WithTimeout(bctx, 90*time.Second)
	defer cancelTime()

	blog := &browserLog{}
	// Open the tab first, so that the listener misses nothing.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Listen(bctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				blog.add("console %s: %s", e.Type, strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			blog.add("exception: %s", e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				blog.add("log %s (%s): %s %s", e.Entry.Level, e.Entry.Source, e.Entry.Text, e.Entry.URL)
			}
		case *network.EventLoadingFailed:
			if !e.Canceled {
				blog.add("request failed: %s %s", e.ErrorText, e.BlockedReason)
			}
		case *network.EventResponseReceived:
			if e.Response.Status >= 400 {
				blog.add("HTTP %d %s", int(e.Response.Status), e.Response.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := artifactDir(t)
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			png, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return chromedp.Void{}, err
			}
			return chromedp.Void{}, os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
		}
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	// step runs actions that load a page (a click on a link, a form
	// submitted, a navigation), waits for the page, checks its status,
	// its text and what the browser reported meanwhile, and saves a
	// screenshot.
	step := func(name string, want []string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		start := time.Now()
		resp, err := chromedp.RunResponse(bctx, actions...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if resp.Status != 200 {
			t.Errorf("%s: HTTP %d %s", name, int(resp.Status), resp.URL)
		}
		if err := chromedp.Do(bctx, chromedp.WaitReady(css("footer")), chromedp.Sleep(100*time.Millisecond), shot(name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		text, err := chromedp.Run(bctx, chromedp.Text(css("body")))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: page lacks %q", name, w)
			}
		}
		for _, p := range blog.take() {
			t.Errorf("%s: %s", name, p)
		}
		t.Logf("%s: %s %s", name, resp.URL, time.Since(start).Round(time.Millisecond))
	}
	click := func(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(css(sel)) }
	here := func() string {
		u, err := chromedp.Run(bctx, chromedp.Evaluate[string](`location.href`))
		if err != nil {
			t.Fatal(err)
		}
		return u
	}

	step("01-overview", []string{"总览", "平潭综合实验区", "淮安市人民政府", "最常见的问题"}, chromedp.Navigate(ts.URL+"/"))
	// The pingtan 2020 report: the matrix cell with errors.
	step("02-report", []string{"审核发现", "表三", "自然人", "D2", "正文"}, click(`table.matrix td.rep a.error`))
	report := here()
	step("03-evidence", []string{"出处", "状态", "原文"}, click(`td.c.sev-error a`))
	step("04-report-again", []string{"审核发现"}, chromedp.Navigate(report))
	step("05-agency", []string{"历年报告", "跨年度发现", "主要数字历年变化"}, click(`p.sub a[href^="/agency"]`))
	step("06-compare", []string{"名次", "导出 CSV"}, click(`table.tpl td a[href^="/compare"]`))
	step("07-compare-2024", []string{"名次", "淮安市人民政府"}, chromedp.Navigate(ts.URL+"/compare?field=t3.new_received.total&year=2024"))
	step("08-search", []string{"信息处理费"},
		chromedp.SetValue(css(`header input[type=search]`), "信息处理费"),
		chromedp.Submit(css(`header input[type=search]`)))
	if marks, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll("mark.hit").length`)); err != nil || marks == 0 {
		t.Errorf("search marks %d words (%v)", marks, err)
	}

	// Uploads: the 27 ≠ 21 report and a PDF together, then a file that
	// is not a report, then one stored in the corpus.
	abs := func(name string) string {
		p, _ := filepath.Abs(filepath.Join("../../testdata/reports", name))
		return p
	}
	notReport := filepath.Join(t.TempDir(), "minutes.txt")
	os.WriteFile(notReport, []byte("会议纪要\n讨论了食堂菜单和停车位。\n"), 0o644)
	step("09-check-form", []string{"检查报告", "把文件拖到这里"}, chromedp.Navigate(ts.URL+"/check"))
	if err := chromedp.Do(bctx, chromedp.SetUploadFiles(css(`#files`), []string{abs("pingtan-2020.txt"), abs("huaian-2024.pdf")})); err != nil {
		t.Fatal(err)
	}
	step("10-checked", []string{"检查结果", "平潭综合实验区", "淮安市人民政府"}, click(`#checkform button[type=submit]`))
	checked := here()
	step("11-check-report", []string{"7+6+4+3+3+4 = 27 ≠ 21", "存入语料库"}, click(`table a[href$="/0"]`))
	step("12-check-evidence", []string{"出处"}, click(`td.c.sev-error a`))
	step("13-checked-again", []string{"检查结果"}, chromedp.Navigate(checked))
	step("14-pdf-report", []string{"淮安市人民政府"}, click(`table a[href$="/1"]`))
	step("15-pdf-evidence", []string{"出处", "3119"}, click(`a[href*="cell?id=t3.new_received.total"]`))
	ok, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`fetch(document.querySelector("svg.page image").getAttribute("href")).then(r => r.ok && r.headers.get("content-type") === "image/png")`, chromedp.EvalAwaitPromise))
	if err != nil || !ok {
		t.Errorf("the PDF page image is not a PNG: %v", err)
	}
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`!!document.querySelector("svg.page rect.mark")`)); err != nil {
		t.Errorf("no box on the PDF page: %v", err)
	}
	step("16-check-form", nil, chromedp.Navigate(ts.URL+"/check"))
	chromedp.Do(bctx, chromedp.SetUploadFiles(css(`#files`), []string{notReport}))
	step("17-not-a-report", []string{"不是年报"}, click(`#checkform button[type=submit]`))
	step("18-check-form", nil, chromedp.Navigate(ts.URL+"/check"))
	chromedp.Do(bctx, chromedp.SetUploadFiles(css(`#files`), []string{abs("guyuan-kjj-2020.txt")}))
	step("19-guyuan", []string{"固原市科学技术局", "存入语料库"}, click(`#checkform button[type=submit]`))
	step("20-stored", []string{"已存入"}, click(`form[action$="/store"] button`))
	step("21-stored-report", []string{"固原市科学技术局"}, click(`a[href^="/report/"]`))
	t.Logf("screenshots in %s", dir)
}
