package division

import (
	"sort"
	"strings"
	"testing"
)

// TestResolve resolves agencies named in different ways — full, short,
// with and without the city, 政府 vs 人民政府, departments, streets and
// towns, zones — to the expected codes, types and canonical names. A
// short name shared by several places stays unresolved unless the report
// says which.
func TestResolve(t *testing.T) {
	cases := []struct {
		ev                   Evidence
		code, typ, canonical string
	}{
		{Evidence{Name: "淮安市洪泽区人民政府"}, "320813", Government, "淮安市洪泽区人民政府"},
		{Evidence{Name: "洪泽区人民政府"}, "320813", Government, "淮安市洪泽区人民政府"},
		{Evidence{Name: "洪泽区政府"}, "320813", Government, "淮安市洪泽区人民政府"},
		{Evidence{Name: "江苏省淮安市洪泽区人民政府"}, "320813", Government, "淮安市洪泽区人民政府"},
		{Evidence{Name: "淮安洪泽区政府"}, "320813", Government, "淮安市洪泽区人民政府"},
		{Evidence{Name: "洪泽区人民政府办公室"}, "320813", GovOffice, "淮安市洪泽区人民政府办公室"},
		{Evidence{Name: "淮安市人民政府"}, "320800", Government, "淮安市人民政府"},
		{Evidence{Name: "淮安市政府"}, "320800", Government, "淮安市人民政府"},
		{Evidence{Name: "江苏省人民政府办公厅"}, "320000", GovOffice, "江苏省人民政府办公厅"},
		{Evidence{Name: "固原市科学技术局"}, "640400", Department, "固原市科学技术局"},
		{Evidence{Name: "洪泽区教育局"}, "320813", Department, "淮安市洪泽区教育局"},
		{Evidence{Name: "高良涧街道办事处", Title: "淮安市洪泽区高良涧街道办事处2023年政府信息公开工作年度报告"}, "320813001", StreetOffice, "淮安市洪泽区高良涧街道办事处"},
		{Evidence{Name: "洪泽区高良涧街道"}, "320813001", StreetOffice, "淮安市洪泽区高良涧街道办事处"},
		{Evidence{Name: "洪泽区蒋坝镇人民政府"}, "320813101", TownGovernment, "淮安市洪泽区蒋坝镇人民政府"},
		{Evidence{Name: "洪泽区蒋坝镇政府"}, "320813101", TownGovernment, "淮安市洪泽区蒋坝镇人民政府"},
		{Evidence{Name: "北京市东城区人民政府"}, "110101", Government, "北京市东城区人民政府"},
		{Evidence{Name: "东城区景山街道办事处", Title: "北京市东城区景山街道办事处2022年政府信息公开工作年度报告"}, "110101002", StreetOffice, "北京市东城区景山街道办事处"},
		{Evidence{Name: "平潭综合实验区"}, "350128", ZoneCommittee, "平潭综合实验区"},
		{Evidence{Name: "平潭综合实验区管理委员会"}, "350128", ZoneCommittee, "平潭综合实验区"},
		{Evidence{Name: "福建省福州市平潭综合实验区"}, "350128", ZoneCommittee, "平潭综合实验区"},
		{Evidence{Name: "南京市鼓楼区人民政府"}, "320106", Government, "南京市鼓楼区人民政府"},
		// 鼓楼区 is in 南京, 徐州, 福州 and 开封: the report's text says which.
		{Evidence{Name: "鼓楼区人民政府", Text: "2023年，鼓楼区在福州市委、市政府的领导下……"}, "350102", Government, "福州市鼓楼区人民政府"},
		{Evidence{Name: "长阳土家族自治县人民政府"}, "420528", Government, "宜昌市长阳土家族自治县人民政府"},
		{Evidence{Name: "延边州人民政府"}, "222400", Government, "延边朝鲜族自治州人民政府"},
		{Evidence{Name: "延边朝鲜族自治州人民政府"}, "222400", Government, "延边朝鲜族自治州人民政府"},
		{Evidence{Name: "仙桃市人民政府"}, "429004", Government, "湖北省仙桃市人民政府"},
		// The fetch URL's site, in pinyin: a name without a place, a
		// shared name the text does not settle.
		{Evidence{Name: "教育局", URL: "http://www.hongze.gov.cn/art/2024/1/30/art_1.html"}, "320813", Department, "淮安市洪泽区教育局"},
		{Evidence{Name: "人民政府办公室", URL: "https://zwgk.hongze.gov.cn/x.pdf"}, "320813", GovOffice, "淮安市洪泽区人民政府办公室"},
		{Evidence{Name: "鼓楼区人民政府", URL: "http://www.njgl.gov.cn/zwgk/2024.html"}, "320106", Government, "南京市鼓楼区人民政府"},
		{Evidence{Name: "鼓楼区人民政府", URL: "http://www.xzgl.gov.cn/"}, "320302", Government, "徐州市鼓楼区人民政府"},
		{Evidence{Name: "鼓楼区人民政府", URL: "http://www.nanjing.gov.cn/gl/"}, "320106", Government, "南京市鼓楼区人民政府"},
		{Evidence{Name: "科学技术局", URL: "http://kjj.nxgy.gov.cn/"}, "640400", Department, "固原市科学技术局"},
		// The site never overrides a name that says its place.
		{Evidence{Name: "淮安市人民政府", URL: "http://www.hongze.gov.cn/"}, "320800", Government, "淮安市人民政府"},
	}
	for _, c := range cases {
		a := Resolve(c.ev)
		code := ""
		if a.Division != nil {
			code = a.Division.Code()
		}
		if code != c.code || (c.code != "" && (a.Type != c.typ || a.Canonical != c.canonical)) {
			t.Errorf("%q: got %s %s %q (basis %s, problem %q), want %s %s %q", c.ev.Name, code, a.Type, a.Canonical, a.Basis, a.Problem, c.code, c.typ, c.canonical)
		}
	}
}

// TestResolveAmbiguous: a short name shared by several places, with
// nothing in the report to tell which, is left unresolved with the
// candidates; never merged by guess.
func TestResolveAmbiguous(t *testing.T) {
	for _, ev := range []Evidence{
		{Name: "鼓楼区人民政府"},
		{Name: "朝阳区人民政府", Text: "本区坚持……"},
		{Name: "鼓楼区人民政府", Text: "南京市和福州市……"},               // both mentioned
		{Name: "鼓楼区人民政府", URL: "http://www.gulou.gov.cn/"}, // every 鼓楼区 spells gulou
		{Name: "鼓楼区人民政府", URL: "http://127.0.0.1:8080/gulou.html"},
	} {
		a := Resolve(ev)
		if a.Division != nil || len(a.Candidates) < 2 || !strings.Contains(a.Problem, "places") {
			t.Errorf("%q: got %v (%d candidates, %q), want unresolved", ev.Name, a.Division, len(a.Candidates), a.Problem)
		}
	}
	if a := Resolve(Evidence{Name: "某某机关"}); a.Division != nil || a.Problem == "" {
		t.Errorf("某某机关: got %v %q", a.Division, a.Problem)
	}
	// A site whose host spells several places does not place a name
	// without one: huaian is 淮安市, its 淮安区 and 怀安县.
	if a := Resolve(Evidence{Name: "教育局", URL: "http://www.huaian.gov.cn/"}); a.Division != nil || a.Problem == "" {
		t.Errorf("教育局 at www.huaian.gov.cn: got %v %q", a.Division, a.Problem)
	}
}

// TestSite reads hosts as pinyin spellings of divisions: a name or short
// name in full, the initials of a full name, a city's and a county's
// chained; labels that nest narrow to the deepest; a spelling of several
// places gives them all; the domain's own labels and hosts that spell
// nothing give nothing.
func TestSite(t *testing.T) {
	for _, c := range []struct {
		url  string
		want string // codes, sorted
	}{
		{"http://www.hongze.gov.cn/a.html", "320813"},
		{"https://hzq.huaian.gov.cn/x", "320813"},
		{"http://www.huaian.gov.cn/", "130728 320800 320803"},
		{"http://www.njgl.gov.cn/", "320106"},
		{"http://www.gulou.gov.cn", "320106 320302 350102 410204"},
		{"http://www.nxgy.gov.cn", "640400"},
		{"http://www.jiangsu.gov.cn", "320000"},
		{"http://www.lvliang.gov.cn", "141100"},
		{"http://www.luliang.gov.cn", "141100 530322"}, // ü written u: 吕梁 and 陆良
		{"http://www.pingtan.gov.cn/", "350128"},
		{"www.beijing.gov.cn", "110000"},
		{"http://www.gy.gov.cn", ""}, // two letters alone say nothing
		{"http://www.example.gov.cn", ""},
		{"http://127.0.0.1:8080/hongze", ""},
		{"", ""},
		{"http://hongze.nanjing.gov.cn", ""}, // labels that contradict
	} {
		var got []string
		for _, d := range Site(c.url) {
			got = append(got, d.Code())
		}
		sort.Strings(got)
		if strings.Join(got, " ") != c.want {
			t.Errorf("Site(%q) = %v, want %s", c.url, got, c.want)
		}
	}
}
