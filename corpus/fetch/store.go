package fetch

import (
	"errors"
	"fmt"
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

	"github.com/nianbao/nianbao/corpus/fetch/manifest"
	"github.com/nianbao/nianbao/extract/digest"
	"github.com/nianbao/nianbao/extract/textenc"
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

func newStore(dir string, old []manifest.Entry) (*store, error) {
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
func (s *store) present(e manifest.Entry) bool {
	if !filepath.IsLocal(filepath.FromSlash(e.Path)) {
		return false
	}
	st, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(e.Path)))
	return err == nil && st.Mode().IsRegular() && st.Size() == e.Size
}

func (s *store) read(e manifest.Entry) ([]byte, error) {
	if !filepath.IsLocal(filepath.FromSlash(e.Path)) {
		return nil, fmt.Errorf("manifest path %q leaves the directory", e.Path)
	}
	return os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(e.Path)))
}

func (s *store) temp() (*os.File, error) {
	return os.CreateTemp(filepath.Join(s.dir, tmpDir), "*.part")
}

// commit puts the complete temporary file tmp, whose sha256 is sum, in
// place at rel (or, if rel holds other content, at rel with part of the
// hash added) and returns the path used, relative to the directory and
// slash-separated. Content already stored is stored once, under the path
// that sorts first: if that is the new one, the old file moves there, and
// moved is its old path.
func (s *store) commit(tmp, sum, rel string) (p, moved string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cand, exists, err := s.place(rel, sum)
	if err != nil {
		return "", "", err
	}
	old, ok := s.bySum[sum]
	if ok && old != cand {
		if _, err := os.Stat(s.full(old)); err != nil {
			ok = false
		}
	}
	if ok && old != cand {
		os.Remove(tmp)
		if old < cand {
			return old, "", nil
		}
		if exists {
			os.Remove(s.full(old))
		} else if err := s.move(s.full(old), cand); err != nil {
			return "", "", err
		}
		s.bySum[sum] = cand
		return cand, old, nil
	}
	if exists {
		os.Remove(tmp) // the same file, left by a run killed before its manifest line
	} else if err := s.move(tmp, cand); err != nil {
		return "", "", err
	}
	s.bySum[sum] = cand
	return cand, "", nil
}

func (s *store) full(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

func (s *store) move(from, rel string) error {
	to := s.full(rel)
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.Rename(from, to)
}

// place finds the first of rel, rel-<hash12>, rel-<hash> that is free or
// already holds content sum.
func (s *store) place(rel, sum string) (cand string, exists bool, err error) {
	for _, cand := range []string{rel, withSuffix(rel, "-"+sum[:12]), withSuffix(rel, "-"+sum)} {
		if !filepath.IsLocal(filepath.FromSlash(cand)) {
			return "", false, fmt.Errorf("file name %q leaves the directory", cand)
		}
		got, err := digest.File(s.full(cand))
		if errors.Is(err, os.ErrNotExist) {
			return cand, false, nil
		}
		if err == nil && got == sum {
			return cand, true, nil
		}
	}
	return "", false, fmt.Errorf("no free name for %q", rel)
}

func withSuffix(p, suffix string) string {
	ext := path.Ext(p)
	if len(ext) > 6 {
		ext = ""
	}
	return strings.TrimSuffix(p, ext) + suffix + ext
}

// relPath is where a file from u goes: the host, the directories of the
// URL path, a safe file name, and, when the URL has a query, a hash of the
// query, so that the place depends on the URL and not on the order of a
// crawl.
func relPath(role string, u *url.URL, contentType, disposition string) string {
	host := safeName(strings.ReplaceAll(strings.ToLower(u.Host), ":", "_"))
	if host == "" {
		host = "unknown-host"
	}
	parts := []string{host}
	if role == manifest.Listing {
		parts = []string{listingDir, host}
	}
	segs := strings.Split(u.EscapedPath(), "/")
	for _, seg := range segs[:len(segs)-1] {
		if seg = trimName(safeName(unescapeName(seg)), 80); seg != "" && len(parts) < 10 {
			parts = append(parts, seg)
		}
	}
	name := fileName(u, contentType, disposition)
	if u.RawQuery != "" {
		name = withSuffix(name, "-"+digest.Bytes([]byte(u.RawQuery))[:8])
	}
	return strings.Join(append(parts, name), "/")
}

var dispFilename = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)filename\s*=\s*"?([^";]+)`) })

// fileName picks a file name: the last element of the URL path when its
// extension fits the content (2021.pdf, t20210305_1.html), else the
// Content-Disposition name (download.jsp?id=3), decoding percent-escapes
// and GBK. The name is made safe: one path element, no control or
// reserved characters, not hidden, at most 150 bytes, with an extension
// that fits the content type.
func fileName(u *url.URL, contentType, disposition string) string {
	name := ""
	if !strings.HasSuffix(u.EscapedPath(), "/") {
		name = safeName(unescapeName(path.Base(u.EscapedPath())))
	}
	ext := strings.ToLower(path.Ext(name))
	known := attachExt[ext] || ext == ".html" || ext == ".htm" || ext == ".shtml" || ext == ".xml" || ext == ".txt"
	if disposition != "" && !(known && okExt(ext, contentType)) {
		cd := ""
		if _, params, err := mime.ParseMediaType(disposition); err == nil {
			cd = params["filename"]
		}
		if cd == "" {
			if m := dispFilename().FindStringSubmatch(disposition); m != nil {
				cd = m[1]
			}
		}
		if cd = safeName(unescapeName(textenc.String(cd))); cd != "" {
			name = cd
		}
	}
	if name == "" {
		name = "index"
	}
	if want := extFor(contentType); want != "" && !okExt(path.Ext(name), contentType) {
		name += want
	}
	return trimName(name, 150)
}

func unescapeName(name string) string {
	if strings.Contains(name, "%") {
		if v, err := url.PathUnescape(name); err == nil && utf8.ValidString(v) {
			return v
		}
	}
	return name
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
