package extract

import (
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/template"
)

func kindsN(n int) []string {
	k := make([]string, n)
	for i := range k {
		k[i] = "int"
	}
	return k
}

func toks(s string) []token { return tokenize(s, 0, false) }

// the template's own rules: a table 三 row (D1) and table 四 printed as one row (D3)
var (
	ruleD1 = rowRule(template.Table("fmt2021", "三")[0].Sums)
	ruleD3 = rowRule(template.Merge("t4", "", template.Table("fmt2021", "四")).Sums)
)

func TestEnumerateSplits(t *testing.T) {
	tests := []struct {
		name string
		in   string
		n    int
		rule rowRule
		want []string // each candidate joined by |
	}{
		// the spec's examples
		{"D1 row with one split", "200 000121", 7, ruleD1, []string{"20|0|0|0|0|1|21"}},
		{"D1 keeps both splits that fit the row", "270020130", 7, ruleD1, []string{"2|7|0|0|20|1|30", "27|0|0|2|0|1|30"}},
		{"D3 15-cell row", "10203120001200000", 15, ruleD3, []string{"1|0|2|0|3|12|0|0|0|12|0|0|0|0|0"}},
		{"space is a separator", "500000 5", 7, ruleD1, []string{"5|0|0|0|0|0|5"}},
		{"no leading zeros", "007", 3, ruleNone, []string{"0|0|7"}},
		{"minus sign starts a value", "35-15", 2, ruleNone, nil}, // int kinds: no sign allowed
		{"too few digits", "12", 3, ruleNone, nil},
		{"no split fits D1", "1111111", 7, ruleD1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := enumerateSplits(toks(tt.in), kindsN(tt.n), tt.rule)
			var got []string
			for _, c := range res.cands {
				got = append(got, strings.Join(c, "|"))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("enumerateSplits(%q, %d) = %v, want %v", tt.in, tt.n, got, tt.want)
			}
		})
	}
}

func TestSplitKinds(t *testing.T) {
	res := enumerateSplits(toks("2648-18538"), []string{"int", "signed_int", "int"}, ruleNone)
	for _, c := range res.cands {
		if c[0] != "2648" || !strings.HasPrefix(c[1], "-") {
			t.Errorf("candidate %v: the minus sign must start the signed value", c)
		}
	}
	if len(res.cands) != 4 {
		t.Errorf("got %d candidates, want 4 (-1|8538 -18|538 -185|38 -1853|8)", len(res.cands))
	}
	res = enumerateSplits(toks("39573802895.90元"), []string{"int", "amount"}, ruleNone)
	if len(res.cands) != 9 {
		t.Errorf("procurement run: %d candidates, want 9: %v", len(res.cands), res.cands)
	}
}

func TestSplitBounded(t *testing.T) {
	// a hostile run: 60 digits into 15 cells with no rule would be 10^13
	// divisions; the enumeration must stop and say so.
	res := enumerateSplits(toks(strings.Repeat("123456", 10)), kindsN(15), ruleNone)
	if !res.overflow {
		t.Errorf("expected the enumeration to stop at its bound, got %d candidates", len(res.cands))
	}
}

func TestTokenizeItemNumber(t *testing.T) {
	// "1.属于国家秘密00000002.其他法律…": the "2." belongs to the next label
	got := toks("00000002.")
	if len(got) != 1 || got[0].text != "0000000" {
		t.Errorf("tokenize = %+v, want one token 0000000", got)
	}
	got = toks("0\t0\t0\n1.")
	if len(got) != 3 {
		t.Errorf("tokenize = %+v, want three tokens", got)
	}
	got = toks("1,234 5")
	if len(got) != 2 || got[0].text != "1234" {
		t.Errorf("thousands separator: %+v", got)
	}
}

func TestMissingPlacements(t *testing.T) {
	rr := &rowRead{label: "（一）予以公开"}
	rr.def.Cells = make([]tmplCell, 7)
	for i := range rr.def.Cells {
		rr.def.Cells[i].Type = template.TypeInt
		rr.def.Cells[i].Table = "三"
	}
	rr.toks = toks("0\t0\t0\t0\t0\t0")
	rr.resolve()
	if len(rr.cands) != 7 {
		t.Fatalf("six values for seven columns: %d placements, want 7", len(rr.cands))
	}
	for _, c := range rr.cands {
		n := 0
		for _, v := range c {
			if v == "MISSING" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("placement %v: want exactly one MISSING", c)
		}
	}
	if len(rr.warn) == 0 || rr.warn[0].Code != "MISSING_CELLS" {
		t.Errorf("want a MISSING_CELLS warning, got %+v", rr.warn)
	}
}

// A short row whose runs could still be divided: every division is kept
// with every placement of the missing cells, not only the undivided one.
func TestMissingPlacementsDivide(t *testing.T) {
	rr := &rowRead{label: "行政许可"}
	rr.def.Cells = make([]tmplCell, 4)
	for i := range rr.def.Cells {
		rr.def.Cells[i].Type = template.TypeInt
		rr.def.Cells[i].Table = "二"
	}
	rr.toks = toks("12 3")
	rr.resolve()
	seen := map[string]bool{}
	for _, c := range rr.cands {
		seen[strings.Join(c, "|")] = true
	}
	for _, want := range []string{"12|3|MISSING|MISSING", "MISSING|12|MISSING|3", "1|2|3|MISSING", "1|MISSING|2|3"} {
		if !seen[want] {
			t.Errorf("candidate %s missing from %v", want, rr.cands)
		}
	}
	if seen["1|2|3|4"] || len(rr.warn) == 0 || rr.warn[0].Code != "MISSING_CELLS" {
		t.Errorf("cands %v, warnings %+v", rr.cands, rr.warn)
	}
}
