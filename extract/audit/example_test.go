package audit_test

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/audit"
)

// A report read from the cells form whose table 四 prints 0 as the 总计 of a
// block whose parts are 10 and 1.
func ExampleCheck() {
	form := "meta.agency\t某市人民政府\nmeta.year\t2023\nmeta.generation\tfmt2021\n" +
		"t4.admin_review.upheld\t10\nt4.admin_review.corrected\t1\nt4.admin_review.other\t0\n" +
		"t4.admin_review.pending\t0\nt4.admin_review.total\t0\n"
	rec, err := extract.ReadCells(strings.NewReader(form), "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range audit.Check(rec) {
		if f.Rule == "D3" && f.Verdict == audit.VerdictFail {
			fmt.Println(f.Rule, f.Severity, f.Verdict, f.Arithmetic)
			fmt.Println(f.MessageEN)
		}
	}
	// Output:
	// D3 error fail 10+1 = 11 ≠ 0 (2 zero cells not shown)
	// table 四, block t4.admin_review: upheld + corrected + other + pending do not add up to 总计
}

// Last year's report carried one application forward; this year's report
// says nothing was carried over.
func ExampleCheckPair() {
	prev, _ := extract.ReadCells(strings.NewReader("meta.agency\t某区\nmeta.year\t2021\nmeta.generation\tfmt2021\n"+
		"t3.carried_forward.natural_person\t1\nt3.carried_forward.total\t1\n"), "2021")
	cur, _ := extract.ReadCells(strings.NewReader("meta.agency\t某区\nmeta.year\t2022\nmeta.generation\tfmt2021\n"+
		"t3.carried_over.natural_person\t0\nt3.carried_over.total\t0\n"), "2022")
	for _, f := range audit.CheckPair(prev, cur) {
		if f.Verdict == audit.VerdictFail {
			fmt.Println(f.Rule, f.Cells[0].Year, f.Cells[0].ID, "=", f.Cells[0].Value, "|", f.Cells[1].Year, f.Cells[1].ID, "=", f.Cells[1].Value)
		}
	}
	// Output:
	// D4 2022 t3.carried_over.natural_person = 0 | 2021 t3.carried_forward.natural_person = 1
	// D4 2022 t3.carried_over.total = 0 | 2021 t3.carried_forward.total = 1
}
