package legacy

import (
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract/template"
)

// maxRun is the longest run of digits that is split into year and
// cumulative values; longer runs are reported, not split.
const maxRun = 40

// numRe matches a printed number: no leading zeros except "0" itself,
// optional thousands commas, optional decimals.
var numRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:0|[1-9][0-9]*|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.[0-9]+)?$`)
})

// number returns s without thousands separators, and whether s is a
// well-formed number.
func number(s string) (string, bool) {
	if len(s) > maxRun || !numRe().MatchString(s) {
		return "", false
	}
	return strings.ReplaceAll(s, ",", ""), true
}

// rat parses a normalised number (template.ParseExact); nil if it is not
// one.
func rat(s string) *big.Rat {
	if len(s) > maxRun {
		return nil
	}
	r, ok := template.ParseExact(s)
	if !ok {
		return nil
	}
	return r
}

// fits reports whether a reading keeps year ≤ cumulative (L1). A blank
// side is not checked.
func (c cand) fits() bool {
	if c.y == "" || c.c == "" {
		return true
	}
	y, cu := rat(c.y), rat(c.c)
	return y != nil && cu != nil && y.Cmp(cu) <= 0
}

// splits enumerates the ways to cut a run of digits that lost its
// separator into a year value and a cumulative value. all holds every cut
// whose two parts are well-formed numbers ("01" can only be 0|1; "00" only
// 0|0), fit those of them with year ≤ cumulative. A comma at the cut is
// taken as the lost separator.
func splits(run string) (all, fit []cand) {
	if len(run) < 2 || len(run) > maxRun {
		return nil, nil
	}
	seen := map[cand]bool{}
	for i := 1; i < len(run); i++ {
		y, ok1 := number(strings.TrimRight(run[:i], ","))
		c, ok2 := number(strings.TrimLeft(run[i:], ","))
		if !ok1 || !ok2 {
			continue
		}
		k := cand{y, c}
		if seen[k] {
			continue
		}
		seen[k] = true
		all = append(all, k)
		if k.fits() {
			fit = append(fit, k)
		}
	}
	return all, fit
}

// readings turns the numeric tokens printed for a row into its possible
// readings, with a note saying how they were found. separated is true when
// the table's cells are kept apart by spaces elsewhere, so a lone token
// means a blank cell rather than a lost separator.
func readings(toks []string, hasCum, separated bool) ([]cand, string) {
	switch {
	case len(toks) == 0:
		return []cand{{}}, ""
	case !hasCum && len(toks) == 1:
		if v, ok := number(toks[0]); ok {
			return []cand{{y: v}}, ""
		}
		return []cand{{y: toks[0]}}, "value is not a well-formed number"
	case !hasCum:
		var cs []cand
		for _, t := range toks {
			v, ok := number(t)
			if !ok {
				v = t
			}
			cs = append(cs, cand{y: v})
		}
		return cs, "several values printed for one value column"
	case len(toks) == 2:
		y, ok1 := number(toks[0])
		c, ok2 := number(toks[1])
		if !ok1 {
			y = toks[0]
		}
		if !ok2 {
			c = toks[1]
		}
		k := cand{y, c}
		switch {
		case !ok1 || !ok2:
			return []cand{k}, "value is not a well-formed number"
		case !k.fits():
			return []cand{k}, "year value exceeds the cumulative value (L1 broken)"
		}
		return []cand{k}, ""
	case len(toks) == 1 && separated:
		if v, ok := number(toks[0]); ok {
			cs := []cand{{y: v}, {c: v}}
			note := "one value printed for two columns: which cell is blank is not known"
			if len(toks[0]) <= maxRun {
				// or the separator was lost here alone ("网站公开条17953304")
				if _, fit := splits(toks[0]); len(fit) > 0 {
					cs = append(cs, fit...)
					note = "one value printed for two columns: a blank cell or " + strconv.Itoa(len(fit)) + " splits of " + toks[0]
				}
			}
			return cs, note
		}
		return readings(toks, true, false) // "00": not one number, so a lost separator
	case len(toks) == 1:
		if len(toks[0]) > maxRun {
			return nil, "run of " + strconv.Itoa(len(toks[0])) + " digits is too long to split"
		}
		all, fit := splits(toks[0])
		switch {
		case len(fit) == 1:
			return fit, ""
		case len(fit) > 1:
			return fit, strconv.Itoa(len(fit)) + " splits of " + toks[0] + " with year ≤ cumulative"
		case len(all) > 0:
			return all, "no split of " + toks[0] + " has year ≤ cumulative (L1 broken)"
		}
		v, ok := number(toks[0])
		if !ok {
			return nil, toks[0] + " cannot be read as year and cumulative values"
		}
		return []cand{{y: v}, {c: v}}, "one value printed for two columns: which cell is blank is not known"
	}
	// More than two tokens: a stray separator inside a value. Cut only
	// between tokens.
	var cs []cand
	for k := 1; k < len(toks); k++ {
		y, ok1 := number(strings.Join(toks[:k], ""))
		c, ok2 := number(strings.Join(toks[k:], ""))
		if ok1 && ok2 && (cand{y, c}).fits() {
			cs = append(cs, cand{y, c})
		}
	}
	return cs, strconv.Itoa(len(toks)) + " values printed for two columns"
}

func itoa(n int) string { return strconv.Itoa(n) }
