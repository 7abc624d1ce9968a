package extract

import (
	"strings"
	"testing"
)

func TestNarrowByNarrative(t *testing.T) {
	table := "二、主动公开政府信息情况\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章000行政规范性文件8855698\n" +
		"信息内容 本年处理决定数量\n行政许可10\n三、收到和处理政府信息公开申请情况\n"
	cases := []struct {
		name, narrative string
		want            string // issued|repealed|in_force, or AMBIGUOUS
	}{
		{"both figures stated", "一、总体情况\n集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。\n", "88|55|698"},
		{"one figure narrows but does not decide", "一、总体情况\n本年制发规范性文件88件。\n", "88|AMBIGUOUS|AMBIGUOUS"},
		{"a figure that fits no division is ignored", "一、总体情况\n现行有效行政规范性文件700件。\n", "AMBIGUOUS"},
		{"two figures in one clause are not attributed", "一、总体情况\n制发规范性文件88件和现行有效698件。\n", "AMBIGUOUS"},
		{"no figure", "一、总体情况\n加强规范性文件管理。\n", "AMBIGUOUS"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := parseString(t, "某区2022年政府信息公开工作年度报告\n"+c.narrative+table)
			var got []string
			for _, id := range []string{"t2.normative_docs.issued", "t2.normative_docs.repealed", "t2.normative_docs.in_force"} {
				got = append(got, rec.Cell(id).TidyValue())
			}
			g := strings.Join(got, "|")
			if c.want == "AMBIGUOUS" {
				if !strings.Contains(g, "AMBIGUOUS") {
					t.Errorf("got %s, want the row left ambiguous", g)
				}
				return
			}
			if g != c.want {
				t.Errorf("got %s, want %s", g, c.want)
			}
		})
	}
}
