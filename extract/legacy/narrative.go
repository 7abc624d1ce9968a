package legacy

import (
	"math/big"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// maxClause caps the runes of one narrative clause that are compared
// with a label.
const maxClause = 300

// clause is a piece of the narrative between punctuation marks, with the
// counts it states ("2949条").
type clause struct {
	text  string
	key   []rune          // text with generic words masked
	nums  map[string]bool // countKey of each count stated
	cum   bool            // speaks of a cumulative figure (累计, 历年)
	years []string        // the years it names ("2014年")
}

// yearNamed matches a year named in a clause: "2014年" not preceded by a
// digit (a Go regexp has no look-behind, so the digit is matched).
var yearNamed = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})年`) })

// yearRe matches a year as the narrative names it.
var yearRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:19|20)[0-9]{2}`) })

// namesOtherYear reports whether a clause names years, none of them year.
func (cl clause) namesOtherYear(year string) bool {
	if year == "" || len(cl.years) == 0 {
		return false
	}
	for _, y := range cl.years {
		if y == year {
			return false
		}
	}
	return true
}

// countKey identifies a count whatever its printed form ("2,949" = "2949").
func countKey(v *big.Rat, unit string) string { return unit + "\x00" + v.RatString() }

// parseNarrative cuts the narrative into clauses at 。；，！？ and line
// breaks (an ASCII comma only where it is not a thousands separator) and
// keeps the clauses that state a count.
func parseNarrative(s string) []clause {
	var out []clause
	rs := []rune(s)
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && !clauseEnd(rs, i) {
			continue
		}
		if i > start {
			if c, ok := newClause(rs[start:i]); ok {
				out = append(out, c)
			}
		}
		start = i + 1
	}
	return out
}

func clauseEnd(rs []rune, i int) bool {
	switch rs[i] {
	case '。', '；', ';', '，', '！', '？', '!', '?', '\n', '：', ':':
		return true
	case ',':
		return !(i > 0 && i+1 < len(rs) && isDigit(rs[i-1]) && isDigit(rs[i+1]))
	}
	return false
}

func newClause(rs []rune) (clause, bool) {
	for i, r := range rs {
		if r >= '０' && r <= '９' {
			rs[i] = r - '０' + '0'
		}
	}
	nums := map[string]bool{}
	for i := 0; i < len(rs); i++ {
		if !isDigit(rs[i]) || i > 0 && (isDigit(rs[i-1]) || rs[i-1] == '.' || rs[i-1] == ',') {
			continue
		}
		j := i
		for j < len(rs) && (isDigit(rs[j]) || (rs[j] == '.' || rs[j] == ',') && j+1 < len(rs) && isDigit(rs[j+1])) {
			j++
		}
		v, ok := number(string(rs[i:j]))
		if !ok {
			continue
		}
		rest := string(rs[j:min(len(rs), j+4)])
		for _, u := range units {
			if strings.HasPrefix(rest, u) {
				nums[countKey(rat(v), u)] = true
				break
			}
		}
	}
	if len(nums) == 0 {
		return clause{}, false
	}
	t := string(rs)
	k := rs
	if len(k) > maxClause {
		k = k[:maxClause]
	}
	var years []string
	for _, m := range yearNamed().FindAllStringSubmatch(t, -1) {
		years = append(years, m[1])
	}
	return clause{text: t, key: mask(string(k)), nums: nums, years: years,
		cum: strings.Contains(t, "累计") || strings.Contains(t, "历年")}, true
}

// generic words say nothing about which row a figure belongs to.
var generic = strings.NewReplacer(
	"政府信息公开", "|", "政府信息", "|", "信息公开", "|", "政务公开", "|",
	"政府", "|", "信息", "|", "数量", "|", "总数", "|", "数", "|",
)

func mask(s string) []rune { return []rune(generic.Replace(s)) }

// byNarrative returns the index of the only reading of row r that the
// narrative states: a clause that shares the row's key words (at least
// four runes in a row, or the whole key when shorter) and prints the
// row's year value (its cumulative value, where the clause says 累计)
// with the row's unit. A clause that names only other years than the
// report year ("2014年…") is not used. It returns -1 when no reading or several are
// stated.
func byNarrative(r Row, cs []cand, clauses []clause, year string) (int, string) {
	mkey := mask(r.Label)
	longest := 0
	for _, p := range strings.Split(string(mkey), "|") {
		longest = max(longest, utf8.RuneCountInString(p))
	}
	need := min(4, longest)
	if need < 2 {
		return -1, ""
	}
	keys := make([][2]string, len(cs)) // per reading: year key, cumulative key
	for k, c := range cs {
		if v := rat(c.y); v != nil {
			keys[k][0] = countKey(v, r.Unit)
		}
		if v := rat(c.c); v != nil {
			keys[k][1] = countKey(v, r.Unit)
		}
	}
	found, where := -1, ""
	for _, cl := range clauses {
		if cl.namesOtherYear(year) {
			continue
		}
		col := 0
		if cl.cum {
			col = 1
		}
		for k := range cs {
			if key := keys[k][col]; key == "" || !cl.nums[key] || common(mkey, cl.key) < need {
				continue
			}
			if found >= 0 && found != k {
				return -1, ""
			}
			found, where = k, cl.text
		}
	}
	if found >= 0 {
		where = strings.TrimSpace(where)
		if rs := []rune(where); len(rs) > 40 {
			where = "…" + string(rs[len(rs)-40:])
		}
	}
	return found, where
}

// common is the length of the longest common run of a and b, not
// counting the masks.
func common(a, b []rune) int {
	best := 0
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] && a[i] != '|' {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			} else {
				cur[j+1] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}
