package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"
)

// maxRobotsSize is the most of a robots.txt that is read (RFC 9309 asks
// for at least 500 KiB).
const maxRobotsSize = 512 << 10

type robotsEntry struct {
	done chan struct{}
	r    *robots
}

// robotsAllow fetches (once per run and origin) and applies robots.txt;
// it returns an error wrapping ErrRobots if u may not be fetched.
func (c *crawl) robotsAllow(ctx context.Context, u *url.URL) error {
	origin := strings.ToLower(u.Scheme + "://" + u.Host)
	c.robotsMu.Lock()
	e := c.robots[origin]
	if e == nil {
		e = &robotsEntry{done: make(chan struct{})}
		c.robots[origin] = e
		c.robotsMu.Unlock()
		e.r = c.fetchRobots(ctx, u)
		close(e.done)
	} else {
		c.robotsMu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	switch {
	case e.r.disallowAll:
		return fmt.Errorf("%w: robots.txt unreachable (%s), so nothing may be fetched", ErrRobots, e.r.why)
	case !e.r.allowed(p):
		return ErrRobots
	}
	return nil
}

func (c *crawl) fetchRobots(ctx context.Context, u *url.URL) *robots {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	r, err := c.get(ctx, ru, maxRobotsSize, false)
	var ue *URLError
	switch {
	case err == nil:
		defer os.Remove(r.tmp)
		data, err := os.ReadFile(r.tmp)
		if err != nil {
			return &robots{disallowAll: true, why: err.Error()}
		}
		agent, _, _ := strings.Cut(strings.ToLower(c.opt.UserAgent), "/")
		rb := parseRobots(data, strings.TrimSpace(agent))
		c.gates.setDelay(strings.ToLower(u.Host), min(rb.crawlDelay, time.Minute))
		return rb
	case errors.Is(err, ErrTooLarge):
		return &robots{} // RFC 9309: parse what fits; we keep it simple and allow
	case errors.As(err, &ue) && ue.Status >= 400 && ue.Status < 500:
		return &robots{} // "unavailable": no rules
	}
	// Unreachable (5xx or network): RFC 9309 says assume complete disallow.
	return &robots{disallowAll: true, why: err.Error()}
}
