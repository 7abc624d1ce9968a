package corpus

import (
	"testing"

	"github.com/nianbao/nianbao/extract"
)

func TestColumnValues(t *testing.T) {
	ok := func(id, v string) extract.Cell { return extract.Cell{ID: id, Status: extract.StatusOK, Value: v} }
	blank := func(id string) extract.Cell { return extract.Cell{ID: id, Status: extract.StatusBlank} }
	r21 := &reportValues{gen: "fmt2021", cells: map[string]extract.Cell{}}
	for _, c := range []extract.Cell{ok("t3.other_no_correction.total", "2"), blank("t3.other_unpaid_fee.total"), ok("t3.other_misc.total", "5"),
		ok("t4.litigation_direct.total", "3"), ok("t4.litigation_after_review.total", "1"), ok("t2.admin_fees.amount_wan_yuan", "1.25"),
		{ID: "t3.denied_state_secret.total", Status: extract.StatusAmbiguous}} {
		r21.cells[c.ID] = c
	}
	r19 := &reportValues{gen: "fmt2019", cells: map[string]extract.Cell{"t2.regulations.new_made": ok("t2.regulations.new_made", "4"),
		"t3.other_handling.total": ok("t3.other_handling.total", "6")}}
	leg := &reportValues{gen: "legacy", legacy: []extract.LegacyRow{
		{Label: "受理依申请公开信息总数", Year: "12", Cumulative: "40", Status: extract.StatusOK, Parent: -1},
		{Label: "同意部分公开答复数", Year: "3", Status: extract.StatusOK, Parent: 1},
		{Label: "同意公开答复数", Year: "7", Status: extract.StatusOK, Parent: 1},
		{Label: "行政诉讼数", Year: "", Status: extract.StatusBlank, Parent: -1},
	}}
	for _, c := range []struct {
		field string
		r     *reportValues
		want  Value
	}{
		{"t3.other_handling.total", r21, Value{"7", "ok", Exact}}, // 2 + blank + 5
		{"t3.other_handling.total", r19, Value{"6", "ok", Exact}},
		{"t4.litigation.total", r21, Value{"4", "ok", Exact}},
		{"t3.denied.total", r21, Value{"", "ambiguous", Exact}},
		{"t3.denied.natural_person", r21, Value{"", "missing", Exact}},
		{"t2.regulations.issued", r19, Value{"4", "ok", Approx}},
		{"t2.regulations.in_force", r19, Value{"", "", Incomparable}},
		{"t2.admin_fees.amount_wan_yuan", r21, Value{"1.25", "ok", Exact}},
		{"t2.admin_fees.amount_wan_yuan", r19, Value{"", "", Incomparable}},
		{"t3.new_received.total", leg, Value{"12", "ok", Approx}}, // the year, never the cumulative
		{"t3.granted.total", leg, Value{"7", "ok", Approx}},
		{"t3.partially_granted.total", leg, Value{"3", "ok", Approx}},
		{"t4.litigation.total", leg, Value{"", "blank", Approx}},
		{"t4.admin_review.total", leg, Value{"", "missing", Approx}},
		{"t3.granted.natural_person", leg, Value{"", "", Incomparable}},
	} {
		f, found := LookupColumn(c.field)
		if !found {
			t.Fatalf("no field %s", c.field)
		}
		if got := f.value(c.r); got != c.want {
			t.Errorf("%s in %s: %+v, want %+v", c.field, c.r.gen, got, c.want)
		}
	}
	if f, q := cellQuality("fmt2019", "t2.regulations.new_made"); f != "t2.regulations.issued" || q != Approx {
		t.Errorf("fmt2019 new_made gives %s (%s)", f, q)
	}
	if f, q := legacyColumn(leg.legacy[2]); f != "t3.granted.total" || q != Approx {
		t.Errorf("legacy 同意公开答复数 gives %s (%s)", f, q)
	}
}
