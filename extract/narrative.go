package extract

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// Table 二 rows have no sum rule: a run such as "8855698" divides many
// ways. Reports often state the same figures in their text ("集中公开现行有效
// 行政规范性文件698件，动态更新本年度制发的规范性文件88件"). narrowByNarrative
// keeps the divisions whose values agree with every figure the narrative
// states for the row's columns, and decides the row only when exactly one
// remains; a narrative that fits no division is ignored (it may count
// something else), and nothing is decided without a stated figure.

// colWords say which column a clause is about (table 二 column keys).
var colWords = sync.OnceValue(func() map[string]*regexp.Regexp {
	return map[string]*regexp.Regexp{
		"issued":          regexp.MustCompile(`制发|印发|出台`),
		"new_made":        regexp.MustCompile(`新制作|制发|印发|出台`),
		"repealed":        regexp.MustCompile(`废止`),
		"in_force":        regexp.MustCompile(`现行有效`),
		"new_published":   regexp.MustCompile(`新公开`),
		"total_published": regexp.MustCompile(`对外公开总|累计公开`),
		"project_count":   regexp.MustCompile(`采购项目`),
	}
})

// rowWords say which table 二 row a clause is about.
var rowWords = sync.OnceValue(func() map[string]*regexp.Regexp {
	return map[string]*regexp.Regexp{
		"t2.regulations":         regexp.MustCompile(`规章`),
		"t2.normative_docs":      regexp.MustCompile(`规范性文件`),
		"t2.central_procurement": regexp.MustCompile(`集中采购|政府采购`),
	}
})

var (
	clauseSep = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[。；;，,、\n]`) })
	countRE   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\d+)\s*(件|个|项|份)`) })
)

// narrativeFigures collects, per (row, column), the numbers the narrative
// states in clauses that name both.
func narrativeFigures(text string) map[string]map[string][]string {
	out := map[string]map[string][]string{}
	for _, clause := range clauseSep().Split(text, -1) {
		nums := countRE().FindAllStringSubmatch(clause, -1)
		if len(nums) != 1 {
			continue // none, or several figures: which is which is unclear
		}
		for row, rw := range rowWords() {
			if !rw.MatchString(clause) {
				continue
			}
			for col, cw := range colWords() {
				if !cw.MatchString(clause) {
					continue
				}
				if out[row] == nil {
					out[row] = map[string][]string{}
				}
				out[row][col] = append(out[row][col], nums[0][1])
			}
		}
	}
	return out
}

// narrowByNarrative applies the narrative figures to the table 二 rows
// that still have several divisions.
func narrowByNarrative(rows map[string]*rowRead, narrative string) {
	var figs map[string]map[string][]string
	for key, rr := range rows {
		if rr.def.Table != "二" || len(rr.cands) < 2 {
			continue
		}
		if figs == nil {
			figs = narrativeFigures(narrative)
		}
		stated := figs[key]
		if len(stated) == 0 {
			continue
		}
		var keep [][]string
		used := map[string]bool{}
		for _, cand := range rr.cands {
			ok := true
			for i, c := range rr.def.Cells {
				vals, has := stated[c.Col]
				if !has {
					continue
				}
				used[c.Col] = true
				if !contains(vals, cand[i]) {
					ok = false
					break
				}
			}
			if ok {
				keep = append(keep, cand)
			}
		}
		if len(keep) == 0 || len(keep) == len(rr.cands) || len(used) == 0 {
			continue
		}
		var cols []string
		for _, c := range rr.def.Cells {
			if vals, ok := stated[c.Col]; ok {
				cols = append(cols, fmt.Sprintf("%s %s", c.ColLabel, strings.Join(vals, "/")))
			}
		}
		rr.cands = keep
		rr.rules = append(rr.rules, "narrative")
		rr.note = "narrative states " + strings.Join(cols, ", ")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
