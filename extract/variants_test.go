package extract_test

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// Variants of the gold reports: the same tables written in other text
// forms (separators, one cell per line, wrapped labels, labels on their
// own line) and with damaged row labels. The development seeds are tested
// here; the held-out seeds are only scored, with
//
//	go test ./extract -run TestVariantScore -heldout -v
//
// The seeds from 9000 (-heldout) were held out until the aligner's
// losses on them were studied (missing and ambiguous cells categorised);
// they are development seeds now. The seeds from 20000, scored with
//
//	go test ./extract -run TestVariantScore -heldout2 -v
//
// are the held-out seeds since: never looked at while tuning.
var (
	heldOut  = flag.Bool("heldout", false, "score the former held-out variant seeds (9000…9049) instead of the development seeds 1…3")
	heldOut2 = flag.Bool("heldout2", false, "score the held-out variant seeds (20000…20049) instead of the development seeds 1…3")
)

// scoredOnly says the run scores many seeds (-heldout or -heldout2) rather
// than testing the development seeds 1…3 cell by cell.
func scoredOnly() bool { return *heldOut || *heldOut2 }

// showLost lists, in a scored run, every cell a variant loses, so the
// losses can be categorised:
//
//	go test ./extract -run TestVariantScore -heldout -showlost -v
var showLost = flag.Bool("showlost", false, "with -heldout: list every cell a variant loses")

// logLost logs the cells a variant lost when -showlost asks for them.
func logLost(t *testing.T, what string, bad []string) {
	if *showLost && len(bad) > 0 {
		t.Logf("%s:\n%s", what, strings.Join(bad, "\n"))
	}
}

// variantBases are gold reports whose tables are one printed row per line.
var variantBases = []string{"pingtan-2022-pipes", "guyuan-kjj-2020"}

// tableCells splits a table line into cells, or nil for a line that is
// not a table row.
func tableCells(line string) []string {
	var parts []string
	switch {
	case strings.Contains(line, "|"):
		parts = strings.Split(line, "|")
	case strings.Contains(line, "\t"):
		parts = strings.Split(line, "\t")
	default:
		return nil
	}
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func isNumberCell(s string) bool {
	return strings.Trim(s, "0123456789.-") == "" && s != ""
}

// junk is what damage inserts: Han characters that are in no label.
var junk = []rune("甲乙丙丁戊己庚辛壬癸鑫淼")

// damage drops, swaps or replaces one or two characters of a label and
// may glue junk before it.
func damage(label string, rng *rand.Rand) string {
	rs := []rune(label)
	ops := 1 + rng.Intn(2)
	if len(rs) <= 3 {
		ops = 1
	}
	for k := 0; k < ops && len(rs) > 1; k++ {
		i := rng.Intn(len(rs))
		switch rng.Intn(3) {
		case 0:
			rs = append(rs[:i:i], rs[i+1:]...)
		case 1:
			if i+1 < len(rs) {
				rs[i], rs[i+1] = rs[i+1], rs[i]
			}
		default:
			rs[i] = junk[rng.Intn(len(junk))]
		}
	}
	if rng.Intn(2) == 0 {
		rs = append([]rune{junk[rng.Intn(len(junk))], junk[rng.Intn(len(junk))]}, rs...)
	}
	return string(rs)
}

// variantForm writes one table row (label cells, then values).
type variantForm struct {
	name   string
	render func(labels, vals []string, rng *rand.Rand) string
}

var variantForms = []variantForm{
	{"pipes", func(l, v []string, _ *rand.Rand) string { return strings.Join(append(l, v...), " | ") + " |" }},
	{"fullwidth-pipes", func(l, v []string, _ *rand.Rand) string { return strings.Join(append(l, v...), "｜") }},
	{"tabs", func(l, v []string, _ *rand.Rand) string { return strings.Join(append(l, v...), "\t") }},
	{"spaces", func(l, v []string, rng *rand.Rand) string {
		return strings.Join(append(l, v...), strings.Repeat(" ", 2+rng.Intn(3)))
	}},
	{"cell-per-line", func(l, v []string, _ *rand.Rand) string { return strings.Join(append(l, v...), "\n") }},
	{"cell-per-line-pipes", func(l, v []string, _ *rand.Rand) string {
		return "|\n" + strings.Join(append(l, v...), " |\n") + " |"
	}},
	{"label-then-values", func(l, v []string, _ *rand.Rand) string {
		if len(v) == 0 {
			return strings.Join(l, " ")
		}
		return strings.Join(l, " ") + "\n" + strings.Join(v, " ")
	}},
	{"wrapped-label", func(l, v []string, rng *rand.Rand) string {
		label := []rune(strings.Join(l, ""))
		if len(label) > 5 && len(v) > 0 {
			cut := 2 + rng.Intn(len(label)-3)
			return string(label[:cut]) + "\n" + string(label[cut:]) + "\t" + strings.Join(v, "\t")
		}
		return strings.Join(append(l, v...), "\t")
	}},
}

// makeVariant rewrites every table line of src in a form; with damaged
// set, every row label (a label followed by values) is damaged.
func makeVariant(src string, form variantForm, damaged bool, rng *rand.Rand) string {
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		cells := tableCells(line)
		if cells == nil {
			b.WriteString(line + "\n")
			continue
		}
		var labels, vals []string
		for _, c := range cells {
			if isNumberCell(c) {
				vals = append(vals, c)
			} else {
				labels = append(labels, c)
			}
		}
		if damaged && len(vals) > 0 {
			for i := range labels {
				labels[i] = damage(labels[i], rng)
			}
		}
		b.WriteString(form.render(labels, vals, rng) + "\n")
	}
	return b.String()
}

// variantSeeds are the development seeds 1…3, or n seeds from 9000
// (-heldout) or from 20000 (-heldout2).
func variantSeeds(n int) []int64 {
	first := int64(9000)
	switch {
	case *heldOut2:
		first = 20000
	case !scoredOnly():
		return []int64{1, 2, 3}
	}
	var seeds []int64
	for s := first; s < first+int64(n); s++ {
		seeds = append(seeds, s)
	}
	return seeds
}

type variantScore struct{ exact, missing, ambiguous, wrong, total int }

func (s *variantScore) add(o variantScore) {
	s.exact += o.exact
	s.missing += o.missing
	s.ambiguous += o.ambiguous
	s.wrong += o.wrong
	s.total += o.total
}

func (s variantScore) String() string {
	return fmt.Sprintf("%d cells: %d exact (%.2f%%), %d missing, %d ambiguous, %d wrong",
		s.total, s.exact, 100*float64(s.exact)/float64(s.total), s.missing, s.ambiguous, s.wrong)
}

// scoreCells compares a record's table cells with the gold.
func scoreCells(t *testing.T, rec *extract.Record, g goldFile) (variantScore, []string) {
	var b strings.Builder
	rec.WriteCells(&b)
	got := map[string]string{}
	for _, l := range strings.Split(b.String(), "\n") {
		k, v := lineKey(l)
		got[k] = v
	}
	var s variantScore
	var bad []string
	for _, l := range g.lines {
		k, want := lineKey(l)
		if !strings.HasPrefix(k, "t") {
			continue
		}
		s.total++
		have := got[k]
		switch {
		case have == want, have == "AMBIGUOUS" && g.accept[k]:
			s.exact++
			continue
		case have == "MISSING":
			s.missing++
		case have == "AMBIGUOUS":
			s.ambiguous++
		default:
			s.wrong++
		}
		bad = append(bad, fmt.Sprintf("%s = %q, gold %q", k, have, want))
	}
	return s, bad
}

func loadBase(t *testing.T, name string) (string, goldFile) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "reports", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(src), readGold(t, filepath.Join(goldDir, name+".tsv"))
}

func parseVariant(t *testing.T, text string) *extract.Record {
	rec, err := extract.Parse(strings.NewReader(text), extract.Options{Name: "variant.txt"})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return rec
}

// TestLabelDamage: every row label of a gold report damaged (one or two
// characters dropped, swapped or replaced, junk glued before) still gives
// every cell, in the report's own form.
func TestLabelDamage(t *testing.T) {
	for _, base := range variantBases {
		src, g := loadBase(t, base)
		clean, _ := scoreCells(t, parseVariant(t, src), g)
		for seed := int64(1); seed <= 5; seed++ {
			rng := rand.New(rand.NewSource(seed))
			text := makeVariant(src, variantForms[0], true, rng)
			if base == "guyuan-kjj-2020" {
				text = makeVariant(src, variantForms[2], true, rng)
			}
			s, bad := scoreCells(t, parseVariant(t, text), g)
			if s.exact < clean.exact {
				t.Errorf("%s seed %d damaged: %v (undamaged: %v)\n%s", base, seed, s, clean, strings.Join(bad, "\n"))
			}
		}
	}
}

// TestRowRemoved: a report with one table row removed gives MISSING for
// exactly that row's cells, every other cell as before.
func TestRowRemoved(t *testing.T) {
	src, g := loadBase(t, "pingtan-2022-pipes")
	lines := strings.Split(src, "\n")
	for i, line := range lines {
		cells := tableCells(line)
		if len(cells) < 2 || !isNumberCell(cells[len(cells)-1]) || strings.Contains(line, "结果维持") {
			continue
		}
		if isNumberCell(cells[0]) {
			continue // table 四's values: one row for three blocks
		}
		text := strings.Join(append(append([]string{}, lines[:i]...), lines[i+1:]...), "\n")
		rec := parseVariant(t, text)
		var missing []string
		for _, c := range rec.Cells {
			if c.Status == extract.StatusMissing {
				missing = append(missing, c.ID)
			}
		}
		_, bad := scoreCells(t, rec, g)
		// every differing cell must be a MISSING one of a single row
		rows := map[string]bool{}
		for _, id := range missing {
			rows[id[:strings.LastIndexByte(id, '.')]] = true
		}
		if len(rows) != 1 || len(bad) != len(missing) {
			t.Errorf("without line %d %q: missing rows %v, differing cells:\n%s", i+1, line, rows, strings.Join(bad, "\n"))
		}
	}
}

// TestVariantScore parses every form of every base, clean and damaged,
// and reports the score; the development seeds must give every cell.
func TestVariantScore(t *testing.T) {
	seeds := variantSeeds(50)
	var all variantScore
	for _, base := range variantBases {
		src, g := loadBase(t, base)
		clean, _ := scoreCells(t, parseVariant(t, src), g)
		for _, form := range variantForms {
			var fs variantScore
			for _, seed := range seeds {
				for _, damaged := range []bool{false, true} {
					rng := rand.New(rand.NewSource(seed))
					s, bad := scoreCells(t, parseVariant(t, makeVariant(src, form, damaged, rng)), g)
					fs.add(s)
					logLost(t, fmt.Sprintf("%s %s seed %d damaged=%v", base, form.name, seed, damaged), bad)
					if !scoredOnly() && s.exact < clean.exact {
						t.Errorf("%s %s seed %d damaged=%v: %v (as published: %v)\n%s", base, form.name, seed, damaged, s, clean, strings.Join(bad, "\n"))
					}
				}
			}
			t.Logf("%-18s %-20s %v", base, form.name, fs)
			all.add(fs)
		}
	}
	t.Logf("all variants (%d seeds, clean and damaged): %v", len(seeds), all)
}

// cellLineBases are gold reports whose tables are printed one cell per
// line: a PDF viewer's reading order and a crawler's "cell |" lines.
var cellLineBases = []string{"huaian-2024-plain", "pingtan-2021-pipecells"}

// damageCellLines damages every row label of a one-cell-per-line table:
// a line with words whose next non-blank line is a value.
func damageCellLines(src string, rng *rand.Rand) string {
	lines := strings.Split(src, "\n")
	cell := func(l string) string { return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l), "|")) }
	for i, l := range lines {
		if c := cell(l); c == "" || isNumberCell(c) || !isLabelCell(c) {
			continue
		}
		for _, next := range lines[i+1:] {
			if n := cell(next); n != "" {
				if isNumberCell(n) {
					lines[i] = strings.Replace(l, cell(l), damage(cell(l), rng), 1)
				}
				break
			}
		}
	}
	return strings.Join(lines, "\n")
}

// TestCellLineDamage: the row labels of the one-cell-per-line gold
// reports damaged still give every cell the undamaged report gives;
// -heldout scores the held-out seeds instead.
func TestCellLineDamage(t *testing.T) {
	seeds := variantSeeds(50)
	var all variantScore
	for _, base := range cellLineBases {
		src, g := loadBase(t, base)
		all.add(scoreDamaged(t, base, g, parseVariant(t, src), seeds, func(rng *rand.Rand) *extract.Record {
			text := damageCellLines(src, rng)
			changed := 0
			for i, l := range strings.Split(text, "\n") {
				if l != strings.Split(src, "\n")[i] {
					changed++
				}
			}
			if changed < 20 {
				t.Fatalf("%s: only %d labels damaged", base, changed)
			}
			return parseVariant(t, text)
		}))
	}
	t.Logf("damaged cell-per-line tables (%d seeds): %v", len(seeds), all)
}

// scoreDamaged scores a report's damaged variants, one per seed, against
// its gold: on the development seeds each must give every cell the
// undamaged record (clean) gives; held-out seeds are only scored.
func scoreDamaged(t *testing.T, name string, g goldFile, clean *extract.Record, seeds []int64, variant func(*rand.Rand) *extract.Record) variantScore {
	want, _ := scoreCells(t, clean, g)
	var fs variantScore
	for _, seed := range seeds {
		s, bad := scoreCells(t, variant(rand.New(rand.NewSource(seed))), g)
		fs.add(s)
		logLost(t, fmt.Sprintf("%s seed %d", name, seed), bad)
		if !scoredOnly() && s.exact < want.exact {
			t.Errorf("%s seed %d damaged: %v (undamaged: %v)\n%s", name, seed, s, want, strings.Join(bad, "\n"))
		}
	}
	t.Logf("%-28s %v", name, fs)
	return fs
}

// titleForms write a report title in other word orders: year first,
// year after, a line break inside.
var titleForms = []func(agency, year string) string{
	func(a, y string) string { return y + "年" + a + "政府信息公开工作年度报告" },
	func(a, y string) string { return a + "政府信息公开工作年度报告（" + y + "年度）" },
	func(a, y string) string { return a + y + "年度政府信息公开\n工作年度报告" },
	func(a, y string) string { return y + "年度" + a + "政府信息公开工作\n年度报告" },
}

// retitle replaces the title of src (the first line naming the agency,
// through the line that ends it with 年度报告) with one of titleForms.
func retitle(src, agency, year string, rng *rand.Rand) string {
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		if !strings.Contains(strings.ReplaceAll(l, " ", ""), agency) {
			continue
		}
		for j := i; j < len(lines) && j < i+4; j++ {
			if strings.Contains(lines[j], "年度报告") {
				title := titleForms[rng.Intn(len(titleForms))](agency, year)
				return strings.Join(append(append(lines[:i:i], title), lines[j+1:]...), "\n")
			}
		}
		break
	}
	return src
}

// TestTitleVariants: the variants of TestVariantScore with their title
// in another word order give the agency and year of the gold, and every
// cell; -heldout scores the held-out seeds.
func TestTitleVariants(t *testing.T) {
	seeds := variantSeeds(50)
	if !scoredOnly() {
		seeds = []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12} // every title form
	}
	var cells variantScore
	metaRight, metaTotal := 0, 0
	for _, base := range variantBases {
		src, g := loadBase(t, base)
		want := map[string]string{}
		for _, l := range g.lines {
			if k, v := lineKey(l); k == "meta.agency" || k == "meta.year" {
				want[k] = v
			}
		}
		clean, _ := scoreCells(t, parseVariant(t, src), g)
		for _, seed := range seeds {
			rng := rand.New(rand.NewSource(seed))
			form := variantForms[rng.Intn(len(variantForms))]
			text := retitle(makeVariant(src, form, seed%2 == 1, rng), want["meta.agency"], want["meta.year"], rng)
			if text == src {
				t.Fatalf("%s: no title found", base)
			}
			rec := parseVariant(t, text)
			s, bad := scoreCells(t, rec, g)
			cells.add(s)
			got := map[string]string{"meta.agency": rec.Meta.Agency, "meta.year": fmt.Sprint(rec.Meta.Year)}
			for k, v := range want {
				metaTotal++
				if got[k] == v {
					metaRight++
				} else {
					bad = append(bad, fmt.Sprintf("%s = %q, gold %q", k, got[k], v))
				}
			}
			logLost(t, fmt.Sprintf("%s %s seed %d", base, form.name, seed), bad)
			if !scoredOnly() && (s.exact < clean.exact || got["meta.agency"] != want["meta.agency"] || got["meta.year"] != want["meta.year"]) {
				t.Errorf("%s %s seed %d: %v\n%s\n%s", base, form.name, seed, s, strings.Join(bad, "\n"), text[:min(len(text), 300)])
			}
		}
	}
	t.Logf("titles in other orders (%d seeds): agency and year %d of %d right; %v", len(seeds), metaRight, metaTotal, cells)
}
