package fetch

import (
	"bufio"
	"bytes"
	"io"
)

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
