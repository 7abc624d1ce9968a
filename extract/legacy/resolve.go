package legacy

import (
	"math/big"
	"strings"
)

// maxCombos bounds the readings of one L1 group that are tried together.
const maxCombos = 1 << 12

// ratCache parses each printed value once.
type ratCache map[string]*big.Rat

func (rc ratCache) get(s string) *big.Rat {
	v, ok := rc[s]
	if !ok {
		v = rat(s)
		rc[s] = v
	}
	return v
}

// resolve narrows the readings of the rows by the table's own sums (L1)
// and by the narrative, repeating both until nothing changes, and then
// fills Year, Cumulative, Status, Candidates and Note. It returns
// warnings for the rows left ambiguous and the sums that no reading
// satisfies. year is the report year named by the table header, or "".
func resolve(rows []Row, cands [][]cand, notes []string, narrative, year string) []Warning {
	var warns []Warning
	groups := l1Groups(rows)
	rc := ratCache{}
	decided := make([]string, len(rows))
	broken := map[int]bool{}
	var clauses []clause
	parsed := false
	for iter := 0; iter < 2*len(rows)+2; iter++ {
		changed := false
		for _, grp := range groups {
			ok, ch := narrowL1(grp, cands, decided, rc)
			broken[grp[0]] = !ok
			changed = changed || ch
		}
		if changed || narrowBounds(rows, cands, decided, rc) {
			continue
		}
		if !parsed {
			clauses, parsed = parseNarrative(narrative), true
		}
		for i := range rows {
			if len(cands[i]) < 2 {
				continue
			}
			if k, cl := byNarrative(rows[i], cands[i], clauses, year); k >= 0 {
				cands[i] = []cand{cands[i][k]}
				decided[i] = "narrative «" + cl + "»"
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, grp := range groups {
		if broken[grp[0]] {
			warns = append(warns, Warning{rows[grp[0]].Pos, "L1: no reading makes «" + rows[grp[0]].Label + "» the sum of its parts"})
		}
	}
	for i := range rows {
		r := &rows[i]
		r.Note = notes[i]
		if decided[i] != "" {
			r.Note = joinNote(r.Note, "decided by "+decided[i])
		}
		switch len(cands[i]) {
		case 1:
			r.Year, r.Cumulative = cands[i][0].y, cands[i][0].c
			r.Status = StatusOK
			if r.Year == "" {
				r.Status = StatusBlank
			}
		default:
			r.Status = StatusAmbiguous
			for _, c := range cands[i] {
				r.Candidates = append(r.Candidates, c.String())
			}
			msg := "«" + r.Label + "» " + r.Raw + ": "
			if len(cands[i]) == 0 {
				warns = append(warns, Warning{r.Pos, msg + "no reading"})
			} else {
				warns = append(warns, Warning{r.Pos, msg + "ambiguous: " + strings.Join(r.Candidates, ", ")})
			}
		}
	}
	return warns
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// l1Groups lists the rows that have at least two parts of the same unit,
// each group as the parent's index followed by its parts'. A single
// 其中 part is often a subset, not a breakdown, so it is not summed.
func l1Groups(rows []Row) [][]int {
	parts := map[int][]int{}
	var order []int
	for i, r := range rows {
		p := r.Parent
		if p < 0 || p >= len(rows) {
			continue
		}
		if parts[p] == nil {
			order = append(order, p)
		}
		parts[p] = append(parts[p], i)
	}
	var groups [][]int
	for _, p := range order {
		ch := parts[p]
		if len(ch) < 2 || rows[p].Unit == "" {
			continue
		}
		same := true
		for _, c := range ch {
			same = same && rows[c].Unit == rows[p].Unit
		}
		if same {
			groups = append(groups, append([]int{p}, ch...))
		}
	}
	return groups
}

// narrowL1 keeps, for each member of an L1 group, the readings that take
// part in at least one combination where the parent equals the sum of
// its parts, year and cumulative alike (a column is checked only where
// every member prints a number). ok is false when no combination fits;
// then nothing is narrowed.
func narrowL1(grp []int, cands [][]cand, decided []string, rc ratCache) (ok, changed bool) {
	total := 1
	for _, m := range grp {
		n := len(cands[m])
		if n == 0 {
			return true, false
		}
		if total *= n; total > maxCombos {
			return true, false
		}
	}
	keep := make([][]bool, len(grp))
	for k, m := range grp {
		keep[k] = make([]bool, len(cands[m]))
	}
	idx := make([]int, len(grp))
	pick := make([]cand, len(grp))
	for {
		for k, m := range grp {
			pick[k] = cands[m][idx[k]]
		}
		if sums(pick, rc) {
			ok = true
			for k := range grp {
				keep[k][idx[k]] = true
			}
		}
		k := len(idx) - 1
		for ; k >= 0; k-- {
			if idx[k]++; idx[k] < len(cands[grp[k]]) {
				break
			}
			idx[k] = 0
		}
		if k < 0 {
			break
		}
	}
	if !ok {
		return false, false
	}
	for k, m := range grp {
		var kept []cand
		for i, c := range cands[m] {
			if keep[k][i] {
				kept = append(kept, c)
			}
		}
		if len(kept) < len(cands[m]) {
			if len(kept) == 1 && decided[m] == "" {
				decided[m] = "L1 (sum of parts) among " + itoa(len(cands[m])) + " readings"
			}
			cands[m] = kept
			changed = true
		}
	}
	return true, changed
}

// sums reports whether pick[0] is the sum of pick[1:], in each column
// where every value is a number.
func sums(pick []cand, rc ratCache) bool {
	for _, col := range []func(cand) string{func(c cand) string { return c.y }, func(c cand) string { return c.c }} {
		total := new(big.Rat)
		var parent *big.Rat
		checked := true
		for k, c := range pick {
			v := rc.get(col(c))
			if v == nil {
				checked = false
				break
			}
			if k == 0 {
				parent = v
			} else {
				total.Add(total, v)
			}
		}
		if checked && parent.Cmp(total) != 0 {
			return false
		}
	}
	return true
}

// narrowBounds uses the parent/child rows: a part (a 其中 row, an item of
// a list) never exceeds its whole, year and cumulative alike, even where
// a single part is not summed (L1). A child keeps the readings that some
// reading of its parent allows, a parent those that some reading of each
// child allows. Where no reading fits (the report's own error), nothing
// is narrowed.
func narrowBounds(rows []Row, cands [][]cand, decided []string, rc ratCache) bool {
	changed := false
	for i, r := range rows {
		p := r.Parent
		if p < 0 || p >= len(rows) || p == i || r.Unit != rows[p].Unit || r.Unit == "" {
			continue
		}
		if narrowBy(cands, i, p, func(c, o cand) bool { return within(c, o, rc) }) {
			changed = true
			if len(cands[i]) == 1 && decided[i] == "" {
				decided[i] = "a part is at most its whole «" + rows[p].Label + "»"
			}
		}
		if narrowBy(cands, p, i, func(c, o cand) bool { return within(o, c, rc) }) {
			changed = true
			if len(cands[p]) == 1 && decided[p] == "" {
				decided[p] = "a whole is at least its part «" + r.Label + "»"
			}
		}
	}
	return changed
}

// narrowBy keeps the readings of row a that fit some reading of row b.
func narrowBy(cands [][]cand, a, b int, fits func(c, o cand) bool) bool {
	if len(cands[a]) < 2 || len(cands[b]) == 0 {
		return false
	}
	var kept []cand
	for _, c := range cands[a] {
		for _, o := range cands[b] {
			if fits(c, o) {
				kept = append(kept, c)
				break
			}
		}
	}
	if len(kept) == 0 || len(kept) == len(cands[a]) {
		return false
	}
	cands[a] = kept
	return true
}

// within reports whether part ≤ whole in each column where both are
// numbers.
func within(part, whole cand, rc ratCache) bool {
	for _, col := range []func(cand) string{func(c cand) string { return c.y }, func(c cand) string { return c.c }} {
		a, b := rc.get(col(part)), rc.get(col(whole))
		if a != nil && b != nil && a.Cmp(b) > 0 {
			return false
		}
	}
	return true
}
