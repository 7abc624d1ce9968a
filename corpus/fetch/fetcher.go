package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/publicsuffix"
)

// DefaultUserAgent names the fetcher honestly; its first word is the
// token matched against robots.txt groups.
const DefaultUserAgent = "nianbao/0.1 (+https://github.com/nianbao/nianbao; fetches government information-disclosure annual reports for research)"

// Options control a Fetcher. The zero value is ready to use.
type Options struct {
	// Delay is the pause between the end of one request to a host and
	// the start of the next. Zero means 1s; negative means none. A
	// longer robots.txt Crawl-delay (up to a minute) wins.
	Delay time.Duration
	// Timeout bounds connecting and every wait for data: for the
	// response headers and, while reading, for the next bytes. Zero
	// means 30s.
	Timeout time.Duration
	// MaxSize is the largest file kept, in bytes; a larger one fails
	// with ErrTooLarge and leaves nothing on disk. Zero means 100 MiB;
	// negative means no limit.
	MaxSize int64
	// Retries is how many more times a request is tried after a 429, a
	// 5xx, a timeout or a network error. Zero means 3; negative means
	// none.
	Retries int
	// Backoff is the wait before the first retry, doubled before each
	// next one; a longer Retry-After from the server wins. Zero means 2s.
	Backoff time.Duration
	// MaxRetryAfter is the longest Retry-After honoured: a server asking
	// for more fails the file at once. Zero means 2 minutes.
	MaxRetryAfter time.Duration
	// UserAgent is sent with every request. Zero means DefaultUserAgent.
	UserAgent string
	// AllowHosts lists hosts (host or host:port) that may be fetched
	// besides the sites of the starting URLs; "*" allows every host.
	// A site is a registrable domain, so www.x.gov.cn and xxgk.x.gov.cn
	// are one site. Zero (nil) means stay on the starting sites.
	AllowHosts []string
	// Refresh fetches listing pages again, to find reports published
	// since the last run. Zero means listing pages already in the
	// directory are read from there, so a second run fetches nothing.
	Refresh bool
	// Title selects the report entries of a listing by their titles.
	// Nil means DefaultTitle.
	Title *regexp.Regexp
	// MaxPages caps the listing pages followed from one starting URL.
	// Zero means 500.
	MaxPages int
	// Workers is how many requests may run at once, to different hosts:
	// one host never gets more than one at a time. Zero means 4.
	Workers int
	// Progress, if not nil, is called with the running counts after
	// each change, by one goroutine at a time. Nil means no reports.
	Progress func(Counts)
	// Client makes the requests. Nil means a client whose connect and
	// TLS handshake time out after Timeout. Its redirect policy is not
	// used: the fetcher follows redirects itself, checking each hop.
	Client *http.Client
}

// Counts are the running totals of a Run.
type Counts struct {
	Listings int   // listing pages read
	Found    int   // report pages and files met
	Fetched  int   // report pages and files downloaded by this run
	Reused   int   // report pages and files already complete in the directory
	Failed   int   // pages and files that could not be fetched
	Skipped  int   // links not followed: other sites, robots.txt, not http(s)
	Bytes    int64 // bytes downloaded by this run
}

// Problem is a URL that failed or was skipped, and why.
type Problem struct {
	URL string
	Err string
}

// Summary is the outcome of a Run.
type Summary struct {
	Counts
	Failures []Problem // sorted by URL
	Skips    []Problem // sorted by URL
}

// Fetcher downloads reports into a directory. Create it with New.
type Fetcher struct {
	opt    Options
	client *http.Client
}

// New returns a Fetcher with opt's zero fields set to their defaults.
func New(opt Options) *Fetcher {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		} else if *d < 0 {
			*d = 0
		}
	}
	def(&opt.Delay, time.Second)
	def(&opt.Timeout, 30*time.Second)
	def(&opt.Backoff, 2*time.Second)
	def(&opt.MaxRetryAfter, 2*time.Minute)
	switch {
	case opt.MaxSize == 0:
		opt.MaxSize = 100 << 20
	case opt.MaxSize < 0:
		opt.MaxSize = -1
	}
	switch {
	case opt.Retries == 0:
		opt.Retries = 3
	case opt.Retries < 0:
		opt.Retries = 0
	}
	if opt.UserAgent == "" {
		opt.UserAgent = DefaultUserAgent
	}
	if opt.Title == nil {
		opt.Title = DefaultTitle
	}
	if opt.MaxPages <= 0 {
		opt.MaxPages = 500
	}
	if opt.Workers <= 0 {
		opt.Workers = 4
	}
	client := newClient(opt.Timeout)
	if opt.Client != nil {
		c := *opt.Client
		client = &c
	}
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &Fetcher{opt: opt, client: client}
}

// task is one URL to fetch.
type task struct {
	url       *url.URL
	kind      string // "" for a starting URL, whose kind its content tells
	title     string
	published string
	listing   string
	seed      *seed
}

// seed counts the listing pages followed from one starting URL.
type seed struct {
	mu    sync.Mutex
	pages int
}

// take counts one more listing page; false once max are taken.
func (s *seed) take(max int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pages >= max {
		return false
	}
	s.pages++
	return true
}

// crawl is the state of one Run.
type crawl struct {
	*Fetcher
	ctx   context.Context
	dir   string
	store *store
	man   *manifestWriter

	// entMu orders storing files and writing the manifest, and guards
	// latest, the newest entry of each URL (from earlier runs too).
	entMu  sync.Mutex
	latest map[string]Entry
	sites  map[string]bool
	gates  gates

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []*task
	pending int
	seen    map[string]bool
	sum     Summary

	robotsMu sync.Mutex
	robots   map[string]*robotsEntry
}

// Run fetches urls (listing pages, report pages or files) into dir, which
// it creates if need be, and appends to dir/manifest.jsonl as it goes.
// URLs that are complete in the manifest are not fetched again. Failures
// are in the Summary; the error is for what stops the run: dir not
// usable, a malformed manifest, or ctx done (then what was complete is
// kept, and another Run goes on from there).
func (f *Fetcher) Run(ctx context.Context, dir string, urls []string) (Summary, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Summary{}, err
	}
	old, err := ReadManifest(dir)
	if err != nil {
		return Summary{}, err
	}
	st, err := newStore(dir, old)
	if err != nil {
		return Summary{}, err
	}
	man, err := openManifest(dir)
	if err != nil {
		return Summary{}, err
	}
	defer man.Close()
	c := &crawl{Fetcher: f, ctx: ctx, dir: dir, store: st, man: man,
		latest: map[string]Entry{}, sites: map[string]bool{}, seen: map[string]bool{},
		robots: map[string]*robotsEntry{}}
	c.cond = sync.NewCond(&c.mu)
	for _, e := range old {
		c.latest[e.URL] = e
	}
	var seeds []*url.URL
	for _, raw := range urls {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			c.problem(&c.sum.Failures, raw, fmt.Errorf("%w: %q", ErrScheme, raw))
			continue
		}
		u.Fragment = ""
		seeds = append(seeds, u)
		c.sites[siteOf(u)] = true
	}
	for _, u := range seeds {
		c.enqueue(&task{url: u, seed: &seed{}}, "")
	}
	stop := context.AfterFunc(ctx, func() { c.mu.Lock(); c.cond.Broadcast(); c.mu.Unlock() })
	defer stop()
	var wg sync.WaitGroup
	for range f.opt.Workers {
		wg.Add(1)
		go func() { defer wg.Done(); c.work() }()
	}
	wg.Wait()
	sortProblems(c.sum.Failures)
	sortProblems(c.sum.Skips)
	return c.sum, ctx.Err()
}

func sortProblems(p []Problem) {
	sort.SliceStable(p, func(i, j int) bool { return p[i].URL < p[j].URL })
}

func (c *crawl) work() {
	for {
		c.mu.Lock()
		for len(c.queue) == 0 && c.pending > 0 && c.ctx.Err() == nil {
			c.cond.Wait()
		}
		if len(c.queue) == 0 || c.ctx.Err() != nil {
			c.mu.Unlock()
			return
		}
		t := c.queue[0]
		c.queue = c.queue[1:]
		c.mu.Unlock()

		c.do(t)

		c.mu.Lock()
		c.pending--
		c.cond.Broadcast()
		c.mu.Unlock()
	}
}

// enqueue adds t unless its URL was met before or may not be fetched.
func (c *crawl) enqueue(t *task, from string) {
	if err := c.check(t.url); err != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		if !c.seen["skip "+normURL(t.url)] {
			c.seen["skip "+normURL(t.url)] = true
			c.skip(t.url.String(), fmt.Errorf("%w (linked from %s)", err, from))
		}
		return
	}
	key := normURL(t.url)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen[key] {
		return
	}
	if t.kind == KindListing && !t.seed.take(c.opt.MaxPages) {
		return
	}
	c.seen[key] = true
	c.queue = append(c.queue, t)
	c.pending++
	c.cond.Broadcast()
}

// check says whether u may be fetched at all.
func (c *crawl) check(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w: %s", ErrScheme, u.Scheme)
	}
	if u.Host == "" {
		return ErrScheme
	}
	if c.sites[siteOf(u)] {
		return nil
	}
	h := strings.ToLower(u.Host)
	for _, a := range c.opt.AllowHosts {
		a = strings.ToLower(a)
		if a == "*" || a == h || a == strings.ToLower(u.Hostname()) {
			return nil
		}
	}
	return fmt.Errorf("%w: %s", ErrOffSite, u.Host)
}

// siteOf is the registrable domain of u's host, with a non-default port:
// www.x.gov.cn and xxgk.x.gov.cn are one site.
func siteOf(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	site := host
	if net.ParseIP(host) == nil {
		if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
			site = d
		}
	}
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		site += ":" + p
	}
	return site
}

// normURL is the key a URL is known by: lower-case scheme and host, no
// default port, no fragment.
func normURL(u *url.URL) string {
	v := *u
	v.Scheme = strings.ToLower(v.Scheme)
	v.Host = strings.ToLower(v.Host)
	if (v.Scheme == "http" && v.Port() == "80") || (v.Scheme == "https" && v.Port() == "443") {
		v.Host = v.Hostname()
	}
	v.Fragment = ""
	if v.Path == "" {
		v.Path = "/"
	}
	return v.String()
}

func (c *crawl) progress(f func(*Counts)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f(&c.sum.Counts)
	if c.opt.Progress != nil {
		c.opt.Progress(c.sum.Counts)
	}
}

// problem and skip are called with c.mu held or before the workers start.
func (c *crawl) problem(list *[]Problem, u string, err error) {
	*list = append(*list, Problem{URL: u, Err: err.Error()})
	c.sum.Failed++
	if c.opt.Progress != nil {
		c.opt.Progress(c.sum.Counts)
	}
}

func (c *crawl) skip(u string, err error) {
	c.sum.Skips = append(c.sum.Skips, Problem{URL: u, Err: err.Error()})
	c.sum.Skipped++
	if c.opt.Progress != nil {
		c.opt.Progress(c.sum.Counts)
	}
}

// do fetches one task, or reads it back from the directory when a
// previous run completed it, and follows its links.
func (c *crawl) do(t *task) {
	key := t.url.String()
	c.entMu.Lock()
	prev, ok := c.latest[key]
	c.entMu.Unlock()
	if ok && prev.OK() && c.store.present(prev) &&
		!(c.opt.Refresh && prev.Kind == KindListing) {
		c.progress(func(k *Counts) {
			if prev.Kind == KindListing {
				k.Listings++
			} else {
				k.Found++
				k.Reused++
			}
		})
		if prev.Kind == KindListing || prev.Kind == KindPage {
			body, err := c.store.read(prev)
			final, perr := url.Parse(prev.FinalURL)
			if err == nil && perr == nil {
				info := parsePage(body, prev.ContentType, final, c.opt.Title)
				c.follow(t, prev.Kind, prev, info)
			}
		}
		return
	}

	r, err := c.get(c.ctx, t.url, c.opt.MaxSize, true)
	if c.ctx.Err() != nil {
		if r != nil && r.tmp != "" {
			os.Remove(r.tmp)
		}
		return // not recorded: the next run fetches it
	}
	e := Entry{URL: key, FinalURL: key, Title: t.title, ListingURL: t.listing, Published: t.published,
		FetchedAt: time.Now().UTC().Format(time.RFC3339), Kind: t.kind}
	if e.Kind == "" {
		e.Kind = KindPage
	}
	if r != nil {
		e.Status, e.ContentType = r.status, r.contentType
		if r.finalURL != nil {
			e.FinalURL = r.finalURL.String()
		}
	}
	var ue *URLError
	if errors.As(err, &ue) {
		e.Status = ue.Status
		// A link we may not follow is skipped; a starting URL the user
		// asked for fails, so that the exit status tells.
		if t.kind != "" && (errors.Is(err, ErrRobots) || errors.Is(err, ErrOffSite) || errors.Is(err, ErrScheme)) {
			c.mu.Lock()
			c.skip(key, ue.Err)
			c.mu.Unlock()
			return
		}
	}
	if err != nil {
		c.fail(t, e, err)
		return
	}

	var info *pageInfo
	if t.kind != KindAttachment && isHTML(r.contentType, r.tmp) {
		body, rerr := os.ReadFile(r.tmp)
		if rerr != nil {
			os.Remove(r.tmp)
			c.fail(t, e, rerr)
			return
		}
		info = parsePage(body, r.contentType, r.finalURL, c.opt.Title)
		if t.kind == KindListing || info.isListing() {
			e.Kind = KindListing
		}
		if e.Title == "" || e.Kind == KindListing {
			e.Title = info.Title
		}
		if e.Published == "" {
			e.Published = info.Published
		}
	} else {
		e.Kind = KindAttachment
	}
	e.Size, e.SHA256 = r.size, r.sum
	if err := c.record(&e, r.tmp, relPath(e.Kind, r.finalURL, r.contentType, r.disposition)); err != nil {
		os.Remove(r.tmp)
		e.Path, e.Size, e.SHA256 = "", 0, ""
		c.fail(t, e, err)
		return
	}
	c.progress(func(k *Counts) {
		if e.Kind == KindListing {
			k.Listings++
		} else {
			k.Found++
			k.Fetched++
		}
	})
	if info != nil && (t.kind == KindListing || e.Kind != KindListing || t.seed.take(c.opt.MaxPages)) {
		c.follow(t, e.Kind, e, info)
	}
}

// record stores the complete file tmp and writes e to the manifest. When
// the same content is already stored under a name that sorts after rel,
// the file moves to rel and the entries that pointed to it are written
// again, so that where a file ends up does not depend on crawl order.
func (c *crawl) record(e *Entry, tmp, rel string) error {
	c.entMu.Lock()
	defer c.entMu.Unlock()
	p, moved, err := c.store.commit(tmp, e.SHA256, rel)
	if err != nil {
		return err
	}
	e.Path = p
	if moved != "" {
		for u, o := range c.latest {
			if o.Path == moved {
				o.Path = p
				if err := c.man.append(o); err != nil {
					return err
				}
				c.latest[u] = o
			}
		}
	}
	if err := c.man.append(*e); err != nil {
		return err
	}
	c.latest[e.URL] = *e
	return nil
}

func (c *crawl) fail(t *task, e Entry, err error) {
	var ue *URLError
	if errors.As(err, &ue) {
		err = ue.Err // the entry and the Problem carry the URL already
	}
	e.Error = err.Error()
	e.Path = ""
	c.entMu.Lock()
	merr := c.man.append(e)
	c.latest[e.URL] = e
	c.entMu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.Kind != KindListing {
		c.sum.Found++
	}
	if merr != nil {
		err = fmt.Errorf("%v (and the manifest: %v)", err, merr)
	}
	c.problem(&c.sum.Failures, t.url.String(), err)
}

// follow queues what a listing or a report page links to.
func (c *crawl) follow(t *task, kind string, e Entry, info *pageInfo) {
	if kind == KindListing {
		for _, l := range info.Entries {
			k := KindPage
			if isFileURL(l.URL) || containsLink(info.Attachments, l.URL) {
				k = KindAttachment
			}
			c.enqueue(&task{url: l.URL, kind: k, title: l.Title, published: l.Date, listing: e.URL, seed: t.seed}, e.URL)
		}
		for _, p := range info.Pages {
			c.enqueue(&task{url: p, kind: KindListing, seed: t.seed}, e.URL)
		}
		return
	}
	for _, l := range info.Attachments {
		title := e.Title
		if yearRe.MatchString(l.Title) && c.opt.Title.MatchString(l.Title) {
			title = l.Title
		}
		pub := l.Date
		if pub == "" {
			pub = e.Published
		}
		c.enqueue(&task{url: l.URL, kind: KindAttachment, title: title, published: pub, listing: e.URL, seed: t.seed}, e.URL)
	}
}

// yearRe finds a year in a link title: "2021年年报.pdf" names its report,
// "年报.doc" does not.
var yearRe = regexp.MustCompile(`(?:19|20)\d\d`)

func containsLink(ls []link, u *url.URL) bool {
	for _, l := range ls {
		if l.URL.String() == u.String() {
			return true
		}
	}
	return false
}

// isHTML reports whether a response is a page to read for links.
func isHTML(contentType, file string) bool {
	mt := mediaType(contentType)
	switch {
	case strings.Contains(mt, "html"), strings.HasSuffix(mt, "/xml"):
		return true
	case mt != "" && mt != "application/octet-stream" && mt != "text/plain":
		return false
	}
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, 4096)
	n, _ := io.ReadFull(f, b)
	return looksHTML(b[:n])
}

var htmlTag = regexp.MustCompile(`(?i)<(?:!doctype html|html|head|body|div|ul|li|table)[\s>]|<a\s[^>]*href\s*=`)

// looksHTML sniffs the start of a body served as text/plain or without a
// type, as misconfigured sites do.
func looksHTML(b []byte) bool {
	return strings.HasPrefix(http.DetectContentType(b), "text/html") || htmlTag.Match(b)
}
