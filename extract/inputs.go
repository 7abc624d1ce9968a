package extract

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/corpus/fetch/manifest"
)

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
		entries, err := manifest.Read(p)
		if err != nil {
			return nil, err
		}
		man := manifest.ByPath(entries)
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
				in.URL, in.ListingTitle, in.Published, in.FetchedAt, in.ContentType = m.URL, m.Title, m.Published, m.FetchedAt, m.ContentType
			}
			out = append(out, in)
		}
	}
	return out, nil
}
