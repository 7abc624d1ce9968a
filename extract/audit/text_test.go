package audit

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// sections gives a record sections numbered as listed, with texts.
func sections(r *extract.Record, nums []int, texts map[int]string) *extract.Record {
	r.Sections = nil
	for _, n := range nums {
		r.Sections = append(r.Sections, extract.Section{Number: n, Heading: sectionNames[n], Text: texts[n]})
	}
	return r
}

func meta(r *extract.Record, f func(*extract.Meta)) *extract.Record {
	f(&r.Meta)
	return r
}

func fields(r *extract.Record, fs ...extract.Field) *extract.Record {
	for i := range fs {
		fs[i].Kind = "quantity"
		fs[i].Section = 3
	}
	r.Fields = fs
	return r
}

func TestTextRules(t *testing.T) {
	all := []int{1, 2, 3, 4, 5, 6}
	r21 := func(v map[string]string) *extract.Record { return record(extract.Gen2021, 2022, v) }
	checkCases(t, []ruleCase{
		{name: "whole year", rule: "META-YEAR", cur: meta(r21(nil), func(m *extract.Meta) { m.PeriodStart, m.PeriodEnd = "2022-01-01", "2022-12-31" })},
		{name: "period of another year", rule: "META-YEAR", cur: meta(r21(nil), func(m *extract.Meta) { m.PeriodStart, m.PeriodEnd = "2021-01-01", "2021-12-31" }),
			want: []string{"error fail "}},
		{name: "part of the year", rule: "META-YEAR", cur: meta(r21(nil), func(m *extract.Meta) { m.PeriodStart, m.PeriodEnd = "2022-01-01", "2022-11-30" }),
			want: []string{"warning fail "}},
		{name: "plans for the report year", rule: "META-YEAR",
			cur:  sections(record(extract.Gen2019, 2020, nil), all, map[int]string{5: "（二）改进措施：2020年，我局将继续认真抓好政府信息公开工作。"}),
			want: []string{"warning fail "}},
		{name: "plans for next year", rule: "META-YEAR",
			cur: sections(record(extract.Gen2019, 2020, nil), all, map[int]string{5: "2020年存在的问题较多。2021年，我局将继续认真抓好政府信息公开工作。"})},
		{name: "title of another year", rule: "META-YEAR", cur: meta(r21(nil), func(m *extract.Meta) { m.Title = "某市2021年政府信息公开工作年度报告" }),
			want: []string{"warning fail "}},
		{name: "text about another year", rule: "META-YEAR", cur: sections(r21(nil), all, map[int]string{
			1: "2021年，我市深入推进。2021年全年主动公开。", 3: "2021年共收到申请。较2020年增长。"}),
			want: []string{"warning fail 2021年 ×3, 2022年 ×0"}},
		{name: "text names the report year", rule: "META-YEAR", cur: sections(r21(nil), all, map[int]string{
			1: "2022年，我市深入推进。较2021年，2021年全年，2021年共"})},
		{name: "year unknown", rule: "META-YEAR", cur: record(extract.Gen2021, 0, nil), want: []string{"warning unverifiable "}},

		{name: "in order", rule: "SECTIONS", cur: sections(r21(nil), all, nil)},
		{name: "no text", rule: "SECTIONS", cur: r21(nil)},
		{name: "out of order and missing", rule: "SECTIONS", cur: sections(r21(nil), []int{1, 2, 3, 5, 4}, nil),
			want: []string{"warning fail ", "warning fail "}},
		{name: "table missing", rule: "SECTIONS", cur: r21(map[string]string{"t4.admin_review.upheld": "MISSING",
			"t4.admin_review.corrected": "MISSING", "t4.admin_review.other": "MISSING", "t4.admin_review.pending": "MISSING",
			"t4.admin_review.total": "MISSING", "t4.litigation_direct.upheld": "MISSING", "t4.litigation_direct.corrected": "MISSING",
			"t4.litigation_direct.other": "MISSING", "t4.litigation_direct.pending": "MISSING", "t4.litigation_direct.total": "MISSING",
			"t4.litigation_after_review.upheld": "MISSING", "t4.litigation_after_review.corrected": "MISSING",
			"t4.litigation_after_review.other": "MISSING", "t4.litigation_after_review.pending": "MISSING",
			"t4.litigation_after_review.total": "MISSING"}),
			want: []string{"warning fail "}},

		{name: "1000 characters", rule: "OVERVIEW-LENGTH", cur: sections(r21(nil), all, map[int]string{1: strings.Repeat("公开", 500)})},
		{name: "1001 characters", rule: "OVERVIEW-LENGTH", cur: sections(r21(nil), all, map[int]string{1: strings.Repeat("公开", 500) + "。2022年共"}),
			want: []string{"info fail 1002 > 1000"}},
		{name: "fmt2019 not judged", rule: "OVERVIEW-LENGTH", cur: sections(record(extract.Gen2019, 2020, nil), all, map[int]string{1: strings.Repeat("公开", 600)})},

		{name: "30% of 10", rule: "OTHER-SHARE", cur: r21(map[string]string{"t3.other_misc.total": "2", "t3.other_no_correction.total": "1", "t3.results_total.total": "10"}),
			want: []string{"warning fail 1+0+2 = 3; 3 / 10 = 30.0% > 20%"}},
		{name: "20% of 10", rule: "OTHER-SHARE", cur: r21(map[string]string{"t3.other_misc.total": "2", "t3.results_total.total": "10"})},
		{name: "fewer than 10 outcomes", rule: "OTHER-SHARE", cur: record(extract.Gen2019, 2020, map[string]string{"t3.other_handling.total": "5", "t3.results_total.total": "9"})},
		{name: "fmt2019 single row", rule: "OTHER-SHARE", cur: record(extract.Gen2019, 2020, map[string]string{"t3.other_handling.total": "5", "t3.results_total.total": "21"}),
			want: []string{"warning fail 5 = 5; 5 / 21 = 23.8% > 20%"}},

		{name: "fees reported", rule: "FEES-SILENT", cur: sections(r21(nil), all, map[int]string{6: "本年度未收取信息处理费。"})},
		{name: "fees not mentioned", rule: "FEES-SILENT", cur: sections(r21(nil), all, map[int]string{6: "无其他需要报告的事项。"}),
			want: []string{"warning fail "}},
		{name: "section 六 missing", rule: "FEES-SILENT", cur: sections(r21(nil), []int{1, 2, 3, 4, 5}, nil), want: []string{"warning fail "}},
		{name: "fmt2019 not judged", rule: "FEES-SILENT", cur: sections(record(extract.Gen2019, 2020, nil), all, nil)},

		{name: "government on 3月31日", rule: "DEADLINE", cur: meta(r21(nil), func(m *extract.Meta) { m.Published = "2023-03-31" })},
		{name: "government late", rule: "DEADLINE", cur: meta(r21(nil), func(m *extract.Meta) { m.Published = "2023-04-01" }),
			want: []string{"warning fail 2023-04-01 > 2023-03-31"}},
		{name: "department late", rule: "DEADLINE", cur: meta(r21(nil), func(m *extract.Meta) { m.Agency, m.Published = "固原市科学技术局", "2023-02-01" }),
			want: []string{"warning fail 2023-02-01 > 2023-01-31"}},
		{name: "department before 2019", rule: "DEADLINE", cur: meta(record(extract.GenLegacy, 2015, nil), func(m *extract.Meta) { m.Agency, m.Published = "平潭综合实验区财政局", "2016-03-01" })},
		{name: "date not ISO", rule: "DEADLINE", cur: meta(r21(nil), func(m *extract.Meta) { m.Published = "2023/05/01" })},
		{name: "date unknown", rule: "DEADLINE", cur: meta(r21(nil), func(m *extract.Meta) { m.Agency = "固原市科学技术局" })},
	})
}

func TestD7(t *testing.T) {
	tables := map[string]string{"t3.new_received.total": "74", "t3.carried_over.total": "1", "t3.results_total.total": "69",
		"t3.carried_forward.total": "6", "t4.admin_review.total": "0", "t4.litigation_direct.total": "1"}
	r := func() *extract.Record { return record(extract.Gen2021, 2022, tables) }
	checkCases(t, []ruleCase{
		{name: "no fields", rule: "D7", cur: r()},
		{name: "received = new + carried over", rule: "D7", cur: fields(r(), extract.Field{Subject: "received", Number: 75})},
		{name: "received = new", rule: "D7", cur: fields(r(), extract.Field{Subject: "received", Number: 74})},
		{name: "received neither", rule: "D7", cur: fields(r(), extract.Field{Subject: "received", Number: 70}),
			want: []string{"warning fail 70 ≠ 74; 70 ≠ 74+1 = 75"}},
		{name: "one sentence agrees", rule: "D7", cur: fields(r(), extract.Field{Subject: "received", Number: 75},
			extract.Field{Subject: "received", Number: 72})},
		{name: "completed and carried forward", rule: "D7", cur: fields(r(), extract.Field{Subject: "completed", Number: 69},
			extract.Field{Subject: "carried_forward", Number: 5}), want: []string{"warning fail 5 ≠ 6"}},
		{name: "admin review 1 against 0", rule: "D7", cur: fields(r(), extract.Field{Subject: "admin_review", Number: 1}),
			want: []string{"warning fail 1 ≠ 0"}},
		{name: "litigation = direct + after review", rule: "D7", cur: fields(r(), extract.Field{Subject: "litigation", Number: 1})},
		{name: "table cell missing, derived from its row", rule: "D7", cur: fields(record(extract.Gen2021, 2022, map[string]string{"t3.results_total.total": "MISSING"}),
			extract.Field{Subject: "completed", Number: 3}), want: []string{"warning fail 3 ≠ 0(by D1)"}},
		{name: "table cells missing", rule: "D7", cur: fields(record(extract.Gen2021, 2022, map[string]string{"t3.results_total.total": "MISSING",
			"t3.results_total.natural_person": "MISSING"}), extract.Field{Subject: "completed", Number: 3}), want: []string{"info unverifiable 3 vs ?"}},
		{name: "other kinds ignored", rule: "D7", cur: fields(r(), extract.Field{Subject: "published", Number: 118})},
	})
}

func TestCrossYear(t *testing.T) {
	y := func(gen extract.Generation, year int, v map[string]string) *extract.Record {
		return record(gen, year, v)
	}
	checkCases(t, []ruleCase{
		{name: "carried over = carried forward", rule: "D4",
			prev: y(extract.Gen2021, 2021, map[string]string{"t3.carried_forward.natural_person": "1", "t3.carried_forward.total": "1"}),
			cur:  y(extract.Gen2021, 2022, map[string]string{"t3.carried_over.natural_person": "1", "t3.carried_over.total": "1"})},
		{name: "not carried over", rule: "D4",
			prev: y(extract.Gen2021, 2021, map[string]string{"t3.carried_forward.natural_person": "1", "t3.carried_forward.total": "1"}),
			cur:  y(extract.Gen2021, 2022, nil), want: []string{"error fail 0 ≠ 1", "error fail 0 ≠ 1"}},
		{name: "across generations", rule: "D4",
			prev: y(extract.Gen2019, 2020, map[string]string{"t3.carried_forward.total": "2", "t3.carried_forward.org_other": "2"}),
			cur:  y(extract.Gen2021, 2021, nil), want: []string{"error fail 0 ≠ 2", "error fail 0 ≠ 2"}},

		{name: "in force follows", rule: "D8",
			prev: y(extract.Gen2021, 2021, map[string]string{"t2.normative_docs.in_force": "665"}),
			cur:  y(extract.Gen2021, 2022, map[string]string{"t2.normative_docs.issued": "88", "t2.normative_docs.repealed": "55", "t2.normative_docs.in_force": "698"})},
		{name: "in force off", rule: "D8",
			prev: y(extract.Gen2021, 2021, map[string]string{"t2.normative_docs.in_force": "665"}),
			cur:  y(extract.Gen2021, 2022, map[string]string{"t2.normative_docs.issued": "88", "t2.normative_docs.repealed": "55", "t2.normative_docs.in_force": "699"}),
			want: []string{"warning fail 665+88−55 = 698 ≠ 699"}},
		{name: "fmt2019 not judged", rule: "D8", prev: y(extract.Gen2019, 2020, nil), cur: y(extract.Gen2021, 2021, map[string]string{"t2.regulations.in_force": "3"})},

		{name: "items follow", rule: "D9",
			prev: y(extract.Gen2019, 2019, map[string]string{"t2.admin_penalty.prev_year_items": "2666", "t2.admin_penalty.change": "-18"}),
			cur:  y(extract.Gen2019, 2020, map[string]string{"t2.admin_penalty.prev_year_items": "2648"})},
		{name: "items off", rule: "D9",
			prev: y(extract.Gen2019, 2019, map[string]string{"t2.admin_penalty.prev_year_items": "2666", "t2.admin_penalty.change": "-18"}),
			cur:  y(extract.Gen2019, 2020, map[string]string{"t2.admin_penalty.prev_year_items": "2666"}),
			want: []string{"warning fail 2666+(-18) = 2648 ≠ 2666"}},
		{name: "unknown change", rule: "D9",
			prev: y(extract.Gen2019, 2019, map[string]string{"t2.admin_fees.prev_year_items": "35", "t2.admin_fees.change": "MISSING"}),
			cur:  y(extract.Gen2019, 2020, map[string]string{"t2.admin_fees.prev_year_items": "20"}),
			want: []string{"info unverifiable 35+? vs 20"}},

		{name: "section 五 copied", rule: "R10",
			prev: sections(y(extract.Gen2021, 2021, nil), []int{5}, map[int]string{5: strings.Repeat("政府信息公开工作仍存在一些不足，主动公开的深度和广度还需加强。", 3) + "2022年我们将改进。"}),
			cur:  sections(y(extract.Gen2021, 2022, nil), []int{5}, map[int]string{5: strings.Repeat("政府信息公开工作仍存在一些不足，主动公开的深度和广度还需加强。", 3) + "2023年我们将改进。"}),
			want: []string{"warning fail similarity 1.00 ≥ 0.80"}},
		{name: "section 五 rewritten", rule: "R10",
			prev: sections(y(extract.Gen2021, 2021, nil), []int{5}, map[int]string{5: strings.Repeat("政府信息公开工作仍存在一些不足，主动公开的深度和广度还需加强。", 3)}),
			cur:  sections(y(extract.Gen2021, 2022, nil), []int{5}, map[int]string{5: strings.Repeat("依申请公开答复质量有待提高，基层工作人员业务培训不够系统深入。", 3)})},
	})
	if fs := CheckPair(y(extract.Gen2021, 2020, map[string]string{"t3.carried_forward.total": "9"}), y(extract.Gen2021, 2022, nil)); fs != nil {
		t.Errorf("CheckPair of non-consecutive years: %v", summary(fs))
	}
}
