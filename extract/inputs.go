package extract

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ManifestName is the fetch manifest file in a fetch directory.
const ManifestName = "manifest.jsonl"

// reportExts are the file extensions read from a directory.
var reportExts = map[string]bool{".pdf": true, ".html": true, ".htm": true, ".shtml": true, ".txt": true,
	".docx": true, ".doc": true, ".wps": true, ".rtf": true,
	".png": true, ".jpg": true, ".jpeg": true, ".tif": true, ".tiff": true}

// Inputs expands paths into the files to parse: a file as it is (even one
// that cannot be opened: parsing it gives that file's error), "-" for
// standard input, a directory recursively (report files only, sorted). In
// a directory holding a fetch manifest (manifest.jsonl), each file gets
// its source URL, listing title and publication date from the manifest.
func Inputs(paths []string) ([]Input, error) {
	var out []Input
	for _, p := range paths {
		if p == "-" {
			out = append(out, Input{Path: "-"})
			continue
		}
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			// a file, or a path that cannot be read: ParseFile reports it
			// for this file alone, and the batch goes on
			out = append(out, Input{Path: p})
			continue
		}
		if pageImages(p) != nil {
			// a directory of page images is one report
			out = append(out, Input{Path: p})
			continue
		}
		man, err := readManifest(p)
		if err != nil {
			return nil, err
		}
		var files []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				if path != p && pageImages(path) != nil {
					files = append(files, path) // one report of page images
					return filepath.SkipDir
				}
				return nil
			}
			if reportExts[strings.ToLower(filepath.Ext(path))] && !strings.HasPrefix(d.Name(), ".") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			in := Input{Path: f}
			rel, _ := filepath.Rel(p, f)
			if m, ok := man[filepath.ToSlash(rel)]; ok {
				in.URL, in.ListingTitle, in.Published, in.FetchedAt = m.URL, m.Title, m.Published, m.FetchedAt
			}
			out = append(out, in)
		}
	}
	return out, nil
}

type manifestEntry struct {
	URL       string `json:"url"`
	FinalURL  string `json:"final_url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	FetchedAt string `json:"fetched_at"`
	Path      string `json:"path"`
	Error     string `json:"error"`
}

// readManifest reads DIR/manifest.jsonl (written by nianbao fetch), keyed
// by the file's path relative to DIR (later lines win). No manifest: an
// empty map. A last line cut short by a killed fetch is ignored.
func readManifest(dir string) (map[string]manifestEntry, error) {
	f, err := os.Open(filepath.Join(dir, ManifestName))
	if os.IsNotExist(err) {
		return map[string]manifestEntry{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]manifestEntry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	n := 0
	var pending error // a bad line is an error unless it is the last one
	for sc.Scan() {
		if pending != nil {
			return nil, pending
		}
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var e manifestEntry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			pending = fmt.Errorf("%s:%d: %v", filepath.Join(dir, ManifestName), n, err)
			continue
		}
		if e.Path != "" && e.Error == "" {
			out[e.Path] = e
		}
	}
	// a last line cut short by a killed fetch is ignored, as fetch does
	return out, sc.Err()
}
