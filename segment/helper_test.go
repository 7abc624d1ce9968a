package segment

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// Until the tests can rely on extract.Parse, records are built here from
// the sample reports: the text after the "正文" marker (or the HTML with
// its tags removed), cut at the six headings. The cutting is only as good
// as these tests need; it is not a parser.

var headings = []*regexp.Regexp{
	regexp.MustCompile(`一、\s*(?:总体情况|概述)`),
	regexp.MustCompile(`二、\s*主动公开政府信息`),
	regexp.MustCompile(`三、\s*(?:收到和处理|政府信息依申请)`),
	regexp.MustCompile(`四、[^、。]{0,16}行政复议`),
	regexp.MustCompile(`五、[^、。]{0,20}?问题`),
	regexp.MustCompile(`六、\s*其他需要报告`),
}

var (
	tagRe   = regexp.MustCompile(`(?s)<(?:style|script)[^>]*>.*?</(?:style|script)>|<[^>]+>`)
	spaceRe = regexp.MustCompile(`[ \t\r\n\x{3000}]+`)
)

// reportText reads a sample report as plain text.
func reportText(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", name))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.HasSuffix(name, ".html") {
		s = html.UnescapeString(tagRe.ReplaceAllString(s, " "))
		s = spaceRe.ReplaceAllString(s, " ")
	} else if _, body, ok := strings.Cut(s, "==== 正文 ===================="); ok {
		s = body
	}
	return s
}

// record builds a record with the preamble as section 0 and the six
// sections as found.
func record(t testing.TB, name string) *extract.Record {
	t.Helper()
	return recordFromText(reportText(t, name))
}

func recordFromText(s string) *extract.Record {
	rec := &extract.Record{}
	type cut struct{ num, head, body int }
	var cuts []cut
	from := 0
	for i, h := range headings {
		loc := h.FindStringIndex(s[from:])
		if loc == nil {
			continue
		}
		end := from + loc[1]
		// The heading runs to the end of its title words.
		for _, stop := range []string{"情况", "事项", "措施", "概述"} {
			if j := strings.Index(s[end:], stop); j >= 0 && j < 40 {
				end += j + len(stop)
				break
			}
		}
		cuts = append(cuts, cut{i + 1, from + loc[0], end})
		from = end
	}
	prev := 0
	num, head := 0, 0
	for _, c := range cuts {
		rec.Sections = append(rec.Sections, extract.Section{Number: num, Heading: s[head:prev], Text: s[prev:c.head]})
		num, head, prev = c.num, c.head, c.body
	}
	rec.Sections = append(rec.Sections, extract.Section{Number: num, Heading: s[head:prev], Text: s[prev:]})
	return rec
}

var (
	testSegOnce sync.Once
	testSeg     *Segmenter
	testSegErr  error
)

// seg returns the shared segmenter, failing the test if it cannot load.
func seg(t testing.TB) *Segmenter {
	t.Helper()
	testSegOnce.Do(func() { testSeg, testSegErr = Shared() })
	if testSegErr != nil {
		t.Fatal(testSegErr)
	}
	return testSeg
}

// fieldsOf returns the fields of kind in section sec (-1: any).
func fieldsOf(rec *extract.Record, kind string, sec int) []extract.Field {
	var out []extract.Field
	for _, f := range rec.Fields {
		if f.Kind == kind && (sec < 0 || f.Section == sec) {
			out = append(out, f)
		}
	}
	return out
}
