package legacy

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// marker is the kind of item number a label starts with.
type marker int

const (
	mNone     marker = iota
	mCN              // 一、
	mParenCN         // （一）
	mNum             // 1. 1、 1．
	mParenNum        // （1） (1)
	mCircled         // ①
)

var (
	reQizhong  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^其中[：:]?`) })
	reCN       = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[一二三四五六七八九十]+[、．.]`) })
	reParenCN  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[（(][一二三四五六七八九十]+[）)]`) })
	reNum      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([0-9]{1,3})[、.．]`) })
	reParenNum = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[（(]([0-9]{1,3})[）)]`) })
	reCircled  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[①-⑳]`) })
)

// leadingMarker returns the item number s starts with: its kind, its
// number (for 1. and （1）) and its length in bytes.
func leadingMarker(s string) (marker, int, int) {
	if m := reNum().FindStringSubmatch(s); m != nil {
		rest := s[len(m[0]):]
		if rest == "" || rest[0] < '0' || rest[0] > '9' {
			n, _ := strconv.Atoi(m[1])
			return mNum, n, len(m[0])
		}
	}
	if m := reParenNum().FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		return mParenNum, n, len(m[0])
	}
	for _, p := range []struct {
		re *regexp.Regexp
		k  marker
	}{{reCN(), mCN}, {reParenCN(), mParenCN}, {reCircled(), mCircled}} {
		if m := p.re.FindString(s); m != "" {
			return p.k, 0, len(m)
		}
	}
	return mNone, 0, 0
}

// cleaned is a label with its leading 其中： and item number removed.
type cleaned struct {
	text string
	kind marker
	num  int
	qz   bool // printed after 其中
}

// cleanLabel strips a leading 其中： and item number from a label whose
// tokens have already been joined.
func cleanLabel(s string) cleaned {
	var c cleaned
	s = strings.TrimLeft(s, " ：:、")
	if m := reQizhong().FindString(s); m != "" {
		c.qz = true
		s = strings.TrimLeft(s[len(m):], " ")
	}
	k, n, l := leadingMarker(s)
	c.kind, c.num = k, n
	s = s[l:]
	if m := reQizhong().FindString(s); m != "" { // "1.其中：…" is rare but seen
		c.qz = true
		s = s[len(m):]
	}
	c.text = strings.Trim(s, " ：:")
	return c
}

// joinTokens joins the tokens of a label that a flattening broke apart:
// nothing between two CJK characters ("计量 单位"), one space elsewhere.
func joinTokens(toks []string) string {
	var b strings.Builder
	for i, t := range toks {
		if t == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(t)
			if last < utf8.RuneSelf || first < utf8.RuneSelf {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
	}
	return b.String()
}

// nester assigns Parent from the item numbers of consecutive rows.
type nester struct {
	stack    []level
	detached bool // a caption came between the last row and the next
	last     int  // index of the last row placed, -1 at the start
}

type level struct {
	kind        marker
	num         int
	row, parent int
}

func newNester() *nester { return &nester{last: -1} }

// caption records a row-less caption: the rows after it do not belong to
// the rows before it.
func (n *nester) caption() {
	n.stack = nil
	n.detached = true
}

// place returns the parent of row i.
func (n *nester) place(i int, c cleaned) int {
	parent := -1
	switch {
	case c.qz:
		if !n.detached && n.last >= 0 {
			parent = n.last
		}
		for k := len(n.stack) - 1; k >= 0; k-- {
			if n.stack[k].row == n.last {
				n.stack = n.stack[:k+1]
				break
			}
		}
	case c.kind == mNone || c.kind == mCN:
		n.stack = nil
	default:
		found := false
		for k := len(n.stack) - 1; k >= 0; k-- {
			if n.stack[k].kind == c.kind {
				parent = n.stack[k].parent
				n.stack = n.stack[:k]
				found = true
				break
			}
		}
		if !found && len(n.stack) > 0 {
			parent = n.stack[len(n.stack)-1].row
		}
	}
	n.stack = append(n.stack, level{c.kind, c.num, i, parent})
	n.detached = false
	n.last = i
	return parent
}

// expected lists the item numbers the next numbered row may carry, the
// most likely first: the next number of each open "1." list, then 1.
func (n *nester) expected() []string {
	var out []string
	seen := map[string]bool{}
	for k := len(n.stack) - 1; k >= 0; k-- {
		if n.stack[k].kind == mNum {
			s := strconv.Itoa(n.stack[k].num + 1)
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	if !seen["1"] {
		out = append(out, "1")
	}
	return out
}
