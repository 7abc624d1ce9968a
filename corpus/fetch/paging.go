package fetch

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

var (
	hanwebRec  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?s)<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>`) })
	hanwebNext = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?s)<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>`)
	})
	hanwebTotal = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)<totalrecord>\s*(\d+)\s*</totalrecord>|totalRecord\s*[:=]\s*['"]?(\d+)`)
	})
	hanwebPer  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)perPage\s*[:=]\s*['"]?(\d+)`) })
	trsCall    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`createPageHTML\s*\(([^()]*)\)`) })
	hrefRe     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)href\s*=\s*["']([^"']+)["']`) })
	pagerWords = []string{"下一页", "下页", "后页", "尾页", "末页", "上一页", "上页", "前页", "next", "»", ">>", ">", "last"}
)

// maxGeneratedPages caps the pages a script may announce, so that a page
// saying createPageHTML(1e9, ...) costs nothing.
const maxGeneratedPages = 500

// hanweb reads the records of a Hanweb (大汉) jpage listing: XML kept in a
// <script type="text/xml"> block, or the XML the data proxy returns, and
// plans the URLs of the remaining record groups.
func (w *walker) hanweb(text string) {
	recs := hanwebRec().FindAllStringSubmatch(text, -1)
	for _, r := range recs {
		frag, err := html.Parse(strings.NewReader(r[1]))
		if err != nil {
			continue
		}
		sub := &walker{p: w.p, base: w.base, titleRe: w.titleRe, seen: w.seen}
		sub.walk(frag)
		w.seen = sub.seen
	}
	next := hanwebNext().FindStringSubmatch(text)
	if next == nil {
		return
	}
	w.p.Scripted = true
	m := hrefRe().FindStringSubmatch(next[1])
	if m == nil || len(recs) == 0 {
		return
	}
	proxy, err := w.base.Parse(html.UnescapeString(m[1]))
	if err != nil {
		return
	}
	group := len(recs)
	per := group
	if m := hanwebPer().FindStringSubmatch(text); m != nil {
		if n, _ := strconv.Atoi(m[1]); n > 0 {
			per = n
		}
	}
	start := 1
	if s, _ := strconv.Atoi(w.base.Query().Get("startrecord")); s > 0 {
		start = s
	}
	total := 0
	if m := hanwebTotal().FindStringSubmatch(text); m != nil {
		total, _ = strconv.Atoi(m[1] + m[2])
	}
	last := start + group // the next group only, when the total is unknown
	if total > 0 {
		last = total
	}
	for s, n := start+group, 0; s <= last && n < maxGeneratedPages; s, n = s+group, n+1 {
		e := s + group - 1
		if total > 0 && e > total {
			e = total
		}
		u := *proxy
		q := u.RawQuery
		if q != "" {
			q += "&"
		}
		u.RawQuery = q + "startrecord=" + strconv.Itoa(s) + "&endrecord=" + strconv.Itoa(e) + "&perpage=" + strconv.Itoa(per)
		w.p.Pages = append(w.p.Pages, &u)
	}
}

// trs reads TRS WCM pagination, createPageHTML(count, current, "index",
// "html") (or the newer createPageHTML("div", count, current, "index",
// "html", records)): page 0 is index.html, page i is index_i.html.
func (w *walker) trs(text string) {
	m := trsCall().FindStringSubmatch(text)
	if m == nil {
		return
	}
	var nums []int
	var strs []string
	for _, a := range strings.Split(m[1], ",") {
		a = strings.TrimSpace(a)
		if s, ok := unquote(a); ok {
			if len(nums) >= 2 {
				strs = append(strs, s)
			}
			continue
		}
		n, err := strconv.Atoi(a)
		if err != nil {
			n = jsVar(text, a)
		}
		nums = append(nums, n)
	}
	if len(nums) < 2 || len(strs) < 2 {
		return
	}
	w.p.Scripted = true
	count, prefix, suffix := min(nums[0], maxGeneratedPages), strs[0], strs[1]
	if prefix == "" || suffix == "" || strings.ContainsAny(prefix+suffix, "/\\?#") {
		return
	}
	for i := 0; i < count; i++ {
		name := prefix + "." + suffix
		if i > 0 {
			name = prefix + "_" + strconv.Itoa(i) + "." + suffix
		}
		if u, err := w.base.Parse(name); err == nil {
			w.p.Pages = append(w.p.Pages, u)
		}
	}
}

func unquote(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1], true
	}
	return "", false
}

// jsVar finds "var name = 12" in a script; 0 if absent.
func jsVar(text, name string) int {
	if name == "" || strings.ContainsAny(name, " ()[]{}+-*/") {
		return 0
	}
	re, err := regexp.Compile(`\b` + regexp.QuoteMeta(name) + `\s*=\s*['"]?(\d{1,6})`)
	if err != nil {
		return 0
	}
	m := re.FindStringSubmatch(text)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// isPager reports whether a link's text names another page of a listing,
// and whether it is a page number.
func isPager(text string) (number, ok bool) {
	t := strings.ToLower(strings.TrimSpace(text))
	if t == "" {
		return false, false
	}
	if n, err := strconv.Atoi(t); err == nil {
		return true, n > 0 && n < 10000
	}
	for _, p := range pagerWords {
		if t == p || (len(p) > 2 && strings.Contains(t, p) && len([]rune(t)) <= 6) {
			return false, true
		}
	}
	return false, false
}
