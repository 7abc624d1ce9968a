package division

import (
	"net"
	"net/url"
	"strings"
	"sync"
	"unicode/utf8"
)

// Government web sites are named after their place in pinyin: the full
// spelling of its name or short name (www.hongze.gov.cn, www.jiangsu.gov.cn),
// the initials of its full name (hzq for 洪泽区), or a chain of the city's
// and the county's (www.njgl.gov.cn: 南京 + 鼓楼; www.nxgy.gov.cn: 宁夏 +
// 固原). Site reads a host name that way against the pinyin of every
// province, city and county (pinyin.gen.go; every reading of a character
// with several, ü also written u), so that a report fetched from a site
// can be placed when its printed name does not say where (教育局) or names
// a place shared by several (鼓楼区).

// minSpelling is the shortest label read on its own: a two-letter
// spelling (gl, hz) fits too many places to say anything alone.
const minSpelling = 3

// maxReadings caps the spellings of one name (characters with several
// readings multiply them).
const maxReadings = 16

// Site returns the divisions that the labels of rawURL's host spell,
// consistent with one another (each lies within or contains a division
// of every other label that spells one) and the deepest of them where
// labels nest: www.hongze.gov.cn gives 洪泽区, hzq.huaian.gov.cn 淮安市洪泽区,
// www.gulou.gov.cn every 鼓楼区, www.huaian.gov.cn 淮安市, its 淮安区 and
// 怀安县 (one spelling). The
// domain's own labels (www, gov, cn, com, …) are skipped; a host that
// spells nothing, or labels that contradict one another, give nil.
func Site(rawURL string) []*Division {
	host := rawURL
	if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	if host == "" || net.ParseIP(host) != nil {
		return nil
	}
	var sets [][]*Division
	for _, l := range strings.Split(strings.ToLower(host), ".") {
		if domainWord[l] {
			continue
		}
		if s := spelled(l); len(s) > 0 {
			sets = append(sets, s)
		}
	}
	if len(sets) == 1 {
		return sets[0]
	}
	// Several labels: the divisions of each that agree with every other
	// label, less those another label places deeper (hzq.huaian: 淮安市
	// goes, 洪泽区 within it stays).
	type found struct {
		d     *Division
		label int
	}
	var fs []found
	for i, s := range sets {
		for _, d := range s {
			ok := true
			for j, o := range sets {
				if j != i && !relatedToAny(d, o) {
					ok = false
					break
				}
			}
			if ok {
				fs = append(fs, found{d, i})
			}
		}
	}
	var out []*Division
	for _, f := range fs {
		inner := false
		for _, o := range fs {
			if o.label != f.label && o.d != f.d && f.d.Contains(o.d) {
				inner = true
				break
			}
		}
		if !inner {
			out = appendOnce(out, f.d)
		}
	}
	return out
}

// domainWord are the labels of a host that name the web or the domain,
// not the place.
var domainWord = map[string]bool{"www": true, "gov": true, "cn": true, "com": true, "net": true, "org": true, "edu": true}

// spelled returns the divisions label spells: as one name (at least
// minSpelling letters; every division so spelled, 淮安市 and 淮安区 for
// huaian) or as a division's name followed by the name of one within it
// (the one within: njgl is 南京 + 鼓楼, 南京市鼓楼区).
func spelled(label string) []*Division {
	ix := pinyinIndex()
	var out []*Division
	if len(label) >= minSpelling {
		for _, d := range ix[label] {
			out = appendOnce(out, d)
		}
	}
	for k := 2; k+2 <= len(label); k++ {
		outer, inner := ix[label[:k]], ix[label[k:]]
		for _, a := range outer {
			for _, b := range inner {
				if a != b && a.Contains(b) {
					out = appendOnce(out, b)
				}
			}
		}
	}
	return out
}

func relatedToAny(d *Division, ds []*Division) bool {
	for _, o := range ds {
		if o.Contains(d) || d.Contains(o) {
			return true
		}
	}
	return false
}

// pinyinIndex maps each spelling to the provinces, cities and counties
// it spells: the full pinyin of the name and of the short name, and the
// initials of the name and of the short name.
var pinyinIndex = sync.OnceValue(func() map[string][]*Division {
	readings := map[rune][]string{}
	for _, line := range strings.Split(pinyinData, "\n") {
		r, n := utf8.DecodeRuneInString(line)
		if n == 0 {
			continue
		}
		for _, p := range strings.Split(line[n:], ",") {
			readings[r] = append(readings[r], p)
			if strings.Contains(p, "v") { // ü: lv and lu alike (吕梁: lvliang, luliang)
				readings[r] = append(readings[r], strings.ReplaceAll(p, "v", "u"))
			}
		}
	}
	ix := map[string][]*Division{}
	add := func(s string, d *Division) {
		if s != "" {
			ix[s] = appendOnce(ix[s], d)
		}
	}
	for _, d := range All() {
		if d.Level > County || d.Placeholder() {
			continue
		}
		for _, name := range []string{d.Name, d.Short} {
			if utf8.RuneCountInString(name) < 2 {
				continue
			}
			for _, sp := range spellings(name, readings) {
				add(sp.full, d)
				add(sp.initials, d)
			}
		}
	}
	return ix
})

type spelling struct{ full, initials string }

// spellings are the pinyin spellings of name, one per combination of its
// characters' readings (at most maxReadings); nil when a character has no
// reading.
func spellings(name string, readings map[rune][]string) []spelling {
	out := []spelling{{}}
	for _, r := range name {
		rs := readings[r]
		if len(rs) == 0 {
			return nil
		}
		var next []spelling
		for _, s := range out {
			for _, p := range rs {
				if len(next) < maxReadings {
					next = append(next, spelling{s.full + p, s.initials + p[:1]})
				}
			}
		}
		out = next
	}
	return out
}
