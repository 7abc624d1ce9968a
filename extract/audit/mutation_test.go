package audit

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

// covered lists the operands of the within-report sum rules (R1, D1, D2,
// D3, L1) that take part in at least one instance the audit can decide on
// the unchanged record: a change to such a cell must be flagged.
func covered(rec *extract.Record) (out []operand, uncovered int) {
	seen := map[string]bool{}
	in := map[string]bool{}
	for _, r := range Rules {
		if r.CrossYear || r.equations == nil {
			continue
		}
		for _, l := range r.equations(rec, nil) {
			if l.bound {
				continue
			}
			if l.eq.eval().verdict == VerdictUnverifiable {
				for _, o := range append(append([]operand{}, l.eq.lhs...), l.eq.rhs...) {
					in[o.ref().ID] = true
				}
				continue
			}
			for _, o := range append(append([]operand{}, l.eq.lhs...), l.eq.rhs...) {
				id := o.ref().ID
				if !seen[id] {
					seen[id] = true
					out = append(out, o)
				}
			}
		}
	}
	for id := range in {
		if !seen[id] {
			uncovered++
		}
	}
	return out, uncovered
}

// mutate returns a copy of rec with the operand's value changed by delta,
// or false when the value is not a printed (or blank) number.
func mutate(rec *extract.Record, o operand, delta int64) (*extract.Record, bool) {
	cp := *rec
	cp.Cells = append([]extract.Cell(nil), rec.Cells...)
	cp.Legacy = append([]extract.LegacyRow(nil), rec.Legacy...)
	shift := func(s string) (string, bool) {
		v, ok := template.ParseFixed(s)
		if s == "" {
			v, ok = 0, true
		}
		if !ok {
			return "", false
		}
		return template.FormatFixed(v + delta*template.Scale), true
	}
	if o.id == "" {
		r := &cp.Legacy[o.leg]
		if r.Status != extract.StatusOK {
			return nil, false
		}
		p := &r.Year
		if o.cum {
			p = &r.Cumulative
		}
		s, ok := shift(*p)
		*p = s
		return &cp, ok
	}
	c := cp.Cell(o.id)
	if c == nil || (c.Status != extract.StatusOK && c.Status != extract.StatusBlank) {
		return nil, false
	}
	s, ok := shift(c.Value)
	c.Value, c.Status = s, extract.StatusOK
	return &cp, ok
}

func findingKey(f Finding) string {
	var ids []string
	for _, c := range f.Cells {
		ids = append(ids, c.ID)
	}
	return f.Rule + "|" + f.Verdict + "|" + f.Arithmetic + "|" + strings.Join(ids, ",")
}

// TestMutations changes every covered cell of every gold report by ±1,
// one at a time, and requires a new failing finding that names the cell.
func TestMutations(t *testing.T) {
	var total, caught, uncovered int
	for _, name := range goldFiles(t) {
		rec := loadGold(t, name)
		base := map[string]bool{}
		for _, f := range Check(rec) {
			base[findingKey(f)] = true
		}
		ops, un := covered(rec)
		uncovered += un
		for _, o := range ops {
			id := o.ref().ID
			for _, d := range []int64{1, -1} {
				m, ok := mutate(rec, o, d)
				if !ok {
					continue
				}
				total++
				flagged := false
				for _, f := range Check(m) {
					if f.Verdict != VerdictFail || base[findingKey(f)] {
						continue
					}
					for _, c := range f.Cells {
						flagged = flagged || c.ID == id
					}
				}
				if flagged {
					caught++
				} else {
					t.Errorf("%s: %s %+d not flagged", name, id, d)
				}
			}
		}
	}
	if total == 0 {
		t.Fatal("no covered cells")
	}
	t.Logf("mutations caught: %d of %d (%.1f%%) over %d gold reports; %d cells take part only in sums that are unverifiable as printed (not counted)",
		caught, total, 100*float64(caught)/float64(total), len(goldFiles(t)), uncovered)
}
