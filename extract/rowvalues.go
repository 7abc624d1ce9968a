package extract

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// rowRead is what the mapper found for one template row.
type rowRead struct {
	def    template.Row
	found  bool
	label  string       // printed label
	raw    string       // printed values, as in the source
	pos    layout.Pos   // where the row (label) is
	cellAt []layout.Pos // per cell, when the source has cells (grids)
	units  []string     // unit printed inside a cell, per cell
	toks   []token
	cands  [][]string
	chosen int // index into cands when decided among several, else -1
	// match is how closely the printed label matched the template row's
	// (1 = the same words, with its numbering as anchors it may exceed 1);
	// byPlace says the row was taken by its place, its label not printed
	// with it.
	match   float64
	byPlace bool
	// preset are candidate value lists decided before resolve (table 四
	// read in a PDF viewer's order); resolve keeps them.
	preset [][]string
	split  bool
	rules  []string
	note   string
	warn   []Warning
}

// labelMatch is the row's match score for the evidence: 0..1, two
// decimals; 0 when taken by place.
func (rr *rowRead) labelMatch() float64 {
	m := rr.match
	if rr.byPlace && rr.label == "" {
		return 0
	}
	if m > 1 {
		m = 1
	}
	if m < 0 {
		m = 0
	}
	return float64(int(m*100+0.5)) / 100
}

func typesOf(def template.Row) []string {
	k := make([]string, len(def.Cells))
	for i, c := range def.Cells {
		k[i] = c.Type
	}
	return k
}

func ruleOf(def template.Row) rowRule { return rowRule(def.Sums) }

// resolve turns a row's tokens into candidate value lists.
func (rr *rowRead) resolve() {
	rr.chosen = -1
	n := len(rr.def.Cells)
	if len(rr.preset) > 0 {
		rr.cands = rr.preset
		rr.units = make([]string, n)
		rr.rules = []string{rowRule(rr.def.Sums).name()}
		if len(rr.preset) > 1 {
			rr.split = true
		}
		return
	}
	types := typesOf(rr.def)
	rule := ruleOf(rr.def)
	toks := rr.toks
	allIntact := true
	for _, t := range toks {
		if !t.intact {
			allIntact = false
		}
	}
	rr.units = make([]string, n)
	if rr.isOCRRow() {
		rr.resolveOCR(types, rule)
		return
	}
	switch {
	case len(toks) == 0:
		rr.warn = append(rr.warn, Warning{Code: "MISSING_CELLS", Severity: SevWarning, Pos: rr.pos,
			Message: fmt.Sprintf("row %q is printed without values; its %d cells are MISSING", rr.label, n)})
		rr.cands = [][]string{repeat("MISSING", n)}
		return
	case len(toks) == n && (allIntact || directValid(toks, types)):
		vals := make([]string, n)
		for i, t := range toks {
			vals[i] = t.text
			rr.units[i] = t.unit
			if t.text != "" && !validFor(t.text, types[i]) && t.text != "-" {
				rr.warn = append(rr.warn, Warning{Code: "UNREADABLE_CELL", Severity: SevWarning, Pos: rr.pos,
					Cells:   []string{rr.def.Cells[i].ID},
					Message: fmt.Sprintf("row %q: %q is not a %s value", rr.label, t.raw, types[i])})
				vals[i] = "AMBIGUOUS"
			}
			if t.text == "-" {
				vals[i] = ""
			}
		}
		rr.cands = [][]string{vals}
		return
	case len(toks) > n:
		rr.warn = append(rr.warn, Warning{Code: "EXTRA_VALUES", Severity: SevWarning, Pos: rr.pos,
			Message: fmt.Sprintf("row %q prints %d values for %d columns (%q); its cells are AMBIGUOUS", rr.label, len(toks), n, rr.raw)})
		rr.cands = nil
		return
	}
	if allIntact || maxParts(toks) < n {
		rr.missingPlacements(types, rule, allIntact)
		return
	}
	rr.split = true
	res := enumerateSplits(toks, types, rule)
	if name := rule.name(); name != "" {
		rr.rules = append(rr.rules, name)
	}
	if len(res.cands) == 0 && len(rule) > 0 && !res.overflow {
		res = enumerateSplits(toks, types, ruleNone)
		rr.rules = nil
		rr.warn = append(rr.warn, Warning{Code: "NO_SPLIT_FITS", Severity: SevWarning, Pos: rr.pos,
			Message: fmt.Sprintf("row %q: no division of %q satisfies %s; all %d divisions kept as candidates", rr.label, rr.raw, rule.name(), len(res.cands))})
	}
	rr.cands = res.cands
	if res.overflow {
		rr.tooMany()
		return
	}
	if len(rr.cands) == 0 {
		rr.warn = append(rr.warn, Warning{Code: "NO_SPLIT_FITS", Severity: SevWarning, Pos: rr.pos,
			Message: fmt.Sprintf("row %q: %q cannot be divided into %d values", rr.label, rr.raw, n)})
	}
	// a unit printed after the last token belongs to the last cell
	if last := toks[len(toks)-1]; last.unit != "" {
		rr.units[n-1] = last.unit
	}
}

func ruleSuffix(rules []string) string {
	if len(rules) == 0 {
		return ""
	}
	return " under " + strings.Join(rules, "+")
}

func directValid(toks []token, types []string) bool {
	for i, t := range toks {
		if t.text != "" && t.text != "-" && !validFor(t.text, types[i]) {
			return false
		}
	}
	return true
}

// missingPlacements handles a row with fewer values than columns. Every
// division of its runs into fewer values than columns (a run of intact
// cells gives one value each), with the absent cells placed anywhere the
// values' types allow and the row's own rule not broken, is a candidate:
// which cell is missing the source does not say.
func (rr *rowRead) missingPlacements(types []string, rule rowRule, allIntact bool) {
	n := len(types)
	var divisions [][]string
	if allIntact {
		vals := make([]string, len(rr.toks))
		for i, t := range rr.toks {
			vals[i] = t.text
		}
		divisions = [][]string{vals}
	} else {
		for k := len(rr.toks); k < n && k <= maxParts(rr.toks); k++ {
			res := enumerateSplits(rr.toks, repeat(typeAny, k), ruleNone)
			if res.overflow {
				rr.tooMany()
				return
			}
			divisions = append(divisions, res.cands...)
		}
		rr.split = true
	}
	var cands [][]string
	overflow := false
	for _, vals := range divisions {
		m := n - len(vals)
		var rec func(used int, cur []string)
		rec = func(used int, cur []string) {
			if len(cands) >= maxCands {
				overflow = true
				return
			}
			if len(cur) == n {
				if checkRowRule(cur, rule) {
					cands = append(cands, append([]string(nil), cur...))
				}
				return
			}
			if len(cur)-used < m {
				rec(used, append(cur, "MISSING"))
			}
			if used < len(vals) && (vals[used] == "" || validFor(vals[used], types[len(cur)])) {
				rec(used+1, append(cur, vals[used]))
			}
		}
		rec(0, make([]string, 0, n))
	}
	if overflow {
		rr.tooMany()
		return
	}
	rr.cands = cands
	what := fmt.Sprintf("prints %d values for %d columns", len(rr.toks), n)
	if !allIntact {
		what = fmt.Sprintf("prints fewer values than its %d columns however %q is divided", n, rr.raw)
	}
	rr.warn = append(rr.warn, Warning{Code: "MISSING_CELLS", Severity: SevWarning, Pos: rr.pos,
		Message: fmt.Sprintf("row %q %s (%q); which cell is missing cannot be told: %d placements kept", rr.label, what, rr.raw, len(cands))})
}

// tooMany leaves a row's cells AMBIGUOUS without candidates.
func (rr *rowRead) tooMany() {
	rr.cands = nil
	rr.warn = append(rr.warn, Warning{Code: "TOO_MANY_SPLITS", Severity: SevWarning, Pos: rr.pos,
		Message: fmt.Sprintf("row %q: too many ways to divide %q; cells left AMBIGUOUS", rr.label, rr.raw)})
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// --- tokens --------------------------------------------------------------

var (
	thousandsRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?\d{1,3}(,\d{3})+(\.\d+)?$`) })
	unitRE      = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(万元|元|件|条|个|项|次|人次)$`) })
)

// numericPrefix returns the length in bytes of the leading part of s that
// can hold values: digits, signs, decimal points, separators, units.
func numericPrefix(s string) int {
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9', r >= '０' && r <= '９', r == '.', r == '-', r == '－', r == '—', r == ',',
			r == ' ', r == '\t', r == '\n', r == '\r', r == '\u00a0', r == '\u3000', r == '\f':
		case r == '元' || r == '万':
		default:
			return i
		}
		i += w
	}
	return i
}

// tokenize splits the printed values of a row at the separators that
// survived, strips units, and drops a trailing item number that belongs
// to the next row's label ("00000002." → "0000000").
func tokenize(s string, base int, intact bool) []token {
	var toks []token
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u3000' || r == '\f' {
			i += w
			continue
		}
		j := i
		for j < len(s) {
			r, w := utf8.DecodeRuneInString(s[j:])
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u3000' || r == '\f' {
				break
			}
			j += w
		}
		raw := s[i:j]
		toks = append(toks, makeTokens(raw, base+i, intact)...)
		i = j
	}
	if n := len(toks); n > 0 && !intact {
		last := &toks[n-1]
		if strings.HasSuffix(last.text, ".") || strings.HasSuffix(last.raw, "、") {
			t := strings.TrimSuffix(last.text, ".")
			// an item number is one digit (1.–8.) at the end of the run
			k := len(t)
			for k > 0 && len(t)-k < 1 && t[k-1] >= '0' && t[k-1] <= '9' {
				k--
			}
			if k < len(t) {
				t = t[:k]
			}
			if t == "" {
				toks = toks[:n-1]
			} else {
				last.text, last.raw = t, t
			}
		}
	}
	return toks
}

func makeTokens(raw string, off int, intact bool) []token {
	text := strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '－' || r == '—' || r == '–' || r == '−':
			return '-'
		case r == '．':
			return '.'
		case r == '，':
			return ','
		}
		return r
	}, raw)
	unit := ""
	if m := unitRE().FindString(text); m != "" {
		unit = m
		text = strings.TrimSuffix(text, m)
	}
	if text == "" {
		return nil
	}
	if thousandsRE().MatchString(text) {
		return []token{{text: strings.ReplaceAll(text, ",", ""), raw: raw, unit: unit, off: off, intact: intact}}
	}
	if strings.Contains(text, ",") {
		var out []token
		for _, part := range strings.Split(text, ",") {
			if part != "" {
				out = append(out, token{text: part, raw: raw, off: off, intact: intact})
			}
		}
		if len(out) > 0 {
			out[len(out)-1].unit = unit
		}
		return out
	}
	return []token{{text: text, raw: raw, unit: unit, off: off, intact: intact}}
}

// tmplCell is template.Cell, named for tests.
type tmplCell = template.Cell
