package extract

import (
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract/template"
)

// Label similarity: how closely a printed row label matches a template
// row's label. The aligner (align.go) scores every printed row against
// every template row, so this is the hot part of Parse; everything here
// is exact (pruning only skips comparisons that cannot change a result).

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
	// runeSet has bit runeBit(r) set for each rune r; spare is how many
	// runes share a bit with an earlier one: a text has at most
	// popcount(set ∧ other set) + spare runes in common with another.
	runeSet [2]uint64
	spare   int
	bits    *patternBits // a template form's, for the bit-parallel distances
}

func newLabelText(rs []rune) labelText {
	s := slices.Clone(rs)
	slices.Sort(s)
	t := labelText{rs: rs, sorted: s, num: numberingOf(rs)}
	for _, r := range rs {
		b := runeBit(r)
		t.runeSet[b>>6] |= 1 << (b & 63)
	}
	t.spare = len(rs) - bits.OnesCount64(t.runeSet[0]) - bits.OnesCount64(t.runeSet[1])
	return t
}

// runeBit is the bit of r in a runeSet.
func runeBit(r rune) uint32 { return uint32(r) * 2654435761 >> 25 }

// sharedBound is a quick upper bound of shared(t.sorted, f.sorted).
func sharedBound(t, f *labelText) int {
	return bits.OnesCount64(t.runeSet[0]&f.runeSet[0]) + bits.OnesCount64(t.runeSet[1]&f.runeSet[1]) + f.spare
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

// isHanNumeral reports whether r is one of 一 … 十.
func isHanNumeral(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return false
}

// numberingOf finds the last numbers of each kind in a normalised label
// (item numbers unified to "2.").
func numberingOf(rs []rune) numbering {
	var n numbering
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '(' && i+2 < len(rs) && rs[i+2] == ')' && isHanNumeral(rs[i+1]):
			n.group = string(rs[i+1])
			n.item = "" // an item number belongs to the group printed before it
		case isHanNumeral(rs[i]) && i+1 < len(rs) && rs[i+1] == '、' && (i == 0 || !isHanNumeral(rs[i-1])):
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
		case rs[i] == '(' && i+2 < len(rs) && rs[i+2] == ')' && isHanNumeral(rs[i+1]):
			i += 2
			continue
		case isHanNumeral(rs[i]) && i+1 < len(rs) && rs[i+1] == '、':
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

// normLabel is normalize then unifyItemNumbers, as runes, in one pass.
func normLabel(s string) []rune {
	rs := make([]rune, 0, len(s)/2)
	for _, r := range s {
		if f := foldRune(r); f != 0 {
			if (f == '、' || f == ',') && len(rs) > 0 && rs[len(rs)-1] >= '0' && rs[len(rs)-1] <= '9' {
				f = '.'
			}
			rs = append(rs, f)
		}
	}
	return rs
}

// preparedLabels are the labels of every generation's template rows,
// prepared once (on first use, not at start-up), by label text, and the
// row keys of each generation.
var preparedLabels = sync.OnceValue(func() (p struct {
	byLabel map[string]*rowLabel
	keys    map[string]map[string]bool
}) {
	p.byLabel = map[string]*rowLabel{}
	p.keys = map[string]map[string]bool{}
	for _, gen := range template.Generations() {
		keys := map[string]bool{}
		for _, r := range template.Rows(gen) {
			keys[r.Key] = true
			if p.byLabel[r.Label] == nil {
				rl := makeRowLabel(r.Label)
				p.byLabel[r.Label] = &rl
			}
		}
		p.keys[gen] = keys
	}
	return p
})

// labelOf is a template row's prepared label.
func labelOf(def template.Row) *rowLabel {
	if rl := preparedLabels().byLabel[def.Label]; rl != nil {
		return rl
	}
	rl := makeRowLabel(def.Label)
	return &rl
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
		t := newLabelText([]rune(f))
		t.bits = newPatternBits(t.rs)
		rl.runes = append(rl.runes, t)
	}
	return rl
}

// distancesDP is patternBits.scan by dynamic programming, for a pattern
// too long for one word of bits: the Levenshtein distance of pat and text
// (free unset) or pat's least distance to a part of text (free set).
func distancesDP(pat, text []rune, free bool) (last int, part float64) {
	prev := make([]int, len(text)+1)
	cur := make([]int, len(text)+1)
	if !free {
		for j := range prev {
			prev[j] = j
		}
	}
	for i := 1; i <= len(pat); i++ {
		cur[0] = i
		for j := 1; j <= len(text); j++ {
			c := prev[j-1]
			if pat[i-1] != text[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	part = float64(len(pat))
	for j, v := range prev {
		part = min(part, float64(v)+0.5*float64(len(text)-j))
	}
	return prev[len(text)], part
}

// distances are the form's distances to text (see patternBits.scan).
func (f *labelText) distances(text []rune, free bool) (int, float64) {
	if f.bits != nil {
		return f.bits.scan(text, free)
	}
	return distancesDP(f.rs, text, free)
}

// partWeight discounts a form of n runes found inside a longer printed
// text: a short form found inside a long text is weak evidence.
func partWeight(n int) float64 {
	switch {
	case n <= 2:
		return 0.6
	case n == 3:
		return 0.75
	}
	return 0.9
}

// maxLabelRunes bounds the printed text a label is compared with.
const maxLabelRunes = 80

// tooLow is what similarityAtLeast returns for a similarity below its
// bound.
const tooLow = -1

// similarityAtLeast scores a printed label against a template form, 0..1:
// the normalised edit distance of the whole, or, discounted, of the form
// found inside the printed text (junk glued before or after it); a short
// form found inside a long text is weak evidence. It gives the score when
// that is at least lo, and tooLow otherwise (the distances it cannot
// reach are not computed).
func similarityAtLeast(printed []rune, form *labelText, lo float64) float64 {
	f := form.rs
	if len(f) == 0 || len(printed) == 0 {
		if lo > 0 {
			return tooLow
		}
		return 0
	}
	long := max(len(printed), len(f))
	best := float64(tooLow)
	// 1 - d/long >= lo needs d <= (1-lo)*long, and d is at least the
	// difference in length; one more for rounding
	if k := int((1-lo)*float64(long)) + 1; len(printed)-len(f) <= k && len(f)-len(printed) <= k {
		d, _ := form.distances(printed, false)
		best = 1 - float64(d)/float64(long)
	}
	// (1 - d/len(f))*w >= lo needs w >= lo
	if w := partWeight(len(f)); len(printed) > len(f) && lo <= w+1e-9 {
		_, d := form.distances(printed, true)
		if s := (1 - d/float64(len(f))) * w; s > best {
			best = s
		}
	}
	if lo <= 0 && best < 0 {
		return 0
	}
	if best < lo {
		return tooLow
	}
	return best
}

// patternBits is a template form (at most 64 runes) prepared for Myers'
// bit-parallel edit distance ("A fast bit-vector algorithm for
// approximate string matching based on dynamic programming", J. ACM
// 1999, in Hyyrö's formulation): one pass over the printed text, a word
// of the table's column at a time, instead of a cell at a time.
type patternBits struct {
	m     int      // pattern length
	keys  []rune   // open addressing table of the pattern's runes (0: empty)
	masks []uint64 // bit i set where the pattern has the rune at i
}

func newPatternBits(pat []rune) *patternBits {
	if len(pat) == 0 || len(pat) > 64 || slices.Contains(pat, 0) {
		return nil
	}
	size := 8
	for size < 2*len(pat) {
		size *= 2
	}
	p := &patternBits{m: len(pat), keys: make([]rune, size), masks: make([]uint64, size)}
	for i, r := range pat {
		at := p.slot(r)
		p.keys[at] = r
		p.masks[at] |= 1 << i
	}
	return p
}

func (p *patternBits) slot(r rune) int {
	at := int(uint32(r)*2654435761>>16) & (len(p.keys) - 1)
	for p.keys[at] != 0 && p.keys[at] != r {
		at = (at + 1) & (len(p.keys) - 1)
	}
	return at
}

// scan runs Myers' algorithm over text. With free unset, the text before
// the pattern costs one a rune (D[0][j] = j) and last is the Levenshtein
// distance of pattern and text. With free set, it is free (D[0][j] = 0)
// and part is the least D[m][j] + (len(text)-j)/2, at most m: the
// pattern found in the text, junk before it free and words after it at
// half a rune each.
func (p *patternBits) scan(text []rune, free bool) (last int, part float64) {
	pv, mv := ^uint64(0), uint64(0)
	top := uint64(1) << (p.m - 1)
	score := p.m
	halves := 2 * p.m // the least part distance so far, in halves
	var carry uint64
	if !free {
		carry = 1
	}
	for j, r := range text {
		eq := p.masks[p.slot(r)] // an empty slot's mask is 0
		xv := eq | mv
		xh := (((eq & pv) + pv) ^ pv) | eq
		ph := mv | ^(xh | pv)
		mh := pv & xh
		switch {
		case ph&top != 0:
			score++
		case mh&top != 0:
			score--
		}
		ph = ph<<1 | carry
		mh <<= 1
		pv = mh | ^(xv | ph)
		mv = ph & xv
		if d := 2*score + len(text) - j - 1; d < halves {
			halves = d
		}
	}
	return score, float64(halves) / 2
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
	return texts, raws
}

// minWords is the least similarity of a label's words before its
// numbering counts: a number alone does not make a label.
const minWords = 0.25

// labelScore scores a printed label against a template row: the best
// similarity of any candidate to any form, with the numbering as anchors
// (the same number raises it, a different one lowers it), and the
// candidate it came from. Scores below floor are not needed: when the
// best is below floor, labelScore returns some score below floor (and
// does less work); at or above it, the exact best.
func labelScore(texts []labelText, rl *rowLabel, floor float64) (float64, int) {
	best, from := -1.0, -1
	for i := range texts {
		t := &texts[i]
		n := t.num
		ai := anchorScore(n.item, rl.anchors.item, 0.2, 0.3)
		ag := anchorScore(n.group, rl.anchors.group, 0.15, 0.3)
		at := anchorScore(n.top, rl.anchors.top, 0.1, 0.2)
		a := ai + ag + at
		// the words' score this candidate needs to count
		need := minWords
		if floor-a > need {
			need = floor - a
		}
		if best-a > need {
			need = best - a
		}
		lo := need - 1e-9
		s := 0.0
		for fi := range rl.runes {
			f := &rl.runes[fi]
			// similarity is at most the share of the form's runes the
			// text has (at most its length, at most sharedBound)
			lf := float64(len(f.rs))
			if float64(len(t.rs)) < lo*lf {
				continue
			}
			if b := float64(sharedBound(t, f)); b < lo*lf || b+1e-9 < s*lf {
				continue
			}
			bound := float64(shared(t.sorted, f.sorted)) / lf
			if bound < minWords || bound <= s || bound < lo {
				continue
			}
			if v := similarityAtLeast(t.rs, f, lo); v > s {
				s = v
			}
		}
		if s < minWords {
			continue
		}
		s += ai // added one by one, as the scores have always been summed
		s += ag
		s += at
		if s > best {
			best, from = s, i
		}
	}
	return best, from
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
