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
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nianbao/nianbao/extract/digest"
)

// Errors a fetch can end with; they are wrapped in a *URLError.
var (
	ErrTimeout      = errors.New("timed out")
	ErrTooSlow      = errors.New("transfer too slow")
	ErrCap          = errors.New("over a crawl cap")
	ErrLocked       = errors.New("the folder is being fetched into by another run")
	ErrTooLarge     = errors.New("file over the size limit")
	ErrRedirectLoop = errors.New("redirect loop")
	ErrRedirects    = errors.New("too many redirects")
	ErrRobots       = errors.New("disallowed by robots.txt")
	ErrOffSite      = errors.New("outside the allowed sites")
	ErrScheme       = errors.New("not an http(s) URL")
	ErrStatus       = errors.New("HTTP error")
)

// URLError reports a failed fetch of URL.
type URLError struct {
	URL    string
	Status int // last HTTP status, 0 if none
	Err    error
}

func (e *URLError) Error() string { return e.URL + ": " + e.Err.Error() }
func (e *URLError) Unwrap() error { return e.Err }

const maxRedirects = 10

// result is a complete download waiting in a temporary file.
type result struct {
	finalURL    *url.URL
	status      int
	contentType string
	disposition string
	tmp         string
	size        int64
	sum         string
}

// hostGate lets one request at a time reach a host, Delay apart.
type hostGate struct {
	ch    chan struct{}
	last  time.Time     // guarded by holding ch
	delay time.Duration // Crawl-delay; guarded by gates.mu
}

type gates struct {
	mu sync.Mutex
	m  map[string]*hostGate
}

func (g *gates) get(host string) *hostGate {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.m == nil {
		g.m = map[string]*hostGate{}
	}
	h := g.m[host]
	if h == nil {
		h = &hostGate{ch: make(chan struct{}, 1)}
		g.m[host] = h
	}
	return h
}

func (g *gates) setDelay(host string, d time.Duration) {
	h := g.get(host)
	g.mu.Lock()
	h.delay = d
	g.mu.Unlock()
}

func (g *gates) delay(host string) time.Duration {
	h := g.get(host)
	g.mu.Lock()
	defer g.mu.Unlock()
	return h.delay
}

// acquire waits for the host to be free and its delay to pass.
func (c *crawl) acquire(ctx context.Context, host string) (release func(), err error) {
	g := c.gates.get(host)
	select {
	case g.ch <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	delay := max(c.opt.Delay, c.gates.delay(host))
	if wait := time.Until(g.last.Add(delay)); wait > 0 && !g.last.IsZero() {
		if err := sleep(ctx, wait); err != nil {
			<-g.ch
			return nil, err
		}
	}
	return func() { g.last = time.Now(); <-g.ch }, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// get fetches u, following redirects (each hop checked against the
// allowed sites and robots.txt) and retrying, and leaves a complete body
// in a temporary file. limit caps the body size.
func (c *crawl) get(ctx context.Context, u *url.URL, limit int64, checkRobots bool) (*result, error) {
	seen := map[string]bool{}
	for hop := 0; ; hop++ {
		key := normURL(u)
		if seen[key] {
			return nil, &URLError{URL: u.String(), Err: fmt.Errorf("%w at %s", ErrRedirectLoop, u)}
		}
		seen[key] = true
		if hop > maxRedirects {
			return nil, &URLError{URL: u.String(), Err: ErrRedirects}
		}
		if err := c.check(u); err != nil {
			return nil, &URLError{URL: u.String(), Err: err}
		}
		if checkRobots {
			if err := c.robotsAllow(ctx, u); err != nil {
				if ctx.Err() != nil {
					return nil, err
				}
				return nil, &URLError{URL: u.String(), Err: err}
			}
		}
		r, loc, err := c.retry(ctx, u, limit)
		if err != nil || loc == "" {
			return r, err
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, &URLError{URL: u.String(), Status: r.status, Err: fmt.Errorf("bad redirect Location %q", loc)}
		}
		next.Fragment = ""
		u = next
	}
}

// retry does one request, again after a 429, a 5xx, a timeout or a
// network error, waiting Backoff, doubled each time, or the Retry-After
// the server asked for. A redirect is returned as its Location.
func (c *crawl) retry(ctx context.Context, u *url.URL, limit int64) (*result, string, error) {
	backoff := c.opt.Backoff
	for try := 0; ; try++ {
		r, loc, retryAfter, err := c.once(ctx, u, limit)
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		if !retryable(r, err) || try >= c.opt.Retries {
			return r, loc, err
		}
		wait := backoff
		if retryAfter > c.opt.MaxRetryAfter {
			return r, loc, &URLError{URL: u.String(), Status: r.status,
				Err: fmt.Errorf("%w: HTTP %d, server asks to wait %v", ErrStatus, r.status, retryAfter)}
		}
		wait = max(wait, retryAfter)
		if err := sleep(ctx, wait); err != nil {
			return nil, "", err
		}
		backoff *= 2
	}
}

func retryable(r *result, err error) bool {
	if err != nil {
		var de deadlineError
		if errors.Is(err, ErrTooLarge) || errors.Is(err, context.Canceled) || errors.Is(err, ErrTooSlow) || errors.As(err, &de) {
			return false // the next try would be as large, as slow or as long
		}
		if errors.Is(err, ErrStatus) {
			switch r.status {
			case http.StatusTooManyRequests, 500, 502, 503, 504:
				return true
			}
			return false
		}
		return true // timeouts, resets, refused connections
	}
	return false
}

// once does one GET, holding the host's gate. A 200 body goes to a
// temporary file; a 3xx gives its Location.
func (c *crawl) once(ctx context.Context, u *url.URL, limit int64) (r *result, location string, retryAfter time.Duration, err error) {
	release, err := c.acquire(ctx, strings.ToLower(u.Host))
	if err != nil {
		return nil, "", 0, err
	}
	defer release()
	rctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	timer := time.AfterFunc(c.opt.Timeout, func() { cancel(ErrTimeout) })
	defer timer.Stop()
	if c.opt.MaxTime > 0 {
		whole := time.AfterFunc(c.opt.MaxTime, func() { cancel(errWholeTime) })
		defer whole.Stop()
	}
	fail := func(status int, err error) (*result, string, time.Duration, error) {
		if ctx.Err() == nil {
			switch cause := context.Cause(rctx); {
			case cause == ErrTimeout:
				err = fmt.Errorf("%w: no data for %v", ErrTimeout, c.opt.Timeout)
			case cause == errWholeTime:
				err = deadlineError{c.opt.MaxTime}
			case errors.Is(cause, ErrTooSlow):
				err = cause
			}
		}
		return &result{status: status}, "", retryAfter, &URLError{URL: u.String(), Status: status, Err: err}
	}

	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fail(0, err)
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/pdf,*/*;q=0.8")
	req.Header.Set("Accept-Language", "zh-CN,zh;q=0.9")
	resp, err := c.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fail(0, err)
	}
	defer resp.Body.Close()
	res := &result{finalURL: u, status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"),
		disposition: resp.Header.Get("Content-Disposition")}
	switch {
	case resp.StatusCode >= 300 && resp.StatusCode < 400 && resp.Header.Get("Location") != "":
		return res, resp.Header.Get("Location"), 0, nil
	case resp.StatusCode != http.StatusOK:
		retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"))
		io.CopyN(io.Discard, resp.Body, 64<<10)
		return fail(resp.StatusCode, fmt.Errorf("%w: %s", ErrStatus, resp.Status))
	}
	if limit >= 0 && resp.ContentLength > limit {
		return fail(resp.StatusCode, fmt.Errorf("%w: %d bytes announced, limit %d", ErrTooLarge, resp.ContentLength, limit))
	}
	f, err := c.store.temp()
	if err != nil {
		return nil, "", 0, err
	}
	h := digest.New()
	body := io.Reader(&idleReader{r: resp.Body, t: timer, d: c.opt.Timeout, minRate: c.opt.MinRate,
		slow: func(err error) { cancel(err) }, start: time.Now()})
	if limit >= 0 {
		body = io.LimitReader(body, limit+1)
	}
	n, err := io.Copy(io.MultiWriter(f, h), body)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && limit >= 0 && n > limit {
		err = fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	if err != nil {
		os.Remove(f.Name())
		return fail(resp.StatusCode, err)
	}
	c.progress(func(k *Counts) { k.Bytes += n })
	res.tmp, res.size, res.sum = f.Name(), n, h.Sum()
	return res, "", 0, nil
}

// errWholeTime is the cause of a download stopped by Options.MaxTime.
var errWholeTime = errors.New("whole download deadline")

// deadlineError is a download stopped by Options.MaxTime; it is an
// ErrTimeout that is not retried (the next try would take as long).
type deadlineError struct{ d time.Duration }

func (e deadlineError) Error() string {
	return fmt.Sprintf("%v: the whole download took over %v (-max-time)", ErrTimeout, e.d)
}

func (e deadlineError) Unwrap() error { return ErrTimeout }

// idleReader pushes the read deadline back whenever data arrives, so a
// slow but live download goes on and a stalled one times out. It also
// measures the rate over windows of d: a window that brought fewer than
// minRate bytes a second stops the download (slow is called with the
// ErrTooSlow error, which cancels the request).
type idleReader struct {
	r       io.Reader
	t       *time.Timer
	d       time.Duration
	minRate int64
	slow    func(error)
	start   time.Time // of the current window
	n       int64     // bytes in the current window
}

func (r *idleReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.t.Reset(r.d)
	}
	r.n += int64(n)
	if r.minRate > 0 && r.d > 0 {
		if el := time.Since(r.start); el >= r.d {
			if rate := float64(r.n) / el.Seconds(); rate < float64(r.minRate) {
				e := fmt.Errorf("%w: %.0f bytes/s over %v, minimum %d (-min-rate)", ErrTooSlow, rate, el.Round(time.Millisecond), r.minRate)
				r.slow(e)
				return n, e
			}
			r.start, r.n = time.Now(), 0
		}
	}
	return n, err
}

func parseRetryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// newClient makes the default client: Timeout on connecting and on the
// TLS handshake, proxies from the environment.
func newClient(timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	return &http.Client{Transport: &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         d.DialContext,
		TLSHandshakeTimeout: timeout,
		MaxIdleConnsPerHost: 2,
		IdleConnTimeout:     90 * time.Second,
	}}
}
