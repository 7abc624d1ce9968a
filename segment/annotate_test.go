package segment

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// quantity is what a test expects of one stated count.
type quantity struct {
	sec     int
	subject string
	number  float64
	unit    string
}

func (q quantity) String() string {
	return fmt.Sprintf("§%d %s=%v%s", q.sec, q.subject, q.number, q.unit)
}

func quantitiesOf(rec *extract.Record) map[string]bool {
	got := map[string]bool{}
	for _, f := range fieldsOf(rec, "quantity", -1) {
		got[quantity{f.Section, f.Subject, f.Number, f.Unit}.String()] = true
	}
	return got
}

// checkQuantities reports the quantities of want missing from rec and
// those of not present in it.
func checkQuantities(t *testing.T, rec *extract.Record, want, not []quantity) {
	t.Helper()
	got := quantitiesOf(rec)
	for _, q := range want {
		if !got[q.String()] {
			t.Errorf("missing %v", q)
		}
	}
	for _, q := range not {
		if got[q.String()] {
			t.Errorf("unexpected %v", q)
		}
	}
	if t.Failed() {
		var all []string
		for k := range got {
			all = append(all, k)
		}
		sort.Strings(all)
		t.Logf("got %v", all)
	}
}

// TestStatedQuantities checks the counts the reports state in their prose
// (what D7 compares with the tables), and counts that must not be taken
// for them.
func TestStatedQuantities(t *testing.T) {
	s := seg(t)
	tests := []struct {
		report string
		want   []quantity
		not    []quantity // must be absent
	}{
		{"pingtan-2021.txt", []quantity{
			// 本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理
			{1, "received", 70, "件"}, {1, "completed", 69, "件"}, {1, "carried_forward", 1, "件"},
			{1, "proactive_published", 2645, "条"},
			{1, "interpretation", 29, "项"}, // 对29项…重要政策文件进行解读
			{1, "new_media_closed", 2, "个"},
			{1, "inspection", 4, "次"},
		}, []quantity{{1, "new_media", 2, "个"}}},
		{"pingtan-2022.txt", []quantity{
			{1, "litigation", 1, "件"}, {1, "admin_review", 2, "件"}, // 行政诉讼案件1件、行政复议案件2件
			{1, "received", 75, "件"}, {1, "proactive_published", 14571, "条"},
			{1, "new_media", 33, "个"},
		}, []quantity{{1, "received", 72, "件"}}}, // 涉及自然人72件
		{"huaian-2024-word.html", []quantity{
			// 共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度答复）
			{1, "received", 3119, "件"}, {1, "completed", 3050, "件"},
			{1, "carried_over", 34, "件"}, {1, "carried_forward", 103, "件"},
			{1, "admin_review", 351, "件"}, {1, "litigation", 46, "件"},
			{1, "proactive_published", 5500, "条"}, // 5500 余条
			{1, "interpretation", 21, "个"}, {1, "gazette", 6, "期"}, {1, "press_conference", 12, "场"},
			{1, "new_media", 95, "个"},
			{6, "fee", 3940, "元"},
		}, []quantity{
			{1, "admin_review", 72, "件"}, // 其中结果维持 72 件
			{1, "new_media", 4, "个"},     // 四个季度
			{1, "completed", 103, "件"},
		}},
		{"pingtan-2020.txt", []quantity{
			{1, "received", 21, "件"}, {1, "proactive_published", 2602, "条"},
			{1, "proactive_published_part", 1053, "条"},
		}, []quantity{{1, "received", 348, "件"}, {1, "completed", 162, "件"}}}, // 收到群众诉求348件
		{"guyuan-kjj-2020.txt", []quantity{
			{1, "proactive_published", 118, "条"},
			{1, "received", 0, ""}, // 没有收到申请公开事项
		}, nil},
		{"pingtan-2015.txt", []quantity{
			{2, "proactive_published", 2949, "条"}, {2, "proactive_published_part", 2275, "条"},
			{3, "received", 0, ""}, {3, "admin_review", 0, ""}, {3, "litigation", 0, ""},
		}, []quantity{
			{1, "received", 136437, "件"},          // 窗口…共受理申请136437件
			{1, "proactive_published", 188, "条"},  // 政府采购项目信息
			{2, "proactive_published", 1831, "条"}, // 其他应主动公开的信息
			{4, "proactive_published", 20, "条"},   // 第二十条
		}},
		{"pingtan-2018.txt", []quantity{
			{2, "proactive_published", 2069, "条"}, {2, "proactive_published_part", 477, "条"},
			{3, "received", 0, ""}, {4, "admin_review", 0, ""}, {4, "litigation", 0, ""},
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.report, func(t *testing.T) {
			rec := record(t, tt.report)
			if err := s.Annotate(rec); err != nil {
				t.Fatal(err)
			}
			checkQuantities(t, rec, tt.want, tt.not)
		})
	}
}

// TestQuantitySentences checks quantities one sentence at a time, with
// the number's position marked by § in the input.
func TestQuantitySentences(t *testing.T) {
	tests := []struct {
		in   string
		want string // "subject=number" list, or "" for none
	}{
		{"本年度全区共收到§70件申请，及时依法依规办结§69件，§1件结转下年度继续办理。", "received=70 completed=69 carried_forward=1"},
		{"全年共受理政府信息公开申请§3,119件。", "received=3119"},
		{"收到政府信息公开申请§两件，均已答复。", "received=2"},
		{"共有行政诉讼案件§1件、行政复议案件§2件。", "litigation=1 admin_review=2"},
		{"发生政府信息公开行政复议§3起。", "admin_review=3"},
		{"收取信息处理费§1,200元。", "fee=1200"},
		{"全年未收取信息处理费。", "fee=0"},
		{"本年度未发生因政府信息公开引起的行政复议、行政诉讼。", "admin_review=0 litigation=0"},
		{"发布政策解读§15篇。", "interpretation=15"},
		{"通过政府网站主动公开信息§1,234条。", "proactive_published=1234"},
		{"全年主动公开政府信息§1.2万余条。", "proactive_published=12000"},
		{"收取信息处理费§0.35万元。", "fee=3500"},
		{"累计主动公开政府采购项目信息188条。", ""},
		{"收到行政复议申请§2件。", "admin_review=2"},
		{"本年度新收政府信息公开申请§40件，上年结转§3件。", "received=40 carried_over=3"},
		{"因政府信息公开被申请行政复议§2起、提起行政诉讼§1起。", "admin_review=2 litigation=1"},
		{"在四个季度的检查中发现问题。", ""},
		{"依据第二十条第（一）项主动公开政府信息。", ""},
		{"收到群众诉求348件，办结率100%。", ""},
		{"联系电话0591-23165370件。", ""},
		{"尚未审结\t总计\t未经复议直接起诉", ""},
	}
	for _, tt := range tests {
		text := strings.ReplaceAll(tt.in, "§", "")
		fs := quantities(nil, 1, text, span{0, len(text)}, map[string]bool{})
		var got []string
		for _, f := range fs {
			got = append(got, fmt.Sprintf("%s=%v", f.Subject, f.Number))
			if f.Number != 0 && !strings.Contains(tt.in, "§"+f.Text) {
				t.Errorf("%q: field text %q is not at a § mark", tt.in, f.Text)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, g, tt.want)
		}
	}
}

// TestProblemsMeasures checks the split of section 五 on the reports.
func TestProblemsMeasures(t *testing.T) {
	s := seg(t)
	tests := []struct {
		report             string
		problems, measures []string // prefixes of the items, in order
	}{
		{"pingtan-2021.txt",
			[]string{"政策解读形式不够丰富", "政务公开质量水平有待提高"},
			[]string{"丰富政策解读形式", "加强重点政务信息管理", "拓宽公开载体和渠道"}},
		{"pingtan-2022.txt",
			[]string{"重大行政决策预公开程度", "部分重点领域信息公开深度不足", "政策解读形式单一"},
			[]string{"丰富意见征集形式", "加大重点领域公开信息整合", "丰富政策解读形式和方式"}},
		{"pingtan-2020.txt",
			[]string{"基层政务公开标准化规范化水平", "各部门政府信息公开工作的开展", "少数政务新媒体"},
			[]string{"持续认真贯彻", "加强政府信息的日常管理", "强化政府网站与政务新媒体", "加大统筹指导力度"}},
		{"guyuan-kjj-2020.txt",
			[]string{"信息更新的频率还需进一步提高"},
			[]string{"提升政策解读效果。加强落实政策解读机制", "加强政府信息公开", "进一步强化意识"}},
		{"huaian-2024-word.html",
			[]string{"政策解读质量仍需提升", "政务公开队伍建设还需进一步加强"},
			[]string{"针对存在问题，下一步", "建立健全“传帮带”机制"}},
	}
	for _, tt := range tests {
		t.Run(tt.report, func(t *testing.T) {
			rec := record(t, tt.report)
			if err := s.Annotate(rec); err != nil {
				t.Fatal(err)
			}
			sec := rec.Section(5)
			check := func(kind string, want []string) {
				got := fieldsOf(rec, kind, 5)
				if len(got) != len(want) {
					for _, f := range got {
						t.Logf("%s: %q", kind, f.Text)
					}
					t.Fatalf("%d %ss, want %d", len(got), kind, len(want))
				}
				for i, f := range got {
					if !strings.HasPrefix(f.Text, want[i]) {
						t.Errorf("%s %d = %q, want prefix %q", kind, i+1, f.Text, want[i])
					}
					if !strings.HasPrefix(sec.Text[f.Offset:], f.Sentence) {
						t.Errorf("%s %d: offset %d does not point at its sentence", kind, i+1, f.Offset)
					}
				}
			}
			check("problem", tt.problems)
			check("measure", tt.measures)
		})
	}
}

// TestProblemsMeasuresShapes covers layouts of section 五 not in the
// sample reports.
func TestProblemsMeasuresShapes(t *testing.T) {
	tests := []struct {
		text               string
		problems, measures int
	}{
		{"（一）存在的问题\n1.公开内容不够全面。\n2.解读形式单一。\n（二）改进措施\n1.加强培训。\n2.丰富解读形式。\n3.强化监督。", 2, 3},
		{"主要问题：一是公开不及时；二是解读不到位。下一步，将重点做好以下工作：第一，加强组织领导；第二，完善制度。", 2, 2},
		{"我局政府信息公开工作还存在一些不足，公开的内容还不够丰富。2024年，我局将进一步加强政务公开工作，不断丰富公开内容。", 1, 1},
		{"无。", 0, 0},
		{"", 0, 0},
	}
	for _, tt := range tests {
		fs := problemsMeasures(nil, 5, tt.text)
		var p, m int
		for _, f := range fs {
			switch f.Kind {
			case "problem":
				p++
			case "measure":
				m++
			}
		}
		if p != tt.problems || m != tt.measures {
			t.Errorf("%q: %d problems, %d measures; want %d, %d", tt.text, p, m, tt.problems, tt.measures)
			for _, f := range fs {
				t.Logf("  %s %q", f.Kind, f.Text)
			}
		}
	}
}

// TestNamesDatesChannels checks the other tagged fields on one report.
func TestNamesDatesChannels(t *testing.T) {
	rec := record(t, "pingtan-2021.txt")
	if err := seg(t).Annotate(rec); err != nil {
		t.Fatal(err)
	}
	has := func(kind, subject, text string) {
		t.Helper()
		for _, f := range rec.Fields {
			if f.Kind == kind && f.Text == text && (subject == "" || f.Subject == subject) {
				sec := rec.Section(f.Section)
				if sec == nil || !strings.HasPrefix(sec.Text[f.Offset:], f.Sentence) {
					t.Errorf("%s %q: bad offset %d", kind, text, f.Offset)
				}
				if kind != "keyword" && !strings.Contains(f.Sentence, text) {
					t.Errorf("%s %q: sentence %q does not contain it", kind, text, f.Sentence)
				}
				return
			}
		}
		t.Errorf("no %s %s %q", kind, subject, text)
	}
	has("date", "2021-01-01", "2021年1月1日")
	has("date", "2021-12-31", "2021年12月31日")
	has("year", "", "2021年")
	has("channel", "website", "政府网站")
	has("channel", "new_media", "政务新媒体")
	has("channel", "wechat", "微信公众号")
	has("agency", "", "国务院办公厅秘书局") // the whole name, not 国务院办公厅
	has("agency", "", "福建省人民政府办公厅")
	has("agency", "", "平潭综合实验区管委会办公室")
	has("place", "", "平潭综合实验区")
	has("keyword", "", "政务新媒体")
	for _, f := range rec.Fields {
		if f.Kind == "place" && (f.Text == "广度" || f.Text == "深度") {
			t.Errorf("common word %q taken for a place", f.Text)
		}
	}
	kw := fieldsOf(rec, "keyword", 1)
	if len(kw) != 10 {
		t.Errorf("%d keywords in section 1, want 10", len(kw))
	}
	for _, f := range kw {
		if !countable(f.Text) || f.Number <= 0 {
			t.Errorf("keyword %q weight %v", f.Text, f.Number)
		}
	}
}

// TestAnnotateReplaces checks that Annotate replaces earlier fields and
// gives the same result twice.
func TestAnnotateReplaces(t *testing.T) {
	s := seg(t)
	rec := record(t, "pingtan-2022.txt")
	if err := s.Annotate(rec); err != nil {
		t.Fatal(err)
	}
	first := append([]extract.Field(nil), rec.Fields...)
	if err := s.Annotate(rec); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(first) != fmt.Sprint(rec.Fields) {
		t.Error("a second Annotate gave other fields")
	}
	if err := s.Annotate(nil); err != nil {
		t.Errorf("Annotate(nil) = %v", err)
	}
}

// TestAnnotateSentences: AnnotateSentences gives the fields Annotate gives,
// and the sentences of every narrative section with the words that make
// them up, in order, as gojieba cuts the sentence alone (nearly always:
// the HMM may cut a few words otherwise with more context).
func TestAnnotateSentences(t *testing.T) {
	s := seg(t)
	n, same, joined := 0, 0, 0
	for name, rec := range sampleRecords(t) {
		cp := *rec
		cp.Fields = nil
		ss, err := s.AnnotateSentences(&cp)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(cp.Fields, rec.Fields) {
			t.Errorf("%s: AnnotateSentences gives %d fields, Annotate %d (or other ones)", name, len(cp.Fields), len(rec.Fields))
		}
		secs := map[int]bool{}
		for _, sec := range rec.Sections {
			if strings.TrimSpace(sec.Text) != "" {
				secs[sec.Number] = true
			}
		}
		got := map[int]bool{}
		for _, se := range ss {
			got[se.Section] = true
			n++
			if strings.Join(se.Words, "") == se.Text {
				joined++
			}
			if reflect.DeepEqual(se.Words, s.Cut(se.Text)) {
				same++
			}
		}
		if !reflect.DeepEqual(got, secs) {
			t.Errorf("%s: sentences of sections %v, want %v", name, got, secs)
		}
	}
	if n == 0 || joined < n*99/100 || same < n*9/10 {
		t.Errorf("%d sentences: %d are their words joined, %d cut alike alone", n, joined, same)
	}
	t.Logf("%d sentences: %d are their words joined, %d cut alike alone", n, joined, same)
}
