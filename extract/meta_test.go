package extract

import (
	"strings"
	"testing"
)

// reportBody is the six sections of a report with table 三 cut off after
// its first rows, and table 二 and 四 not printed at all.
const reportBody = `一、总体情况
本年度，我局认真贯彻落实《条例》，推进政务公开工作。
二、主动公开政府信息情况
本年主动公开政府信息125条。
三、收到和处理政府信息公开申请情况
本年新收政府信息公开申请数量	3	0	0	0	0	0	3
四、政府信息公开行政复议、行政诉讼情况
无。
五、存在的主要问题及改进情况
公开内容不够全面。
六、其他需要报告的事项
无。
`

func parseText(t *testing.T, s string, opt Options) *Record {
	t.Helper()
	if opt.Name == "" {
		opt.Name = "report.txt"
	}
	rec, err := Parse(strings.NewReader(s), opt)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// A text with a report title and numbered sections is a report even when
// its tables are cut off: metadata, sections, MISSING cells, warnings.
func TestCutTablesStillReport(t *testing.T) {
	src := "2022年度\n苏州市吴江区震泽镇人民政府\n政府信息公开工作年度报告\n" +
		"本报告所列数据的统计期限自2022年1月1日起至12月31日止。\n" + reportBody
	rec := parseText(t, src, Options{})
	if rec.Meta.Agency != "苏州市吴江区震泽镇人民政府" || rec.Meta.Year != 2022 || rec.Meta.Generation != Gen2021 {
		t.Errorf("meta = %+v", rec.Meta)
	}
	if rec.Meta.PeriodStart != "2022-01-01" || rec.Meta.PeriodEnd != "2022-12-31" || !strings.HasPrefix(rec.Meta.YearFrom, "statistical period, line 4") {
		t.Errorf("period %s..%s, year from %q", rec.Meta.PeriodStart, rec.Meta.PeriodEnd, rec.Meta.YearFrom)
	}
	if n := len(rec.Sections); n != 7 {
		t.Errorf("%d sections, want the preamble and six", n)
	}
	if c := rec.Cell("t2.regulations.issued"); c == nil || c.Status != StatusMissing {
		t.Errorf("t2.regulations.issued = %+v, want MISSING", c)
	}
	if c := rec.Cell("t3.new_received.total"); c == nil || c.Value != "3" {
		t.Errorf("t3.new_received.total = %+v, want 3", c)
	}
	if !hasWarning(rec, "MISSING_TABLE") || !hasWarning(rec, "MISSING_ROWS") {
		t.Errorf("warnings %+v, want MISSING_TABLE and MISSING_ROWS", rec.Warnings)
	}

	// no year anywhere: still a report, with sections and a warning
	rec = parseText(t, "某某县交通运输局政府信息公开工作年度报告\n"+reportBody, Options{})
	if rec.Meta.Agency != "某某县交通运输局" || rec.Meta.Generation != GenUnknown || len(rec.Sections) < 6 || !hasWarning(rec, "NO_GENERATION") || !hasWarning(rec, "NO_YEAR") {
		t.Errorf("meta %+v, %d sections, warnings %+v", rec.Meta, len(rec.Sections), rec.Warnings)
	}

	// sections without a report title are not a report
	if _, err := Parse(strings.NewReader("工作总结\n"+reportBody), Options{Name: "x.txt"}); err == nil {
		t.Error("sections without a report title parsed as a report")
	}
}

func TestYearConflict(t *testing.T) {
	src := "青岛市市场监督管理局2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n" + reportBody
	rec := parseText(t, src, Options{})
	if rec.Meta.Year != 2022 || !hasWarning(rec, "YEAR_CONFLICT") {
		t.Errorf("year %d (%s), warnings %+v; want 2022 from the period and YEAR_CONFLICT", rec.Meta.Year, rec.Meta.YearFrom, rec.Meta)
	}
	// a period in the narrative is not the statistical period
	src = "青岛市市场监督管理局2021年政府信息公开工作年度报告\n" + strings.Replace(reportBody, "本年主动公开", "2022年1月1日至2022年3月31日，主动公开", 1)
	rec = parseText(t, src, Options{})
	if rec.Meta.Year != 2021 || hasWarning(rec, "YEAR_CONFLICT") {
		t.Errorf("year %d (%s), want 2021 from the title and no conflict", rec.Meta.Year, rec.Meta.YearFrom)
	}
}

// When the title names no agency and the introduction says 我局, the
// name comes from the signature, then from the page's metadata.
func TestAgencyFromOtherSources(t *testing.T) {
	intro := "根据《中华人民共和国政府信息公开条例》规定，现公布我局2022年度政府信息公开工作年度报告。\n"
	rec := parseText(t, "2022年政府信息公开工作年度报告\n"+intro+reportBody+"\n合肥市住房和城乡建设局\n2023年1月18日\n", Options{})
	if rec.Meta.Agency != "合肥市住房和城乡建设局" || !strings.HasPrefix(rec.Meta.AgencyFrom, "signature") || rec.Meta.Year != 2022 {
		t.Errorf("meta %+v", rec.Meta)
	}
	rec = parseText(t, "2022年政府信息公开工作年度报告\n"+intro+reportBody, Options{})
	if rec.Meta.Agency != "" || !hasWarning(rec, "NO_AGENCY") {
		t.Errorf("agency %q from %q, want none and NO_AGENCY", rec.Meta.Agency, rec.Meta.AgencyFrom)
	}
	rec = parseText(t, intro+reportBody, Options{Input: Input{ListingTitle: "西安市生态环境局2022年政府信息公开工作年度报告"}})
	if rec.Meta.Agency != "西安市生态环境局" || rec.Meta.AgencyFrom != "fetch manifest title" {
		t.Errorf("agency %q from %q, want it from the manifest", rec.Meta.Agency, rec.Meta.AgencyFrom)
	}
	page := `<html><head><title>2022年政府信息公开工作年度报告_长沙市人民政府</title>
<meta name="ContentSource" content="长沙市卫生健康委员会"><meta name="SiteName" content="长沙市人民政府"></head>
<body><div class="info">来源：长沙市卫生健康委员会 发布时间：2023-01-20</div><div class="TRS_Editor"><p>` +
		strings.ReplaceAll(intro+reportBody, "\n", "</p><p>") + `</p></div></body></html>`
	rec = parseText(t, page, Options{Name: "page.html"})
	if rec.Meta.Agency != "长沙市卫生健康委员会" || rec.Meta.Year != 2022 {
		t.Errorf("meta %+v", rec.Meta)
	}
	// without the source metas the agency comes from the 来源 line,
	// and the provenance strings show the lines the HTML reader put in
	// MetaTag.Pos and Document.PublishedPos
	rec = parseText(t, strings.Replace(page, `<meta name="ContentSource" content="长沙市卫生健康委员会"><meta name="SiteName" content="长沙市人民政府">`, "", 1), Options{Name: "page.html"})
	if rec.Meta.AgencyFrom != "page text 来源, line 3" || rec.Meta.PublishedFrom != "page text 发布时间, line 3" {
		t.Errorf("agency from %q, published from %q; want both from line 3", rec.Meta.AgencyFrom, rec.Meta.PublishedFrom)
	}
}

// A site header above a title without an agency is not part of the title.
func TestSiteHeaderNotJoined(t *testing.T) {
	rec := parseText(t, "杭州市人民政府门户网站\n2022年政府信息公开工作年度报告\n根据《条例》规定，现公布我局2022年度政府信息公开工作年度报告。\n"+reportBody+"\n杭州市林业水利局\n2023年1月20日\n", Options{})
	if rec.Meta.Agency != "杭州市林业水利局" || rec.Meta.Title != "2022年政府信息公开工作年度报告" {
		t.Errorf("agency %q (%s), title %q", rec.Meta.Agency, rec.Meta.AgencyFrom, rec.Meta.Title)
	}
}

// The publication date of a text dump's 发布时间 line says which line.
func TestPublishedLine(t *testing.T) {
	rec, err := ParseFile("../testdata/reports/pingtan-2020.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rec.Meta.Published != "2021-03-05" || rec.Meta.PublishedFrom != "发布时间 line, line 2" {
		t.Errorf("published %q from %q; want 2021-03-05 from 发布时间 line, line 2", rec.Meta.Published, rec.Meta.PublishedFrom)
	}
}
