package legacy

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// marked removes the § markers from s and returns the text and, for each
// marker, its line and byte offset in the line: where a row's values
// start.
func marked(s string) (string, [][2]int) {
	var b strings.Builder
	var at [][2]int
	line, lineStart := 1, 0
	for _, r := range s {
		switch r {
		case '§':
			at = append(at, [2]int{line, b.Len() - lineStart})
			continue
		case '\n':
			line++
			lineStart = b.Len() + 1
		}
		b.WriteRune(r)
	}
	return b.String(), at
}

func TestFromTextCases(t *testing.T) {
	for _, tc := range []struct {
		name, text, narrative string
		want                  []want
		warn                  string // a warning that must be given
	}{{
		name: "spaced, year only, blank row, captions",
		text: "附件：统计表\n指标名称 计量 单位 本年度\n一、主动公开情况 主动公开信息数 条 §12 其中：1.网站公开 条 §10 2.政府公报公开 条 §2\n" +
			"受理申请数 件 二、其他 行政复议数 件 §0\n附件下载",
		want: []want{
			{"主动公开信息数", "条", "12", "", StatusOK, -1, nil},
			{"网站公开", "条", "10", "", StatusOK, 0, nil},
			{"政府公报公开", "条", "2", "", StatusOK, 0, nil},
			{"受理申请数", "件", "", "", StatusBlank, -1, nil},
			{"行政复议数", "件", "0", "", StatusOK, -1, nil},
		},
		warn: "caption without values skipped: 一、主动公开情况",
	}, {
		name:      "run together, narrative decides, L1 follows",
		text:      "指标名称计量单位2015年度历年累计主动公开文件数条§294981916其中：1、政府网站公开数条§2949819162、政府公报公开数条§00受理申请数件§01",
		narrative: "一、概述。2015年，全区主动公开政府信息2949条，其中网站公开2949条。",
		want: []want{
			{"主动公开文件数", "条", "2949", "81916", StatusOK, -1, nil},
			{"政府网站公开数", "条", "2949", "81916", StatusOK, 0, nil},
			{"政府公报公开数", "条", "0", "0", StatusOK, 0, nil},
			{"受理申请数", "件", "0", "1", StatusOK, -1, nil},
		},
	}, {
		name:      "run together, nothing decides",
		text:      "指标名称计量单位2015年度历年累计主动公开文件数条§294981916其中：1、政府网站公开数条§2949819162、政府公报公开数条§00",
		narrative: "主动公开政府信息2900条。", // not a candidate
		want: []want{
			{"主动公开文件数", "条", "", "", StatusAmbiguous, -1, []string{"2|94981916", "29|4981916", "294|981916", "2949|81916"}},
			{"政府网站公开数", "条", "", "", StatusAmbiguous, 0, []string{"2|94981916", "29|4981916", "294|981916", "2949|81916"}},
			{"政府公报公开数", "条", "0", "0", StatusOK, 0, nil},
		},
		warn: "ambiguous: 2|94981916, 29|4981916, 294|981916, 2949|81916",
	}, {
		name:      "a figure for another year does not decide",
		text:      "指标名称计量单位2015年度历年累计主动公开文件数条§294981916",
		narrative: "2014年主动公开政府信息2949条。",
		want: []want{
			{"主动公开文件数", "条", "", "", StatusAmbiguous, -1, []string{"2|94981916", "29|4981916", "294|981916", "2949|81916"}},
		},
	}, {
		name:      "narrative names two candidates: no decision",
		text:      "指标名称计量单位本年度累计主动公开信息数条§1234",
		narrative: "主动公开信息12条；主动公开信息1条。",
		want: []want{
			{"主动公开信息数", "条", "", "", StatusAmbiguous, -1, []string{"1|234", "12|34"}},
		},
	}, {
		name:      "narrative with another unit does not decide",
		text:      "指标名称计量单位本年度累计主动公开信息数条§1234",
		narrative: "主动公开信息12件。",
		want: []want{
			{"主动公开信息数", "条", "", "", StatusAmbiguous, -1, []string{"1|234", "12|34"}},
		},
	}, {
		name:      "a cumulative figure in the narrative",
		text:      "指标名称计量单位本年度累计主动公开信息数条§1234",
		narrative: "历年累计主动公开信息34条。",
		want: []want{
			{"主动公开信息数", "条", "12", "34", StatusOK, -1, nil},
		},
	}, {
		name: "L1 alone decides",
		text: "指标名称计量单位本年度累计答复数件§1336其中：1.同意件§12342.不予件§12",
		want: []want{
			{"答复数", "件", "13", "36", StatusOK, -1, nil}, // 1|336 or 13|36
			{"同意", "件", "12", "34", StatusOK, 0, nil},   // 1|234 or 12|34
			{"不予", "件", "1", "2", StatusOK, 0, nil},
		},
	}, {
		name: "a part is at most its whole (issue 10)",
		text: "指标名称 计量单位 本年度 历年累计\n主动公开信息数 条 §2026 3542 其中：1.网站公开条§17953304",
		want: []want{
			{"主动公开信息数", "条", "2026", "3542", StatusOK, -1, nil},
			{"网站公开", "条", "1795", "3304", StatusOK, 0, nil}, // 179|53304: 53304 > 3542
		},
	}, {
		name: "a whole is at least its part",
		text: "指标名称计量单位本年度累计受理数件§20263542其中：1.当面申请件§1795 3304",
		want: []want{
			// 20|263542, 202|63542 are out (year < 1795); one value for two
			// columns stays possible in a table with separators
			{"受理数", "件", "", "", StatusAmbiguous, -1, []string{"20263542|", "|20263542", "2026|3542"}},
			{"当面申请", "件", "1795", "3304", StatusOK, 0, nil},
		},
	}, {
		name: "L1 decides which cell of a spaced table is blank",
		text: "指标名称 计量单位 本年度 历年累计\n对申请的答复数 件 §3 4\n其中：1.同意公开 件 §2\n2.不予公开 件 §1 3",
		want: []want{
			{"对申请的答复数", "件", "3", "4", StatusOK, -1, nil},
			{"同意公开", "件", "2", "", StatusOK, 0, nil}, // |2 would make the cumulative 5
			{"不予公开", "件", "1", "3", StatusOK, 0, nil},
		},
	}, {
		name: "L1 broken by the report: nothing narrowed",
		text: "指标名称计量单位本年度累计答复数件§99其中：1.同意件§12342.不予件§00",
		want: []want{
			{"答复数", "件", "9", "9", StatusOK, -1, nil},
			{"同意", "件", "", "", StatusAmbiguous, 0, []string{"1|234", "12|34"}},
			{"不予", "件", "0", "0", StatusOK, 0, nil},
		},
		warn: "L1: no reading makes «答复数» the sum of its parts",
	}, {
		name: "nested lists and item numbers glued to values",
		text: "指标名称计量单位本年度累计受理申请数件§1212其中：1.当面件§002.网上件§1010其中：（1）网站件§88（2）邮件件§223.信函件§22行政复议数件§00",
		want: []want{
			{"受理申请数", "件", "12", "12", StatusOK, -1, nil},
			{"当面", "件", "0", "0", StatusOK, 0, nil},
			{"网上", "件", "10", "10", StatusOK, 0, nil},
			{"网站", "件", "8", "8", StatusOK, 2, nil},
			{"邮件", "件", "2", "2", StatusOK, 2, nil},
			{"信函", "件", "2", "2", StatusOK, 0, nil},
			{"行政复议数", "件", "0", "0", StatusOK, -1, nil},
		},
	}, {
		name: "table ends where narrative resumes; a second table",
		text: "指标名称 计量单位 本年度\n收到申请数 件 §5\n以上数据截至12月31日。下一步我们将继续做好工作，共计件3条。\n附表2\n指标名称 计量单位 本年度\n举办培训 场次 人次 §40",
		want: []want{
			{"收到申请数", "件", "5", "", StatusOK, -1, nil},
			{"举办培训场次", "人次", "40", "", StatusOK, -1, nil},
		},
	}, {
		name: "the 2014 national table: 统计指标 | 单位 | 统计数, captions with dashes",
		text: "统计指标 单位 统计数\n一、主动公开情况 —— ——\n（一）主动公开政府信息数 条 §120\n其中：主动公开规范性文件数 条 §8\n制发规范性文件总数 件 §9\n" +
			"二、依申请公开情况 —— ——\n（一）收到申请数 件 §10\n1.当面申请数 件 §2\n2.网络申请数 件 §5\n3.信函申请数 件 §3",
		want: []want{
			{"主动公开政府信息数", "条", "120", "", StatusOK, -1, nil},
			{"主动公开规范性文件数", "条", "8", "", StatusOK, 0, nil},
			{"制发规范性文件总数", "件", "9", "", StatusOK, -1, nil},
			{"收到申请数", "件", "10", "", StatusOK, -1, nil},
			{"当面申请数", "件", "2", "", StatusOK, 3, nil},
			{"网络申请数", "件", "5", "", StatusOK, 3, nil},
			{"信函申请数", "件", "3", "", StatusOK, 3, nil},
		},
		warn: "caption without values skipped: 二、依申请公开情况",
	}, {
		name: "full-width digits and thousands separators",
		text: "指标名称 计量单位 本年度 历年累计\n主动公开信息数 条 §１２ 1,516",
		want: []want{
			{"主动公开信息数", "条", "12", "1516", StatusOK, -1, nil},
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			text, marks := marked(tc.text)
			rows, warns := FromText(text, tc.narrative)
			check(t, rows, tc.want)
			k := 0
			for _, r := range rows {
				if r.Raw == "" {
					continue
				}
				if k < len(marks) && (r.Pos.Line != marks[k][0] || r.Pos.Offset != marks[k][1]) {
					t.Errorf("«%s» read at line %d byte %d, want line %d byte %d", r.Label, r.Pos.Line, r.Pos.Offset, marks[k][0], marks[k][1])
				}
				k++
			}
			if k != len(marks) {
				t.Errorf("%d rows with values, %d markers", k, len(marks))
			}
			if tc.warn != "" && !strings.Contains(joinWarnings(warns), tc.warn) {
				t.Errorf("no warning %q in %q", tc.warn, warns)
			}
		})
	}
}

func TestFromTextNoTable(t *testing.T) {
	for _, s := range []string{"", "主动公开信息数条12", "指标名称", "指标名称 数值"} {
		rows, warns := FromText(s, "")
		if len(rows) != 0 || len(warns) != 1 {
			t.Errorf("FromText(%q) = %v, %q; want no rows and one warning", s, rows, warns)
		}
	}
}

// The narrative argument, when given, replaces the text around the table.
func TestFromTextNarrativeArgument(t *testing.T) {
	text := readReport(t, "pingtan-2015")
	rows, _ := FromText(text, "无。")
	if rows[0].Status != StatusAmbiguous || len(rows[0].Candidates) != 4 {
		t.Errorf("without the narrative, 主动公开文件数 = %+v; want 4 candidates", rows[0])
	}
	rows, _ = FromText(text, text) // the whole document, tables included
	if rows[0].Year != "2949" || rows[0].Cumulative != "81916" || !strings.Contains(rows[0].Note, "decided by narrative") {
		t.Errorf("with the whole text as narrative, 主动公开文件数 = %+v", rows[0])
	}
}

// Runs up to maxRun digits are split; longer ones are reported.
func TestRunLimit(t *testing.T) {
	at := strings.Repeat("1", maxRun)
	rows, _ := FromText("指标名称计量单位本年度累计访问量次"+at, "")
	if len(rows) != 1 || len(rows[0].Candidates) == 0 {
		t.Errorf("a run of %d digits: %+v; want candidates", maxRun, rows)
	}
	rows, warns := FromText("指标名称计量单位本年度累计访问量次"+at+"1", "")
	if len(rows) != 1 || rows[0].Status != StatusAmbiguous || rows[0].Candidates != nil || !strings.Contains(rows[0].Note, "too long") {
		t.Errorf("a run of %d digits: %+v; want ambiguous without candidates", maxRun+1, rows)
	}
	if !strings.Contains(joinWarnings(warns), "no reading") {
		t.Errorf("no warning for the long run: %q", warns)
	}
}

// A label of maxLabel runes is read; a longer stretch ends the table.
func TestLabelLimit(t *testing.T) {
	head := "指标名称 计量单位 本年度\n"
	for _, tc := range []struct {
		n    int
		rows int
	}{{maxLabel - 1, 1}, {maxLabel + 1, 0}} {
		rows, _ := FromText(head+strings.Repeat("甲", tc.n)+"条5", "")
		if len(rows) != tc.rows {
			t.Errorf("label of %d runes: %d rows, want %d", tc.n, len(rows), tc.rows)
		}
	}
}

// TestWarningPositions: a warning carries its position in fields (§
// marks where it must point), not in its message.
func TestWarningPositions(t *testing.T) {
	text, marks := marked("说明\n指标名称 计量单位 2015年度 历年累计\n主动公开文件数 条 §294981916\n")
	_, warns := FromText(text, "")
	var amb *Warning
	for i := range warns {
		if strings.Contains(warns[i].Message, "ambiguous") {
			amb = &warns[i]
		}
	}
	if amb == nil || len(marks) != 1 {
		t.Fatalf("no ambiguous warning in %v", warns)
	}
	if amb.Pos.Line != marks[0][0] || amb.Pos.Offset != marks[0][1] || strings.Contains(amb.Message, "line") {
		t.Errorf("warning %+v: want line %d, offset %d in Pos and no position in the message", amb, marks[0][0], marks[0][1])
	}
	g := grid(
		"指标名称|计量单位|2015年度|历年累计",
		"举报数|件|见说明|3",
	)
	_, warns = FromGrid(g)
	if len(warns) != 1 || warns[0].Pos != (layout.Pos{Table: 1, Row: 2, Col: 3}) || strings.Contains(warns[0].Message, "table") {
		t.Errorf("grid warning %+v: want table 1 row 2 col 3 in Pos", warns)
	}
}
