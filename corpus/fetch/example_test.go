package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"time"

	"github.com/nianbao/nianbao/corpus/fetch"
	"github.com/nianbao/nianbao/corpus/fetch/manifest"
)

func Example() {
	// A site with a 年报 column that lists one report with a PDF.
	mux := http.NewServeMux()
	mux.HandleFunc("/ndbg/index.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<ul><li><a href="t1.html">2023年政府信息公开工作年度报告</a><span>2024-01-20</span></li>
<li><a href="t2.html">关于召开会议的通知</a></li></ul>`)
	})
	mux.HandleFunc("/ndbg/t1.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<p>附件：<a href="/files/2023.pdf">2023年年报.pdf</a></p>`)
	})
	mux.HandleFunc("/files/2023.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4 ...")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dir, _ := os.MkdirTemp("", "nianbao-fetch")
	defer os.RemoveAll(dir)
	f := fetch.New(fetch.Options{Delay: 10 * time.Millisecond})
	sum, err := f.Run(context.Background(), dir, []string{srv.URL + "/ndbg/index.html"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("listings %d, fetched %d, failed %d\n", sum.Listings, sum.Fetched, sum.Failed)

	entries, _ := manifest.Read(dir)
	sort.Slice(entries, func(i, j int) bool { return entries[i].URL < entries[j].URL })
	for _, e := range entries {
		fmt.Printf("%-10s %s %q %q\n", e.Role, e.URL[len(srv.URL):], e.Title, e.Published)
	}
	// Output:
	// listings 1, fetched 2, failed 0
	// attachment /files/2023.pdf "2023年年报" "2024-01-20"
	// listing    /ndbg/index.html "" ""
	// page       /ndbg/t1.html "2023年政府信息公开工作年度报告" "2024-01-20"
}
