package extract

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// A printedRow is one row of a table as the source prints it: the pieces
// of its label (cells, lines or runs of text, in order; the last pieces
// are the row's own label, earlier ones may be a header or the label of
// its group) and its value tokens.
type printedRow struct {
	pieces []string
	pos    layout.Pos   // where the label (or the first value) is
	toks   []token      // values, in order
	cellAt []layout.Pos // position of each token
	raw    string       // the printed values, as in the source
	// stream is true when the values are listed one per line (a PDF
	// viewer's reading order): where one row ends, the text does not say,
	// so they may run on into the rows after it.
	stream bool
	// cells keeps a grid row's value cells so that colspan padding can be
	// trimmed once the row's template row is known.
	cells []layout.Cell
}

func (p *printedRow) hasValue() bool {
	for _, t := range p.toks {
		if t.text != "" && t.text != "-" {
			return true
		}
	}
	return false
}

func (p *printedRow) allIntact() bool {
	for _, t := range p.toks {
		if !t.intact {
			return false
		}
	}
	return len(p.toks) > 0
}

// --- alignment -----------------------------------------------------------

// Alignment thresholds and scores.
const (
	minLabelScore = 0.34 // below this a label is not taken for a row
	placeScore    = 0.2  // a row of values without a label, taken by its place
	noValueFactor = 0.5  // a label without values (a header) counts half
	garbledScore  = 0.05 // a row of the right width whose label is unreadable, by place
)

// fitsCells reports whether a printed row's values can fill n cells: as
// many intact values, or runs that divide into at least n.
func fitsCells(p *printedRow, n int) bool {
	if p.allIntact() {
		return len(p.toks) == n
	}
	return len(p.toks) <= n && maxParts(p.toks) >= n
}

// labelCands are a printed row's label candidates (labelCandidates).
type labelCands struct {
	texts []labelText
	raws  []string
}

// match is one printed row taken for one or more template rows (more when
// a row of values without labels continues into the rows after it).
type match struct {
	printed int
	rows    []int // template row indices
	score   float64
	label   string // the printed label it was matched from ("" by place)
}

// alignRows aligns printed rows to template rows in order (dynamic
// programming over both sequences): each printed row goes to at most one
// template row and each template row takes at most one printed row; a
// label is scored by its similarity and numbering, a row of values with
// no label by its place between matched neighbours. It returns the matches
// and the printed rows left over.
func alignRows(printed []printedRow, cands []labelCands, defs []template.Row, decoy map[int]bool) ([]match, []int) {
	m, n := len(printed), len(defs)
	labels := make([]*rowLabel, n)
	for j := range defs {
		labels[j] = labelOf(defs[j])
	}
	// score[i][j] of printed row i as template row j; NaN-free: -1 = no
	type pair struct {
		score float64
		label string
	}
	scores := make([][]pair, m)
	for i := range printed {
		scores[i] = make([]pair, n)
		texts, raws := cands[i].texts, cands[i].raws
		// a label readable as some row never takes another by place
		readable := false
		for j := range defs {
			p := pair{score: -1}
			switch {
			case len(texts) == 0 && printed[i].hasValue():
				p.score = placeScore
			case len(texts) > 0:
				s, at := labelScore(texts, labels[j], minLabelScore)
				switch {
				case s >= minLabelScore:
					if len(printed[i].toks) == 0 {
						s *= noValueFactor
					}
					p = pair{score: s, label: raws[at]}
				case printed[i].hasValue() && fitsCells(&printed[i], len(defs[j].Cells)) && !decoy[j]:
					// a label too garbled to read: its values may still
					// take the row by place, between matched neighbours
					p = pair{score: garbledScore, label: raws[len(raws)-1]}
				}
			}
			readable = readable || p.score >= minLabelScore
			scores[i][j] = p
		}
		if readable {
			for j := range scores[i] {
				if scores[i][j].score == garbledScore {
					scores[i][j] = pair{score: -1}
				}
			}
		}
	}
	// best[i][j]: best total aligning printed[:i] with defs[:j]
	best := make([][]float64, m+1)
	from := make([][]int8, m+1) // 0 skip printed, 1 skip template, 2 match, 3+ chain of k rows
	chain := make([][]int, m+1)
	for i := range best {
		best[i] = make([]float64, n+1)
		from[i] = make([]int8, n+1)
		chain[i] = make([]int, n+1)
	}
	for i := 0; i <= m; i++ {
		for j := 0; j <= n; j++ {
			if i == 0 && j == 0 {
				continue
			}
			b, f := -1e9, int8(-1)
			if i > 0 && best[i-1][j] > b {
				b, f = best[i-1][j], 0
			}
			if j > 0 && best[i][j-1] > b {
				b, f = best[i][j-1], 1
			}
			if i > 0 && j > 0 && scores[i-1][j-1].score >= 0 {
				if v := best[i-1][j-1] + scores[i-1][j-1].score; v > b+1e-9 || (f != 2 && v >= b-1e-9 && v > 0) {
					b, f = v, 2
				}
			}
			// a row of intact values that spans the template rows j-k..j-1
			if i > 0 && printed[i-1].stream && printed[i-1].allIntact() {
				cells := 0
				for k := 1; k <= j && k <= 8; k++ {
					if decoy[j-k] {
						continue // not a row of this template: no cells
					}
					cells += len(defs[j-k].Cells)
					if cells > len(printed[i-1].toks) {
						break
					}
					if k < 2 || cells != len(printed[i-1].toks) || scores[i-1][j-k].score < 0 {
						continue
					}
					if v := best[i-1][j-k] + scores[i-1][j-k].score + placeScore*float64(k-1); v > b+1e-9 {
						b, f = v, 2
						chain[i][j] = k
					}
				}
			}
			if f == 2 && chain[i][j] == 0 {
				chain[i][j] = 1
			} else if f != 2 {
				chain[i][j] = 0
			}
			best[i][j], from[i][j] = b, f
		}
	}
	var out []match
	used := make([]bool, m)
	for i, j := m, n; i > 0 || j > 0; {
		switch from[i][j] {
		case 0:
			i--
		case 1:
			j--
		case 2:
			k := chain[i][j]
			mt := match{printed: i - 1, score: scores[i-1][j-k].score, label: scores[i-1][j-k].label}
			for r := j - k; r < j; r++ {
				if r == j-k || !decoy[r] {
					mt.rows = append(mt.rows, r)
				}
			}
			out = append(out, mt)
			used[i-1] = true
			i, j = i-1, j-k
		default:
			i, j = 0, 0
		}
	}
	for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
		out[a], out[b] = out[b], out[a]
	}
	out = dropLoosePlaces(out, used, printed, n, decoy)
	out = fillSlots(out, used, printed, cands, defs, decoy)
	var left []int
	for i := range printed {
		if !used[i] {
			left = append(left, i)
		}
	}
	return out, left
}

// dropLoosePlaces undoes the alignment's by-place matches of unreadable
// labels that are not held on both sides: such a row is placed only where
// the printed rows just before and after it took the template rows just
// before and after its own (fillSlots then takes it again when it fits). A
// garbled row after the last readable one, or across a gap of template
// rows, could be any of them: it is reported as unmapped, never guessed.
// out is in printed order; used is updated.
func dropLoosePlaces(out []match, used []bool, printed []printedRow, nrows int, decoy map[int]bool) []match {
	adjacent := func(a, b match) bool { // b follows a, printed and template
		if valuesIn(printed[a.printed+1 : b.printed]) {
			return false // a row of values between them
		}
		r := a.rows[len(a.rows)-1] + 1
		for decoy[r] && r < b.rows[0] {
			r++
		}
		return r == b.rows[0]
	}
	// the table's edges hold a row too: its first row when no printed row
	// came before, its last when none comes after
	first := 0
	for first < nrows && decoy[first] {
		first++
	}
	last := nrows - 1
	for last > 0 && decoy[last] {
		last--
	}
	keep := out[:0:0]
	for k, mt := range out {
		if mt.score == garbledScore && len(mt.rows) == 1 {
			r := mt.rows[0]
			before := (k > 0 && adjacent(out[k-1], mt)) || (k == 0 && r == first && !valuesIn(printed[:mt.printed]))
			after := (k+1 < len(out) && adjacent(mt, out[k+1])) || (k+1 == len(out) && r == last && !valuesIn(printed[mt.printed+1:]))
			if !before || !after {
				used[mt.printed] = false
				continue
			}
		}
		keep = append(keep, mt)
	}
	return keep
}

// valuesIn reports whether any of rows prints a value.
func valuesIn(rows []printedRow) bool {
	for i := range rows {
		if rows[i].hasValue() {
			return true
		}
	}
	return false
}

// fillSlots takes by place a printed row left over between two matched
// neighbours when exactly one template row lies between theirs: a label
// too damaged to score, or readable only as a row it cannot be in that
// place (its numbering "3、" read as another block's third row), is still
// certain where the rows before and after it are. The row's values must
// fit that row's cells. out is in printed order; used is updated.
func fillSlots(out []match, used []bool, printed []printedRow, cands []labelCands, defs []template.Row, decoy map[int]bool) []match {
	var filled []match
	for k := 0; k+1 < len(out); k++ {
		prev, next := out[k], out[k+1]
		i := prev.printed + 1
		j := prev.rows[len(prev.rows)-1] + 1
		filled = append(filled, prev)
		if next.printed != i+1 || next.rows[0] != j+1 || used[i] || decoy[j] ||
			!printed[i].hasValue() || !fitsCells(&printed[i], len(defs[j].Cells)) {
			continue
		}
		label := ""
		if raws := cands[i].raws; len(raws) > 0 {
			label = raws[len(raws)-1]
		}
		filled = append(filled, match{printed: i, rows: []int{j}, score: garbledScore, label: label})
		used[i] = true
	}
	if len(out) > 0 {
		filled = append(filled, out[len(out)-1])
	}
	return filled
}

// mapRows aligns the printed rows of one table to its template rows and
// turns the matches into row reads; printed rows with values that no
// template row took are reported.
func mapRows(printed []printedRow, defs []template.Row, gen, table string, warns *[]Warning) map[string]*rowRead {
	out := map[string]*rowRead{}
	all, decoy := withDecoys(defs, gen, table)
	cands := make([]labelCands, len(printed))
	for i := range printed {
		cands[i].texts, cands[i].raws = labelCandidates(printed[i].pieces)
	}
	matches, left := alignRows(printed, cands, all, decoy)
	for _, mt := range matches {
		p := printed[mt.printed]
		if decoy[mt.rows[0]] {
			if p.hasValue() {
				*warns = append(*warns, Warning{Code: "OTHER_TEMPLATE_ROW", Severity: SevWarning, Pos: p.pos,
					Message: fmt.Sprintf("table %s: row %q (%q) is a row of another generation's template, not of %s; its values are not used", table, mt.label, p.raw, gen)})
			}
			continue
		}
		defs := all
		off := 0
		for ri, r := range mt.rows {
			def := defs[r]
			rr := &rowRead{def: def, found: true, label: mt.label, pos: p.pos, match: mt.score}
			if mt.label == "" || ri > 0 || mt.score < minLabelScore {
				rr.byPlace = true
			}
			if mt.label == "" {
				rr.label = ""
			}
			toks, cellAt, cells := p.toks, p.cellAt, p.cells
			if len(mt.rows) > 1 {
				n := len(def.Cells)
				toks, cellAt = toks[off:off+n], cellAt[off:off+n]
				cells = nil
				off += n
				rr.note = fmt.Sprintf("values printed without their label, taken by place after row %q", mt.label)
				if ri == 0 {
					rr.note = ""
				}
			}
			if cells != nil {
				// grid: drop blank cells beyond the columns (colspan padding)
				n := len(def.Cells)
				lo, hi := 0, len(cells)
				for hi-lo > n && strings.TrimSpace(cells[hi-1].Text) == "" {
					hi--
				}
				for hi-lo > n && strings.TrimSpace(cells[lo].Text) == "" {
					lo++
				}
				g := gridRead(def, rr.label, cells[lo:hi])
				g.match, g.byPlace, g.note = rr.match, rr.byPlace, rr.note
				out[def.Key] = g
				continue
			}
			rr.toks, rr.cellAt = toks, cellAt
			rr.raw = rawOf(p, toks)
			out[def.Key] = rr
		}
	}
	for _, i := range left {
		p := printed[i]
		if !p.hasValue() {
			continue
		}
		texts, raws := cands[i].texts, cands[i].raws
		label := strings.Join(p.pieces, " ")
		code, msg := "UNMAPPED_ROW", fmt.Sprintf("table %s: row %q with values %q matches no template row in its place; not used", table, label, p.raw)
		// the row it resembles most, if that row was taken by another
		bestS, bestKey := 0.0, ""
		for _, d := range defs {
			if s, at := labelScore(texts, labelOf(d), bestS); s > bestS && at >= 0 {
				bestS, bestKey, label = s, d.Key, raws[at]
			}
		}
		if rr := out[bestKey]; rr != nil && bestS >= 0.8 {
			code, msg = "DUPLICATE_ROW", fmt.Sprintf("table %s: row %q (%q) is printed again; the row %q is used for %s", table, label, p.raw, rr.label, bestKey)
		}
		*warns = append(*warns, Warning{Code: code, Severity: SevWarning, Pos: p.pos, Message: msg})
	}
	return out
}

// withDecoys adds to a table's template rows the rows that only the other
// generations have, at their place ("（六）其他处理" printed as one row in a
// fmt2021 report): a printed row that is one of them is not forced onto a
// row of this generation. decoy marks them.
func withDecoys(defs []template.Row, gen, table string) ([]template.Row, map[int]bool) {
	have := map[string]bool{}
	for _, d := range defs {
		have[d.Key] = true
	}
	all := append([]template.Row(nil), defs...)
	for _, g := range template.Generations() {
		if g == gen {
			continue
		}
		at := 0 // insert after the last common row seen
		for _, r := range template.Table(g, table) {
			if have[r.Key] {
				for i, d := range all {
					if d.Key == r.Key {
						at = i + 1
					}
				}
				continue
			}
			all = append(all[:at], append([]template.Row{r}, all[at:]...)...)
			have[r.Key] = true
			at++
		}
	}
	decoy := map[int]bool{}
	for i, d := range all {
		if !preparedLabels().keys[gen][d.Key] {
			decoy[i] = true
		}
	}
	return all, decoy
}

// rawOf is the printed text of a run of tokens.
func rawOf(p printedRow, toks []token) string {
	if len(toks) == 0 {
		return ""
	}
	if p.raw != "" && len(toks) == len(p.toks) {
		return p.raw
	}
	var parts []string
	for _, t := range toks {
		parts = append(parts, t.raw)
	}
	return strings.Join(parts, " ")
}
