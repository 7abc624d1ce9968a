package extract

import (
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/template"
)

// rowKeyPatterns are the label patterns the rows were matched with
// (regexps on normalised text), which rowKeyWords replace.
var rowKeyPatterns = map[string]string{
	"t2.regulations":               `规章`,
	"t2.normative_docs":            `(行政)?规范性文件`,
	"t2.admin_license":             `行政许可`,
	"t2.other_external_services":   `其他对外管理服务事项|对外管理服务事项?`,
	"t2.admin_penalty":             `行政处罚`,
	"t2.admin_coercion":            `行政强制`,
	"t2.admin_fees":                `行政事业性收费`,
	"t2.central_procurement":       `政府集中采购|集中采购`,
	"t3.new_received":              `本年新收(政府信息公开)?申请(数量)?|本年新收`,
	"t3.carried_over":              `上年结转(政府信息公开)?申请(数量)?|上年结转`,
	"t3.granted":                   `予以公开`,
	"t3.partially_granted":         `部分公开(\([^()]{0,30}\))?`,
	"t3.denied_state_secret":       `(属于)?国家秘密`,
	"t3.denied_law_prohibited":     `(其他)?法律行政法规禁止公开|禁止公开`,
	"t3.denied_security_stability": `(危及)?三安全一稳定`,
	"t3.denied_third_party":        `(保护)?第三方合法权益`,
	"t3.denied_internal_affairs":   `(属于)?三类内部事务信息|内部事务信息?`,
	"t3.denied_process_info":       `(属于)?四类过程性信息|过程性信息`,
	"t3.denied_enforcement_file":   `(属于)?行政执法案卷`,
	"t3.denied_admin_query":        `(属于)?行政查询事项|行政查询`,
	"t3.unable_not_held":           `(本机关)?不掌握(相关政府信息)?`,
	"t3.unable_needs_creation":     `(没有现成信息)?需要另行制作|另行制作`,
	"t3.unable_still_unclear":      `(补正后申请内容)?仍不明确`,
	"t3.notproc_petition":          `信访举报投诉类?申请|信访举报投诉`,
	"t3.notproc_repeat":            `重复申请`,
	"t3.notproc_publication":       `(要求提供)?公开出版物`,
	"t3.notproc_excessive":         `(无正当理由)?大量反复申请|大量反复`,
	"t3.notproc_confirm_reissue":   `(要求行政机关)?确认或重新出具已获取信息|重新出具已获取信息|重新出具`,
	"t3.other_handling":            `其他处理`,
	"t3.other_no_correction":       `(申请人)?(无正当理由)?逾期不补正[、,]?(行政机关)?(不再处理其?政府信息公开申请)?`,
	"t3.other_unpaid_fee":          `(申请人)?逾期未按收费通知要求缴纳费用[、,]?(行政机关)?(不再处理其?政府信息公开申请)?|逾期未缴纳?费用?`,
	"t3.other_misc":                `3[.、]其他`,
	"t3.results_total":             `(\(七\))?总计`,
	"t3.carried_forward":           `结转下一?年度?继续办理|结转下一?年度?`,
}

// checkRowKeyWords fails when holdsRow and the patterns disagree on s.
func checkRowKeyWords(t *testing.T, res map[string]*regexp.Regexp, s string) {
	t.Helper()
	for key, re := range res {
		if got, want := holdsRow(key, s), re.MatchString(s); got != want {
			t.Errorf("%s on %q: holdsRow %v, pattern %v", key, s, got, want)
		}
	}
}

func compiledRowKeys(t testing.TB) map[string]*regexp.Regexp {
	if len(rowKeyPatterns) != len(rowKeyWords) {
		t.Fatalf("%d patterns, %d rows with words", len(rowKeyPatterns), len(rowKeyWords))
	}
	res := map[string]*regexp.Regexp{}
	for k, p := range rowKeyPatterns {
		res[k] = regexp.MustCompile(p)
	}
	return res
}

// TestRowKeyWords: holdsRow says what the patterns say, on every template
// label (each holds its own row's words) and on the sample reports' text.
func TestRowKeyWords(t *testing.T) {
	res := compiledRowKeys(t)
	for _, gen := range template.Generations() {
		for _, row := range template.Rows(gen) {
			label := unifyItemNumbers(normalize(row.Label))
			if _, ok := rowKeyWords[row.Key]; ok && !holdsRow(row.Key, label) {
				t.Errorf("%s: its own template label %q holds none of %q", row.Key, label, rowKeyWords[row.Key])
			}
			checkRowKeyWords(t, res, label)
		}
	}
	for _, name := range []string{"pingtan-2021.txt", "pingtan-2022.txt", "guyuan-kjj-2020.txt", "huaian-2024-plain.txt"} {
		rec, err := ParseFile("../testdata/reports/"+name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range rec.Sections {
			checkRowKeyWords(t, res, normalize(s.Text))
		}
	}
}

// FuzzRowKeyWords: holdsRow says what the patterns say on any text.
func FuzzRowKeyWords(f *testing.F) {
	for _, p := range rowKeyPatterns {
		f.Add(strings.NewReplacer("(", "", ")", "", "?", "", "|", "", "[", "", "]", "").Replace(p))
	}
	for _, s := range []string{"逾期未缴费用", "逾期未缴纳费", "逾期未缴", "3.其他", "3,其他", "对外管理服务", "结转下", "结转下年度", "结转下一", "内部事务信", "(七)总计"} {
		f.Add(s)
	}
	res := compiledRowKeys(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkRowKeyWords(t, res, s)
	})
}
