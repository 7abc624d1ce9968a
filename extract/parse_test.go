package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract/layout"
)

const miniReport = `某某县人民政府2021年政府信息公开工作年度报告
本报告统计期限自2021年1月1日起至2021年12月31日止。
一、总体情况
全年主动公开政府信息120条。
二、主动公开政府信息情况
信息内容	本年制发件数	本年废止件数	现行有效件数
规章	0	0	0
行政规范性文件	3	1	20
信息内容	本年处理决定数量
行政许可	15
行政处罚	4
行政强制	0
信息内容	本年收费金额（单位：万元）
行政事业性收费	1.5
三、收到和处理政府信息公开申请情况
申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计
一、本年新收政府信息公开申请数量	5	1	0	0	0	0	6
二、上年结转政府信息公开申请数量	1	0	0	0	0	0	1
三、本年度办理结果（一）予以公开	3	1	0	0	0	0	4
（二）部分公开（区分处理的，只计这一情形，不计其他情形）	1	0	0	0	0	0	1
（三）不予公开 1.属于国家秘密	0	0	0	0	0	0	0
2.其他法律行政法规禁止公开	0	0	0	0	0	0	0
3.危及"三安全一稳定"	0	0	0	0	0	0	0
4.保护第三方合法权益	0	0	0	0	0	0	0
5.属于三类内部事务信息	0	0	0	0	0	0	0
6.属于四类过程性信息	0	0	0	0	0	0	0
7.属于行政执法案卷	0	0	0	0	0	0	0
8.属于行政查询事项	0	0	0	0	0	0	0
（四）无法提供 1.本机关不掌握相关政府信息	1	0	0	0	0	0	1
2.没有现成信息需要另行制作	0	0	0	0	0	0	0
3.补正后申请内容仍不明确	0	0	0	0	0	0	0
（五）不予处理 1.信访举报投诉类申请	0	0	0	0	0	0	0
2.重复申请	0	0	0	0	0	0	0
3.要求提供公开出版物	0	0	0	0	0	0	0
4.无正当理由大量反复申请	0	0	0	0	0	0	0
5.要求行政机关确认或重新出具已获取信息	0	0	0	0	0	0	0
（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请	0	0	0	0	0	0	0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请	0	0	0	0	0	0	0
3.其他	0	0	0	0	0	0	0
（七）总计	5	1	0	0	0	0	6
四、结转下年度继续办理	1	0	0	0	0	0	1
四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉
0 1 0 0 1 0 0 0 0 0 0 0 0 0 0
五、存在的主要问题及改进情况
问题一。改进一。
六、其他需要报告的事项
本年度未收取信息处理费。
`

func parseString(t *testing.T, s string) *Record {
	t.Helper()
	rec, err := Parse(strings.NewReader(s), Options{Name: "mini.txt"})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return rec
}

func TestParseMini(t *testing.T) {
	rec := parseString(t, miniReport)
	if rec.Meta.Agency != "某某县人民政府" || rec.Meta.Year != 2021 || rec.Meta.Generation != Gen2021 {
		t.Errorf("meta = %+v", rec.Meta)
	}
	if rec.Meta.PeriodStart != "2021-01-01" || rec.Meta.PeriodEnd != "2021-12-31" {
		t.Errorf("period = %s..%s", rec.Meta.PeriodStart, rec.Meta.PeriodEnd)
	}
	want := map[string]string{
		"t2.normative_docs.in_force":         "20",
		"t2.admin_fees.amount_wan_yuan":      "1.5",
		"t3.granted.total":                   "4",
		"t3.unable_not_held.total":           "1",
		"t3.carried_forward.total":           "1",
		"t4.admin_review.corrected":          "1",
		"t4.admin_review.total":              "1",
		"t3.denied_security_stability.total": "0",
	}
	for id, v := range want {
		c := rec.Cell(id)
		if c == nil || c.Status != StatusOK || c.Value != v {
			t.Errorf("%s = %+v, want %s", id, c, v)
		}
	}
	for _, c := range rec.Cells {
		if c.Status != StatusOK {
			t.Errorf("%s: status %s, want ok", c.ID, c.Status)
		}
	}
	// sections: six, and 四 is the real heading, not table 三's row 四
	if len(rec.Sections) != 7 || rec.Sections[0].Number != 0 || !strings.Contains(rec.Sections[0].Text, "统计期限") {
		t.Fatalf("got %d sections, want the preamble and six: %+v", len(rec.Sections), rec.Sections)
	}
	if h := rec.Section(4).Heading; !strings.Contains(h, "行政复议") {
		t.Errorf("section 四 heading = %q", h)
	}
	if !strings.Contains(rec.Section(3).Text, "结转下年度继续办理") {
		t.Errorf("section 三 was cut at its own row 四: %q", rec.Section(3).Text)
	}
	// evidence: the line of the value
	c := rec.Cell("t3.granted.total")
	if c.Evidence.Line != 19 || !strings.Contains(c.Evidence.Label, "予以公开") {
		t.Errorf("evidence = %+v, want line 19 and the label", c.Evidence)
	}
}

func TestTemplateDeviation(t *testing.T) {
	// a fmt2021 report that prints （六）其他处理 as one row
	s := strings.Replace(miniReport, "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n3.其他\t0\t0\t0\t0\t0\t0\t0\n",
		"（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n", 1)
	rec := parseString(t, s)
	for _, id := range []string{"t3.other_no_correction.total", "t3.other_unpaid_fee.total", "t3.other_misc.total"} {
		if c := rec.Cell(id); c.Status != StatusMissing {
			t.Errorf("%s: %s, want missing", id, c.Status)
		}
	}
	if !hasWarning(rec, "TEMPLATE_DEVIATION") {
		t.Errorf("no TEMPLATE_DEVIATION warning: %+v", rec.Warnings)
	}
}

func TestMissingTable(t *testing.T) {
	i := strings.Index(miniReport, "四、政府信息公开行政复议")
	j := strings.Index(miniReport, "五、")
	rec := parseString(t, miniReport[:i]+"四、政府信息公开行政复议、行政诉讼情况\n本年度无。\n"+miniReport[j:])
	if c := rec.Cell("t4.admin_review.total"); c.Status != StatusMissing {
		t.Errorf("t4 cell: %s, want missing", c.Status)
	}
	if !hasWarning(rec, "MISSING_TABLE") {
		t.Errorf("no MISSING_TABLE warning: %+v", rec.Warnings)
	}
}

func hasWarning(rec *Record, code string) bool {
	for _, w := range rec.Warnings {
		if w.Code == code {
			return true
		}
	}
	return false
}

func TestBlankIsNotZero(t *testing.T) {
	g := &layout.Grid{}
	row := func(cells ...string) {
		var r []layout.Cell
		for i, c := range cells {
			r = append(r, layout.Cell{Text: c, Pos: layout.Pos{Table: 1, Row: len(g.Rows) + 1, Col: i + 1}})
		}
		g.Rows = append(g.Rows, r)
	}
	row("申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
	row("一、本年新收政府信息公开申请数量", "2", "", "", "", "", "", "2")
	row("（一）予以公开", "0", "", "0", "", "", "", "")
	doc := &layout.Document{Reader: "test", Blocks: []layout.Block{
		{Text: "某局2020年政府信息公开工作年度报告"},
		{Text: "第二十条第（九）项 本年新制作数量 上一年项目数量"},
		{Text: "三、收到和处理政府信息公开申请情况"},
		{Grid: g},
	}}
	rec := build(doc, FormatHTML)
	if c := rec.Cell("t3.new_received.org_commercial"); c.Status != StatusBlank {
		t.Errorf("blank cell: %+v", c)
	}
	if c := rec.Cell("t3.granted.natural_person"); c.Status != StatusOK || c.Value != "0" {
		t.Errorf("zero cell: %+v", c)
	}
	if c := rec.Cell("t3.granted.org_research"); c.Evidence.Row != 3 || c.Evidence.Col != 4 {
		t.Errorf("grid evidence = %+v, want row 3 col 4", c.Evidence.Pos)
	}
	for _, c := range rec.Cells {
		if c.Status == StatusAmbiguous {
			t.Errorf("%s is AMBIGUOUS: a grid's intact cells are never split", c.ID)
		}
	}
}

func TestBadInput(t *testing.T) {
	cases := map[string]struct {
		in   string
		want error
	}{
		"empty":    {"", ErrEmpty},
		"spaces":   {"  \n\t ", ErrEmpty},
		"binary":   {"\x00\x01\x02\x03\xff\xfe\x00garbage\x00\x00", ErrUnsupported},
		"nonsense": {"这是一篇与年度报告无关的文章。天气很好。", ErrNotReport},
	}
	for name, c := range cases {
		_, err := Parse(strings.NewReader(c.in), Options{Name: name + ".txt"})
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
			continue
		}
		if !strings.HasPrefix(err.Error(), name+".txt: ") {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
}

// FuzzParse: no input may panic or hang the parser.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "reports", "*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && len(b) < 400_000 {
			f.Add(b)
		}
	}
	f.Add([]byte(miniReport))
	f.Add([]byte("（一）予以公开270020130（七）总计20 0 00 0 121"))
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			rec, err := Parse(strings.NewReader(string(data)), Options{Name: "fuzz"})
			if err != nil {
				_ = err.Error()
			}
			if rec != nil {
				var b strings.Builder
				rec.WriteCells(&b)
			}
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("Parse did not return within 20 s on %d bytes", len(data))
		}
	})
}
