package legacy

import (
	"reflect"
	"strings"
	"testing"
)

// checkRows checks what holds for any output.
func checkRows(t *testing.T, rows []Row) {
	t.Helper()
	for i, r := range rows {
		if r.Parent < -1 || r.Parent >= i {
			t.Fatalf("row %d «%s»: parent %d", i, r.Label, r.Parent)
		}
		switch r.Status {
		case StatusOK:
			if r.Year == "" || r.Candidates != nil {
				t.Fatalf("row %d: ok with %+v", i, r)
			}
		case StatusBlank:
			if r.Year != "" || r.Candidates != nil {
				t.Fatalf("row %d: blank with %+v", i, r)
			}
		case StatusAmbiguous:
			if r.Year != "" || r.Cumulative != "" || len(r.Candidates) == 1 {
				t.Fatalf("row %d: ambiguous with %+v", i, r)
			}
		default:
			t.Fatalf("row %d: status %q", i, r.Status)
		}
	}
}

func FuzzFromText(f *testing.F) {
	for _, name := range samples {
		f.Add(readReport(f, name), "")
	}
	f.Add("指标名称计量单位2015年度历年累计主动公开文件数条294981916其中：1、政府网站公开数条2949819162、政府公报公开数条00", "2015年主动公开政府信息2949条")
	f.Add("指标名称 计量 单位 本年度\n一、主动公开 主动公开信息数 条 12 其中：1.网站 条 10 2.公报 条 2 受理 件", "")
	f.Add("指标名称计量单位本年度累计答复数件1336其中：1.同意件12342.不予件12（1）件1,2.5", "累计答复36件，")
	f.Fuzz(func(t *testing.T, text, narrative string) {
		rows, warns := FromText(text, narrative)
		checkRows(t, rows)
		again, warns2 := FromText(text, narrative)
		if !reflect.DeepEqual(rows, again) || !reflect.DeepEqual(warns, warns2) {
			t.Fatal("output differs between two runs")
		}
	})
}

func TestSamplesInvariants(t *testing.T) {
	for _, name := range samples {
		rows, _ := FromText(readReport(t, name), "")
		checkRows(t, rows)
	}
}

// FuzzFromGrid reads grids written as lines of "|"-separated cells ("<"
// and "^" are colspan and rowspan copies, as in grid).
func FuzzFromGrid(f *testing.F) {
	f.Add("指标名称|计量单位|2015年度|历年累计\n主动公开文件数|条|2949|81,916\n其中：1、网站|条|294981916|<\n2、公报|^|—|0")
	f.Add("统计指标|单位|统计数\n一、主动公开|—|—\n（一）收到申请数|件|12\n1.当面|件|1234")
	f.Fuzz(func(t *testing.T, s string) {
		rows, _ := FromGrid(grid(strings.Split(s, "\n")...))
		checkRows(t, rows)
	})
}
