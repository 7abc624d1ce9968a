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
			cur.rules = append(cur.rules, robotsRule{allow: k == "allow", pattern: v})
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
// longest matching rule wins, and allow wins a tie.
func (r *robots) allowed(path string) bool {
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
