// Package dict embeds the dictionaries gojieba needs and writes them to a
// directory on disk, because gojieba (cppjieba) reads its dictionaries
// from files and, left to itself, looks for them under the compile-time
// source path of its module, which does not exist on another machine, in a
// -trimpath build or after `go clean -modcache`.
//
// The four gojieba files (jieba.dict, hmm_model, idf, stop_words; 11.6 MB,
// MIT licence, see LICENSE.gojieba and LICENSE.cppjieba) are embedded
// gzip-compressed (4.3 MB); nianbao.dict.utf8 is our user dictionary of the
// field's terms, and nianbao.idf.utf8 IDF weights for the terms every
// report repeats, appended to gojieba's idf.utf8 for gojieba's own keyword
// extractor (package segment computes its keywords itself, from ReadFile's
// files: see segment/keyword.go). Write decompresses them into a directory once; later calls
// find the files there, check that they are intact and leave them alone.
package dict

//go:generate go run gen.go

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/extract/digest"
)

//go:embed jieba.dict.utf8.gz hmm_model.utf8.gz idf.utf8.gz stop_words.utf8.gz nianbao.dict.utf8 nianbao.idf.utf8
//go:embed template.utf8 fixed.gen.utf8 df.gen.utf8
var files embed.FS

// ReadFile returns the uncompressed content of an embedded file, by its
// name without ".gz": "idf.utf8" (gojieba's IDF of general Chinese text),
// "stop_words.utf8", "nianbao.dict.utf8", "template.utf8" (the national
// templates' fixed text, by hand), "fixed.gen.utf8" (the fixed text
// package segment keeps out of keywords) and "df.gen.utf8" (document
// frequencies over report text); the last two are written by
// `go generate ./segment`. Package segment reads them only when it
// computes keywords.
func ReadFile(name string) ([]byte, error) {
	if b, err := files.ReadFile(name); err == nil {
		return b, nil
	}
	r, _, err := open([]string{name + ".gz"})
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// EnvDir names the environment variable that, when set, gives the
// directory the dictionaries are written to (see Dir).
const EnvDir = "NIANBAO_DICT_DIR"

// Paths are the files to pass to gojieba.NewJieba, in its argument order.
type Paths struct {
	Dict, HMM, User, IDF, StopWords string
}

// List returns the paths in gojieba.NewJieba's argument order.
func (p Paths) List() []string {
	return []string{p.Dict, p.HMM, p.User, p.IDF, p.StopWords}
}

// The files written: name on disk, the embedded files it is made of (in
// order). Our IDF lines come after gojieba's, so they win: the terms that
// every report repeats (政府信息公开, 政务公开, …) get a low IDF instead of
// the average that cppjieba gives words it does not know, and do not
// crowd out the words that tell sections apart.
var entries = []struct {
	disk     string
	embedded []string
}{
	{"jieba.dict.utf8", []string{"jieba.dict.utf8.gz"}},
	{"hmm_model.utf8", []string{"hmm_model.utf8.gz"}},
	{"nianbao.dict.utf8", []string{"nianbao.dict.utf8"}},
	{"idf.utf8", []string{"idf.utf8.gz", "nianbao.idf.utf8"}},
	{"stop_words.utf8", []string{"stop_words.utf8.gz"}},
}

// ErrDir is wrapped by errors about the dictionary directory.
var ErrDir = errors.New("dictionary directory")

// Dir returns the directory Write uses when given "": $NIANBAO_DICT_DIR if
// set, else a versioned directory under the user cache directory
// (os.UserCacheDir), else under os.TempDir (nianbao-<uid>). The versioned
// name changes
// whenever the embedded files change, so an old cache is never reused.
func Dir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil || base == "" {
		return tempDir()
	}
	v, err := version()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "nianbao", "jieba-"+JiebaVersion+"-"+v), nil
}

// version is a short hash of the embedded files.
func version() (string, error) {
	h := digest.New()
	for _, e := range entries {
		for _, name := range e.embedded {
			b, err := files.ReadFile(name)
			if err != nil {
				return "", err
			}
			h.Write([]byte(name))
			h.Write(b)
		}
	}
	return h.Sum()[:12], nil
}

// Write makes sure the dictionaries are present and intact in dir ("" for
// Dir()) and returns their paths. A file that is missing, truncated or
// different is rewritten through a temporary file and a rename, so
// processes sharing the directory never read a half-written file.
//
// cppjieba splits the user dictionary path on '|' and ';' and aborts the
// process on a file it cannot open, so a directory whose path contains
// either character is refused with an error.
//
// With dir "" and $NIANBAO_DICT_DIR unset, a user cache directory that
// cannot be written (a read-only home in a container) is not fatal: the
// files go to a versioned directory under os.TempDir instead.
func Write(dir string) (Paths, error) {
	if dir != "" {
		return write(dir)
	}
	d, err := Dir()
	if err != nil {
		return Paths{}, err
	}
	p, err := write(d)
	if err != nil && os.Getenv(EnvDir) == "" {
		if tmp, terr := tempDir(); terr == nil && tmp != d {
			if p, terr := write(tmp); terr == nil {
				return p, nil
			}
		}
	}
	return p, err
}

// tempDir is the fallback directory under os.TempDir.
func tempDir() (string, error) {
	v, err := version()
	if err != nil {
		return "", err
	}
	return filepath.Join(os.TempDir(), fmt.Sprintf("nianbao-%d", os.Getuid()), "jieba-"+JiebaVersion+"-"+v), nil
}

func write(dir string) (Paths, error) {
	if strings.ContainsAny(dir, "|;\x00") {
		return Paths{}, fmt.Errorf("%w %q: gojieba cannot use a path containing '|', ';' or NUL", ErrDir, dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Paths{}, fmt.Errorf("%w %q: %v", ErrDir, dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return Paths{}, fmt.Errorf("%w: %v", ErrDir, err)
	}
	var p []string
	for _, e := range entries {
		path := filepath.Join(abs, e.disk)
		if err := ensure(path, e.embedded); err != nil {
			return Paths{}, fmt.Errorf("%w: %v", ErrDir, err)
		}
		p = append(p, path)
	}
	return Paths{Dict: p[0], HMM: p[1], User: p[2], IDF: p[3], StopWords: p[4]}, nil
}

// open returns a reader of the uncompressed content of the embedded files
// parts, one after the other, and its size.
func open(parts []string) (io.Reader, int64, error) {
	var rs []io.Reader
	var size int64
	for _, name := range parts {
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, 0, err
		}
		if !strings.HasSuffix(name, ".gz") {
			rs = append(rs, bytes.NewReader(b))
			size += int64(len(b))
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil || len(b) < 4 {
			return nil, 0, fmt.Errorf("dict: embedded %s: %v", name, err)
		}
		rs = append(rs, zr)
		size += int64(binary.LittleEndian.Uint32(b[len(b)-4:])) // ISIZE: the files are < 4 GB
	}
	return io.MultiReader(rs...), size, nil
}

// ensure writes the embedded parts to path unless the file already holds
// exactly their content. Both the check and the write stream, so that
// no copy of the 11.6 MB is held in memory.
func ensure(path string, parts []string) error {
	if same(path, parts) {
		return nil
	}
	r, _, err := open(parts)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := io.Copy(tmp, r)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644) // CreateTemp makes it 0600
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}

// same reports whether the file at path holds exactly the parts' content.
func same(path string, parts []string) bool {
	want, size, err := open(parts)
	if err != nil {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || fi.Size() != size {
		return false
	}
	a, b := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		n, err := io.ReadFull(want, a)
		if _, ferr := io.ReadFull(f, b[:n]); ferr != nil || !bytes.Equal(a[:n], b[:n]) {
			return false
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}
