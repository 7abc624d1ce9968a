package fetch

import (
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
