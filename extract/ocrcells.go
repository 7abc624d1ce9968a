package extract

import (
	"fmt"
	"strconv"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// OCR'd table cells. A cell read by OCR carries the engine's confidence
// and, for its unsure characters, alternative readings (layout.Cell.Conf,
// Alts). The alternatives go through the same enumeration as the
// divisions of run-together digits: the row's own rule (D1, D3) keeps the
// readings that satisfy it, the column rules (D2, R1) narrow rows still
// open, the narrative settles table 二 where it states the figure, and a
// cell whose readings still differ is AMBIGUOUS with them as candidates.
// An OCR'd row that no reading makes add up gets, besides the reading,
// every row in which one cell differs from its reading by one character
// (a digit dropped, added or misread) and the rule holds: the cells
// concerned are AMBIGUOUS, never silently wrong. Only cells read with a
// confidence below sureCell are repaired so: a row read surely that does
// not add up is the author's error as printed (reports have them), kept
// as read for the audit to report, and never "corrected" into a row that
// adds up by a digit the engine did not doubt.

// readings lists the values a token may stand for: as read, then the
// OCR alternatives.
func (t token) readings() []string {
	if len(t.alts) == 0 {
		return []string{t.text}
	}
	return append([]string{t.text}, t.alts...)
}

// ocrToken gives an OCR'd grid cell's token its confidence and
// alternatives (each normalised like the reading; one that does not make
// one value is dropped).
func ocrToken(c layout.Cell, toks []token) []token {
	if c.Conf == 0 || len(toks) != 1 {
		return toks
	}
	t := toks[0]
	t.conf = c.Conf
	for _, a := range c.Alts {
		at := tokenize(a, 0, true)
		if len(at) == 1 && at[0].text != t.text && !containsStr(t.alts, at[0].text) {
			t.alts = append(t.alts, at[0].text)
		}
	}
	return []token{t}
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// isOCRRow reports whether a row's values are OCR'd cells, one per column.
func (rr *rowRead) isOCRRow() bool {
	if len(rr.toks) != len(rr.def.Cells) {
		return false
	}
	ocr := false
	for _, t := range rr.toks {
		if !t.intact {
			return false
		}
		if t.conf > 0 {
			ocr = true
		}
	}
	return ocr
}

// resolveOCR chooses among an OCR'd row's readings with its own rule.
func (rr *rowRead) resolveOCR(types []string, rule rowRule) {
	n := len(types)
	read := make([]string, n)
	for i, t := range rr.toks {
		read[i] = t.text
		rr.units[i] = t.unit
	}
	res := enumerateSplits(rr.toks, types, rule)
	if name := rule.name(); name != "" {
		rr.rules = append(rr.rules, name)
	}
	rr.cands = res.cands
	if res.overflow {
		rr.tooMany()
		return
	}
	if len(rr.cands) == 0 && len(rule) > 0 {
		// no reading adds up: the reading itself (an author's error) and
		// every one-character misreading that would make it add up
		doubt := make([]bool, n)
		for i, t := range rr.toks {
			doubt[i] = t.conf < sureCell
		}
		rr.cands = append([][]string{read}, oneEditRepairs(read, doubt, types, rule)...)
		msg := fmt.Sprintf("row %q: the OCR'd values %q do not satisfy %s; %d one-character misreadings of cells read with confidence below %.2f would: the cells concerned are AMBIGUOUS", rr.label, rr.raw, rule.name(), len(rr.cands)-1, sureCell)
		if len(rr.cands) == 1 {
			msg = fmt.Sprintf("row %q: the OCR'd values %q do not satisfy %s, and no misreading of a cell read with confidence below %.2f would: kept as printed (an error of the report's?)", rr.label, rr.raw, rule.name(), sureCell)
		}
		rr.warn = append(rr.warn, Warning{Code: "OCR_RULE_FAILS", Severity: SevWarning, Pos: rr.pos, Message: msg})
	}
	if len(rr.cands) == 0 {
		// a reading that is not a value of its type
		for i := range read {
			if read[i] != "" && !validFor(read[i], types[i]) {
				read[i] = "AMBIGUOUS"
			}
		}
		rr.cands = [][]string{read}
	}
	rr.split = len(rr.cands) > 1
}

// sureCell is the confidence (the least sure character's, 0–1) from
// which an OCR'd cell is taken as printed when its row does not add up.
const sureCell = 0.9

// oneEditRepairs lists the rows that differ from read in one doubted cell
// of each failing sum, by one inserted, deleted or changed digit, and
// satisfy the rule.
func oneEditRepairs(read []string, doubt []bool, types []string, rule rowRule) [][]string {
	var perGroup [][][2]string // per failing sum: (column, value) fixes
	for _, sm := range rule {
		if sumEq(pick(read, sm.Parts), read[sm.Total]) {
			continue
		}
		var fixes [][2]string
		// the value each cell would need for the sum to hold
		sum := int64(0)
		ok := true
		for _, c := range sm.Parts {
			v, good := cellFixed(read[c])
			if !good {
				ok = false
				break
			}
			sum += v
		}
		tot, good := cellFixed(read[sm.Total])
		if !ok || !good {
			return nil
		}
		try := func(c int, need int64) {
			if need < 0 || !doubt[c] {
				return
			}
			v := template.FormatFixed(need)
			if oneEdit(read[c], v) && validFor(v, types[c]) {
				fixes = append(fixes, [2]string{strconv.Itoa(c), v})
			}
		}
		for _, c := range sm.Parts {
			cv, _ := cellFixed(read[c])
			try(c, tot-(sum-cv))
		}
		try(sm.Total, sum)
		if len(fixes) == 0 {
			return nil
		}
		perGroup = append(perGroup, fixes)
	}
	out := [][]string{append([]string(nil), read...)}
	for _, fixes := range perGroup {
		var next [][]string
		for _, row := range out {
			for _, f := range fixes {
				c, _ := strconv.Atoi(f[0])
				r := append([]string(nil), row...)
				r[c] = f[1]
				next = append(next, r)
			}
		}
		out = next
	}
	return out
}

// oneEdit reports whether b is a with one character inserted, deleted or
// replaced ("" counts as "0": a blank read where a digit is printed).
func oneEdit(a, b string) bool {
	if a == "" {
		a = "0"
	}
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	switch {
	case la == lb:
		d := 0
		for i := 0; i < la; i++ {
			if a[i] != b[i] {
				d++
			}
		}
		return d == 1
	case la+1 == lb:
		a, b = b, a
		fallthrough
	case la == lb+1:
		for i := 0; i < len(a); i++ {
			if a[:i]+a[i+1:] == b {
				return true
			}
		}
	}
	return false
}
