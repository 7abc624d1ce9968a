package fetch

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/corpus/fetch/manifest"
)

// FuzzRelPath: whatever the URL and headers say, the path stays inside
// the directory and is valid UTF-8.
func FuzzRelPath(f *testing.F) {
	f.Add("http://x/a/../../b.pdf", "application/pdf", `attachment; filename="../../../evil"`)
	f.Add("http://x/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "", "attachment; filename*=UTF-8''..%2F..%2Fx")
	f.Add("http://x/a/\x00b?q=1", "text/html; charset=gbk", "attachment; filename=\xc4\xea\xb1\xa8.pdf")
	f.Add("http://x/.../....", "", `inline; filename="  .  "`)
	f.Fuzz(func(t *testing.T, raw, ctype, disp string) {
		u, err := url.Parse(raw)
		if err != nil {
			return
		}
		for _, role := range []string{manifest.Page, manifest.Listing} {
			p := relPath(role, u, ctype, disp)
			if !filepath.IsLocal(filepath.FromSlash(p)) || strings.Contains(p, "\\") || strings.Contains(p, "//") {
				t.Fatalf("relPath(%q, %q, %q) = %q", raw, ctype, disp, p)
			}
			for _, seg := range strings.Split(p, "/") {
				if seg == "" || seg == "." || seg == ".." || (seg[0] == '.' && seg != listingDir) {
					t.Fatalf("relPath(%q, %q, %q) = %q: segment %q", raw, ctype, disp, p, seg)
				}
			}
		}
	})
}

func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /a*b$\nAllow: /a/\nCrawl-delay: 1e9\n"), "/a/b")
	f.Add([]byte("user-agent:nianbao\ndisallow:*\n"), "/")
	f.Fuzz(func(t *testing.T, data []byte, p string) {
		parseRobots(data, "nianbao").allowed(p)
	})
}
