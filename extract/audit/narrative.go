// The rules on the report's text: D7 (narrative counts vs tables),
// OVERVIEW-LENGTH, FEES-SILENT and R10 (五 repeated from last year).

package audit

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// Thresholds of the guidance checks.
const (
	OverviewMaxHan    = 1000 // OVERVIEW-LENGTH: Chinese characters of fmt2021 section 一
	OtherShareMin     = 10   // OTHER-SHARE: judged when （七）总计 is at least this
	OtherSharePercent = 20   // OTHER-SHARE: flagged above this share of （七）总计
	SimilarityMin     = 0.80 // R10: character-bigram Dice similarity of sections 五
	similarityMinHan  = 50   // R10: both sections 五 need this many Chinese characters
)

// narrativeTargets maps a quantity subject of package segment to the table
// sums it may equal (any one of them).
var narrativeTargets = sync.OnceValue(func() map[string][][]string {
	return map[string][][]string{
		"received":        {{rowNew() + ".total"}, {rowNew() + ".total", rowCarried() + ".total"}},
		"completed":       {{rowResults() + ".total"}},
		"carried_forward": {{rowForward() + ".total"}},
		"carried_over":    {{rowCarried() + ".total"}},
		"admin_review":    {{"t4.admin_review.total"}},
		"litigation":      {{"t4.litigation_direct.total", "t4.litigation_after_review.total"}},
	}
})

var subjectZH = map[string]string{"received": "收到申请", "completed": "办结", "carried_forward": "结转下年度", "carried_over": "上年结转",
	"admin_review": "行政复议", "litigation": "行政诉讼"}

// checkD7 compares the counts package segment found in the narrative with
// the tables. Within one subject, once one sentence agrees with the table
// the others are taken to count something narrower (e.g. 自然人) and are
// not flagged. A record without fields gets no D7 finding.
func checkD7(rec, _ *extract.Record) []Finding {
	if !hasTables(rec) {
		return nil
	}
	type judged struct {
		f   *extract.Field
		res result
		eq  equation
	}
	bySubject := map[string][]judged{}
	var order []string
	for i := range rec.Fields {
		f := &rec.Fields[i]
		alts, ok := narrativeTargets()[f.Subject]
		if f.Kind != "quantity" || !ok {
			continue
		}
		j := judged{f: f, res: result{verdict: VerdictFail}}
		var fails []string
		for _, ids := range alts {
			eq := equation{lhs: []operand{{rec: rec, field: f}}, rhs: ops(rec, ids...)}
			r := eq.eval()
			if j.eq.lhs == nil || r.verdict != VerdictFail {
				j.eq = eq
			}
			switch {
			case r.verdict == "pass":
				j.res = r
			case r.verdict == VerdictUnverifiable && j.res.verdict == VerdictFail:
				j.res = r
			case r.verdict == VerdictFail:
				fails = append(fails, r.arith)
			}
		}
		if j.res.verdict == VerdictFail {
			j.res.arith = strings.Join(fails, "; ")
		}
		if _, seen := bySubject[f.Subject]; !seen {
			order = append(order, f.Subject)
		}
		bySubject[f.Subject] = append(bySubject[f.Subject], j)
	}
	var out []Finding
	for _, subj := range order {
		js := bySubject[subj]
		agreed := false
		for _, j := range js {
			agreed = agreed || j.res.verdict == "pass"
		}
		if agreed {
			continue
		}
		for _, j := range js {
			t := "三"
			if strings.HasPrefix(j.eq.rhs[0].id, "t4.") {
				t = "四"
			}
			f := Finding{Rule: "D7", Severity: extract.SevWarning, Table: t, Verdict: j.res.verdict,
				Cells: j.eq.refs(), Arithmetic: j.res.arith,
				MessageZH: fmt.Sprintf("正文第%d部分称%s %s 件（「%s」），与表%s不符", j.f.Section, subjectZH[subj], template.FormatFixed(int64(j.f.Number*template.Scale)), j.f.Sentence, t),
				MessageEN: fmt.Sprintf("the text (section %d) states %s = %s (%q), which the table %s does not show", j.f.Section, subj, strconv.FormatFloat(j.f.Number, 'f', -1, 64), j.f.Sentence, t)}
			if j.res.verdict == VerdictUnverifiable {
				f.Severity = extract.SevInfo
				f.MessageZH = fmt.Sprintf("正文第%d部分称%s %s 件（「%s」），表%s相关单元格未能读取，无法核验", j.f.Section, subjectZH[subj], template.FormatFixed(int64(j.f.Number*template.Scale)), j.f.Sentence, t)
				f.MessageEN = fmt.Sprintf("the text (section %d) states %s = %s (%q); the table %s cells could not be read: unverifiable", j.f.Section, subj, strconv.FormatFloat(j.f.Number, 'f', -1, 64), j.f.Sentence, t)
			}
			if len(narrativeTargets()[subj]) > 1 {
				f.Cells = nil
				for _, ids := range narrativeTargets()[subj] {
					f.Cells = append(f.Cells, equation{lhs: j.eq.lhs, rhs: ops(rec, ids...)}.refs()...)
				}
				f.Cells = dedupRefs(f.Cells)
			}
			out = append(out, f)
		}
	}
	return out
}

func dedupRefs(refs []CellRef) []CellRef {
	seen := map[string]bool{}
	var out []CellRef
	for _, r := range refs {
		if !seen[r.ID] {
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	return out
}

// checkOverviewLength: fmt2021 section 一 over OverviewMaxHan Chinese
// characters.
func checkOverviewLength(rec, _ *extract.Record) []Finding {
	s := rec.Section(1)
	if rec.Meta.Generation != extract.Gen2021 || s == nil {
		return nil
	}
	n := layout.HanCount(s.Text)
	if n <= OverviewMaxHan {
		return nil
	}
	return []Finding{{Rule: "OVERVIEW-LENGTH", Severity: extract.SevInfo, Verdict: VerdictFail,
		Arithmetic: fmt.Sprintf("%d > %d", n, OverviewMaxHan),
		Cells:      []CellRef{{ID: "section:1", Value: s.Heading, Status: extract.StatusOK, Evidence: extract.Evidence{Pos: s.Pos, Raw: s.Heading}}},
		MessageZH:  fmt.Sprintf("「总体情况」有%d个汉字，超过指引建议的%d字左右", n, OverviewMaxHan),
		MessageEN:  fmt.Sprintf("section 一 (总体情况) has %d Chinese characters, more than the guidance's %d", n, OverviewMaxHan)}}
}

// checkFeesSilent: fmt2021 section 六 does not mention 信息处理费.
func checkFeesSilent(rec, _ *extract.Record) []Finding {
	if rec.Meta.Generation != extract.Gen2021 || len(rec.Sections) == 0 {
		return nil
	}
	s := rec.Section(6)
	if s != nil && (strings.Contains(s.Text, "处理费") || strings.Contains(s.Heading, "处理费")) {
		return nil
	}
	f := Finding{Rule: "FEES-SILENT", Severity: extract.SevWarning, Verdict: VerdictFail,
		MessageZH: "第六部分未报告信息处理费的收取情况", MessageEN: "section 六 says nothing about 信息处理费 (fees charged to applicants)"}
	if s == nil {
		f.MessageZH, f.MessageEN = "缺少第六部分，未报告信息处理费的收取情况", "section 六 is missing, so 信息处理费 (fees charged to applicants) is not reported"
	}
	return []Finding{f}
}

// bigrams returns the set of adjacent Chinese-character pairs of s
// (digits, Latin letters and punctuation dropped, so that changed years
// and figures do not hide a copied text).
func bigrams(s string) map[[2]rune]bool {
	var hz []rune
	for _, r := range s {
		if layout.IsHan(r) {
			hz = append(hz, r)
		}
	}
	out := map[[2]rune]bool{}
	for i := 1; i < len(hz); i++ {
		out[[2]rune{hz[i-1], hz[i]}] = true
	}
	return out
}

// similarity is the Dice coefficient of the character bigrams of a and b.
func similarity(a, b string) float64 {
	x, y := bigrams(a), bigrams(b)
	if len(x)+len(y) == 0 {
		return 0
	}
	both := 0
	for k := range x {
		if y[k] {
			both++
		}
	}
	return 2 * float64(both) / float64(len(x)+len(y))
}

// checkR10: section 五 nearly identical to last year's.
func checkR10(cur, prev *extract.Record) []Finding {
	if prev == nil {
		return nil
	}
	a, b := prev.Section(5), cur.Section(5)
	if a == nil || b == nil || layout.HanCount(a.Text) < similarityMinHan || layout.HanCount(b.Text) < similarityMinHan {
		return nil
	}
	sim := similarity(a.Text, b.Text)
	if sim < SimilarityMin {
		return nil
	}
	return []Finding{{Rule: "R10", Severity: extract.SevWarning, Verdict: VerdictFail,
		Cells: []CellRef{
			{ID: "section:5", Year: prev.Meta.Year, Value: a.Heading, Status: extract.StatusOK, Evidence: extract.Evidence{Pos: a.Pos, Raw: a.Heading}},
			{ID: "section:5", Year: cur.Meta.Year, Value: b.Heading, Status: extract.StatusOK, Evidence: extract.Evidence{Pos: b.Pos, Raw: b.Heading}}},
		Arithmetic: fmt.Sprintf("similarity %.2f ≥ %.2f", sim, SimilarityMin),
		MessageZH:  fmt.Sprintf("第五部分「存在的主要问题及改进情况」与上年报告几乎相同（相似度%.0f%%），年年雷同", sim*100),
		MessageEN:  fmt.Sprintf("section 五 (problems and improvements) is nearly the same as last year's (similarity %.2f)", sim)}}
}
