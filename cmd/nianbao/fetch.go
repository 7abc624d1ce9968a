package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/corpus/fetch"
)

func init() {
	register("fetch", "download reports from government sites", func() command { return &fetchCommand{} })
}

type fetchCommand struct {
	stdout  io.Writer
	stderr  io.Writer
	stdin   io.Reader
	tty     bool                 // show progress (set from stderr when nil writers)
	options func(*fetch.Options) // tests adjust what has no flag
}

const fetchUsage = `usage: nianbao fetch -out DIR [flags] URL...

Download government information-disclosure annual reports (政府信息公开
工作年度报告) into DIR, politely and resumably. A URL may be a listing page
(the site's 年报 column: pagination, TRS and Hanweb listings are followed
and the entries titled 年度报告/年报 taken), a report page (kept, with the
PDF, DOC, DOCX, WPS and XLS files it links to) or a file.

DIR/manifest.jsonl gets one JSON line per file: url, final_url, title,
listing_url, published, status, content_type, size, sha256, fetched_at,
path (relative to DIR), error, kind. Running the same command again
fetches only what is missing or failed; 'nianbao parse DIR' reads the
files with their source URL, title and publication date.

Stays on the starting sites (use -allow-host for more), obeys robots.txt,
sends one request at a time per host, -delay apart, retries 429, 5xx and
timeouts with backoff. Links refused by robots.txt, leading to other
sites, not http(s) or over -max-pages/-max-entries are listed as skipped.
One run at a time writes into a folder (DIR/.lock): a second one refuses
at once, exit status 2. Exit status 1 if anything failed, with the
failures listed; 130 if interrupted (run again to resume).

Flags:
  -out DIR          directory to fetch into, created if need be (required)
  -list FILE        more URLs, one a line, # for comments; - for stdin
  -delay D          pause between two requests to one host (default 1s)
  -timeout D        limit on connecting and on each wait for data (default 30s)
  -max-size N       largest file kept: 500KB, 100MB, 2GB (MiB etc.); 0 = no limit
                    (default 100MB)
  -min-rate N       slowest transfer accepted, bytes a second averaged over each
                    -timeout window (default 1KB; 0 = none): a server dripping
                    bytes cannot hold a download
  -max-time D       longest one download may take (default 10m; 0 = no limit)
  -max-pages N      listing pages followed from one starting URL (default 500)
  -max-entries N    entries taken from one listing page, and attachments from one
                    report page (default 200); what is left is listed as skipped
  -retries N        retries after 429, 5xx, timeouts (default 3)
  -allow-host HOST  also fetch from HOST (repeatable, or comma-separated; * = any)
  -refresh          fetch listing pages again, to find newly published reports
  -title REGEXP     titles of the entries to take from listings
                    (default 年度报告|年报)
  -user-agent S     User-Agent to send (default: nianbao/<version> with a URL)
  -quiet            no progress and no summary; failures are still listed

Examples:
  nianbao fetch -out reports https://www.example.gov.cn/zwgk/zfxxgknb/
  nianbao fetch -out reports -list urls.txt -delay 2s
  nianbao fetch -out reports -max-size 50MB -allow-host file.example.gov.cn \
      https://www.example.gov.cn/col/col123/index.html
  nianbao fetch -out reports -refresh -quiet -list urls.txt && nianbao parse reports
`

type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }
func (h *hostList) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*h = append(*h, s)
		}
	}
	return nil
}

func (c *fetchCommand) Run(ctx context.Context, args []string) error {
	var (
		out, list, maxSize, ua, title string
		delay, timeout, maxTime       time.Duration
		retries, maxPages, maxEntries int
		minRate                       string
		refresh, quiet                bool
		hosts                         hostList
	)
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	fs.StringVar(&out, "out", "", "directory to fetch into")
	fs.StringVar(&list, "list", "", "file of URLs, one a line")
	fs.DurationVar(&delay, "delay", time.Second, "pause between requests to one host")
	fs.DurationVar(&timeout, "timeout", 30*time.Second, "limit on connecting and on each wait for data")
	fs.StringVar(&maxSize, "max-size", "100MB", "largest file kept")
	fs.StringVar(&minRate, "min-rate", "1KB", "slowest transfer accepted, per second over each -timeout window; 0 = none")
	fs.DurationVar(&maxTime, "max-time", 10*time.Minute, "longest one download may take; 0 = no limit")
	fs.IntVar(&maxPages, "max-pages", 500, "listing pages followed from one starting URL")
	fs.IntVar(&maxEntries, "max-entries", 200, "entries taken from one listing page, attachments from one report page")
	fs.IntVar(&retries, "retries", 3, "retries after 429, 5xx, timeouts")
	fs.Var(&hosts, "allow-host", "also fetch from this host")
	fs.BoolVar(&refresh, "refresh", false, "fetch listing pages again")
	fs.StringVar(&ua, "user-agent", "", "User-Agent to send")
	fs.StringVar(&title, "title", "", "regular expression for report titles on listings")
	fs.BoolVar(&quiet, "quiet", false, "no progress and no summary")
	if c.stderr == nil {
		c.stderr = os.Stderr
		c.tty = isTerminal(os.Stderr)
	}
	if c.stdout == nil {
		c.stdout = os.Stdout
	}
	if c.stdin == nil {
		c.stdin = os.Stdin
	}
	fs.SetOutput(c.stderr)
	if err := parseFlags(fs, fetchUsage, args); err != nil {
		return err
	}
	size, err := parseSize(maxSize)
	if err != nil {
		return &exitError{Code: 2, Err: fmt.Errorf("-max-size: %v", err)}
	}
	var titleRe *regexp.Regexp
	if title != "" {
		if titleRe, err = regexp.Compile(title); err != nil {
			return &exitError{Code: 2, Err: fmt.Errorf("-title: %v", err)}
		}
	}
	urls := fs.Args()
	if list != "" {
		more, err := c.readList(list)
		if err != nil {
			return &exitError{Code: 2, Err: err}
		}
		urls = append(urls, more...)
	}
	if out == "" || len(urls) == 0 {
		return &exitError{Code: 2, Err: errors.New("need -out DIR and at least one URL (see 'nianbao fetch -h')")}
	}

	rate, err := parseSize(minRate)
	if err != nil || maxPages <= 0 || maxEntries <= 0 || maxTime < 0 {
		return &exitError{Code: 2, Err: fmt.Errorf("bad -min-rate, -max-time, -max-pages or -max-entries (%v)", err)}
	}
	opt := fetch.Options{
		Delay: orNone(delay), Timeout: timeout, MaxSize: size, Retries: retries,
		UserAgent: ua, AllowHosts: hosts, Refresh: refresh, Title: titleRe,
		MinRate: rate, MaxTime: maxTime, MaxPages: maxPages, MaxEntries: maxEntries,
	}
	if rate == 0 {
		opt.MinRate = -1
	}
	if maxTime == 0 {
		opt.MaxTime = -1
	}
	if size == 0 {
		opt.MaxSize = -1
	}
	if retries == 0 {
		opt.Retries = -1
	}
	var bar *fetchProgress
	if c.tty && !quiet {
		bar = &fetchProgress{line: statusLine{w: c.stderr}}
		opt.Progress = bar.update
	}
	if c.options != nil {
		c.options(&opt)
	}
	sum, err := fetch.New(opt).Run(ctx, out, urls)
	bar.done()
	if errors.Is(err, fetch.ErrLocked) {
		return &exitError{Code: 2, Err: err}
	}
	if err != nil && ctx.Err() == nil {
		return err
	}
	if !quiet {
		c.summary(out, sum)
	}
	if len(sum.Failures) > 0 {
		fmt.Fprintf(c.stderr, "failed:\n")
		for _, p := range sum.Failures {
			fmt.Fprintf(c.stderr, "  %s: %s\n", p.URL, p.Err)
		}
	}
	switch {
	case ctx.Err() != nil:
		return &exitError{Code: 130, Err: errors.New("interrupted; run the same command again to resume")}
	case len(sum.Failures) > 0:
		return &exitError{Code: 1, Err: fmt.Errorf("%d failed (listed above; run again to retry them)", len(sum.Failures))}
	}
	return nil
}

func (c *fetchCommand) readList(name string) ([]string, error) {
	if name == "-" {
		return fetch.ReadURLs(c.stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return fetch.ReadURLs(f)
}

func (c *fetchCommand) summary(dir string, s fetch.Summary) {
	fmt.Fprintf(c.stdout, "%s: %d reports and files found, %d fetched, %d already there, %d failed, %d links skipped; %d listing pages read, %s downloaded\n",
		dir, s.Found, s.Fetched, s.Reused, s.Failed, s.Skipped, s.Listings, humanBytes(s.Bytes))
	if len(s.Skips) > 0 {
		fmt.Fprintf(c.stdout, "skipped:\n")
		for _, p := range s.Skips {
			fmt.Fprintf(c.stdout, "  %s: %s\n", p.URL, p.Err)
		}
	}
}

// orNone turns a flag's 0 ("no delay") into the library's "none".
func orNone(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// parseSize reads 123, 500KB, 100MB, 2GB (also K, M, G, KiB, MiB, GiB:
// all powers of 1024).
func parseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.m
			break
		}
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || n < 0 || n*float64(mult) > 1<<62 {
		return 0, fmt.Errorf("bad size %q (want e.g. 500KB, 100MB, 2GB)", s)
	}
	return int64(n * float64(mult)), nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// fetchProgress shows fetch's counts on a statusLine.
type fetchProgress struct{ line statusLine }

func (p *fetchProgress) update(c fetch.Counts) {
	p.line.show(fmt.Sprintf("fetch: %d listing pages, %d found, %d fetched, %d already there, %d failed, %s",
		c.Listings, c.Found, c.Fetched, c.Reused, c.Failed, humanBytes(c.Bytes)), false)
}

// done leaves the last counts on the terminal.
func (p *fetchProgress) done() {
	if p != nil {
		p.line.keep()
	}
}
