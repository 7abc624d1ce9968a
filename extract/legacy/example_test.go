package legacy_test

import (
	"fmt"

	"github.com/nianbao/nianbao/extract/legacy"
)

func ExampleFromText() {
	// A table flattened from a web page: the cells lost their separators.
	text := "六、统计表\n指标名称计量单位2018年度历年累计主动公开文件数条206912106其中：1.政府网站公开数条2069121062.政府公报公开数条00"
	narrative := "2018年全区主动公开政府信息2069条。"
	rows, _ := legacy.FromText(text, narrative)
	for _, r := range rows {
		fmt.Printf("%s %s %s|%s parent=%d\n", r.Label, r.Unit, r.Year, r.Cumulative, r.Parent)
	}
	fmt.Println(rows[0].Note)
	// Output:
	// 主动公开文件数 条 2069|12106 parent=-1
	// 政府网站公开数 条 2069|12106 parent=0
	// 政府公报公开数 条 0|0 parent=0
	// 3 splits of 206912106 with year ≤ cumulative; decided by narrative «2018年全区主动公开政府信息2069条»
}
