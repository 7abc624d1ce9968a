package corpus_test

import (
	"fmt"

	"github.com/nianbao/nianbao/corpus"
)

func ExampleAgencyKey() {
	for _, name := range []string{"平潭综合实验区管理委员会", "平潭综合实验区管委会", "淮安市人民政府", "淮安市政府"} {
		fmt.Println(corpus.AgencyKey(name))
	}
	// Output:
	// 平潭综合实验区
	// 平潭综合实验区
	// 淮安市政府
	// 淮安市政府
}

func ExampleColumn_Quality() {
	for _, id := range []string{"t3.granted.total", "t2.regulations.issued", "t2.normative_docs.in_force"} {
		f, _ := corpus.LookupColumn(id)
		fmt.Println(id, f.Quality("fmt2021"), f.Quality("fmt2019"), f.Quality("legacy"))
	}
	// Output:
	// t3.granted.total exact exact approx
	// t2.regulations.issued exact approx incomparable
	// t2.normative_docs.in_force exact incomparable incomparable
}
