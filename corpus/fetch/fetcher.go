package fetch

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"

	"golang.org/x/net/publicsuffix"

	"github.com/nianbao/nianbao/corpus/fetch/manifest"
)

// task is one URL to fetch.
type task struct {
	url       *url.URL
	role      string // "" for a starting URL, whose role its content tells
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
	man   *manifest.Writer

	// entMu orders storing files and writing the manifest, and guards
	// latest, the newest entry of each URL (from earlier runs too).
	entMu  sync.Mutex
	latest map[string]manifest.Entry
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
// usable, dir being fetched into by another run (ErrLocked: one run at a
// time per folder, the second refuses at once), a malformed manifest, or ctx done (then what was complete is
// kept, and another Run goes on from there).
func (f *Fetcher) Run(ctx context.Context, dir string, urls []string) (Summary, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Summary{}, err
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return Summary{}, err
	}
	defer unlock()
	old, err := manifest.Read(dir)
	if err != nil {
		return Summary{}, err
	}
	st, err := newStore(dir, old)
	if err != nil {
		return Summary{}, err
	}
	man, err := manifest.Open(dir)
	if err != nil {
		return Summary{}, err
	}
	defer man.Close()
	c := &crawl{Fetcher: f, ctx: ctx, dir: dir, store: st, man: man,
		latest: map[string]manifest.Entry{}, sites: map[string]bool{}, seen: map[string]bool{},
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
	if t.role == manifest.Listing && !t.seed.take(c.opt.MaxPages) {
		c.seen[key] = true
		c.skip(t.url.String(), fmt.Errorf("%w: listing page not followed, the column has given %d pages (-max-pages) (linked from %s)",
			ErrCap, c.opt.MaxPages, from))
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
