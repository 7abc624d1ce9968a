package fetch

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRobots(t *testing.T) {
	txt := `# comment
User-agent: Googlebot
Disallow: /

User-agent: *
User-agent: other
Disallow: /private/
Disallow: /*.php$
Allow: /private/open/
Disallow: /search?
Crawl-delay: 2

User-agent: nianbao
Disallow: /nb-only/
Crawl-delay: 0.5
`
	star := parseRobots([]byte(txt), "somebot")
	mine := parseRobots([]byte(txt), "nianbao")
	for _, tc := range []struct {
		r    *robots
		path string
		want bool
	}{
		{star, "/", true},
		{star, "/private/a.html", false},
		{star, "/private/open/a.html", true},
		{star, "/index.php", false},
		{star, "/index.php?x=1", true},
		{star, "/search?q=年报", false},
		{star, "/search", true},
		{star, "/robots.txt", true},
		{mine, "/private/a.html", true},
		{mine, "/nb-only/x", false},
		{parseRobots([]byte("User-agent: *\nDisallow:\n"), "nianbao"), "/x", true},
		{parseRobots([]byte(""), "nianbao"), "/x", true},
		{&robots{disallowAll: true}, "/x", false},
	} {
		if got := tc.r.allowed(tc.path); got != tc.want {
			t.Errorf("allowed(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	if star.crawlDelay != 2*time.Second || mine.crawlDelay != 500*time.Millisecond {
		t.Errorf("crawl delays %v %v", star.crawlDelay, mine.crawlDelay)
	}
}

func TestRobotsMatch(t *testing.T) {
	for _, tc := range []struct {
		pat, path string
		want      bool
	}{
		{"/a", "/abc", true}, {"/a$", "/a", true}, {"/a$", "/ab", false},
		{"/*/x", "/q/r/x", true}, {"*.pdf$", "/a/b.pdf", true}, {"*.pdf$", "/a/b.pdf?x", false},
		{"/a*b*c", "/a-b-c-d", true}, {"/a*b*c$", "/a-b-c-d", false}, {"/a*b*c$", "/abcbc", true},
		{"/b", "/a", false}, {"", "/a", true},
	} {
		if got := robotsMatch(tc.pat, tc.path); got != tc.want {
			t.Errorf("robotsMatch(%q, %q) = %v", tc.pat, tc.path, got)
		}
	}
}

// TestRobotsNonASCII: RFC 9309 compares percent-encoded forms, so a rule
// written in UTF-8 stops the path however it is spelled, and a rule
// written percent-encoded stops the raw path.
func TestRobotsNonASCII(t *testing.T) {
	r := parseRobots([]byte("User-agent: *\nDisallow: /信息公开/\nAllow: /%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80/open/\nDisallow: /%7euser/\nDisallow: /年报*.pdf$\n"), "nianbao")
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"/信息公开/a.html", false},
		{"/%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80/a.html", false},
		{"/%e4%bf%a1%e6%81%af%e5%85%ac%e5%bc%80/a.html", false},
		{"/信息公开/open/a.html", true},
		{"/%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80/open/a.html", true},
		{"/信息/a.html", true},
		{"/~user/x", false},
		{"/%7Euser/x", false},
		{"/年报2023.pdf", false},
		{"/%E5%B9%B4%E6%8A%A52023.pdf", false},
		{"/%E5%B9%B4%E6%8A%A52023.pdf?x", true},
		{"/a%2Fb", true},
	} {
		if got := r.allowed(tc.path); got != tc.want {
			t.Errorf("allowed(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	if got := robotsCanon("/a%2fb/%41%7e 信"); got != "/a%2Fb/A~%20%E4%BF%A1" {
		t.Errorf("robotsCanon = %q", got)
	}
}

// TestRobotsNonASCIIRun: a listing that links to /信息公开/2023.pdf on a
// site whose robots.txt disallows /信息公开/ fetches nothing there (the
// mini site fails the test on any request it has no route for).
func TestRobotsNonASCIIRun(t *testing.T) {
	s := newMiniSite(t, map[string]http.HandlerFunc{
		"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, "User-agent: *\nDisallow: /信息公开/\n")
		},
		"/list.html": text(`<a href="/信息公开/2023.pdf">2023年年报</a><a href="/%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80/2022.pdf">2022年年报</a>` +
			`<a href="/ok/2021.pdf">2021年年报</a>`),
		"/ok/2021.pdf": pdfFile("2021"),
	})
	sum := run(t, testOptions(), t.TempDir(), s.srv.URL+"/list.html")
	if sum.Fetched != 2 || sum.Skipped != 2 {
		t.Errorf("%+v", sum)
	}
	for _, p := range sum.Skips {
		if !strings.Contains(p.Err, "disallowed by robots.txt") {
			t.Errorf("skip %s: %s", p.URL, p.Err)
		}
	}
}
