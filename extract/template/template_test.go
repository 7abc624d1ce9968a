package template

import (
	"reflect"
	"strings"
	"testing"
)

func TestRowsAndCells(t *testing.T) {
	for _, gen := range Generations() {
		n := 0
		for _, r := range Rows(gen) {
			for _, c := range r.Cells {
				if c.Row != r.Key || c.Table != r.Table {
					t.Errorf("%s: cell %s in row %s of table %s", gen, c.ID, r.Key, r.Table)
				}
				if got, ok := Lookup(gen, c.ID); !ok || got != c {
					t.Errorf("%s: Lookup(%s) = %v, %v", gen, c.ID, got, ok)
				}
				n++
			}
		}
		if n != len(Cells(gen)) {
			t.Errorf("%s: rows hold %d cells, Cells has %d", gen, n, len(Cells(gen)))
		}
	}
}

// TestSums checks the row identities against the labels of cells.tsv:
// every table 三 row sums the six applicant columns into 总计, every table
// 四 block its four results into 总计; table 二 has none.
func TestSums(t *testing.T) {
	for _, gen := range Generations() {
		for _, r := range Rows(gen) {
			switch r.Table {
			case "二":
				if len(r.Sums) != 0 {
					t.Errorf("%s %s: table 二 row with sums %v", gen, r.Key, r.Sums)
				}
			case "三", "四":
				if len(r.Sums) != 1 {
					t.Fatalf("%s %s: %d sums", gen, r.Key, len(r.Sums))
				}
				s := r.Sums[0]
				if r.Cells[s.Total].ColLabel != "总计" || r.TotalCol() != s.Total {
					t.Errorf("%s %s: total column is %q", gen, r.Key, r.Cells[s.Total].ColLabel)
				}
				want := map[string]int{"三": 6, "四": 4}[r.Table]
				if len(s.Parts) != want || len(r.Cells) != want+1 {
					t.Errorf("%s %s: %d parts of %d cells", gen, r.Key, len(s.Parts), len(r.Cells))
				}
				rule := map[string]string{"三": "D1", "四": "D3"}[r.Table]
				if s.Rule != rule {
					t.Errorf("%s %s: rule %s, want %s", gen, r.Key, s.Rule, rule)
				}
			}
		}
	}
}

func TestRolesAndColumnRules(t *testing.T) {
	for _, gen := range Generations() {
		var outcomes []string
		for _, r := range OutcomeRows(gen) {
			// （一）…（六）: the labels carry the outcome numbering
			if !strings.ContainsAny(r.Label, "（") {
				t.Errorf("%s: outcome row %s %q has no （n） numbering", gen, r.Key, r.Label)
			}
			if strings.Contains(r.Label, "总计") {
				t.Errorf("%s: %s is an outcome row", gen, r.Key)
			}
			outcomes = append(outcomes, r.Key)
		}
		// 2 + 8 + 3 + 5 rows of （一）…（五）, then （六） as one row (fmt2019) or three
		wantN := map[string]int{"fmt2019": 19, "fmt2021": 21}[gen]
		if len(outcomes) != wantN {
			t.Errorf("%s: %d outcome rows, want %d", gen, len(outcomes), wantN)
		}
		rules := ColumnRules(gen)
		if len(rules) != 2 {
			t.Fatalf("%s: %d column rules", gen, len(rules))
		}
		d2, r1 := rules[0], rules[1]
		if d2.ID != "D2" || !reflect.DeepEqual(d2.RHS, []string{"t3.results_total"}) || !reflect.DeepEqual(d2.LHS, outcomes) {
			t.Errorf("%s: D2 = %+v", gen, d2)
		}
		if r1.ID != "R1" || !reflect.DeepEqual(r1.LHS, []string{"t3.new_received", "t3.carried_over"}) ||
			!reflect.DeepEqual(r1.RHS, []string{"t3.results_total", "t3.carried_forward"}) {
			t.Errorf("%s: R1 = %+v", gen, r1)
		}
		if len(d2.Columns) != 7 || d2.Columns[6] != "total" {
			t.Errorf("%s: D2 columns %v", gen, d2.Columns)
		}
	}
	if RoleRow(RoleForward) != "t3.carried_forward" || RoleRow("nope") != "" {
		t.Error("RoleRow")
	}
}

func TestMerge(t *testing.T) {
	m := Merge("t4", "行政复议、行政诉讼", Table("fmt2021", "四"))
	if len(m.Cells) != 15 || len(m.Sums) != 3 {
		t.Fatalf("merged table 四: %d cells, %d sums", len(m.Cells), len(m.Sums))
	}
	for b, s := range m.Sums {
		if s.Total != 5*b+4 || !reflect.DeepEqual(s.Parts, []int{5 * b, 5*b + 1, 5*b + 2, 5*b + 3}) {
			t.Errorf("block %d: %+v", b, s)
		}
	}
}

func TestParseSumsErrors(t *testing.T) {
	for _, bad := range []string{"row\tD1\t三\ttotal natural_person", "column\tD2\t三\tresults", "what\tever"} {
		if err := parseSums(bad); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("parseSums(%q) = %v", bad, err)
		}
	}
}
