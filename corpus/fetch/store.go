package fetch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// tmpDir holds files being downloaded; a file reaches its final name
// only once complete.
const tmpDir = ".tmp"

// listingDir keeps listing pages apart from the reports.
const listingDir = ".listing"

// store puts downloaded files in place: DIR/<host>/<name> for reports,
// DIR/.listing/<host>/<name> for listing pages. Identical content is
// stored once.
type store struct {
	dir   string
	mu    sync.Mutex
	bySum map[string]string // sha256 → path relative to dir
}

func newStore(dir string, old []Entry) (*store, error) {
	if err := os.MkdirAll(filepath.Join(dir, tmpDir), 0o755); err != nil {
		return nil, err
	}
	// Files left by a killed run are incomplete: drop them.
	if ents, err := os.ReadDir(filepath.Join(dir, tmpDir)); err == nil {
		for _, e := range ents {
			os.Remove(filepath.Join(dir, tmpDir, e.Name()))
		}
	}
	s := &store{dir: dir, bySum: map[string]string{}}
	for _, e := range old {
		if e.OK() && e.SHA256 != "" && s.present(e) {
			s.bySum[e.SHA256] = e.Path
		}
	}
	return s, nil
}

// present reports whether e's file is in place with e's size.
func (s *store) present(e Entry) bool {
	if !filepath.IsLocal(filepath.FromSlash(e.Path)) {
		return false
	}
	st, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(e.Path)))
	return err == nil && st.Mode().IsRegular() && st.Size() == e.Size
}

func (s *store) read(e Entry) ([]byte, error) {
	if !filepath.IsLocal(filepath.FromSlash(e.Path)) {
		return nil, fmt.Errorf("manifest path %q leaves the directory", e.Path)
	}
	return os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(e.Path)))
}

func (s *store) temp() (*os.File, error) {
	return os.CreateTemp(filepath.Join(s.dir, tmpDir), "*.part")
}

// commit moves the complete temporary file tmp to rel (or, if rel holds
// other content, to rel with part of the hash added), unless a file with
// the same sha256 is stored already. It returns the path used, relative
// to the directory and slash-separated.
func (s *store) commit(tmp, sum, rel string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.bySum[sum]; ok {
		if _, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(p))); err == nil {
			os.Remove(tmp)
			return p, nil
		}
	}
	for _, cand := range []string{rel, withSuffix(rel, "-"+sum[:12]), withSuffix(rel, "-"+sum)} {
		local := filepath.FromSlash(cand)
		if !filepath.IsLocal(local) {
			return "", fmt.Errorf("file name %q leaves the directory", cand)
		}
		full := filepath.Join(s.dir, local)
		if got, err := fileSum(full); err == nil {
			if got != sum {
				continue // another file has this name
			}
			os.Remove(tmp) // the same file, left by a run killed before its manifest line
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", err
		} else {
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				return "", err
			}
			if err := os.Rename(tmp, full); err != nil {
				return "", err
			}
		}
		s.bySum[sum] = cand
		return cand, nil
	}
	return "", fmt.Errorf("no free name for %q", rel)
}

func fileSum(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func withSuffix(p, suffix string) string {
	ext := path.Ext(p)
	if len(ext) > 6 {
		ext = ""
	}
	return strings.TrimSuffix(p, ext) + suffix + ext
}

// relPath is where a file from u goes: the host, then a safe file name.
func relPath(kind string, u *url.URL, contentType, disposition string) string {
	host := safeName(strings.ReplaceAll(strings.ToLower(u.Host), ":", "_"))
	if host == "" {
		host = "unknown-host"
	}
	name := fileName(u, contentType, disposition)
	if kind == KindListing {
		return listingDir + "/" + host + "/" + name
	}
	return host + "/" + name
}

var dispFilename = regexp.MustCompile(`(?i)filename\s*=\s*"?([^";]+)`)

// fileName picks a file name from Content-Disposition or the URL path,
// decoding percent-escapes and GBK, and makes it safe: one path element,
// no control or reserved characters, not hidden, at most 150 bytes, with
// an extension that fits the content type.
func fileName(u *url.URL, contentType, disposition string) string {
	name := ""
	if disposition != "" {
		if _, params, err := mime.ParseMediaType(disposition); err == nil {
			name = params["filename"]
		}
		if name == "" {
			if m := dispFilename.FindStringSubmatch(disposition); m != nil {
				name = m[1]
			}
		}
		name = decodeHeaderName(name)
	}
	if name == "" {
		name = path.Base(u.EscapedPath())
	}
	if strings.Contains(name, "%") {
		if v, err := url.PathUnescape(name); err == nil && utf8.ValidString(v) {
			name = v
		}
	}
	name = safeName(name)
	if name == "" {
		name = "index"
	}
	if want := extFor(contentType); want != "" && !okExt(path.Ext(name), contentType) {
		name += want
	}
	return trimName(name, 150)
}

// safeName keeps the last path element of name and removes anything a
// file system could read as a path, a device or a hidden file.
func safeName(name string) string {
	name = strings.ToValidUTF8(name, "_")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), strings.ContainsRune(`<>:"|?*`, r):
			return '_'
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, name)
	name = strings.TrimLeft(strings.TrimSpace(name), ". ")
	return strings.TrimRight(name, ". ")
}

func trimName(name string, max int) string {
	if len(name) <= max {
		return name
	}
	ext := path.Ext(name)
	if len(ext) > 10 {
		ext = ""
	}
	stem := name[:max-len(ext)]
	for !utf8.ValidString(stem) {
		stem = stem[:len(stem)-1]
	}
	return stem + ext
}

var typeExt = map[string]string{
	"text/html":                "html",
	"application/xhtml+xml":    "html",
	"application/pdf":          "pdf",
	"application/msword":       "doc",
	"application/vnd.ms-excel": "xls",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       "xlsx",
	"application/ofd": "ofd",
	"text/xml":        "xml",
	"application/xml": "xml",
	"text/plain":      "txt",
}

func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

func extFor(contentType string) string {
	if e := typeExt[mediaType(contentType)]; e != "" {
		return "." + e
	}
	return ""
}

// okExt reports whether ext suits the content type; any extension does
// for types we do not know, and for octet-stream.
func okExt(ext, contentType string) bool {
	ext = strings.ToLower(ext)
	switch mediaType(contentType) {
	case "text/html", "application/xhtml+xml":
		return ext == ".html" || ext == ".htm" || ext == ".shtml" || ext == ".xhtml"
	case "application/pdf":
		return ext == ".pdf"
	case "text/xml", "application/xml":
		return ext == ".xml"
	case "application/msword", "application/vnd.ms-excel":
		return attachExt[ext]
	}
	return ext != ""
}
