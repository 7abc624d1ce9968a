package extract

import (
	"strings"
	"testing"
)

func TestParseTitle(t *testing.T) {
	cases := []struct {
		in     string
		agency string
		year   int
		self   bool
		intro  bool
	}{
		{"2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019, false, false},
		{"上海市人民政府办公厅2019年政府信息公开工作年度报告", "上海市人民政府办公厅", 2019, false, false},
		{"北京市东城区人民政府2022年度政府信息公开工作年度报告", "北京市东城区人民政府", 2022, false, false},
		{"2022年度 北京市东城区人民政府\n政府信息公开工作年度报告", "北京市东城区人民政府", 2022, false, false},
		{"当前位置：首页 > 政务公开 > 政府信息公开年报 > 深圳市福田区2021年政府信息公开工作年度报告", "深圳市福田区", 2021, false, false},
		{"首页政务公开政府信息公开政府信息公开年报平潭综合实验区2011年政府信息公开工作年度报告", "平潭综合实验区", 2011, false, false},
		{"国务院办公厅关于2020年政府信息公开工作情况的报告", "国务院办公厅", 2020, false, false},
		{"杭州市西湖区人民政府政府信息公开工作年度报告（2023年）", "杭州市西湖区人民政府", 2023, false, false},
		{"杭州市西湖区人民政府政府信息公开工作2023年度报告", "杭州市西湖区人民政府", 2023, false, false},
		{"二〇二一年度宁夏回族自治区教育厅政府信息公开工作年度报告", "宁夏回族自治区教育厅", 2021, false, false},
		{"根据《中华人民共和国政府信息公开条例》规定，现公布我局2022年度政府信息公开工作年度报告。", "", 2022, true, true},
		{"根据《条例》要求，现公布广州市天河区林和街道办事处2022年政府信息公开工作年度报告。", "广州市天河区林和街道办事处", 2022, false, true},
		{"特向社会公布2022年度成都高新技术产业开发区管理委员会政府信息公开工作年度报告", "成都高新技术产业开发区管理委员会", 2022, false, true},
		{"2021年政府信息公开工作年度报告", "", 2021, false, false},
		{"２０２２年度苏州市吴江区震泽镇人民政府政府信息公开年报", "苏州市吴江区震泽镇人民政府", 2022, false, false},
	}
	for _, c := range cases {
		tp, ok := parseTitle(c.in)
		if !ok || tp.agency != c.agency || tp.year != c.year || tp.self != c.self || tp.intro != c.intro {
			t.Errorf("parseTitle(%q) = %+v, %v; want agency %q year %d self %v intro %v", c.in, tp, ok, c.agency, c.year, c.self, c.intro)
		}
	}
	for _, s := range []string{
		"《福建省人民政府办公厅关于做好2015年政府信息公开工作年度报告有关事项的通知》",
		"关于做好2015年政府信息公开工作年度报告有关事项的通知",
		"天气很好。",
	} {
		if tp, ok := parseTitle(s); ok && (tp.agency != "" || tp.year != 0) {
			t.Errorf("parseTitle(%q) = %+v, want no title", s, tp)
		}
	}
}

// FuzzParseTitle: no input panics; an agency read is a whole name that
// stands in the input; a year is in range.
func FuzzParseTitle(f *testing.F) {
	for _, c := range append(generatedCases(), handCases...) {
		f.Add(c.doc[:cut(c.doc, 400)])
	}
	f.Add("《《未闭合的书名号2022年政府信息公开工作年度报告")
	f.Add("二〇二二年度\n某某县人民政府\n政府信息公开工作年度报告（2022年）")
	f.Fuzz(func(t *testing.T, s string) {
		for _, tp := range parseTitles(s) {
			if tp.agency != "" && (!agencyName(tp.agency) || !strings.Contains(foldDigits(collapse(s)), tp.agency)) {
				t.Errorf("parseTitle(%q): agency %q is not a name found in the input", s, tp.agency)
			}
			if tp.year != 0 && (tp.year < 2000 || tp.year > 2099) {
				t.Errorf("parseTitle(%q): year %d", s, tp.year)
			}
		}
		for _, a := range agencyIn(s) {
			if !agencyName(a) {
				t.Errorf("agencyIn(%q) gives %q, not a name", s, a)
			}
		}
	})
}

func TestParseTitleMore(t *testing.T) {
	cases := []struct {
		in     string
		agency string
		year   int
	}{
		{"乌鲁木齐经济技术开发区（头屯河区）管理委员会2022年政府信息公开工作年度报告", "乌鲁木齐经济技术开发区（头屯河区）管理委员会", 2022},
		{"平潭综合实验区（自贸区）2021年政府信息公开年报", "平潭综合实验区（自贸区）", 2021},
		{"某某市统计局政府信息公开年度工作报告（2020年度）", "某某市统计局", 2020},
		{"（2022年度）某某县民政局政府信息公开工作年度报告", "某某县民政局", 2022},
	}
	for _, c := range cases {
		tp, ok := parseTitle(c.in)
		if !ok || tp.agency != c.agency || tp.year != c.year {
			t.Errorf("parseTitle(%q) = %+v, %v; want %q, %d", c.in, tp, ok, c.agency, c.year)
		}
	}
}
