package audit

import (
	"fmt"
	"math"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

// maxAssignments caps the combinations of candidate splits one equation
// is judged over; beyond it the equation is unverifiable.
const maxAssignments = 4096

// operand is one value of an equation: a canonical cell or a legacy value
// of a record (this year's or last year's), or a number read from the
// narrative.
type operand struct {
	rec   *extract.Record
	id    string         // canonical cell id; "" for a legacy value or a narrative number
	leg   int            // legacy row index when id == "" and field == nil
	cum   bool           // legacy: the cumulative value rather than the year's
	field *extract.Field // narrative number
	neg   bool           // subtracted within its side
}

// equation says Σ lhs = Σ rhs.
type equation struct {
	lhs, rhs []operand
	// le asks only Σ lhs ≤ Σ rhs (a part never exceeds its whole).
	le bool
	// self is the row whose own identity (D1, D3) this equation is: a
	// missing cell of that row is not derived from the row while judging
	// it.
	self string
}

// value is an operand resolved under one choice of candidate splits.
type value struct {
	known     bool
	v         int64 // in millionths
	signed    bool  // an unknown value may be negative
	derivable bool  // unknown because missing (or ambiguous without candidates)
	text      string
}

// groupKey names one choice among candidates: a split of a record, an
// ambiguous legacy row, or an ambiguous cell that lists its own
// candidates without a split.
type groupKey struct {
	rec  *extract.Record
	kind byte // 's' split, 'l' legacy row, 'c' cell
	idx  int
	id   string
}

type assignment map[groupKey]int

// fromString resolves a printed value: "" is a blank (0), "MISSING" or
// an unreadable number is unknown.
func fromString(s string, signed bool) value {
	switch s {
	case "":
		return value{known: true, text: "0(blank)"}
	case "MISSING", "AMBIGUOUS":
		return value{signed: signed, derivable: true, text: "?"}
	}
	v, ok := template.ParseFixed(strings.TrimSpace(s))
	if !ok || (v < 0 && !signed) {
		// D5 reports it; sums cannot use it.
		return value{signed: signed, text: "?"}
	}
	return value{known: true, v: v, text: s}
}

func isSigned(rec *extract.Record, id string) bool {
	def, ok := template.Lookup(string(rec.Meta.Generation), id)
	return ok && def.Type == template.TypeSignedInt
}

// splitPos returns the split a cell's candidates come from and the
// cell's position in it, or -1.
func splitPos(rec *extract.Record, c *extract.Cell) (int, int) {
	if c.Split < 0 || c.Split >= len(rec.Splits) || len(rec.Splits[c.Split].Candidates) == 0 {
		return -1, -1
	}
	for i, id := range rec.Splits[c.Split].Cells {
		if id == c.ID {
			return c.Split, i
		}
	}
	return -1, -1
}

// groups lists the choices an operand's value depends on, with their
// number of options.
func (o operand) groups() map[groupKey]int {
	g := map[groupKey]int{}
	switch {
	case o.field != nil:
	case o.id == "":
		if o.leg >= 0 && o.leg < len(o.rec.Legacy) {
			if r := o.rec.Legacy[o.leg]; r.Status == extract.StatusAmbiguous && len(r.Candidates) > 0 {
				g[groupKey{rec: o.rec, kind: 'l', idx: o.leg}] = len(r.Candidates)
			}
		}
	default:
		c := o.rec.Cell(o.id)
		if c == nil || c.Status != extract.StatusAmbiguous {
			return g
		}
		if s, _ := splitPos(o.rec, c); s >= 0 {
			g[groupKey{rec: o.rec, kind: 's', idx: s}] = len(o.rec.Splits[s].Candidates)
		} else if len(c.Candidates) > 0 {
			g[groupKey{rec: o.rec, kind: 'c', id: c.ID}] = len(c.Candidates)
		}
	}
	return g
}

// direct resolves an operand under a choice of candidates, without
// deriving unknown cells.
func (o operand) direct(a assignment) value {
	switch {
	case o.field != nil:
		v := int64(math.Round(o.field.Number * template.Scale))
		return value{known: true, v: v, text: template.FormatFixed(v)}
	case o.id == "":
		if o.leg < 0 || o.leg >= len(o.rec.Legacy) {
			return value{text: "?"}
		}
		r := o.rec.Legacy[o.leg]
		y, c := r.Year, r.Cumulative
		if r.Status == extract.StatusAmbiguous {
			if len(r.Candidates) == 0 {
				return value{text: "?"}
			}
			y, c, _ = strings.Cut(r.Candidates[a[groupKey{rec: o.rec, kind: 'l', idx: o.leg}]], "|")
		}
		s := y
		if o.cum {
			s = c
		}
		return fromString(s, false)
	}
	c := o.rec.Cell(o.id)
	signed := isSigned(o.rec, o.id)
	if c == nil {
		return value{signed: signed, derivable: true, text: "?"}
	}
	switch c.Status {
	case extract.StatusOK:
		return fromString(c.Value, signed)
	case extract.StatusBlank:
		return fromString("", signed)
	case extract.StatusAmbiguous:
		if s, i := splitPos(o.rec, c); s >= 0 {
			if cand := o.rec.Splits[s].Candidates[a[groupKey{rec: o.rec, kind: 's', idx: s}]]; i < len(cand) {
				return fromString(cand[i], signed)
			}
		}
		if len(c.Candidates) > 0 {
			return fromString(c.Candidates[a[groupKey{rec: o.rec, kind: 'c', id: c.ID}]], signed)
		}
	}
	return value{signed: signed, derivable: true, text: "?"}
}

// identity returns the row identity a canonical cell belongs to, from
// the template: the table 三 row (D1: 总计 = the six applicant columns) or
// the table 四 block (D3: 总计 = its four results).
func identity(rec *extract.Record, id string) (row, rule string, parts []string, total string, ok bool) {
	def, found := template.Lookup(string(rec.Meta.Generation), id)
	if !found {
		return "", "", nil, "", false
	}
	for _, r := range template.Table(string(rec.Meta.Generation), def.Table) {
		if r.Key != def.Row {
			continue
		}
		for _, s := range r.Sums {
			for _, p := range s.Parts {
				parts = append(parts, r.Cells[p].ID)
			}
			return r.Key, s.Rule, parts, r.Cells[s.Total].ID, true
		}
	}
	return "", "", nil, "", false
}

// resolve is direct, then, for a missing cell, its value derived from the
// other cells of its row when they are all known and the row is not the
// equation's own: "?" becomes e.g. "0(by D1)".
func (o operand) resolve(a assignment, self string) value {
	v := o.direct(a)
	if v.known || !v.derivable || o.id == "" {
		return v
	}
	row, rule, parts, total, ok := identity(o.rec, o.id)
	if !ok || row == self {
		return v
	}
	var sum int64
	for _, id := range append(parts, total) {
		if id == o.id {
			continue
		}
		w := operand{rec: o.rec, id: id}.direct(a)
		if !w.known {
			return v
		}
		if id == total {
			sum -= w.v
		} else {
			sum += w.v
		}
	}
	if o.id != total {
		sum = -sum
	}
	if sum < 0 {
		return v
	}
	return value{known: true, v: sum, text: template.FormatFixed(sum) + "(by " + rule + ")"}
}

func (o operand) partners() []operand {
	if o.id == "" {
		return nil
	}
	_, _, parts, total, ok := identity(o.rec, o.id)
	if !ok {
		return nil
	}
	var out []operand
	for _, id := range append(parts, total) {
		if id != o.id {
			out = append(out, operand{rec: o.rec, id: id})
		}
	}
	return out
}

// side is the range of a sum: lo..hi, each possibly unbounded.
type side struct {
	lo, hi       int64
	loInf, hiInf bool
	terms        []string
	allKnown     bool
	omitted      int // zero and blank terms left out of terms
	blanks       int
}

func sumSide(ops []operand, a assignment, self string) side {
	s := side{allKnown: true}
	var zeros, blanks int
	for _, o := range ops {
		v := o.resolve(a, self)
		t := v.text
		if v.known && v.v < 0 {
			t = "(" + t + ")"
		}
		if o.neg {
			t = "−" + t
		}
		switch {
		case len(ops) > 2 && v.known && v.v == 0 && t == "0(blank)":
			blanks++
		case len(ops) > 2 && v.known && v.v == 0 && !strings.Contains(t, "("):
			zeros++
		default:
			s.terms = append(s.terms, t)
		}
		if v.known {
			if o.neg {
				s.lo, s.hi = s.lo-v.v, s.hi-v.v
			} else {
				s.lo, s.hi = s.lo+v.v, s.hi+v.v
			}
			continue
		}
		s.allKnown = false
		switch {
		case v.signed:
			s.loInf, s.hiInf = true, true
		case o.neg:
			s.loInf = true
		default:
			s.hiInf = true
		}
	}
	s.omitted, s.blanks = zeros+blanks, blanks
	return s
}

func (s side) String() string {
	if len(s.terms) == 0 {
		return "0"
	}
	t := strings.Join(s.terms, "+")
	t = strings.ReplaceAll(t, "+−", "−")
	if len(s.terms) == 1 && (s.allKnown || s.omitted == 0) {
		return t
	}
	switch {
	case s.allKnown:
		t += " = " + template.FormatFixed(s.lo)
	case !s.loInf && s.hiInf:
		t += " ≥ " + template.FormatFixed(s.lo)
	case s.loInf && !s.hiInf:
		t += " ≤ " + template.FormatFixed(s.hi)
	}
	return t
}

// note says what the arithmetic left out.
func notes(sides ...side) string {
	var blanks, omitted int
	for _, s := range sides {
		blanks += s.blanks
		omitted += s.omitted
	}
	var out []string
	if zeros := omitted - blanks; zeros > 0 {
		out = append(out, fmt.Sprintf("%d zero cells not shown", zeros))
	}
	if blanks > 0 {
		out = append(out, fmt.Sprintf("%d blank cells counted as 0", blanks))
	}
	if len(out) == 0 {
		return ""
	}
	return " (" + strings.Join(out, "; ") + ")"
}

// judge decides the equation under one assignment: "pass", "fail" or
// "open", with its arithmetic.
func (e equation) judge(a assignment) (string, string) {
	l := sumSide(e.lhs, a, e.self)
	r := sumSide(e.rhs, a, e.self)
	// diff = l - r
	lo, loInf := l.lo-r.hi, l.loInf || r.hiInf
	hi, hiInf := l.hi-r.lo, l.hiInf || r.loInf
	if e.le {
		switch {
		case !loInf && lo > 0:
			return "fail", l.String() + " > " + r.String() + notes(l, r)
		case !hiInf && hi <= 0:
			return "pass", l.String() + " ≤ " + r.String() + notes(l, r)
		}
		return "open", l.String() + " vs " + r.String() + notes(l, r)
	}
	switch {
	case !loInf && lo > 0, !hiInf && hi < 0:
		return "fail", l.String() + " ≠ " + r.String() + notes(l, r)
	case !loInf && !hiInf && lo == 0 && hi == 0:
		return "pass", l.String() + " = " + r.String() + notes(l, r)
	}
	return "open", l.String() + " vs " + r.String() + notes(l, r)
}

// result of judging an equation over every candidate assignment.
type result struct {
	verdict string // "pass", VerdictFail or VerdictUnverifiable
	arith   string
}

// eval judges the equation over every combination of the candidate
// splits its cells (and the rows they are derived from) depend on: it
// fails when every combination fails, passes when every one passes, and
// is unverifiable otherwise.
func (e equation) eval() result {
	groups := map[groupKey]int{}
	for _, o := range append(append([]operand{}, e.lhs...), e.rhs...) {
		for k, n := range o.groups() {
			groups[k] = n
		}
		if v := o.direct(assignment{}); !v.known && v.derivable {
			for _, p := range o.partners() {
				for k, n := range p.groups() {
					groups[k] = n
				}
			}
		}
	}
	keys := make([]groupKey, 0, len(groups))
	total := 1
	for k, n := range groups {
		keys = append(keys, k)
		total *= n
		if total > maxAssignments {
			return result{verdict: VerdictUnverifiable,
				arith: fmt.Sprintf("more than %d combinations of candidate splits", maxAssignments)}
		}
	}
	sortKeys(keys)
	var pass, fail int
	var firstFail, firstOpen, firstPass string
	a := assignment{}
	for n := 0; n < total; n++ {
		rem := n
		for _, k := range keys {
			a[k] = rem % groups[k]
			rem /= groups[k]
		}
		v, ar := e.judge(a)
		switch v {
		case "pass":
			pass++
			if firstPass == "" {
				firstPass = ar
			}
		case "fail":
			fail++
			if firstFail == "" {
				firstFail = ar
			}
		default:
			if firstOpen == "" {
				firstOpen = ar
			}
		}
	}
	switch {
	case fail == total && total == 1:
		return result{verdict: VerdictFail, arith: firstFail}
	case fail == total:
		return result{verdict: VerdictFail, arith: fmt.Sprintf("%s (and every one of the %d candidate splits fails)", firstFail, total)}
	case pass == total:
		return result{verdict: "pass", arith: firstPass}
	case total == 1:
		return result{verdict: VerdictUnverifiable, arith: firstOpen}
	}
	ar := firstOpen
	if ar == "" {
		ar = firstFail
	}
	return result{verdict: VerdictUnverifiable,
		arith: fmt.Sprintf("%s (passes under %d, fails under %d of %d candidate splits)", ar, pass, fail, total)}
}

func sortKeys(keys []groupKey) {
	less := func(a, b groupKey) bool {
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		if a.idx != b.idx {
			return a.idx < b.idx
		}
		return a.id < b.id
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && less(keys[j], keys[j-1]); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}

// ref describes an operand for a finding.
func (o operand) ref() CellRef {
	switch {
	case o.field != nil:
		ev := extract.Evidence{Raw: o.field.Sentence, Label: fmt.Sprintf("section %d", o.field.Section)}
		ev.Offset = o.field.Offset
		return CellRef{ID: "text:" + o.field.Subject, Value: template.FormatFixed(int64(math.Round(o.field.Number * template.Scale))),
			Status: extract.StatusOK, Label: o.field.Text, Evidence: ev}
	case o.id == "":
		r := o.rec.Legacy[o.leg]
		ref := CellRef{ID: fmt.Sprintf("legacy:%d.year", o.leg), Label: r.Label + " / 本年度", Value: r.Year,
			Status: r.Status, Candidates: r.Candidates, Evidence: r.Evidence}
		if o.cum {
			ref.ID, ref.Label, ref.Value = fmt.Sprintf("legacy:%d.cumulative", o.leg), r.Label+" / 历年累计", r.Cumulative
		}
		return ref
	}
	return cellRef(o.rec, o.id)
}

func cellRef(rec *extract.Record, id string) CellRef {
	ref := CellRef{ID: id, Status: extract.StatusMissing}
	if def, ok := template.Lookup(string(rec.Meta.Generation), id); ok {
		ref.Label = def.RowLabel + " / " + def.ColLabel
	}
	if c := rec.Cell(id); c != nil {
		ref.Value, ref.Status, ref.Candidates, ref.Evidence = c.Value, c.Status, c.Candidates, c.Evidence
		if s, i := splitPos(rec, c); s >= 0 && c.Status == extract.StatusAmbiguous && len(c.Candidates) == 0 {
			seen := map[string]bool{}
			for _, cand := range rec.Splits[s].Candidates {
				if i < len(cand) && !seen[cand[i]] {
					seen[cand[i]] = true
					ref.Candidates = append(ref.Candidates, cand[i])
				}
			}
		}
	}
	return ref
}

// refs lists the operands of an equation for a finding, marking the year
// when the equation spans two reports.
func (e equation) refs() []CellRef {
	var out []CellRef
	cross := false
	all := append(append([]operand{}, e.lhs...), e.rhs...)
	for _, o := range all {
		if o.rec != all[0].rec {
			cross = true
		}
	}
	for _, o := range all {
		r := o.ref()
		if cross {
			r.Year = o.rec.Meta.Year
		}
		out = append(out, r)
	}
	return out
}
