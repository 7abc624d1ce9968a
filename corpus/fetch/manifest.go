package fetch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// ManifestName is the name of the manifest file inside a fetch directory.
const ManifestName = "manifest.jsonl"

// Kinds of manifest entries.
const (
	KindPage       = "page"       // a report page (HTML), kept as published
	KindAttachment = "attachment" // a file: PDF, DOC, DOCX, WPS, XLS, ...
	KindListing    = "listing"    // a listing page the reports were found on
)

// Entry is one line of DIR/manifest.jsonl: the outcome of fetching one URL.
// A later line for the same URL supersedes an earlier one.
type Entry struct {
	URL        string `json:"url"`         // the URL asked for
	FinalURL   string `json:"final_url"`   // the URL after redirects
	Title      string `json:"title"`       // title on the listing, else the page's own title
	ListingURL string `json:"listing_url"` // listing the entry was found on; for an attachment, the page linking it
	Published  string `json:"published"`   // YYYY-MM-DD from the listing or the page, "" if unknown
	Status     int    `json:"status"`      // HTTP status of the last response, 0 if none
	// ContentType is the Content-Type header as sent, charset included,
	// so that readers can decode HTML pages.
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`     // hex
	FetchedAt   string `json:"fetched_at"` // RFC 3339
	// Path is the local file, relative to the fetch directory and
	// slash-separated; "" on failure. Identical content is stored once, so
	// two entries may share a path.
	Path  string `json:"path"`
	Error string `json:"error"` // "" on success
	Kind  string `json:"kind"`  // KindPage, KindAttachment or KindListing
}

// OK reports whether the entry records a complete download.
func (e Entry) OK() bool { return e.Error == "" && e.Path != "" }

// ManifestError reports a malformed manifest line.
type ManifestError struct {
	File string
	Line int // 1-based
	Err  error
}

func (e *ManifestError) Error() string {
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *ManifestError) Unwrap() error { return e.Err }

// ReadManifest reads DIR/manifest.jsonl and returns the latest entry for
// each URL, in the order the URLs first appeared. A missing manifest gives
// no entries and no error. A truncated last line (a run killed while
// writing it) is ignored; any other malformed line is a *ManifestError.
func ReadManifest(dir string) ([]Entry, error) {
	name := filepath.Join(dir, ManifestName)
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return parseManifest(name, data)
}

func parseManifest(name string, data []byte) ([]Entry, error) {
	var out []Entry
	index := map[string]int{}
	line := 0
	for len(data) > 0 {
		line++
		var l []byte
		i := bytes.IndexByte(data, '\n')
		last := i < 0
		if last {
			l, data = data, nil
		} else {
			l, data = data[:i], data[i+1:]
		}
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(l, &e); err != nil {
			if last {
				break // a line cut short by a killed run
			}
			return out, &ManifestError{File: name, Line: line, Err: err}
		}
		if e.URL == "" {
			return out, &ManifestError{File: name, Line: line, Err: errors.New("entry without url")}
		}
		if j, ok := index[e.URL]; ok {
			out[j] = e
		} else {
			index[e.URL] = len(out)
			out = append(out, e)
		}
	}
	return out, nil
}

// manifestWriter appends entries, one complete line per write.
type manifestWriter struct {
	mu sync.Mutex
	f  *os.File
}

func openManifest(dir string) (*manifestWriter, error) {
	f, err := os.OpenFile(filepath.Join(dir, ManifestName), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	// A killed run may have left a line cut short: drop it, so that
	// every line of the manifest is a whole record.
	if err := dropPartialLine(f); err != nil {
		f.Close()
		return nil, err
	}
	return &manifestWriter{f: f}, nil
}

// dropPartialLine truncates f after its last newline.
func dropPartialLine(f *os.File) error {
	st, err := f.Stat()
	if err != nil {
		return err
	}
	end := st.Size()
	buf := make([]byte, 4096)
	for off := end; off > 0; {
		n := int64(len(buf))
		if off < n {
			n = off
		}
		off -= n
		if _, err := f.ReadAt(buf[:n], off); err != nil {
			return err
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			if off+int64(i)+1 == end {
				return nil
			}
			return f.Truncate(off + int64(i) + 1)
		}
	}
	if end > 0 {
		return f.Truncate(0)
	}
	return nil
}

func (m *manifestWriter) append(e Entry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	m.mu.Lock()
	defer m.mu.Unlock()
	_, err = m.f.Write(b)
	return err
}

func (m *manifestWriter) Close() error { return m.f.Close() }

// ReadURLs reads a URL list: one URL a line; blank lines and lines
// starting with # are skipped.
func ReadURLs(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		l := bytes.TrimSpace(sc.Bytes())
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		out = append(out, string(l))
	}
	return out, sc.Err()
}
