// Package digest names content as the whole pipeline does: the
// lower-case hex SHA-256 of its bytes. extract.Source.SHA256, the fetch
// manifest's sha256 and store, the corpus's sources table and the
// segmenter's dictionary cache all use it, so one file has one name
// everywhere.
package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
)

// Bytes returns the digest of b.
func Bytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// File returns the digest of the file's content. Errors name the file.
func File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return h.Sum(), nil
}

// Hash computes a digest of what is written to it, for content that is
// streamed (a download written to disk as it arrives) or made of parts.
type Hash struct{ h hash.Hash }

// New returns an empty Hash.
func New() *Hash { return &Hash{h: sha256.New()} }

// Write adds p; it never fails.
func (h *Hash) Write(p []byte) (int, error) { return h.h.Write(p) }

// Sum returns the digest of everything written so far.
func (h *Hash) Sum() string { return hex.EncodeToString(h.h.Sum(nil)) }
