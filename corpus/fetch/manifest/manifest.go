// Package manifest reads and writes the manifest of a fetch directory
// (DIR/manifest.jsonl): one JSON Entry a line, the outcome of fetching one
// URL, appended as a fetch goes on. Package fetch writes it; package
// extract reads it to give each file its source URL, title, publication
// date and Content-Type. It depends on the standard library alone, so
// either can import it.
package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Name is the manifest's file name inside a fetch directory.
const Name = "manifest.jsonl"

// Roles of entries: what the fetched URL was to the crawl.
const (
	Page       = "page"       // a report page (HTML), kept as published
	Attachment = "attachment" // a file: PDF, DOC, DOCX, WPS, XLS, ...
	Listing    = "listing"    // a listing page the reports were found on
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
	// ContentType is the Content-Type header as sent, charset included;
	// extract passes its charset to the decoder (package textenc) as the
	// page's transport declaration.
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`     // hex
	FetchedAt   string `json:"fetched_at"` // RFC 3339
	// Path is the local file, relative to the fetch directory and
	// slash-separated; "" on failure. Identical content is stored once, so
	// two entries may share a path.
	Path  string `json:"path"`
	Error string `json:"error"` // "" on success
	Role  string `json:"kind"`  // Page, Attachment or Listing
}

// OK reports whether the entry records a complete download.
func (e Entry) OK() bool { return e.Error == "" && e.Path != "" }

// Error reports a malformed manifest line.
type Error struct {
	File string
	Line int // 1-based
	Err  error
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Read reads DIR/manifest.jsonl and returns the latest entry for each URL,
// in the order the URLs first appeared. A missing manifest gives no
// entries and no error. A truncated last line (a run killed while writing
// it) is ignored; any other malformed line is an *Error.
func Read(dir string) ([]Entry, error) {
	name := filepath.Join(dir, Name)
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}

// Parse parses the manifest data read from the file name (for errors), as
// Read does.
func Parse(name string, data []byte) ([]Entry, error) {
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
			return out, &Error{File: name, Line: line, Err: err}
		}
		if e.URL == "" {
			return out, &Error{File: name, Line: line, Err: errors.New("entry without url")}
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

// ByPath returns the complete downloads of entries keyed by their Path.
// Entries sharing a path (identical content) give the last of them.
func ByPath(entries []Entry) map[string]Entry {
	out := make(map[string]Entry, len(entries))
	for _, e := range entries {
		if e.OK() {
			out[e.Path] = e
		}
	}
	return out
}

// Writer appends entries to a manifest, one complete line per write. It
// is safe for concurrent use.
type Writer struct {
	mu sync.Mutex
	f  *os.File
}

// Open opens DIR/manifest.jsonl for appending, creating it if needed. A
// last line cut short by a killed run is dropped first, so that every line
// of the manifest is a whole record.
func Open(dir string) (*Writer, error) {
	f, err := os.OpenFile(filepath.Join(dir, Name), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	if err := dropPartialLine(f); err != nil {
		f.Close()
		return nil, err
	}
	return &Writer{f: f}, nil
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

// Append writes e as one line.
func (m *Writer) Append(e Entry) error {
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

// Close closes the manifest file.
func (m *Writer) Close() error { return m.f.Close() }
