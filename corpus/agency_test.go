package corpus

import (
	"strings"
	"testing"
)

func TestAgencyKey(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"平潭综合实验区", "平潭综合实验区管委会"},
		{"平潭综合实验区管理委员会", "平潭综合实验区"},
		{"淮安市人民政府", "淮安市政府"},
		{"淮安市人民政府", "淮安市 人民政府"},
		{"２０２２年平潭综合实验区", "平潭综合实验区"},
		{"平潭综合实验区2022年政府信息公开工作年度报告", "平潭综合实验区"},
		{"固原市科学技术局（固原市地震局）", "固原市科学技术局(固原市地震局)"},
	} {
		if ka, kb := AgencyKey(c.a), AgencyKey(c.b); ka != kb {
			t.Errorf("AgencyKey(%q) = %q, AgencyKey(%q) = %q; want one key", c.a, ka, c.b, kb)
		}
	}
	for _, c := range [][2]string{{"淮安市人民政府", "淮安市人民政府办公室"}, {"平潭综合实验区", "平潭县"}, {"固原市科学技术局", "固原市教育局"}} {
		if AgencyKey(c[0]) == AgencyKey(c[1]) {
			t.Errorf("%q and %q share a key", c[0], c[1])
		}
	}
}

func TestAgencyAliases(t *testing.T) {
	var ag Agencies
	in := "# aliases\n平潭实验区\t平潭综合实验区\t福建省\n岚岛管委 = 平潭综合实验区\n\n"
	if err := ag.LoadAliases(strings.NewReader(in), "aliases.tsv"); err != nil {
		t.Fatal(err)
	}
	want, _, _ := ag.Resolve("平潭综合实验区")
	for _, n := range []string{"平潭实验区", "岚岛管委", "平潭综合实验区管理委员会"} {
		key, name, region := ag.Resolve(n)
		if key != want || name != "平潭综合实验区" || region != "福建省" {
			t.Errorf("Resolve(%q) = %q, %q, %q", n, key, name, region)
		}
	}
	if _, _, region := ag.Resolve("固原市科学技术局"); region != "固原市" {
		t.Errorf("region from the name: %q", region)
	}
	if err := ag.LoadAliases(strings.NewReader("只有一列\n"), "bad.tsv"); err == nil || !strings.Contains(err.Error(), "bad.tsv:1") {
		t.Errorf("bad alias line: %v", err)
	}
}
