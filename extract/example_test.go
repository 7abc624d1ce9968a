package extract_test

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// A flattened table 三 row whose separators were lost: "270020130" has two
// divisions that satisfy the row's own total (D1); the column rules (D2,
// R1) across rows are needed to decide, and without them the cells that
// differ stay AMBIGUOUS with their candidates.
func ExampleParse() {
	report := "某局2021年政府信息公开工作年度报告\n" +
		"三、收到和处理政府信息公开申请情况\n" +
		"申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n" +
		"（一）予以公开270020130\n" +
		"四、政府信息公开行政复议、行政诉讼情况\n"
	rec, err := extract.Parse(strings.NewReader(report), extract.Options{Name: "example.txt", Format: extract.FormatText})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.Meta.Agency, rec.Meta.Year, rec.Meta.Generation)
	for _, id := range []string{"t3.granted.natural_person", "t3.granted.org_other", "t3.granted.total"} {
		c := rec.Cell(id)
		fmt.Println(id, c.Status, c.Value, c.Candidates)
	}
	s := rec.Splits[rec.Cell("t3.granted.total").Split]
	fmt.Println(s.Raw, s.Candidates, s.Rules)
	// Output:
	// 某局 2021 fmt2021
	// t3.granted.natural_person ambiguous  [2 27]
	// t3.granted.org_other ok 1 []
	// t3.granted.total ok 30 []
	// 270020130 [[2 7 0 0 20 1 30] [27 0 0 2 0 1 30]] [D1]
}
