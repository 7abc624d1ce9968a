package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

func docOf(s string) *docText {
	doc := &layout.Document{}
	for i, l := range strings.Split(s, "\n") {
		doc.Blocks = append(doc.Blocks, layout.Block{Text: l, Pos: layout.Pos{Line: i + 1}})
	}
	return newDocText(doc, FormatText)
}

func rowsOf(s string) []printedRow {
	d := docOf(s)
	return textRows(d, region{0, len(d.text)})
}

// TestTextRows: each text form gives the same printed rows.
func TestTextRows(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // label pieces joined by "/", then "=" and values joined by ","; "_" a blank
	}{
		{"pipes", "规章 | 0 | 0 | 0 |\n行政规范性文件 | 88 | 55 | 698 |", []string{"规章=0,0,0", "行政规范性文件=88,55,698"}},
		{"fullwidth pipes, blank and padding", "规章｜0｜ ｜7｜｜｜", []string{"规章=0,_,7"}},
		{"header then rows", "信息内容 | 本年制发件数 |\n规章 | 1 |", []string{"信息内容/本年制发件数/规章=1"}},
		{"cell per line", "|\n规章 |\n0 |\n0 |\n|\n行政许可 |\n5 |||", []string{"规章=0,0", "行政许可=5"}},
		{"label then values", "规章\n\n1\n\n0\n\n11", []string{"规章=1,0,11"}},
		{"glued", "规章000行政规范性文件8855698", []string{"规章=000", "行政规范性文件=8855698"}},
		{"item number after values", "1.属于国家秘密00000002.其他法律 0 0", []string{"1.属于国家秘密=0000000", "2.其他法律=0,0"}},
		{"page number dropped", "（三）不\n-4-\n予公开 3", []string{"（三）不/予公开=3"}},
		{"tabs", "三、本年度办理结果\t（一）予以公开\t0\t1", []string{"三、本年度办理结果/（一）予以公开=0,1"}},
		{"wrapped label left its item number on the line before", "（三）不予公开\n戊辛1\n. 属于国家秘密\t0\t2", []string{"（三）不予公开/戊辛/1. 属于国家秘密=0,2"}},
		{"wrapped label's item number alone on a line", "3. 危及\n三安全一稳定\t0\t0\n.4 \n保护第三方合法权益\t1\t2", []string{"3. 危及/三安全一稳定=0,0", "4.保护第三方合法权益=1,2"}},
		{"a value alone on a line after a row stays a value", "3. 危及\t0\n5\n保护第三方合法权益\t1\t2", []string{"3. 危及=0,5", "保护第三方合法权益=1,2"}},
		{"a value at the end of a line stays a value", "规章 1\n合计 2", []string{"规章=1", "合计=2"}},
		{"item number lost its point", "5属于三类内部事务信息 1 0", []string{"5属于三类内部事务信息=1,0"}},
		{"number in words is text", "自2022年1月1日起 3", []string{"自2022年1月1日起=3"}},
		{"blank cell before the next label", "规章 | 5 | | 合计 | - | 7", []string{"规章=5,_", "合计=_,7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range rowsOf(tt.in) {
				var vals []string
				for _, tk := range p.toks {
					v := tk.text
					if v == "" {
						v = "_"
					}
					vals = append(vals, v)
				}
				got = append(got, strings.Join(p.pieces, "/")+"="+strings.Join(vals, ","))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestAlignDamaged: labels with characters missing, swapped or misread,
// or with junk glued before, map to their rows; a label that is not a row
// takes none; a row printed twice is reported.
func TestAlignDamaged(t *testing.T) {
	defs := template.Table("fmt2021", "三")
	in := strings.Join([]string{
		"一、本年新收政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
		"二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
		"三、本年度办理结果 | （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
		"（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
		"（三）不予公开 | 1.属于国家秘 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
		"某某2.其他法律行政止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
		"3.危及三安全一稳定 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
		"4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
		"4.保护第三方合法权益 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |",
		"合计以上 | 5 | 5 |",
	}, "\n")
	var warns []Warning
	got := mapRows(rowsOf(in), defs, "fmt2021", "三", &warns)
	for key, label := range map[string]string{
		"t3.new_received": "一、本年新收政府信息公开申请", "t3.denied_state_secret": "（三）不予公开 1.属于国家秘",
		"t3.denied_law_prohibited": "某某2.其他法律行政止公开", "t3.denied_third_party": "4.保护第三方合法权益",
	} {
		rr := got[key]
		if rr == nil || rr.label != label {
			t.Errorf("%s: %+v, want label %q", key, rr, label)
			continue
		}
		if rr.match <= 0 || rr.labelMatch() > 1 {
			t.Errorf("%s: match %v", key, rr.match)
		}
	}
	if rr := got["t3.denied_third_party"]; rr == nil || rr.raw != "0 | 0 | 0 | 0 | 0 | 0 | 0" {
		t.Errorf("the first of two printed rows is used: %+v", rr)
	}
	codes := map[string]int{}
	for _, w := range warns {
		codes[w.Code]++
	}
	if codes["DUPLICATE_ROW"] != 1 || codes["UNMAPPED_ROW"] != 1 {
		t.Errorf("warnings %v: %+v", codes, warns)
	}
	if len(got) != 8 {
		t.Errorf("%d rows mapped, want 8", len(got))
	}
}

// TestAlignSlot: a label damaged past reading ("3、其他" printed as
// "丁壬、3他", whose numbering reads as another block's third row) is
// taken by its place when the rows before and after it are matched and
// one template row lies between them.
func TestAlignSlot(t *testing.T) {
	defs := template.Table("fmt2021", "三")
	rows := func(mid ...string) string {
		return strings.Join(append(append([]string{
			"（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
			"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
		}, mid...), "（七）总计 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |"), "\n")
	}
	var warns []Warning
	got := mapRows(rowsOf(rows("丁壬、3他 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |")), defs, "fmt2021", "三", &warns)
	if rr := got["t3.other_misc"]; rr == nil || !rr.byPlace || rr.label != "丁壬、3他" || rr.raw != "3 | 0 | 0 | 0 | 0 | 0 | 3" {
		t.Errorf("t3.other_misc: %+v, want the damaged row by place", rr)
	}
	if rr := got["t3.results_total"]; rr == nil || rr.byPlace {
		t.Errorf("the total row: %+v", rr)
	}
	if len(warns) != 0 {
		t.Errorf("warnings: %+v", warns)
	}
}

// A row whose label cannot be read, after the last row that can, is not
// held by neighbours on both sides: it could be any later row, so it is
// reported, never placed on one of them by guess.
func TestAlignLooseGarbledRow(t *testing.T) {
	defs := template.Table("fmt2021", "三")
	text := strings.Join([]string{
		"（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
		"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
		"丁壬、庚他 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
	}, "\n")
	var warns []Warning
	got := mapRows(rowsOf(text), defs, "fmt2021", "三", &warns)
	for key, rr := range got {
		if rr.label == "丁壬、庚他" {
			t.Errorf("the unreadable last row was placed on %s (byPlace %v)", key, rr.byPlace)
		}
	}
	if len(warns) != 1 || warns[0].Code != "UNMAPPED_ROW" {
		t.Errorf("warnings: %+v, want one UNMAPPED_ROW", warns)
	}
}

// FuzzTextRows: any text cuts into rows and aligns without panicking,
// every value token lies inside the text, and every printed row with
// values is used or reported. Run it with a cap on
// minimising (the seeds are 4 KB; minimising one new input takes the
// default minute, and a minute's run then makes a dozen executions):
//
//	go test ./extract -run '^$' -fuzz FuzzTextRows -fuzztime 60s -fuzzminimizetime 2s
func FuzzTextRows(f *testing.F) {
	for _, name := range []string{"pingtan-2022-pipes.txt", "pingtan-2021-pipecells.txt", "huaian-2024-plain.txt", "guyuan-kjj-2020.txt", "pingtan-2022.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", name))
		if err != nil {
			f.Fatal(err)
		}
		s := string(b)
		if i := strings.Index(s, "二、主动公开"); i >= 0 {
			s = s[i:]
		}
		if len(s) > 4000 {
			s = s[:4000]
		}
		f.Add(s)
	}
	f.Add("| |||｜ ｜\n-1-\n1.\n.5 属于 2022年")
	defs := template.Table("fmt2021", "三")
	f.Fuzz(func(t *testing.T, s string) {
		d := docOf(s)
		rows := textRows(d, region{0, len(d.text)})
		for _, p := range rows {
			for _, tk := range p.toks {
				if tk.off < 0 || tk.off+len(tk.raw) > len(d.text) {
					t.Fatalf("token %+v outside the text", tk)
				}
			}
		}
		var warns []Warning
		// every printed row with values is used or reported: two printed
		// rows never land on one template row silently
		accounted := map[layout.Pos]bool{}
		for _, rr := range mapRows(rows, defs, "fmt2021", "三", &warns) {
			accounted[rr.pos] = true
			rr.resolve()
		}
		for _, w := range warns {
			accounted[w.Pos] = true
		}
		for _, p := range rows {
			if p.hasValue() && !accounted[p.pos] {
				t.Fatalf("row %q = %q neither used nor reported", strings.Join(p.pieces, "/"), p.raw)
			}
		}
	})
}
