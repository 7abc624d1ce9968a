package fetch

import (
	"net/http"
	"regexp"
	"time"
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
	// MinRate is the slowest transfer accepted, in bytes per second: a
	// download whose average rate over any Timeout-long stretch is below
	// it fails with ErrTooSlow (a server dripping a byte a second keeps
	// the idle timer alive but not this). Zero means 1024 (1 KiB/s);
	// negative means no minimum.
	MinRate int64
	// MaxTime bounds one whole download, headers to last byte, whatever
	// its rate. Zero means 10 minutes; negative means none.
	MaxTime time.Duration
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
	// MaxPages caps the listing pages followed from one starting URL;
	// the pages over it are listed in the Summary's Skips (ErrCap).
	// Zero means 500.
	MaxPages int
	// MaxEntries caps the entries taken from one listing page (a page
	// with 10,000 report links would be hours of requests); the others
	// are counted in one Skips line for the page (ErrCap). Zero means
	// 200.
	MaxEntries int
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
	def(&opt.MaxTime, 10*time.Minute)
	switch {
	case opt.MinRate == 0:
		opt.MinRate = 1024
	case opt.MinRate < 0:
		opt.MinRate = 0
	}
	if opt.MaxEntries <= 0 {
		opt.MaxEntries = 200
	}
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
