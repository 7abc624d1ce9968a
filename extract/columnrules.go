package extract

import "github.com/nianbao/nianbao/extract/template"

// maxCombos bounds the cross-row search of the column rules.
const maxCombos = 20_000

// resolveColumns narrows the rows that their own rule (D1) left with
// several divisions, using the template's column rules (D2 and R1 across
// the rows of table 三). Rows that D1 fixed are never changed, even when a
// column rule then fails: that failure is the author's and the audit
// reports it. A column check is used only when some combination passes
// it, so a printed error in a fixed row cannot veto every combination.
func resolveColumns(rows map[string]*rowRead, gen string) {
	rules := template.ColumnRules(gen)
	if len(rules) == 0 {
		return
	}
	var open []*rowRead // rows with several candidates
	seen := map[*rowRead]bool{}
	for _, cr := range rules {
		for _, key := range append(append([]string{}, cr.LHS...), cr.RHS...) {
			if rr := rows[key]; rr != nil && len(rr.cands) > 1 && !seen[rr] {
				seen[rr] = true
				open = append(open, rr)
			}
		}
	}
	if len(open) == 0 {
		return
	}
	combos := 1
	for _, rr := range open {
		combos *= len(rr.cands)
		if combos > maxCombos {
			return
		}
	}
	pickOf := map[*rowRead]int{}
	val := func(key, col string) string {
		rr := rows[key]
		if rr == nil || len(rr.cands) == 0 {
			return "MISSING"
		}
		ci := rr.def.Col(col)
		if ci < 0 {
			return "MISSING"
		}
		return rr.cands[pickOf[rr]][ci]
	}
	// one check per rule and column: Σ LHS = Σ RHS
	type check struct {
		rule template.ColumnRule
		col  string
	}
	var checks []check
	for _, cr := range rules {
		for _, col := range cr.Columns {
			checks = append(checks, check{cr, col})
		}
	}
	var passes [][]bool
	for c := 0; c < combos; c++ {
		x := c
		for _, rr := range open {
			pickOf[rr] = x % len(rr.cands)
			x /= len(rr.cands)
		}
		p := make([]bool, len(checks))
		for k, ch := range checks {
			var parts []string
			for _, key := range ch.rule.LHS {
				parts = append(parts, val(key, ch.col))
			}
			rhs := ch.rule.RHS
			for _, key := range rhs[1:] {
				parts = append(parts, negate(val(key, ch.col)))
			}
			p[k] = sumEq(parts, val(rhs[0], ch.col))
		}
		passes = append(passes, p)
	}
	satisfiable := make([]bool, len(checks))
	for _, p := range passes {
		for k, ok := range p {
			if ok {
				satisfiable[k] = true
			}
		}
	}
	var survivors []int
	for c, p := range passes {
		ok := true
		for k := range p {
			if satisfiable[k] && !p[k] {
				ok = false
				break
			}
		}
		if ok {
			survivors = append(survivors, c)
		}
	}
	if len(survivors) == 0 || len(survivors) == combos {
		return
	}
	keep := make([]map[int]bool, len(open))
	for k := range keep {
		keep[k] = map[int]bool{}
	}
	for _, c := range survivors {
		x := c
		for k, rr := range open {
			keep[k][x%len(rr.cands)] = true
			x /= len(rr.cands)
		}
	}
	for k, rr := range open {
		var cands [][]string
		for ci, cand := range rr.cands {
			if keep[k][ci] {
				cands = append(cands, cand)
			}
		}
		if len(cands) < len(rr.cands) {
			rr.cands = cands
			for _, cr := range rules {
				rr.rules = append(rr.rules, cr.ID)
			}
		}
	}
}

func negate(s string) string {
	if s == "" || s == "MISSING" || s == "AMBIGUOUS" {
		return s
	}
	if s[0] == '-' {
		return s[1:]
	}
	return "-" + s
}
