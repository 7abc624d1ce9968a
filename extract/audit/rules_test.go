package audit

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

// record builds a hand-made report: every cell of the generation "0"
// (which satisfies every sum rule), then vals: a value, "" for blank,
// "MISSING" or "AMBIGUOUS".
func record(gen extract.Generation, year int, vals map[string]string) *extract.Record {
	r := &extract.Record{Meta: extract.Meta{Agency: "测试市人民政府", Year: year, Generation: gen}}
	for _, def := range template.Cells(string(gen)) {
		c := extract.Cell{ID: def.ID, Table: def.Table, Status: extract.StatusOK, Value: "0", Split: -1}
		if v, ok := vals[def.ID]; ok {
			switch v {
			case "MISSING":
				c.Status, c.Value = extract.StatusMissing, ""
			case "AMBIGUOUS":
				c.Status, c.Value = extract.StatusAmbiguous, ""
			case "":
				c.Status, c.Value = extract.StatusBlank, ""
			default:
				c.Value = v
			}
		}
		r.Cells = append(r.Cells, c)
	}
	return r
}

// run runs the rules with the id (within-report, or cross-year when prev
// is not nil).
func run(id string, cur, prev *extract.Record) []Finding {
	var out []Finding
	for _, r := range Rules {
		if r.ID == id && r.CrossYear == (prev != nil) {
			out = append(out, r.Check(cur, prev)...)
		}
	}
	return out
}

// summary renders findings as "severity verdict arithmetic" lines.
func summary(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f.Severity)+" "+f.Verdict+" "+f.Arithmetic)
	}
	return out
}

type ruleCase struct {
	name      string
	rule      string
	cur, prev *extract.Record
	want      []string // summary lines; nil: no finding
}

func checkCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.rule+"/"+c.name, func(t *testing.T) {
			got := summary(run(c.rule, c.cur, c.prev))
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

func TestSumRules(t *testing.T) {
	zero19, zero21 := record(extract.Gen2019, 2020, nil), record(extract.Gen2021, 2022, nil)
	// The 2020 report of the spec: outcome rows add up to 27 against 21.
	printed21 := record(extract.Gen2019, 2020, map[string]string{
		"t3.granted.total": "7", "t3.partially_granted.total": "6", "t3.unable_not_held.total": "4",
		"t3.unable_still_unclear.total": "3", "t3.notproc_repeat.total": "3", "t3.other_handling.total": "4",
		"t3.results_total.total": "21"})
	checkCases(t, []ruleCase{
		{name: "zeros", rule: "R1", cur: zero21},
		{name: "carried forward unbalanced", rule: "R1",
			cur:  record(extract.Gen2021, 2022, map[string]string{"t3.carried_forward.natural_person": "1", "t3.carried_forward.total": "1"}),
			want: []string{"error fail 0+0 = 0 ≠ 0+1 = 1", "error fail 0+0 = 0 ≠ 0+1 = 1"}},
		{name: "blank counts as 0", rule: "R1",
			cur: record(extract.Gen2021, 2022, map[string]string{"t3.new_received.total": "", "t3.carried_over.total": "2",
				"t3.carried_over.natural_person": "2", "t3.results_total.total": "2", "t3.results_total.natural_person": "2"})},
		{name: "zeros", rule: "D1", cur: zero19},
		{name: "row off by one", rule: "D1",
			cur:  record(extract.Gen2019, 2020, map[string]string{"t3.granted.natural_person": "1"}),
			want: []string{"error fail 1 ≠ 0 (5 zero cells not shown)"}},
		{name: "blank said in the arithmetic", rule: "D1",
			cur:  record(extract.Gen2019, 2020, map[string]string{"t3.granted.natural_person": "", "t3.granted.org_other": "1", "t3.granted.total": "2"}),
			want: []string{"error fail 1 ≠ 2 (4 zero cells not shown; 1 blank cells counted as 0)"}},
		{name: "blank beside one other term", rule: "R1",
			cur:  record(extract.Gen2019, 2020, map[string]string{"t3.new_received.org_other": "", "t3.carried_forward.org_other": "1", "t3.carried_forward.total": "1"}),
			want: []string{"error fail 0(blank)+0 = 0 ≠ 0+1 = 1", "error fail 0+0 = 0 ≠ 0+1 = 1"}},
		{name: "missing total", rule: "D1",
			cur:  record(extract.Gen2019, 2020, map[string]string{"t3.granted.total": "MISSING"}),
			want: []string{"warning unverifiable 0 vs ? (6 zero cells not shown)"}},
		{name: "missing part decided by the others", rule: "D1",
			cur:  record(extract.Gen2019, 2020, map[string]string{"t3.granted.natural_person": "MISSING", "t3.granted.org_other": "3", "t3.granted.total": "2"}),
			want: []string{"error fail ?+3 ≥ 3 ≠ 2 (4 zero cells not shown)"}},
		{name: "zeros", rule: "D2", cur: zero19},
		{name: "27 against 21", rule: "D2", cur: printed21,
			want: []string{"error fail 7+6+4+3+3+4 = 27 ≠ 21 (13 zero cells not shown)"}},
		{name: "missing total derived from its row", rule: "D2",
			cur: record(extract.Gen2019, 2020, map[string]string{"t3.granted.total": "MISSING", "t3.granted.natural_person": "2",
				"t3.results_total.natural_person": "2", "t3.results_total.total": "2"})},
		{name: "fmt2021 sub-rows of （六）", rule: "D2",
			cur:  record(extract.Gen2021, 2022, map[string]string{"t3.other_misc.total": "1", "t3.other_misc.org_other": "1"}),
			want: []string{"error fail 1 ≠ 0 (20 zero cells not shown)", "error fail 1 ≠ 0 (20 zero cells not shown)"}},
		{name: "zeros", rule: "D3", cur: zero21},
		{name: "total printed 0", rule: "D3",
			cur:  record(extract.Gen2021, 2023, map[string]string{"t4.admin_review.upheld": "10", "t4.admin_review.corrected": "1"}),
			want: []string{"error fail 10+1 = 11 ≠ 0 (2 zero cells not shown)"}},
	})
}

func TestValueRules(t *testing.T) {
	with := func(r *extract.Record, f func(*extract.Record)) *extract.Record { f(r); return r }
	checkCases(t, []ruleCase{
		{name: "clean", rule: "D5", cur: record(extract.Gen2019, 2020, map[string]string{
			"t2.admin_penalty.change": "-18", "t2.central_procurement.total_amount": "73802895.90"})},
		{name: "negative count", rule: "D5", cur: record(extract.Gen2019, 2020, map[string]string{"t3.granted.total": "-1"}),
			want: []string{"error fail "}},
		{name: "decimal count and garbage", rule: "D5", cur: record(extract.Gen2021, 2022, map[string]string{
			"t2.regulations.issued": "1.5", "t3.granted.total": "x"}), want: []string{"error fail ", "error fail "}},
		{name: "negative amount", rule: "D5", cur: record(extract.Gen2021, 2022, map[string]string{"t2.admin_fees.amount_wan_yuan": "-2"}),
			want: []string{"error fail "}},
		{name: "negative legacy value", rule: "D5", cur: with(&extract.Record{Meta: extract.Meta{Year: 2011, Generation: extract.GenLegacy}}, func(r *extract.Record) {
			r.Legacy = []extract.LegacyRow{{Label: "a", Year: "-1", Status: extract.StatusOK, Parent: -1}}
		}), want: []string{"error fail "}},

		{name: "fits", rule: "D6", cur: record(extract.Gen2021, 2021, nil)},
		{name: "fmt2019 in 2022", rule: "D6", cur: record(extract.Gen2019, 2022, nil), want: []string{"warning fail "}},
		{name: "legacy in 2019", rule: "D6", cur: &extract.Record{Meta: extract.Meta{Year: 2019, Generation: extract.GenLegacy}},
			want: []string{"info fail "}},
		{name: "nothing recognised", rule: "D6", cur: &extract.Record{Meta: extract.Meta{Year: 2019}},
			want: []string{"warning unverifiable "}},

		{name: "all read", rule: "EXTRACTION", cur: record(extract.Gen2019, 2020, nil)},
		{name: "missing and ambiguous", rule: "EXTRACTION", cur: record(extract.Gen2019, 2020, map[string]string{
			"t3.granted.total": "MISSING", "t3.granted.org_other": "AMBIGUOUS", "t4.admin_review.total": "MISSING"}),
			want: []string{"warning unverifiable ", "warning unverifiable "}},
	})
}

func TestLegacyRules(t *testing.T) {
	legacy := func(rows ...extract.LegacyRow) *extract.Record {
		for i := range rows {
			if rows[i].Status == "" {
				rows[i].Status = extract.StatusOK
			}
		}
		return &extract.Record{Meta: extract.Meta{Year: 2011, Generation: extract.GenLegacy}, Legacy: rows}
	}
	row := func(label, y, c string, parent int) extract.LegacyRow {
		return extract.LegacyRow{Label: label, Year: y, Cumulative: c, Parent: parent}
	}
	checkCases(t, []ruleCase{
		{name: "parts add up", rule: "L1", cur: legacy(row("主动公开", "425", "1516", -1), row("网站", "418", "1509", 0), row("公报", "7", "7", 0))},
		{name: "parts exceed", rule: "L1", cur: legacy(row("主动公开", "425", "", -1), row("网站", "418", "", 0), row("公报", "8", "", 0)),
			want: []string{"error fail 418+8 = 426 > 425"}},
		{name: "parts fall short", rule: "L1", cur: legacy(row("主动公开", "425", "", -1), row("网站", "418", "", 0), row("公报", "6", "", 0)),
			want: []string{"warning fail 425 > 418+6 = 424"}},
		{name: "a part not printed", rule: "L1", cur: legacy(row("主动公开", "425", "", -1), row("网站", "418", "", 0), row("公报", "", "", 0))},
		{name: "cumulative below the year", rule: "L1", cur: legacy(row("受理", "10", "5", -1)),
			want: []string{"error fail 10 > 5"}},
		{name: "ambiguous part judged over candidates", rule: "L1", cur: legacy(row("主动公开", "425", "", -1), row("网站", "418", "", 0),
			extract.LegacyRow{Label: "公报", Status: extract.StatusAmbiguous, Candidates: []string{"7|", "8|"}, Parent: 0}),
			want: []string{"warning unverifiable 418+8 = 426 > 425 (passes under 1, fails under 1 of 2 candidate splits)"}},
		{name: "growth", rule: "L1", cur: legacy(row("主动公开", "7", "1516", -1)), prev: legacy(row("主动公开", "418", "1509", -1))},
		{name: "restarted series", rule: "L1", cur: legacy(row("主动公开", "7", "1517", -1)), prev: legacy(row("主动公开", "418", "1509", -1)),
			want: []string{"warning fail 1509+7 = 1516 ≠ 1517"}},
	})
}

func TestSplits(t *testing.T) {
	// （一）予以公开 printed "270020130": two divisions pass D1.
	split := func(cands ...[]string) *extract.Record {
		r := record(extract.Gen2021, 2021, nil)
		cells := []string{"t3.granted.natural_person", "t3.granted.org_commercial", "t3.granted.org_research",
			"t3.granted.org_social_welfare", "t3.granted.org_legal_service", "t3.granted.org_other", "t3.granted.total"}
		r.Splits = []extract.Split{{Cells: cells, Raw: "270020130", Candidates: cands, Chosen: -1}}
		for _, id := range cells {
			c := r.Cell(id)
			c.Status, c.Value, c.Split = extract.StatusAmbiguous, "", 0
		}
		return r
	}
	a := []string{"27", "0", "0", "2", "0", "1", "30"}
	b := []string{"2", "7", "0", "0", "20", "1", "30"}
	bad := []string{"2", "7", "0", "0", "2", "0", "130"}
	checkCases(t, []ruleCase{
		{name: "every candidate passes D1", rule: "D1", cur: split(a, b)},
		{name: "every candidate fails D1", rule: "D1", cur: split(bad, []string{"2", "7", "0", "0", "2", "0", "13"}),
			want: []string{"error fail 2+7+2 = 11 ≠ 130 (3 zero cells not shown) (and every one of the 2 candidate splits fails)"}},
		{name: "candidates disagree", rule: "D1", cur: split(a, bad),
			want: []string{"warning unverifiable 2+7+2 = 11 ≠ 130 (3 zero cells not shown) (passes under 1, fails under 1 of 2 candidate splits)"}},
		// D2 per column: with a the 自然人 column is 27 against a (七)总计 of 0, with b 2.
		{name: "column rules over candidates", rule: "D2", cur: split(a, b),
			// 科研机构 is 0 in both: it passes.
			want: []string{"error fail 27 ≠ 0 (20 zero cells not shown) (and every one of the 2 candidate splits fails)",
				"warning unverifiable 7 ≠ 0 (20 zero cells not shown) (passes under 1, fails under 1 of 2 candidate splits)",
				"warning unverifiable 2 ≠ 0 (20 zero cells not shown) (passes under 1, fails under 1 of 2 candidate splits)",
				"warning unverifiable 20 ≠ 0 (20 zero cells not shown) (passes under 1, fails under 1 of 2 candidate splits)",
				"error fail 1 ≠ 0 (20 zero cells not shown) (and every one of the 2 candidate splits fails)",
				"error fail 30 ≠ 0 (20 zero cells not shown) (and every one of the 2 candidate splits fails)"}},
	})
	fs := run("D1", split(a, bad), nil)
	if len(fs) != 1 || len(fs[0].Cells) != 7 || fs[0].Cells[0].Candidates == nil {
		t.Errorf("unverifiable D1 should name the seven cells with their candidates: %+v", fs)
	}
}
