package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
)

// Agency names are recognised by their structure, not from a list of
// agencies: a name is a run of Han characters that ends in the suffix of
// an organ (人民政府, 办公厅, 局, 委员会, 街道办事处, 管委会, 中心, …) or of
// a place whose government reports as a whole (省, 市, 县, 区, 旗, 镇,
// 街道, 开发区, 实验区, …), holds no word of a sentence, a breadcrumb or
// a report title, and is not a self-reference (我局, 本机关). Text is cut
// into candidate names at every character that cannot be part of a name
// and at every such word, so a name glued to a breadcrumb
// ("首页政务公开年报平潭综合实验区") or to an introduction
// ("规定，现公布上海市人民政府办公厅") comes out whole and alone.

// organSuffixes end the name of an organ, longest first where one ends
// another.
var organSuffixes = []string{
	"人民政府办公厅", "人民政府办公室", "政府办公室", "政府办公厅", "街道办事处", "管理委员会", "委员会", "管委会", "管委",
	"办事处", "人民政府", "办公厅", "办公室", "政府", "总局", "分局", "局", "委", "办", "厅", "部", "署",
	"人民法院", "人民检察院", "院", "中心", "研究所", "所", "站", "大队", "支队", "队", "馆", "联合会",
	"合作社", "总社", "银行", "分行", "大学", "学院", "学校", "医院", "集团", "公司", "处", "科",
}

// placeSuffixes end the name of a place; its government's report names
// it alone ("平潭综合实验区2022年政府信息公开工作年度报告").
var placeSuffixes = []string{
	"自治区", "自治州", "自治县", "自治旗", "特别行政区", "地区", "新区", "开发区", "实验区", "示范区", "试验区",
	"高新区", "保税区", "合作区", "园区", "林区", "矿区", "特区", "省", "市", "县", "区", "州", "盟", "旗",
	"镇", "乡", "街道", "苏木", "社区", "嘎查", "村",
}

// nameStops are words that never occur inside an agency name: words of
// an introduction or a report title, site furniture and breadcrumbs.
// Text is cut at each of them.
var nameStops = []string{
	"当前位置", "您的位置", "您现在的位置", "所在位置", "位置", "首页", "主页", "网站", "门户",
	"政务公开", "政府信息公开", "信息公开", "公开目录", "公开指南", "年报", "年度报告", "报告", "专栏", "栏目", "正文",
	"根据", "依据", "按照", "规定", "要求", "现将", "现予", "公布", "发布", "公开", "特此", "编制完成", "编制而成", "汇总",
	"印发", "做好", "关于", "以下简称", "简称", "通知", "条例", "办法", "年度", "情况", "有关", "事项",
	"来源", "发布机构", "发布单位", "发文机关", "作者", "责任编辑", "编辑", "时间", "日期", "浏览", "点击", "字号",
	"打印", "关闭", "窗口", "本页", "收藏", "纠错", "扫一扫", "手机", "微信", "微博", "阅读", "次数", "保护色", "分享", "附件", "下载", "各有关单位", "各", "等", "的", "了", "是", "向社会",
	"完成", "制作", "负责",
}

// selfRefs are the ways a report names its own agency without its name.
var selfRefs = []string{
	"本行政机关", "本机关", "本单位", "本部门", "本局", "本委", "本办", "本厅", "本院", "本中心",
	"我单位", "我部门", "我中心", "我街道", "我局", "我委", "我办", "我厅", "我部", "我署", "我院",
	"我区", "我县", "我市", "我省", "我镇", "我乡", "我旗", "我州", "我盟", "我会",
}

// bare reports whether s is made of suffixes only ("管委会办公室",
// "人民政府"): a kind of organ, not the name of one.
func bare(s string) bool {
	for s != "" {
		cut := false
		for _, list := range [][]string{organSuffixes, placeSuffixes} {
			for _, suf := range list {
				if strings.HasSuffix(s, suf) {
					s, cut = s[:len(s)-len(suf)], true
					break
				}
			}
			if cut {
				break
			}
		}
		if !cut {
			return false
		}
	}
	return true
}

// nameRune reports whether r may be part of an agency name: a Han
// character (〇 included), or a bracket of a part in brackets
// ("乌鲁木齐经济技术开发区（头屯河区）管理委员会").
func nameRune(r rune) bool {
	return layout.IsHan(r) || r == '〇' || strings.ContainsRune(brackets, r)
}

const brackets = "（）()"

// bracketsBalanced reports whether every bracket of s opens before it
// closes and s neither starts nor ends inside brackets' text.
func bracketsBalanced(s string) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case '（', '(':
			depth++
		case '）', ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0 && !strings.HasPrefix(s, "（") && !strings.HasPrefix(s, "(")
}

// agencyName reports whether s, as it stands, is an agency name.
func agencyName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 32 || bare(s) {
		return false
	}
	for _, r := range s {
		if !nameRune(r) {
			return false
		}
	}
	if strings.ContainsAny(s, brackets) && !bracketsBalanced(s) {
		return false
	}
	for _, w := range nameStops {
		if strings.Contains(s, w) {
			return false
		}
	}
	if _, self := selfRef(s); self {
		return false
	}
	// a part in brackets at the end ("（自贸区）") follows the name
	if i := strings.LastIndexAny(s, "（("); i > 0 && strings.HasSuffix(s, "）") || i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
		if bare(s) {
			return false
		}
	}
	for _, list := range [][]string{organSuffixes, placeSuffixes} {
		for _, suf := range list {
			if strings.HasSuffix(s, suf) && len(s) > len(suf) {
				return true
			}
		}
	}
	return false
}

// selfRef reports whether s contains a self-reference (我局, 本机关) and
// which.
func selfRef(s string) (string, bool) {
	for _, w := range selfRefs {
		if strings.Contains(s, w) {
			return w, true
		}
	}
	return "", false
}

// nameSegments cuts s into the runs that could be names: at every
// character that cannot be in a name and at every stop word. Spaces
// between Han characters (a line break inside a name) do not cut.
func nameSegments(s string) []string {
	s = collapse(s)
	var segs []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			for _, seg := range cutStops(s[start:end]) {
				seg = strings.TrimRight(strings.TrimLeft(seg, "）)"), "（(")
				if seg != "" {
					segs = append(segs, seg)
				}
			}
		}
		start = -1
	}
	for i, r := range s {
		if nameRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return segs
}

// cutStops splits a run of Han characters at the stop words, dropping
// them.
func cutStops(s string) []string {
	var out []string
	for s != "" {
		at, w := -1, 0
		for _, stop := range nameStops {
			if i := strings.Index(s, stop); i >= 0 && (at < 0 || i < at || i == at && len(stop) > w) {
				at, w = i, len(stop)
			}
		}
		if at < 0 {
			out = append(out, s)
			break
		}
		if at > 0 {
			out = append(out, s[:at])
		}
		s = s[at+w:]
	}
	return out
}

// agencyIn returns the agency names found in s, in order: each segment
// (see nameSegments) that is a name, or else its longest beginning that
// is one ("上海市人民政府办公厅编" gives 上海市人民政府办公厅).
func agencyIn(s string) []string {
	var out []string
	for _, seg := range nameSegments(s) {
		if name := longestName(seg); name != "" {
			out = append(out, name)
		}
	}
	return out
}

// longestName is seg if it is a name, else its longest leading part
// that is one, else "".
func longestName(seg string) string {
	if agencyName(seg) {
		return seg
	}
	for end := len(seg); end > 0; {
		_, size := utf8.DecodeLastRuneInString(seg[:end])
		end -= size
		if end > 0 && agencyName(seg[:end]) {
			return seg[:end]
		}
	}
	return ""
}

// lastAgency is the last name in s (the one nearest what follows s), or
// "". self reports a self-reference after that name.
func lastAgency(s string) (name string, self bool) {
	names := agencyIn(s)
	if len(names) > 0 {
		name = names[len(names)-1]
		if i := strings.LastIndex(collapse(s), name); i >= 0 {
			_, self = selfRef(collapse(s)[i+len(name):])
		}
		return name, self
	}
	_, self = selfRef(collapse(s))
	return "", self
}
