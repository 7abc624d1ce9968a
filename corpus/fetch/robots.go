package fetch

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"time"
)

// robots is the part of a robots.txt (RFC 9309) that applies to us.
type robots struct {
	rules       []robotsRule
	crawlDelay  time.Duration
	disallowAll bool   // robots.txt unreachable: RFC 9309 says assume full disallow
	why         string // why it was unreachable
}

type robotsRule struct {
	allow   bool
	pattern string
}

// parseRobots returns the group for agent (a product token, lower case),
// falling back to the "*" group.
func parseRobots(data []byte, agent string) *robots {
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
	}
	var groups []*group
	var cur *group
	inAgents := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		switch k {
		case "user-agent":
			if !inAgents {
				cur = &group{}
				groups = append(groups, cur)
				inAgents = true
			}
			cur.agents = append(cur.agents, strings.ToLower(v))
		case "allow", "disallow":
			inAgents = false
			if cur == nil || (k == "disallow" && v == "") {
				continue
			}
			cur.rules = append(cur.rules, robotsRule{allow: k == "allow", pattern: robotsCanon(v)})
		case "crawl-delay":
			inAgents = false
			if cur == nil {
				continue
			}
			if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 && f < 3600 {
				cur.delay = time.Duration(f * float64(time.Second))
			}
		default:
			inAgents = false
		}
	}
	var star, mine []*group
	for _, g := range groups {
		for _, a := range g.agents {
			switch {
			case a == "*":
				star = append(star, g)
			case a != "" && strings.HasPrefix(agent, a):
				mine = append(mine, g)
			}
		}
	}
	if len(mine) == 0 {
		mine = star
	}
	r := &robots{}
	for _, g := range mine {
		r.rules = append(r.rules, g.rules...)
		if g.delay > r.crawlDelay {
			r.crawlDelay = g.delay
		}
	}
	return r
}

// allowed reports whether path (with its query) may be fetched: the
// longest matching rule wins, and allow wins a tie. Path and patterns are
// compared in one canonical form (robotsCanon), so "Disallow: /信息公开/"
// stops /信息公开/a.html however the link spelled it.
func (r *robots) allowed(path string) bool {
	path = robotsCanon(path)
	if r == nil {
		return true
	}
	if r.disallowAll {
		return false
	}
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, path) {
			continue
		}
		n := len(rule.pattern)
		if n > best || (n == best && rule.allow) {
			best, allow = n, rule.allow
		}
	}
	return allow
}

// robotsMatch matches a robots.txt path pattern, where * is any run of
// characters and a final $ anchors the end.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	pos := len(parts[0])
	for i, p := range parts[1:] {
		if anchored && i == len(parts)-2 {
			return len(path)-pos >= len(p) && strings.HasSuffix(path, p)
		}
		j := strings.Index(path[pos:], p)
		if j < 0 {
			return false
		}
		pos += j + len(p)
	}
	return !anchored || pos == len(path)
}

// robotsCanon puts a path or a robots.txt pattern in the form RFC 9309
// (2.2.2) compares: octets outside ASCII (UTF-8 Chinese in a pattern),
// spaces and controls are percent-encoded; a percent-encoded unreserved
// character (A-Z a-z 0-9 - . _ ~) is decoded; other percent-encodings stay
// encoded, with upper-case hex. "/信息公开/", "/%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80/"
// and "/%e4%bf%a1…" all become the second. The wildcards * and $ are
// ASCII and pass unchanged.
func robotsCanon(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			v := unhex(s[i+1])<<4 | unhex(s[i+2])
			if isUnreserved(v) {
				b.WriteByte(v)
			} else {
				b.WriteByte('%')
				b.WriteByte(hex[v>>4])
				b.WriteByte(hex[v&15])
			}
			i += 2
			continue
		}
		if c >= 0x80 || c <= ' ' || c == 0x7f {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

func isUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}
