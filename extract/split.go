package extract

import (
	"math/big"
	"strings"

	"github.com/nianbao/nianbao/extract/template"
)

// A token is a run of characters that may hold one or several cell values
// whose separators were lost ("270020130"). A token never spans a
// separator that survived (tab, space, line break).
type token struct {
	text string // digits, '-', '.', as printed (unit removed)
	raw  string // as printed, with any unit
	unit string
	off  int // byte offset of the token in the source text
	// intact is true when the source kept the token apart as one cell
	// (a table cell): it gives exactly one value.
	intact bool
	// conf and alts come from OCR: the engine's confidence (0–1) and the
	// other readings of an intact cell (see ocrcells.go).
	conf float64
	alts []string
}

// rowRule is the sum rules a row's values must satisfy: the row's own
// identities from the template (D1 for a table 三 row, D3 for each block
// of table 四's printed row); nil for none.
type rowRule []template.Sum

// ruleNone is no sum rule (table 二, or dividing a run before its cells
// are known).
var ruleNone rowRule

// name is the rules' names, "D1" or "D3", "" for none.
func (r rowRule) name() string {
	var names []string
	for _, s := range r {
		if len(names) == 0 || names[len(names)-1] != s.Rule {
			names = append(names, s.Rule)
		}
	}
	return strings.Join(names, "+")
}

// splitLimits bound the enumeration so that hostile input cannot make it
// explode: at most maxNodes recursion steps and maxCands results.
const (
	maxNodes  = 2_000_000
	maxCands  = 2000
	maxDigits = 15
)

type splitResult struct {
	cands    [][]string // each: one value per cell
	overflow bool       // the enumeration was cut short
}

// enumerateSplits lists every way to divide toks, in order, into len(types)
// values (each token gives at least one value), where every value is
// well-formed for its type, and the row satisfies rule.
func enumerateSplits(toks []token, types []string, rule rowRule) splitResult {
	n := len(types)
	var res splitResult
	cur := make([]string, 0, n)
	nodes := 0
	var rec func(ti, pos int)
	rec = func(ti, pos int) {
		if res.overflow {
			return
		}
		nodes++
		if nodes > maxNodes || len(res.cands) >= maxCands {
			res.overflow = true
			return
		}
		if ti == len(toks) {
			if len(cur) == n && checkRowRule(cur, rule) {
				res.cands = append(res.cands, append([]string(nil), cur...))
			}
			return
		}
		t := toks[ti].text
		if toks[ti].intact && pos == 0 {
			// an intact cell gives one value: as read, or one of an OCR'd
			// cell's alternative readings
			ci := len(cur)
			if ci >= n {
				return
			}
			for _, v := range toks[ti].readings() {
				if (v != "" && !validFor(v, types[ci])) || !ruleAllows(cur, v, ci, rule) {
					continue
				}
				cur = append(cur, v)
				rec(ti+1, 0)
				cur = cur[:len(cur)-1]
			}
			return
		}
		if pos == len(t) {
			rec(ti+1, 0)
			return
		}
		ci := len(cur)
		if ci >= n {
			return
		}
		// cells still needed for the tokens after this one
		if n-ci < len(toks)-ti {
			return
		}
		for end := pos + 1; end <= len(t); end++ {
			v := t[pos:end]
			if !validFor(v, types[ci]) {
				if len(v) > maxDigits+2 {
					break
				}
				continue
			}
			// the rest of this token must be splittable into the cells left
			if end < len(t) && t[end] == '.' {
				continue
			}
			if !ruleAllows(cur, v, ci, rule) {
				continue
			}
			cur = append(cur, v)
			rec(ti, end)
			cur = cur[:len(cur)-1]
		}
	}
	if n == 0 {
		return res
	}
	rec(0, 0)
	return res
}

// typeAny accepts a value of any type: used to divide a run before the
// cells it goes to are known.
const typeAny = "any"

// validFor reports whether v is a well-formed printed value of type typ (template.TypeInt, TypeSignedInt, TypeAmount, or typeAny).
func validFor(v, typ string) bool {
	if v == "" {
		return false
	}
	s := v
	if s[0] == '-' {
		if (typ != template.TypeSignedInt && typ != typeAny) || len(s) == 1 {
			return false
		}
		s = s[1:]
		if s == "0" {
			return false
		}
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if hasDot && ((typ != template.TypeAmount && typ != typeAny) || frac == "" || strings.ContainsAny(frac, ".-")) {
		return false
	}
	if intPart == "" || len(intPart) > maxDigits {
		return false
	}
	for i := 0; i < len(intPart); i++ {
		if intPart[i] < '0' || intPart[i] > '9' {
			return false
		}
	}
	for i := 0; i < len(frac); i++ {
		if frac[i] < '0' || frac[i] > '9' {
			return false
		}
	}
	if len(intPart) > 1 && intPart[0] == '0' {
		return false
	}
	return true
}

// ruleAllows prunes: value v for cell ci must equal the sum of its parts
// when ci is a total whose parts all come before it (D1: the seventh value
// is the sum of the six before it; D3: the fifth of each block).
func ruleAllows(cur []string, v string, ci int, rule rowRule) bool {
	for _, s := range rule {
		if s.Total != ci || !partsBefore(s, ci) {
			continue
		}
		if !sumEq(pick(cur, s.Parts), v) {
			return false
		}
	}
	return true
}

func partsBefore(s template.Sum, ci int) bool {
	for _, p := range s.Parts {
		if p >= ci {
			return false
		}
	}
	return true
}

func pick(vals []string, idx []int) []string {
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = vals[k]
	}
	return out
}

// checkRowRule reports whether a full row satisfies every sum of rule.
func checkRowRule(vals []string, rule rowRule) bool {
	for _, s := range rule {
		if s.Total >= len(vals) {
			return false
		}
		for _, p := range s.Parts {
			if p >= len(vals) {
				return false
			}
		}
		if !sumEq(pick(vals, s.Parts), vals[s.Total]) {
			return false
		}
	}
	return true
}

// sumEq reports whether the parts add up to total. Blank ("") counts as
// 0; a non-numeric part ("MISSING") makes the answer true (not checkable).
func sumEq(parts []string, total string) bool {
	// fast path: values of an int64 in millionths (every table 三/四 value)
	if t, ok := cellFixed(total); ok {
		var sum int64
		fast := true
		for _, p := range parts {
			v, ok := cellFixed(p)
			if !ok {
				fast = false
				break
			}
			sum += v
		}
		if fast {
			return sum == t
		}
	}
	t, ok := cellExact(total)
	if !ok {
		return true
	}
	sum := new(big.Rat)
	for _, p := range parts {
		v, ok := cellExact(p)
		if !ok {
			return true
		}
		sum.Add(sum, v)
	}
	return sum.Cmp(t) == 0
}

// cellFixed reads a cell value for the sum rules as template.ParseFixed
// does, with blank ("") as 0.
func cellFixed(s string) (int64, bool) {
	if s == "" {
		return 0, true
	}
	return template.ParseFixed(s)
}

// cellExact reads a cell value of any size, blank as 0.
func cellExact(s string) (*big.Rat, bool) {
	if s == "" {
		return new(big.Rat), true
	}
	return template.ParseExact(s)
}

// maxParts is how many values toks can give at most (one per digit,
// signs and decimals bound to theirs).
func maxParts(toks []token) int {
	n := 0
	for _, t := range toks {
		c := 0
		for i := 0; i < len(t.text); i++ {
			if t.text[i] >= '0' && t.text[i] <= '9' {
				c++
			}
		}
		if strings.Contains(t.text, ".") {
			// the fraction digits belong to one value
			_, frac, _ := strings.Cut(t.text, ".")
			c -= len(frac)
		}
		if c < 1 {
			c = 1
		}
		n += c
	}
	return n
}
