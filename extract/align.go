package extract

import (
	"fmt"
	"sort"
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

// --- label similarity ----------------------------------------------------

// rowLabel is a template row's label prepared for matching: normalised
// forms (whole, and without its group's words) and its numbering.
type rowLabel struct {
	forms   []string // normalised
	runes   []labelText
	anchors numbering
}

// labelText is a normalised label as runes, with its runes sorted (for a
// quick bound on how similar two labels can be) and its numbering.
type labelText struct {
	rs, sorted []rune
	num        numbering
}

func newLabelText(rs []rune) labelText {
	s := append([]rune(nil), rs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return labelText{rs: rs, sorted: s, num: numberingOf(rs)}
}

// shared counts the runes two sorted rune lists have in common.
func shared(a, b []rune) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

// numbering is the numbers a label carries: 一、 (top), （三） (group) and
// 2. (item); "" when absent.
type numbering struct{ top, group, item string }

const hanNumerals = "一二三四五六七八九十"

// numberingOf finds the last numbers of each kind in a normalised label
// (item numbers unified to "2.").
func numberingOf(rs []rune) numbering {
	var n numbering
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '(' && i+2 < len(rs) && rs[i+2] == ')' && strings.ContainsRune(hanNumerals, rs[i+1]):
			n.group = string(rs[i+1])
			n.item = "" // an item number belongs to the group printed before it
		case strings.ContainsRune(hanNumerals, rs[i]) && i+1 < len(rs) && rs[i+1] == '、' && (i == 0 || !strings.ContainsRune(hanNumerals, rs[i-1])):
			n.top = string(rs[i])
		case rs[i] >= '0' && rs[i] <= '9' && i+1 < len(rs) && rs[i+1] == '.' && (i+2 >= len(rs) || rs[i+2] < '0' || rs[i+2] > '9') &&
			(i == 0 || rs[i-1] < '0' || rs[i-1] > '9'):
			n.item = string(rs[i])
		}
	}
	return n
}

// stripNumbering removes numbering (一、 （三） 2.) from a normalised label.
func stripNumbering(rs []rune) []rune {
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '(' && i+2 < len(rs) && rs[i+2] == ')' && strings.ContainsRune(hanNumerals, rs[i+1]):
			i += 2
			continue
		case strings.ContainsRune(hanNumerals, rs[i]) && i+1 < len(rs) && rs[i+1] == '、':
			i++
			continue
		case rs[i] >= '0' && rs[i] <= '9' && i+1 < len(rs) && rs[i+1] == '.' && (i+2 >= len(rs) || rs[i+2] < '0' || rs[i+2] > '9'):
			i++
			continue
		}
		out = append(out, rs[i])
	}
	return out
}

func normLabel(s string) []rune { return []rune(unifyItemNumbers(normalize(s))) }

var rowLabels = map[string]map[string]rowLabel{} // generation -> row key -> label

func init() {
	for _, gen := range template.Generations() {
		m := map[string]rowLabel{}
		for _, r := range template.Rows(gen) {
			m[r.Key] = makeRowLabel(r.Label)
		}
		rowLabels[gen] = m
	}
}

// makeRowLabel prepares a template label: the whole label, the whole
// without numbering, and its last part (the words after its last number:
// "属于国家秘密" of "（三）不予公开 1.属于国家秘密").
func makeRowLabel(label string) rowLabel {
	rs := normLabel(label)
	rl := rowLabel{anchors: numberingOf(rs)}
	rl.forms = append(rl.forms, string(rs))
	core := stripNumbering(rs)
	rl.forms = append(rl.forms, string(core))
	// the last part: after the last numbering
	last := 0
	for i := 0; i < len(rs); i++ {
		if rs[i] == ')' || rs[i] == '、' || (rs[i] == '.' && i > 0 && rs[i-1] >= '0' && rs[i-1] <= '9') {
			last = i + 1
		}
	}
	if last > 0 && last < len(rs) {
		if tail := string(stripNumbering(rs[last:])); len([]rune(tail)) >= 2 {
			rl.forms = append(rl.forms, tail)
		}
	}
	// a 行政诉讼 block is printed under its own words
	if i := strings.LastIndex(string(core), "行政诉讼"); i > 0 {
		rl.forms = append(rl.forms, string(core)[i+len("行政诉讼"):])
	}
	for _, f := range rl.forms {
		rl.runes = append(rl.runes, newLabelText([]rune(f)))
	}
	return rl
}

// editDistance is the Levenshtein distance of two rune strings.
func editDistance(a, b []rune) int {
	var buf [2 * 129]int // rows on the stack for labels up to 128 runes
	last := distanceRow(a, b, false, buf[:])
	return last[len(b)]
}

// substringDistance is the least edit distance between pat and a part
// of text, in halves: text before the part is free (junk glued before
// a label), text after it costs half a character each (a label followed
// by more words is more likely another label).
func substringDistance(pat, text []rune) float64 {
	var buf [2 * 129]int
	last := distanceRow(pat, text, true, buf[:])
	best := float64(len(pat))
	for j, v := range last {
		if d := float64(v) + 0.5*float64(len(text)-j); d < best {
			best = d
		}
	}
	return best
}

// distanceRow is the last row of the edit distance table of a against
// b: entry j is the distance of a to b[:j], or with freeStart to the
// best part of b ending at j. The rows live in scratch when it is long
// enough (it is called for every label against every template form).
func distanceRow(a, b []rune, freeStart bool, scratch []int) []int {
	n := len(b) + 1
	if len(scratch) < 2*n {
		scratch = make([]int, 2*n)
	}
	prev, cur := scratch[:n:n], scratch[n:2*n:2*n]
	clear(prev)
	if !freeStart {
		for j := range prev {
			prev[j] = j
		}
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			if prev[j]+1 < c {
				c = prev[j] + 1
			}
			if cur[j-1]+1 < c {
				c = cur[j-1] + 1
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return prev
}

// maxLabelRunes bounds the printed text a label is compared with.
const maxLabelRunes = 80

// similarity scores a printed label against a template form, 0..1: the
// normalised edit distance of the whole, or, discounted, of the form
// found inside the printed text (junk glued before or after it); a
// short form found inside a long text is weak evidence.
func similarity(printed, form []rune) float64 {
	if len(form) == 0 || len(printed) == 0 {
		return 0
	}
	long := len(printed)
	if len(form) > long {
		long = len(form)
	}
	best := 1 - float64(editDistance(printed, form))/float64(long)
	if len(printed) > len(form) {
		w := 0.9
		switch {
		case len(form) <= 2:
			w = 0.6
		case len(form) == 3:
			w = 0.75
		}
		if s := (1 - substringDistance(form, printed)/float64(len(form))) * w; s > best {
			best = s
		}
	}
	if best < 0 {
		return 0
	}
	return best
}

// labelCandidates are the texts a printed row's label may be: its last
// piece, its last two pieces, … (a label split over lines or cells, or
// printed after its group's label), each normalised.
func labelCandidates(pieces []string) (texts []labelText, raws []string) {
	for k := len(pieces) - 1; k >= 0 && k >= len(pieces)-6; k-- {
		texts, raws = addCandidate(texts, raws, pieces[k:])
		if k < len(pieces)-1 {
			// a piece on its own: a label with a header printed after it
			texts, raws = addCandidate(texts, raws, pieces[k:k+1])
		}
	}
	return texts, raws
}

func addCandidate(texts []labelText, raws []string, pieces []string) ([]labelText, []string) {
	{
		raw := strings.Join(pieces, "")
		rs := normLabel(raw)
		if len(rs) == 0 {
			return texts, raws
		}
		if len(rs) > maxLabelRunes {
			rs = rs[len(rs)-maxLabelRunes:]
		}
		texts = append(texts, newLabelText(rs))
		raws = append(raws, strings.Join(pieces, " "))
	}
	return texts, raws
}

// minWords is the least similarity of a label's words before its
// numbering counts: a number alone does not make a label.
const minWords = 0.25

// labelScore scores a printed label against a template row: the best
// similarity of any candidate to any form, with the numbering as anchors
// (the same number raises it, a different one lowers it).
func labelScore(texts []labelText, rl rowLabel) (float64, int) {
	best, at := -1.0, -1
	for i, t := range texts {
		s := 0.0
		for _, f := range rl.runes {
			// similarity is at most the share of the form's runes the
			// text has
			if bound := float64(shared(t.sorted, f.sorted)) / float64(len(f.rs)); bound < minWords || bound <= s {
				continue
			}
			if v := similarity(t.rs, f.rs); v > s {
				s = v
			}
		}
		if s < minWords {
			continue
		}
		n := t.num
		s += anchorScore(n.item, rl.anchors.item, 0.2, 0.3)
		s += anchorScore(n.group, rl.anchors.group, 0.15, 0.3)
		s += anchorScore(n.top, rl.anchors.top, 0.1, 0.2)
		if s > best {
			best, at = s, i
		}
	}
	return best, at
}

func anchorScore(printed, want string, same, differ float64) float64 {
	switch {
	case printed == "" || want == "":
		return 0
	case printed == want:
		return same
	}
	return -differ
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
func alignRows(printed []printedRow, defs []template.Row, gen string, decoy map[int]bool) ([]match, []int) {
	m, n := len(printed), len(defs)
	labels := rowLabels[gen]
	// score[i][j] of printed row i as template row j; NaN-free: -1 = no
	type pair struct {
		score float64
		label string
	}
	scores := make([][]pair, m)
	for i := range printed {
		scores[i] = make([]pair, n)
		texts, raws := labelCandidates(printed[i].pieces)
		// a label readable as some row never takes another by place
		readable := false
		for j := range defs {
			p := pair{score: -1}
			switch {
			case len(texts) == 0 && printed[i].hasValue():
				p.score = placeScore
			case len(texts) > 0:
				rl, ok := labels[defs[j].Key]
				if !ok {
					rl = makeRowLabel(defs[j].Label)
				}
				s, at := labelScore(texts, rl)
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
	var left []int
	for i := range printed {
		if !used[i] {
			left = append(left, i)
		}
	}
	return out, left
}

// mapRows aligns the printed rows of one table to its template rows and
// turns the matches into row reads; printed rows with values that no
// template row took are reported.
func mapRows(printed []printedRow, defs []template.Row, gen, table string, warns *[]Warning) map[string]*rowRead {
	out := map[string]*rowRead{}
	all, decoy := withDecoys(defs, gen, table)
	matches, left := alignRows(printed, all, gen, decoy)
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
		texts, raws := labelCandidates(p.pieces)
		label := strings.Join(p.pieces, " ")
		code, msg := "UNMAPPED_ROW", fmt.Sprintf("table %s: row %q with values %q matches no template row in its place; not used", table, label, p.raw)
		// the row it resembles most, if that row was taken by another
		bestS, bestKey := 0.0, ""
		for _, d := range defs {
			if s, at := labelScore(texts, rowLabels[gen][d.Key]); s > bestS && at >= 0 {
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
		if _, ok := rowLabels[gen][d.Key]; !ok {
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
