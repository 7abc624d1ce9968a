package pdfread_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/nianbao/nianbao/extract/pdfread"
)

func Example() {
	f, err := os.Open("../../testdata/reports/huaian-2024.pdf")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	st, _ := f.Stat()
	doc, err := pdfread.Read(f, st.Size(), pdfread.Options{NoFallback: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Reader, doc.Pages, doc.Title)
	for _, b := range doc.Blocks {
		if b.Grid == nil {
			continue
		}
		// the first table: 第二十条第（一）项
		for _, row := range b.Grid.Rows {
			var cells []string
			for _, c := range row {
				cells = append(cells, c.Text)
			}
			fmt.Println(strings.Join(cells, " | "))
		}
		fmt.Println("first value at", b.Grid.Rows[1][1].Pos)
		break
	}
	// Output:
	// ledongthuc/pdf 6 淮安市人民政府2024年政府信息公开工作年度报告
	// 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
	// 规章 | 1 | 0 | 11
	// 行政规范性文件 | 8 | 26 | 66
	// first value at page 3, line 16, table 1 row 2 col 2
}
