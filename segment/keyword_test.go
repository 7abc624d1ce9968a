package segment

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/yanyiwu/gojieba"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

// sampleRecords parses every sample report (not the .doc fixtures, which
// need LibreOffice and repeat reports the samples have in other formats)
// and annotates it.
func sampleRecords(t *testing.T) map[string]*extract.Record {
	t.Helper()
	samplesOnce.Do(func() { samples, samplesErr = readSamples(seg(t)) })
	if samplesErr != nil {
		t.Fatal(samplesErr)
	}
	return samples
}

var (
	samplesOnce sync.Once
	samples     map[string]*extract.Record
	samplesErr  error
)

func readSamples(s *Segmenter) (map[string]*extract.Record, error) {
	dir := filepath.Join("..", "testdata", "reports")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string]*extract.Record{}
	for _, e := range ents {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".doc") {
			continue
		}
		rec, err := extract.ParseFile(filepath.Join(dir, e.Name()), extract.Options{})
		if err != nil {
			return nil, fmt.Errorf("%s: %v", e.Name(), err)
		}
		if err := s.Annotate(rec); err != nil {
			return nil, fmt.Errorf("%s: %v", e.Name(), err)
		}
		out[e.Name()] = rec
	}
	return out, nil
}

// templateText is the fixed text as the test sees it, read independently
// of the generated file: dict/template.utf8 and the labels of cells.tsv.
func templateText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("dict", "template.utf8"))
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "#") {
			parts = append(parts, l)
		}
	}
	for _, g := range template.Generations() {
		for _, c := range template.Cells(g) {
			parts = append(parts, c.TableLabel, c.RowLabel, c.ColLabel)
		}
	}
	return strings.Join(parts, "\n")
}

var urlRe = regexp.MustCompile(`(?i)(?:https?://|www\.)[!-~]+|[A-Za-z0-9_.-]+(?:[./][A-Za-z0-9_-]+)+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+`)

// TestKeywordsNotTemplate checks over every sample report that no keyword
// is a fragment of the templates' fixed text, of a URL printed in the
// report, of the words the issue found (中所列, 如对本, 日止, 邮编, 链接,
// 目录, zfxxgk, …), a name found in the report, or a word every report
// uses (公开, 信息, 工作); and that keywords come only from the
// narrative sections.
func TestKeywordsNotTemplate(t *testing.T) {
	s := seg(t)
	tmpl := templateText(t)
	// The words the issue and the last review found: template, page and
	// generic words, and fragments of longer words (一审 of 一事一审, 办来岚
	// of 省公开办来岚开展, 产品 of 政策解读产品, 背景 of 政策背景).
	banned := strings.Fields(`中所列 如对本 日止 日起 邮编 人民 链接 目录 zfxxgk zwgk 报告 情况 年度 信息 公开 工作 政府信息 政府信息公开 政务公开 我局 我区 全区
		办来岚 一审 会议 省市 产品 背景 区县 实验区 非税 服务型 备案号 主办单位 标识码 版权所有`)
	for name, rec := range sampleRecords(t) {
		raw, _ := os.ReadFile(filepath.Join("..", "testdata", "reports", name))
		urls := urlRe.FindAllString(string(raw), -1)
		for _, sec := range rec.Sections {
			urls = append(urls, urlRe.FindAllString(sec.Text, -1)...)
		}
		names := map[string]bool{}
		for _, f := range rec.Fields {
			if f.Kind == "agency" || f.Kind == "place" {
				names[f.Text] = true
			}
		}
		n := 0
		bySection := map[int][]string{}
		for _, f := range rec.Fields {
			if f.Kind != "keyword" {
				continue
			}
			n++
			w := f.Text
			for _, o := range bySection[f.Section] {
				if strings.Contains(o, w) || strings.Contains(w, o) {
					t.Errorf("%s §%d: keyword %q and %q: one holds the other", name, f.Section, w, o)
				}
			}
			bySection[f.Section] = append(bySection[f.Section], w)
			// A word mostly of single characters that no dictionary
			// joins (办来岚: 办/来/岚) is an artefact, unless the agency
			// wrote it twice or in quotation marks.
			sec := sectionText(rec, f.Section)
			if parts := s.cutNoHMM(w); mostlySingle(parts) && strings.Count(sec, w) < 2 && !strings.Contains(sec, "“"+w+"”") {
				t.Errorf("%s §%d: keyword %q (%s) is no dictionary word, written once", name, f.Section, w, strings.Join(parts, "/"))
			}
			if strings.Contains(tmpl, w) {
				t.Errorf("%s §%d: keyword %q is in the templates' fixed text", name, f.Section, w)
			}
			for _, u := range urls {
				if strings.Contains(strings.ToLower(u), strings.ToLower(w)) {
					t.Errorf("%s §%d: keyword %q is part of the URL %s", name, f.Section, w, u)
				}
			}
			for _, b := range banned {
				if w == b || strings.Contains(b, w) {
					t.Errorf("%s §%d: keyword %q (template, page or generic word %q)", name, f.Section, w, b)
				}
			}
			if names[w] {
				t.Errorf("%s §%d: keyword %q is a name", name, f.Section, w)
			}
			if strings.IndexFunc(w, func(r rune) bool { return r < 0x80 && r != '+' }) >= 0 && !terms()[w] {
				t.Errorf("%s §%d: keyword %q has Latin letters or digits", name, f.Section, w)
			}
			if f.Section == 0 || (rec.Meta.Generation != extract.GenLegacy && f.Section >= 2 && f.Section <= 4) {
				t.Errorf("%s: keyword %q from section %d (not narrative)", name, w, f.Section)
			}
		}
		if n == 0 {
			t.Errorf("%s: no keyword", name)
		}
		t.Logf("%s: %s", name, strings.Join(topTen(rec), " "))
	}
}

// cutNoHMM cuts w with the dictionaries only (no HMM guesses).
func (s *Segmenter) cutNoHMM(w string) []string {
	var parts []string
	s.with(func(jb *gojieba.Jieba) { parts = jb.Cut(w, false) })
	return parts
}

// mostlySingle reports whether more of parts are single characters than
// words.
func mostlySingle(parts []string) bool {
	n := 0
	for _, p := range parts {
		if utf8.RuneCountInString(p) == 1 {
			n++
		} else {
			n--
		}
	}
	return n > 0
}

// sectionText is the text of section num of rec, lines joined.
func sectionText(rec *extract.Record, num int) string {
	var b strings.Builder
	for _, sec := range rec.Sections {
		if sec.Number == num {
			t, _ := unwrap(blank(sec.Text))
			b.WriteString(t)
		}
	}
	return b.String()
}

// topTen returns the ten heaviest keywords of rec over its sections,
// each word once: the keywords of the report.
func topTen(rec *extract.Record) []string {
	var kw []extract.Field
	for _, f := range rec.Fields {
		if f.Kind == "keyword" {
			kw = append(kw, f)
		}
	}
	sort.SliceStable(kw, func(i, j int) bool { return kw[i].Number > kw[j].Number })
	var out []string
	seen := map[string]bool{}
	for _, f := range kw {
		if !seen[f.Text] && len(out) < 10 {
			seen[f.Text] = true
			out = append(out, f.Text)
		}
	}
	return out
}

// TestKeywordsRise checks the weighting: the words of every report sink,
// the field's specific terms rise and are kept whole.
func TestKeywordsRise(t *testing.T) {
	s := seg(t)
	text := "2023年，我局认真做好政府信息公开工作，推进信息公开，公开工作信息，加强公开工作。" +
		"我局编制依申请公开答复书模板，规范依申请公开答复书模板的使用；开通12345热线，接听群众咨询；" +
		"整合政务新媒体，关停政务新媒体2个，信息公开工作稳步推进，公开信息及时准确。"
	kw := s.Keywords(text, 5)
	for _, w := range []string{"依申请公开答复书模板", "12345热线", "政务新媒体"} {
		found := false
		for _, k := range kw {
			found = found || k == w
		}
		if !found {
			t.Errorf("%s not among the top five %v", w, kw)
		}
	}
	for _, k := range s.Keywords(text, 20) {
		if oneOf(k, "公开", "信息", "工作", "信息公开", "政府信息公开") {
			t.Errorf("generic word %q is a keyword: %v", k, kw)
		}
	}
}

// TestDFRoundTrip writes a document-frequency list and reads it back, and
// rejects a broken one with the file and line.
func TestDFRoundTrip(t *testing.T) {
	d := &DF{Source: "test"}
	d.AddDoc([]string{"政务新媒体", "公开", "公开"})
	d.AddDoc([]string{"公开"})
	var b strings.Builder
	if err := WriteDF(&b, d); err != nil {
		t.Fatal(err)
	}
	got, err := ReadDF(strings.NewReader(b.String()), "x")
	if err != nil {
		t.Fatal(err)
	}
	if got.Docs != 2 || got.Count["公开"] != 2 || got.Count["政务新媒体"] != 1 || got.Source != "test" {
		t.Errorf("read back %+v", got)
	}
	if got.rarity("公开", 10) >= got.rarity("政务新媒体", 10) || got.rarity("政务新媒体", 10) >= got.rarity("从未出现", 10) {
		t.Error("rarity does not fall with document frequency")
	}
	if got.rarity("地方", 4) >= got.rarity("传帮带", 13) || got.rarity("传帮带", 13) < 0.99 {
		t.Error("rarity of a word no report has does not follow its general IDF")
	}
	if _, err := ReadDF(strings.NewReader("# docs 2\n公开 2\n"), "bad.df"); err == nil || !strings.Contains(err.Error(), "bad.df: line 2") {
		t.Errorf("broken line: %v", err)
	}
	if _, err := ReadDF(strings.NewReader("公开\t2\n"), "bad.df"); err == nil {
		t.Error("no docs line accepted")
	}
	emb, err := embeddedDF()
	if err != nil || emb.Docs < 5 || !strings.Contains(emb.Source, "sample reports") {
		t.Errorf("embedded list: %v %+v", err, emb)
	}
}

// TestAgencyNames checks that agency fields are whole names as printed:
// on the sample reports against the hand-checked list in
// testdata/agencies.tsv, and on sentences naming agencies that gojieba
// cuts into pieces.
func TestAgencyNames(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "agencies.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if f := strings.SplitN(l, "\t", 2); len(f) == 2 && !strings.HasPrefix(l, "#") {
			want[f[0]] = f[1]
		}
	}
	recs := sampleRecords(t)
	for name, rec := range recs {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: not in testdata/agencies.tsv", name)
		}
		checkWhole(t, name, rec)
	}
	for name, w := range want {
		rec, ok := recs[name]
		if !ok {
			t.Errorf("%s: not a sample", name)
			continue
		}
		if got := agenciesOf(rec); got != w {
			t.Errorf("%s agencies:\n got %s\nwant %s", name, got, w)
		}
	}
	s := seg(t)
	for _, tt := range []struct{ in, want string }{
		{"本报告由淮安市洪泽区人民政府办公室编制。", "淮安市洪泽区人民政府办公室"},
		{"淮安市洪泽区人民政府认真贯彻落实。", "淮安市洪泽区人民政府"},
		{"按照国务院办公厅要求，做好公开工作。", "国务院办公厅"},
		{"根据福建省人民政府办公厅的通知。", "福建省人民政府办公厅"},
		{"南京市江宁区市场监督管理局开展检查。", "南京市江宁区市场监督管理局"},
		{"广西壮族自治区南宁市青秀区人民政府发布通告。", "广西壮族自治区南宁市青秀区人民政府"},
		{"经济发展局、交通与建设局联合发文。", "交通与建设局 | 经济发展局"},
		{"区行政审批局、区公共资源交易中心通力协作。", "区公共资源交易中心 | 区行政审批局"},
		// Places gojieba cuts up or does not know, which the division
		// data has (西乡/塘区, 上/城区, 管城/回族/区, 建外/街道), or that end
		// like one (敖东镇/x).
		{"西乡塘区人民政府发布通告。", "西乡塘区人民政府"},
		{"本报告由杭州市上城区人民政府编制。", "杭州市上城区人民政府"},
		{"郑州市管城回族区人民政府认真贯彻落实条例。", "郑州市管城回族区人民政府"},
		{"北京市朝阳区建外街道办事处发布通告。", "北京市朝阳区建外街道办事处"},
		{"敖东镇人民政府发布通告。", "敖东镇人民政府"},
		{"各乡镇人民政府要加强公开。", ""},
		{"建设法治政府、服务型政府。", ""},
	} {
		rec := &extract.Record{Sections: []extract.Section{{Number: 1, Text: tt.in}}}
		if err := s.Annotate(rec); err != nil {
			t.Fatal(err)
		}
		if got := agenciesOf(rec); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.in, got, tt.want)
		}
		checkWhole(t, tt.in, rec)
	}
}

// checkWhole checks that no agency field of rec is cut from a longer
// name where it is printed: in its sentence, at least one occurrence has
// no division's full name of the national list running into it (区人民
// 政府 of 淮安市洪泽区人民政府, 城区人民政府 of 上城区人民政府) and no organ
// word after it (国务院 of 国务院办公厅).
func checkWhole(t *testing.T, name string, rec *extract.Record) {
	t.Helper()
	divs := divisionNames()
	cut := func(before []rune, a string, after string) string {
		first := []rune(a)
		for n := 1; n <= 8 && n <= len(before); n++ {
			for m := 1; m <= 4 && m <= len(first); m++ {
				if d := string(before[len(before)-n:]) + string(first[:m]); divs[d] {
					return d + "…"
				}
			}
		}
		for _, o := range []string{"办公厅", "办公室", "秘书局"} {
			if strings.HasPrefix(after, o) {
				return "…" + o
			}
		}
		return ""
	}
	for _, f := range rec.Fields {
		if f.Kind != "agency" {
			continue
		}
		// The sentence as printed, with its line breaks: names run over
		// them (市\n\n科技局).
		sent := strings.Join(strings.Fields(f.Sentence), "")
		var cuts []string
		whole := false
		for off := 0; ; {
			k := strings.Index(sent[off:], f.Text)
			if k < 0 {
				break
			}
			at := off + k
			off = at + len(f.Text)
			if c := cut([]rune(sent[:at]), f.Text, sent[off:]); c != "" {
				cuts = append(cuts, c)
			} else {
				whole = true
			}
		}
		if !whole {
			t.Errorf("%s: agency %q is cut from a longer name (%s) in %q", name, f.Text, strings.Join(cuts, ", "), sent)
		}
	}
}

// agenciesOf lists the distinct agency names of rec, sorted, joined by " | ".
func agenciesOf(rec *extract.Record) string {
	set := map[string]bool{}
	for _, f := range rec.Fields {
		if f.Kind == "agency" {
			set[f.Text] = true
		}
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, " | ")
}

// TestEnvDF checks that $NIANBAO_IDF replaces the embedded list and that
// a file that cannot be read is an error naming it.
func TestEnvDF(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.df")
	os.WriteFile(path, []byte("# from a test\n# docs 3\n政务新媒体\t1\n"), 0o644)
	t.Setenv(EnvDF, path)
	d, err := defaultDF()
	if err != nil || d.Docs != 3 || d.Count["政务新媒体"] != 1 {
		t.Fatalf("%v %+v", err, d)
	}
	t.Setenv(EnvDF, path+".missing")
	if _, err := New(Options{}); err == nil || !strings.Contains(err.Error(), "x.df.missing") {
		t.Errorf("missing file: %v", err)
	}
}

// TestIsFixedIndex: IsFixed, which looks words up in a suffix array of the
// fixed text, answers as a substring search of that text would, for
// words of the fixed text and words of a report (most not in it).
func TestIsFixedIndex(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "pingtan-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	blob := fixed().blob
	n, yes := 0, 0
	for _, text := range []string{blob[:min(len(blob), 3000)], string(b)} {
		r := []rune(text)
		for i := 0; i < len(r); i += 3 {
			for k := 1; k <= 6 && i+k <= len(r); k++ {
				w := string(r[i : i+k])
				want := strings.Contains(blob, stripDigits(w))
				if got := IsFixed(w); got != want {
					t.Errorf("IsFixed(%q) = %v, substring search says %v", w, got, want)
				}
				n++
				if want {
					yes++
				}
			}
		}
	}
	if yes == 0 || yes == n {
		t.Fatalf("%d of %d words fixed: the test compares nothing", yes, n)
	}
}

// TestFurnitureNeeds: every match of a furniture pattern, over the
// samples' sections and lines made to match, holds one of the words its
// prefilter needs, so that skipping a text without them changes nothing.
func TestFurnitureNeeds(t *testing.T) {
	res := furniture()
	texts := []string{"网址：http://www.pingtan.gov.cn/x", "联系地址：平潭县\n邮编：350400；电话：0591-1234", "邮箱 a@b.cn",
		"传真/0591", "2021.5", "见1/2页", "主办单位：平潭综合实验区管委会 网站标识码3501000001"}
	for _, rec := range sampleRecords(t) {
		for _, s := range rec.Sections {
			texts = append(texts, s.Text)
		}
	}
	n := 0
	for i, re := range res {
		need := furnitureNeeds(i)
		if need == nil {
			continue
		}
		for _, text := range texts {
			for _, m := range re.FindAllString(text, -1) {
				n++
				if !containsAny(m, need) {
					t.Errorf("pattern %d matches %q, which holds none of %v", i, m, need)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no match checked")
	}
}
