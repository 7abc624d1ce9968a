package audit

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/segment"
)

var update = flag.Bool("update", false, "rewrite testdata/audit/expected.tsv")

const (
	goldDir      = "../../testdata/reports/gold"
	auditDir     = "../../testdata/audit"
	expectedPath = auditDir + "/expected.tsv"
)

// goldFiles lists the gold files in name order.
func goldFiles(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(goldDir, "*.tsv"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no gold files in %s: %v", goldDir, err)
	}
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	sort.Strings(names)
	return names
}

// legacyParents reads testdata/audit/legacy_parents.tsv: the part-of
// structure the cells form cannot carry.
func legacyParents(t *testing.T) map[string][][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(auditDir, "legacy_parents.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		out[fs[0]] = append(out[fs[0]], fs[1:])
	}
	return out
}

// loadGold reads a gold file into a record, with the legacy part-of
// structure applied.
func loadGold(t *testing.T, name string) *extract.Record {
	t.Helper()
	f, err := os.Open(filepath.Join(goldDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec, err := extract.ReadCells(f, name)
	if err != nil {
		t.Fatal(err)
	}
	index := map[string]int{}
	for i, r := range rec.Legacy {
		index[r.Label] = i
	}
	for _, fam := range legacyParents(t)[name] {
		p, ok := index[fam[0]]
		if !ok {
			t.Fatalf("%s: legacy_parents.tsv names row %q that the gold file lacks", name, fam[0])
		}
		for _, kid := range fam[1:] {
			k, ok := index[kid]
			if !ok {
				t.Fatalf("%s: legacy_parents.tsv names part %q that the gold file lacks", name, kid)
			}
			rec.Legacy[k].Parent = p
		}
	}
	return rec
}

// goldCheck is one "# check RULE ok|FAIL|n/a ..." line of a gold file.
type goldCheck struct {
	rule, verdict string
	// names are the columns (or rows) a FAIL line names before each ":".
	names []string
	line  string
}

var checkLine = regexp.MustCompile(`^# check (\S+) (ok|FAIL|n/a)\b(.*)$`)

func goldChecks(t *testing.T, name string) []goldCheck {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(goldDir, name))
	if err != nil {
		t.Fatal(err)
	}
	var out []goldCheck
	for _, line := range strings.Split(string(data), "\n") {
		m := checkLine.FindStringSubmatch(strings.TrimRight(line, "\r"))
		if m == nil {
			continue
		}
		c := goldCheck{rule: m[1], verdict: m[2], line: line}
		if c.verdict == "FAIL" {
			for _, part := range strings.Split(m[3], ";") {
				if n, _, ok := strings.Cut(strings.TrimSpace(part), ":"); ok {
					c.names = append(c.names, strings.TrimSpace(n))
				}
			}
		}
		// L2, L3 of the legacy gold files are instances of the spec's L1.
		if strings.HasPrefix(c.rule, "L") {
			c.rule = "L1"
		}
		out = append(out, c)
	}
	return out
}

// names reports whether a finding is about the column or row name: one of
// its cells' ids has it as a dotted component.
func (f Finding) names(name string) bool {
	for _, c := range f.Cells {
		for _, part := range strings.Split(c.ID, ".") {
			if part == name {
				return true
			}
		}
	}
	return false
}

// matchGold checks findings against a gold file's check lines: ok and n/a
// mean no failure of the rule; FAIL means failures that name exactly the
// columns (or rows) the line names. It returns whether every check is ok.
func matchGold(t *testing.T, name string, fs []Finding) bool {
	t.Helper()
	checks := goldChecks(t, name)
	if len(checks) == 0 {
		t.Errorf("%s: no # check lines", name)
	}
	allOK := true
	for _, c := range checks {
		var fails []Finding
		for _, f := range fs {
			if f.Rule == c.rule && f.Verdict == VerdictFail && f.Severity == extract.SevError {
				fails = append(fails, f)
			}
		}
		switch c.verdict {
		case "ok", "n/a":
			for _, f := range fails {
				t.Errorf("%s: gold says %q but audit fails it: %s %s", name, c.line, f.MessageEN, f.Arithmetic)
			}
		case "FAIL":
			allOK = false
			if len(fails) != len(c.names) {
				t.Errorf("%s: gold says %q (%d failures) but audit has %d: %v", name, c.line, len(c.names), len(fails), fails)
			}
			for _, n := range c.names {
				found := false
				for _, f := range fails {
					found = found || f.names(n)
				}
				if !found {
					t.Errorf("%s: gold says %q but audit does not fail %s", name, c.line, n)
				}
			}
		}
	}
	return allOK
}

func TestGoldVerdicts(t *testing.T) {
	for _, name := range goldFiles(t) {
		t.Run(name, func(t *testing.T) {
			fs := Check(loadGold(t, name))
			if matchGold(t, name, fs) && HasError(fs) {
				for _, f := range fs {
					if f.Severity == extract.SevError {
						t.Errorf("every gold check is ok, yet an error: %s: %s %s", f.Rule, f.MessageEN, f.Arithmetic)
					}
				}
			}
		})
	}
}

// pairs are the gold files of one agency in consecutive years, for
// CheckPair.
var pairs = [][2]string{
	{"pingtan-2020.tsv", "pingtan-2021.tsv"},
	{"pingtan-2021.tsv", "pingtan-2022.tsv"},
}

// expectedRows renders findings as rows of expected.tsv:
// file, rule, severity, verdict, cells, arithmetic.
func expectedRows(file string, fs []Finding) []string {
	var out []string
	for _, f := range fs {
		var ids []string
		for _, c := range f.Cells {
			id := c.ID
			if c.Year != 0 {
				id = fmt.Sprintf("%d:%s", c.Year, id)
			}
			ids = append(ids, id)
		}
		out = append(out, strings.Join([]string{file, f.Rule, string(f.Severity), f.Verdict, strings.Join(ids, ","), f.Arithmetic}, "\t"))
	}
	return out
}

const expectedHeader = `# Expected audit findings of the gold samples (extract.ReadCells on testdata/reports/gold/*.tsv, legacy
# part-of structure from legacy_parents.tsv), and of CheckPair on consecutive years ("a>b" files).
# Regenerate with: go test ./extract/audit -run TestExpected -update ; then review the git diff.
# file	rule	severity	verdict	cells	arithmetic
`

func TestExpected(t *testing.T) {
	var got []string
	for _, name := range goldFiles(t) {
		rows := expectedRows(name, Check(loadGold(t, name)))
		if len(rows) == 0 {
			rows = []string{name + "\t-"}
		}
		got = append(got, rows...)
	}
	for _, p := range pairs {
		rows := expectedRows(p[0]+">"+p[1], CheckPair(loadGold(t, p[0]), loadGold(t, p[1])))
		if len(rows) == 0 {
			rows = []string{p[0] + ">" + p[1] + "\t-"}
		}
		got = append(got, rows...)
	}
	text := expectedHeader + strings.Join(got, "\n") + "\n"
	if *update {
		if err := os.WriteFile(expectedPath, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(expectedPath)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	want := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			want[strings.SplitN(line, "\t", 2)[0]] = true
		}
	}
	// A gold file added since the table was written is reported, not
	// failed: its verdicts are still checked by TestGoldVerdicts.
	var kept []string
	for _, row := range got {
		file := strings.SplitN(row, "\t", 2)[0]
		if want[file] {
			kept = append(kept, row)
		} else {
			t.Logf("%s is not in expected.tsv yet: run with -update and review", file)
		}
	}
	wantText := strings.TrimPrefix(string(data), expectedHeader)
	if diff := cmp.Diff(strings.Split(wantText, "\n"), strings.Split(strings.Join(kept, "\n")+"\n", "\n")); diff != "" {
		t.Errorf("findings differ from %s (-want +got):\n%s", expectedPath, diff)
	}
	// Stable when run again.
	again := expectedRows("x", Check(loadGold(t, goldFiles(t)[0])))
	first := expectedRows("x", Check(loadGold(t, goldFiles(t)[0])))
	if diff := cmp.Diff(first, again); diff != "" {
		t.Errorf("audit output is not stable:\n%s", diff)
	}
}

// TestGoldVerdictsParsed parses each sample report that has a gold file
// (testdata/reports/NAME.* for gold/NAME.tsv) and matches the audit of the
// parsed record against the gold verdicts. A report this build cannot
// read is skipped: reading is the parser's tests' business.
func TestGoldVerdictsParsed(t *testing.T) {
	for _, name := range goldFiles(t) {
		base := strings.TrimSuffix(name, ".tsv")
		srcs, _ := filepath.Glob(filepath.Join(goldDir, "..", base+".*"))
		for _, src := range srcs {
			t.Run(filepath.Base(src), func(t *testing.T) { parsedMatchesGold(t, name, src) })
		}
	}
}

func parsedMatchesGold(t *testing.T, name, src string) {
	rec, err := extract.ParseFile(src, extract.Options{})
	if err != nil {
		t.Skipf("parser: %v", err)
	}
	seg, err := segment.Shared()
	if err != nil {
		t.Fatal(err)
	}
	if err := seg.Annotate(rec); err != nil {
		t.Fatal(err)
	}
	fs := Check(rec)
	// The gold files' "# D7: ... (ok)" notes: the narrative agrees with
	// the tables.
	if d7OK(t, name) {
		for _, f := range fs {
			if f.Rule == "D7" && f.Verdict == VerdictFail {
				t.Errorf("%s: the gold says D7 ok, audit: %s %s", src, f.MessageEN, f.Arithmetic)
			}
		}
	}
	if matchGold(t, name, fs) && HasError(fs) {
		for _, f := range fs {
			if f.Severity == extract.SevError {
				t.Errorf("%s: every gold check is ok, yet an error: %s: %s %s", src, f.Rule, f.MessageEN, f.Arithmetic)
			}
		}
	}
}

// d7OK reports whether the gold file's D7 note says the narrative agrees
// with the tables.
func d7OK(t *testing.T, name string) bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(goldDir, name))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "# D7:") {
			return strings.Contains(line, "(ok") && !strings.Contains(line, "FAIL")
		}
	}
	return false
}
