package fetch

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/nianbao/nianbao/corpus/fetch/manifest"
)

// do fetches one task, or reads it back from the directory when a
// previous run completed it, and follows its links.
func (c *crawl) do(t *task) {
	key := t.url.String()
	c.entMu.Lock()
	prev, ok := c.latest[key]
	c.entMu.Unlock()
	if ok && prev.OK() && c.store.present(prev) &&
		!(c.opt.Refresh && prev.Role == manifest.Listing) {
		c.done(prev.Role, func(k *Counts) { k.Reused++ })
		if prev.Role == manifest.Listing || prev.Role == manifest.Page {
			body, err := c.store.read(prev)
			final, perr := url.Parse(prev.FinalURL)
			if err == nil && perr == nil {
				info := parsePage(body, prev.ContentType, final, c.opt.Title)
				c.follow(t, prev.Role, prev, info)
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
	e := manifest.Entry{URL: key, FinalURL: key, Title: t.title, ListingURL: t.listing, Published: t.published,
		FetchedAt: time.Now().UTC().Format(time.RFC3339), Role: t.role}
	if e.Role == "" {
		e.Role = manifest.Page
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
		if t.role != "" && (errors.Is(err, ErrRobots) || errors.Is(err, ErrOffSite) || errors.Is(err, ErrScheme)) {
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
	if t.role != manifest.Attachment && isHTML(r.contentType, r.tmp) {
		body, rerr := os.ReadFile(r.tmp)
		if rerr != nil {
			os.Remove(r.tmp)
			c.fail(t, e, rerr)
			return
		}
		info = parsePage(body, r.contentType, r.finalURL, c.opt.Title)
		if t.role == manifest.Listing || info.isListing() {
			e.Role = manifest.Listing
		}
		if e.Title == "" || e.Role == manifest.Listing {
			e.Title = info.Title
		}
		if e.Published == "" {
			e.Published = info.Published
		}
	} else {
		e.Role = manifest.Attachment
	}
	e.Size, e.SHA256 = r.size, r.sum
	if err := c.record(&e, r.tmp, relPath(e.Role, r.finalURL, r.contentType, r.disposition)); err != nil {
		os.Remove(r.tmp)
		e.Path, e.Size, e.SHA256 = "", 0, ""
		c.fail(t, e, err)
		return
	}
	c.done(e.Role, func(k *Counts) { k.Fetched++ })
	if info != nil && (t.role == manifest.Listing || e.Role != manifest.Listing || t.seed.take(c.opt.MaxPages)) {
		c.follow(t, e.Role, e, info)
	}
}

// done counts a listing page read, or a report page or file found and,
// through count, fetched or reused.
func (c *crawl) done(role string, count func(*Counts)) {
	c.progress(func(k *Counts) {
		if role == manifest.Listing {
			k.Listings++
			return
		}
		k.Found++
		count(k)
	})
}

// record stores the complete file tmp and writes e to the manifest. When
// the same content is already stored under a name that sorts after rel,
// the file moves to rel and the entries that pointed to it are written
// again, so that where a file ends up does not depend on crawl order.
func (c *crawl) record(e *manifest.Entry, tmp, rel string) error {
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
				if err := c.man.Append(o); err != nil {
					return err
				}
				c.latest[u] = o
			}
		}
	}
	if err := c.man.Append(*e); err != nil {
		return err
	}
	c.latest[e.URL] = *e
	return nil
}

func (c *crawl) fail(t *task, e manifest.Entry, err error) {
	var ue *URLError
	if errors.As(err, &ue) {
		err = ue.Err // the entry and the Problem carry the URL already
	}
	e.Error = err.Error()
	e.Path = ""
	c.entMu.Lock()
	merr := c.man.Append(e)
	c.latest[e.URL] = e
	c.entMu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if e.Role != manifest.Listing {
		c.sum.Found++
	}
	if merr != nil {
		err = fmt.Errorf("%v (and the manifest: %v)", err, merr)
	}
	c.problem(&c.sum.Failures, t.url.String(), err)
}

// follow queues what a listing or a report page links to.
func (c *crawl) follow(t *task, role string, e manifest.Entry, info *pageInfo) {
	if role == manifest.Listing {
		for _, l := range c.capLinks(e.URL, "listing entries", info.Entries) {
			k := manifest.Page
			if isFileURL(l.URL) || containsLink(info.Attachments, l.URL) {
				k = manifest.Attachment
			}
			c.enqueue(&task{url: l.URL, role: k, title: l.Title, published: l.Date, listing: e.URL, seed: t.seed}, e.URL)
		}
		for _, p := range info.Pages {
			c.enqueue(&task{url: p, role: manifest.Listing, seed: t.seed}, e.URL)
		}
		return
	}
	for _, l := range c.capLinks(e.URL, "attachments", info.Attachments) {
		title := e.Title
		if yearRe().MatchString(l.Title) && c.opt.Title.MatchString(l.Title) {
			title = l.Title
		}
		pub := l.Date
		if pub == "" {
			pub = e.Published
		}
		c.enqueue(&task{url: l.URL, role: manifest.Attachment, title: title, published: pub, listing: e.URL, seed: t.seed}, e.URL)
	}
}

// capLinks returns the first MaxEntries of a page's links, and records
// one skip for the page when there were more.
func (c *crawl) capLinks(page, what string, links []link) []link {
	if len(links) <= c.opt.MaxEntries {
		return links
	}
	c.mu.Lock()
	c.skip(page, fmt.Errorf("%w: %d of the %d %s not followed (-max-entries %d); the first was %s",
		ErrCap, len(links)-c.opt.MaxEntries, len(links), what, c.opt.MaxEntries, links[c.opt.MaxEntries].URL))
	c.mu.Unlock()
	return links[:c.opt.MaxEntries]
}

// yearRe finds a year in a link title: "2021年年报.pdf" names its report,
// "年报.doc" does not.
var yearRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:19|20)\d\d`) })

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

var htmlTag = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)<(?:!doctype html|html|head|body|div|ul|li|table)[\s>]|<a\s[^>]*href\s*=`)
})

// looksHTML sniffs the start of a body served as text/plain or without a
// type, as misconfigured sites do.
func looksHTML(b []byte) bool {
	return strings.HasPrefix(http.DetectContentType(b), "text/html") || htmlTag().Match(b)
}
