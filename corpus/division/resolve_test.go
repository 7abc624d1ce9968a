package division

import (
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
		{Name: "鼓楼区人民政府", Text: "南京市和福州市……"}, // both mentioned
	} {
		a := Resolve(ev)
		if a.Division != nil || len(a.Candidates) < 2 || !strings.Contains(a.Problem, "places") {
			t.Errorf("%q: got %v (%d candidates, %q), want unresolved", ev.Name, a.Division, len(a.Candidates), a.Problem)
		}
	}
	if a := Resolve(Evidence{Name: "某某机关"}); a.Division != nil || a.Problem == "" {
		t.Errorf("某某机关: got %v %q", a.Division, a.Problem)
	}
}
