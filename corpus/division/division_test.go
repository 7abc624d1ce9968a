package division

import "testing"

// TestData checks the embedded data against facts of the dataset.
func TestData(t *testing.T) {
	if n := len(All()); n != Entries || n < 40000 {
		t.Fatalf("%d divisions, want %d", n, Entries)
	}
	for code, want := range map[string]string{"32": "江苏省", "320000": "江苏省", "320800": "淮安市", "3208": "淮安市",
		"320813": "洪泽区", "320813001": "高良涧街道", "110101": "东城区", "222400": "延边朝鲜族自治州"} {
		if d := Lookup(code); d == nil || d.Name != want {
			t.Errorf("Lookup(%s) = %v, want %s", code, d, want)
		}
	}
	d := Lookup("320813")
	if d.Code() != "320813" || d.ProvinceName() != "江苏省" || d.CityName() != "淮安市" || d.CountyName() != "洪泽区" || d.Short != "洪泽" {
		t.Errorf("洪泽区: %s %s %s %s %s", d.Code(), d.ProvinceName(), d.CityName(), d.CountyName(), d.Short)
	}
	if d := Lookup("110101"); d.CityName() != "北京市" || d.Path() != "北京市东城区" {
		t.Errorf("东城区: city %q path %q", d.CityName(), d.Path())
	}
	if d := Lookup("429004"); d.CityName() != "" || d.Path() != "湖北省仙桃市" {
		t.Errorf("仙桃市: city %q path %q", d.CityName(), d.Path())
	}
	if n := len(Named("鼓楼区")); n != 4 {
		t.Errorf("鼓楼区: %d places, want 4", n)
	}
	for name, short := range map[string]string{"广西壮族自治区": "广西", "新疆维吾尔自治区": "新疆", "恩施土家族苗族自治州": "恩施", "大兴安岭地区": "大兴安岭"} {
		ds := Named(name)
		if len(ds) != 1 || ds[0].Short != short {
			t.Errorf("%s: %v, want short %s", name, ds, short)
		}
	}
}
