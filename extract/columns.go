package extract

import "github.com/nianbao/nianbao/extract/template"

// maxCombos bounds the cross-row search of the column rules.
const maxCombos = 20_000

// resolveColumns narrows the rows of table 三 that their own rule (D1)
// left with several divisions, using the column rules D2 and R1 across
// rows. Rows that D1 fixed are never changed, even when a column rule then
// fails: that failure is the author's and the audit reports it. A column
// check is used only when some combination passes it, so a printed error
// in a fixed row cannot veto every combination.
func resolveColumns(rows map[string]*rowRead, defs []template.Row) {
	var order []*rowRead
	var open []int // indices in order of rows with several candidates
	for _, def := range defs {
		if def.Table != "三" {
			continue
		}
		rr := rows[def.Key]
		if rr == nil || len(rr.cands) == 0 {
			order = append(order, nil)
			continue
		}
		if len(rr.cands) > 1 {
			open = append(open, len(order))
		}
		order = append(order, rr)
	}
	if len(open) == 0 {
		return
	}
	combos := 1
	for _, i := range open {
		combos *= len(order[i].cands)
		if combos > maxCombos {
			return
		}
	}
	// checks: for each column, D2 and R1
	outcome := map[string]bool{}
	for _, def := range defs {
		if def.Table == "三" && isOutcomeRow(def.Key) {
			outcome[def.Key] = true
		}
	}
	keyIdx := map[string]int{}
	for i, def := range defs3(defs) {
		keyIdx[def.Key] = i
	}
	pick := make([]int, len(open))
	var passes [][]bool
	nChecks := 14
	for c := 0; c < combos; c++ {
		x := c
		for k, i := range open {
			pick[k] = x % len(order[i].cands)
			x /= len(order[i].cands)
		}
		val := func(key string, col int) string {
			i, ok := keyIdx[key]
			if !ok || order[i] == nil {
				return "MISSING"
			}
			rr := order[i]
			ci := 0
			for k, oi := range open {
				if oi == i {
					ci = pick[k]
				}
			}
			return rr.cands[ci][col]
		}
		p := make([]bool, nChecks)
		for col := 0; col < 7; col++ {
			var parts []string
			for _, def := range defs3(defs) {
				if outcome[def.Key] {
					parts = append(parts, val(def.Key, col))
				}
			}
			p[col] = sumEq(parts, val("t3.results_total", col))
			p[7+col] = sumEq([]string{val("t3.new_received", col), val("t3.carried_over", col), negate(val("t3.carried_forward", col))},
				val("t3.results_total", col))
		}
		passes = append(passes, p)
	}
	satisfiable := make([]bool, nChecks)
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
		for k, i := range open {
			keep[k][x%len(order[i].cands)] = true
			x /= len(order[i].cands)
		}
	}
	for k, i := range open {
		rr := order[i]
		var cands [][]string
		for ci, cand := range rr.cands {
			if keep[k][ci] {
				cands = append(cands, cand)
			}
		}
		if len(cands) < len(rr.cands) {
			rr.cands = cands
			rr.rules = append(rr.rules, "D2", "R1")
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

func defs3(defs []template.Row) []template.Row {
	var out []template.Row
	for _, d := range defs {
		if d.Table == "三" {
			out = append(out, d)
		}
	}
	return out
}

// isOutcomeRow reports whether a table 三 row is one of （一）…（六） (the
// rows D2 adds up).
func isOutcomeRow(key string) bool {
	switch key {
	case "t3.new_received", "t3.carried_over", "t3.results_total", "t3.carried_forward":
		return false
	}
	return true
}
