package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/template"
)

// refSimilarity and refLabelScore are the aligner's scores as first
// written, without bounds or pruning.
func refSimilarity(printed, form []rune) float64 {
	if len(form) == 0 || len(printed) == 0 {
		return 0
	}
	long := max(len(printed), len(form))
	d, _ := distancesDP(form, printed, false)
	best := 1 - float64(d)/float64(long)
	if len(printed) > len(form) {
		w := partWeight(len(form))
		_, sub := distancesDP(form, printed, true)
		if s := (1 - sub/float64(len(form))) * w; s > best {
			best = s
		}
	}
	return max(best, 0)
}

func refLabelScore(texts []labelText, rl *rowLabel) (float64, int) {
	best, at := -1.0, -1
	for i, t := range texts {
		s := 0.0
		for _, f := range rl.runes {
			if bound := float64(shared(t.sorted, f.sorted)) / float64(len(f.rs)); bound < minWords || bound <= s {
				continue
			}
			if v := refSimilarity(t.rs, f.rs); v > s {
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

// TestDistances: the bit-parallel distances equal the table's.
func TestDistances(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alpha := []rune("政府信息公开申请不予0.1(")
	word := func() []rune {
		rs := make([]rune, rng.Intn(14))
		if rng.Intn(10) == 0 {
			rs = make([]rune, rng.Intn(90)) // beyond one word of bits
		}
		for i := range rs {
			rs[i] = alpha[rng.Intn(len(alpha))]
		}
		return rs
	}
	for _, tt := range []struct {
		a, b string
		d    int
		part float64
	}{
		{"kitten", "sitting", 3, 2.5}, {"国家秘密", "甲乙属于国家秘", 5, 1}, {"禁止公开", "某禁止公开其他", 3, 1}, {"", "abc", 3, 0},
	} {
		if d, _ := distancesDP([]rune(tt.a), []rune(tt.b), false); d != tt.d {
			t.Errorf("distancesDP(%q, %q) = %d, want %d", tt.a, tt.b, d, tt.d)
		}
		if _, part := distancesDP([]rune(tt.a), []rune(tt.b), true); part != tt.part {
			t.Errorf("part distance of %q in %q = %v, want %v", tt.a, tt.b, part, tt.part)
		}
	}
	for n := 0; n < 20000; n++ {
		a, b := word(), word()
		want, _ := distancesDP(a, b, false)
		_, wantPart := distancesDP(a, b, true)
		f := newLabelText(a)
		if f.bits = newPatternBits(a); f.bits == nil && len(a) > 0 && len(a) <= 64 {
			t.Fatalf("no bits for %q", string(a))
		}
		d, _ := f.distances(b, false)
		_, part := f.distances(b, true)
		if d != want || part != wantPart {
			t.Fatalf("%q to %q (bits %v): distance %d, part %v; want %d, %v", string(a), string(b), f.bits != nil, d, part, want, wantPart)
		}
	}
}

// TestLabelScoreExact: with a floor, labelScore gives exactly the
// unpruned score (and candidate) whenever that is at least the floor,
// for every printed row of the sample reports (clean and damaged) against
// every template row of every generation.
func TestLabelScoreExact(t *testing.T) {
	var rows [][]string
	rng := rand.New(rand.NewSource(7))
	for _, name := range []string{"pingtan-2022-pipes.txt", "pingtan-2021-pipecells.txt", "huaian-2024-plain.txt", "guyuan-kjj-2020.txt", "pingtan-2021.txt", "pingtan-2015.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", name))
		if err != nil {
			t.Fatal(err)
		}
		d := docOf(string(b))
		for _, p := range textRows(d, region{0, len(d.text)}) {
			rows = append(rows, p.pieces)
			damaged := slices.Clone(p.pieces)
			for i, s := range damaged {
				rs := []rune(s)
				if len(rs) > 1 {
					j := rng.Intn(len(rs))
					rs = append(rs[:j:j], rs[j+1:]...)
				}
				damaged[i] = "某" + string(rs)
			}
			rows = append(rows, damaged)
		}
	}
	var labels []*rowLabel
	for _, gen := range template.Generations() {
		for _, def := range template.Rows(gen) {
			labels = append(labels, labelOf(def))
		}
	}
	compared := 0
	for _, pieces := range rows {
		texts, _ := labelCandidates(pieces)
		for _, rl := range labels {
			want, wantAt := refLabelScore(texts, rl)
			for _, floor := range []float64{0, minLabelScore, 0.6, want} {
				got, at := labelScore(texts, rl, floor)
				if want >= floor && (got != want || at != wantAt) || want < floor && got >= floor {
					t.Fatalf("labelScore(%q, %q, floor %v) = %v at %d; unpruned %v at %d", strings.Join(pieces, "/"), rl.forms[0], floor, got, at, want, wantAt)
				}
				compared++
			}
		}
	}
	if compared < 10000 {
		t.Fatalf("only %d comparisons", compared)
	}
}
