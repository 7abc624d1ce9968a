package extract

import (
	"strings"
)

// rowKeyWords say, per template row, the words one of which every printed
// label of the row holds (in normalised text, see normalize: whitespace
// and quotes removed, full-width brackets and digits folded): a grid
// whose text holds one of them holds the row. They are the label
// patterns the rows were matched with before the aligner, which only
// ever asked whether a text holds a match: an optional part does not
// change that, so each pattern comes down to the words it cannot do
// without (TestRowKeyWords checks them against the patterns).
var rowKeyWords = map[string][]string{
	"t2.regulations":               {"规章"},
	"t2.normative_docs":            {"规范性文件"},
	"t2.admin_license":             {"行政许可"},
	"t2.other_external_services":   {"对外管理服务事"},
	"t2.admin_penalty":             {"行政处罚"},
	"t2.admin_coercion":            {"行政强制"},
	"t2.admin_fees":                {"行政事业性收费"},
	"t2.central_procurement":       {"集中采购"},
	"t3.new_received":              {"本年新收"},
	"t3.carried_over":              {"上年结转"},
	"t3.granted":                   {"予以公开"},
	"t3.partially_granted":         {"部分公开"},
	"t3.denied_state_secret":       {"国家秘密"},
	"t3.denied_law_prohibited":     {"禁止公开"},
	"t3.denied_security_stability": {"三安全一稳定"},
	"t3.denied_third_party":        {"第三方合法权益"},
	"t3.denied_internal_affairs":   {"内部事务信"},
	"t3.denied_process_info":       {"过程性信息"},
	"t3.denied_enforcement_file":   {"行政执法案卷"},
	"t3.denied_admin_query":        {"行政查询"},
	"t3.unable_not_held":           {"不掌握"},
	"t3.unable_needs_creation":     {"另行制作"},
	"t3.unable_still_unclear":      {"仍不明确"},
	"t3.notproc_petition":          {"信访举报投诉"},
	"t3.notproc_repeat":            {"重复申请"},
	"t3.notproc_publication":       {"公开出版物"},
	"t3.notproc_excessive":         {"大量反复"},
	"t3.notproc_confirm_reissue":   {"重新出具"},
	"t3.other_handling":            {"其他处理"},
	"t3.other_no_correction":       {"逾期不补正"},
	"t3.other_unpaid_fee":          {"逾期未按收费通知要求缴纳费用", "逾期未缴费", "逾期未缴纳费"},
	"t3.other_misc":                {"3.其他", "3、其他"},
	"t3.results_total":             {"总计"},
	"t3.carried_forward":           {"结转下年", "结转下一年"},
}

// holdsRow reports whether norm holds one of the row's words.
func holdsRow(key, norm string) bool {
	for _, w := range rowKeyWords[key] {
		if strings.Contains(norm, w) {
			return true
		}
	}
	return false
}

// generation markers (normalised text), see the spec's "Generations".
var (
	markers2019 = []string{"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "第二十条第(九)项", "采购总金额"}
	markers2021 = []string{"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "逾期不补正", "逾期未按收费通知"}
)

// detectGeneration decides the template from the labels (normalised
// text), then from the cited notice, then from the year.
func detectGeneration(norm string, year int, hasLegacyTable bool) (Generation, []string) {
	var b19, b21 []string
	for _, m := range markers2019 {
		if strings.Contains(norm, m) {
			b19 = append(b19, m)
		}
	}
	for _, m := range markers2021 {
		if strings.Contains(norm, m) {
			b21 = append(b21, m)
		}
	}
	switch {
	case len(b21) > len(b19):
		return Gen2021, b21
	case len(b19) > len(b21):
		return Gen2019, b19
	case len(b19) > 0: // a tie: let the cited notice decide
		if strings.Contains(norm, "〔2021〕30号") || strings.Contains(norm, "[2021]30号") {
			return Gen2021, append(b21, "〔2021〕30号")
		}
		return Gen2019, b19
	}
	if hasLegacyTable || (year > 0 && year < 2019) {
		basis := []string{"no fmt2019/fmt2021 table labels"}
		if hasLegacyTable {
			basis = append(basis, "指标名称/计量单位 statistical table")
		}
		return GenLegacy, basis
	}
	if strings.Contains(norm, "〔2021〕30号") {
		return Gen2021, []string{"cites 国办公开办函〔2021〕30号"}
	}
	if strings.Contains(norm, "〔2019〕60号") {
		return Gen2019, []string{"cites 国办公开办函〔2019〕60号"}
	}
	if year >= 2021 {
		return Gen2021, []string{"report year (no table labels found)"}
	}
	if year >= 2019 {
		return Gen2019, []string{"report year (no table labels found)"}
	}
	return GenUnknown, nil
}
