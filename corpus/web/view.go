package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/audit"
	"github.com/nianbao/nianbao/extract/layout"
	tpl "github.com/nianbao/nianbao/extract/template"
)

// The report page's view: the record laid out as the template prints its
// tables, every cell with its status and the findings that touch it.

type findingView struct {
	Rule, Severity, Verdict, Table string
	MessageZH, MessageEN           string
	Arithmetic                     string
	Scope                          string
	Year, PrevYear                 int
	Cells                          []audit.CellRef
	Spec                           string
	// Shown are the cells listed; Zeros the cells read as 0 that a long
	// list folds away (the arithmetic already says how many).
	Shown, Zeros []audit.CellRef
}

// foldZeros fills Shown and Zeros: a finding on more than eight cells
// lists those that are not a plain 0 first and folds the zeros.
func (f *findingView) foldZeros() {
	f.Shown, f.Zeros = f.Cells, nil
	if len(f.Cells) <= 8 {
		return
	}
	f.Shown = nil
	for _, c := range f.Cells {
		if c.Status == extract.StatusOK && c.Value == "0" {
			f.Zeros = append(f.Zeros, c)
		} else {
			f.Shown = append(f.Shown, c)
		}
	}
}

type findingGroup struct {
	Severity string
	Findings []findingView
}

type cellView struct {
	ID, Status, Value, Unit string
	Candidates              []string
	Note, Where, Raw, Label string
	Sev                     string   // worst severity of the findings that touch it ("" none)
	Rules                   []string // their rule ids
	Href                    string
}

type rowView struct {
	Label string
	Cells []cellView
}

type blockView struct {
	Cols []string
	Rows []rowView
}

type tableView struct {
	Name, Title string
	Blocks      []blockView
}

type legacyView struct {
	Index                         int
	Label, Unit, Year, Cumulative string
	Status, Note, Where           string
	Candidates                    []string
	Child                         bool
	Sev                           string
	Href                          string
}

// textPart is a piece of shown text; Class is the class of the <mark>
// around it ("hit", or a narrative field's kind), "" for plain text.
type textPart struct {
	Text, Class, Title string
}

type sectionView struct {
	Number  int
	Heading string
	Parts   []textPart
	Fields  []extract.Field
	D7      []findingView
}

type reportView struct {
	Rec      *extract.Record
	Region   string
	Base     string // URL of the report page; cells are Base+"/cell?…"
	Tables   []tableView
	Legacy   []legacyView
	Groups   []findingGroup
	Counts   map[string]int
	Sections []sectionView
	Warnings []extract.Warning
	Stored   *corpus.Report // nil for an uploaded check
	Agency   string         // agency key, for links
	// An uploaded check: its id, the file name, what the cross-year rules
	// compared it with, whether it can be stored and how it was.
	CheckID, FileName, PairWith string
	CanStore                    bool
	StoredAs                    *corpus.Result
}

var ruleSpec = func() map[string]string {
	m := map[string]string{corpus.RuleConflict: "Two sources of one report disagree on a cell."}
	for _, r := range audit.Rules {
		m[r.ID] = r.Spec
	}
	return m
}()

func fromAudit(fs []audit.Finding) []findingView {
	out := make([]findingView, len(fs))
	for i, f := range fs {
		out[i] = findingView{Rule: f.Rule, Severity: string(f.Severity), Verdict: f.Verdict, Table: f.Table,
			MessageZH: f.MessageZH, MessageEN: f.MessageEN, Arithmetic: f.Arithmetic, Scope: corpus.ScopeReport,
			Cells: f.Cells, Spec: ruleSpec[f.Rule]}
		out[i].foldZeros()
	}
	return out
}

func fromCorpus(fs []corpus.Finding) []findingView {
	out := make([]findingView, len(fs))
	for i, f := range fs {
		v := findingView{Rule: f.Rule, Severity: f.Severity, Verdict: f.Verdict, Table: f.Table,
			MessageZH: f.MessageZH, MessageEN: f.MessageEN, Arithmetic: f.Arithmetic, Scope: f.Scope,
			Year: f.Year, PrevYear: f.PrevYear, Spec: ruleSpec[f.Rule]}
		if len(f.Cells) > 0 {
			json.Unmarshal(f.Cells, &v.Cells) // a malformed list shows no cells
		}
		v.foldZeros()
		out[i] = v
	}
	return out
}

var sevRank = map[string]int{"error": 0, "warning": 1, "info": 2}

func worse(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	if sevRank[b] < sevRank[a] {
		return b
	}
	return a
}

// buildReport lays out rec with its findings; base is the report's URL.
func buildReport(rec *extract.Record, fs []findingView, base string) *reportView {
	v := &reportView{Rec: rec, Base: base, Counts: map[string]int{}, Warnings: rec.Warnings}
	// Findings by severity, worst first (stable: the audit's own order).
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if sevRank[a.Severity] != sevRank[b.Severity] {
			return sevRank[a.Severity] < sevRank[b.Severity]
		}
		return a.Verdict == audit.VerdictFail && b.Verdict != audit.VerdictFail
	})
	for _, f := range fs {
		v.Counts[f.Severity]++
		if n := len(v.Groups); n == 0 || v.Groups[n-1].Severity != f.Severity {
			v.Groups = append(v.Groups, findingGroup{Severity: f.Severity})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Findings = append(g.Findings, f)
	}
	// The findings that touch each cell (this year's cells only).
	touch := map[string]string{}
	rules := map[string][]string{}
	for _, f := range fs {
		for _, c := range f.Cells {
			if c.Year != 0 && c.Year != rec.Meta.Year {
				continue
			}
			touch[c.ID] = worse(touch[c.ID], f.Severity)
			if rs := rules[c.ID]; len(rs) == 0 || rs[len(rs)-1] != f.Rule {
				rules[c.ID] = append(rs, f.Rule)
			}
		}
	}
	gen := string(rec.Meta.Generation)
	for _, row := range tpl.Rows(gen) {
		if n := len(v.Tables); n == 0 || v.Tables[n-1].Name != row.Table {
			title := ""
			if len(row.Cells) > 0 {
				title = row.Cells[0].TableLabel
			}
			v.Tables = append(v.Tables, tableView{Name: row.Table, Title: title})
		}
		t := &v.Tables[len(v.Tables)-1]
		cols := make([]string, len(row.Cells))
		for i, c := range row.Cells {
			cols[i] = c.ColLabel
		}
		if n := len(t.Blocks); n == 0 || strings.Join(t.Blocks[n-1].Cols, "\x00") != strings.Join(cols, "\x00") {
			t.Blocks = append(t.Blocks, blockView{Cols: cols})
		}
		b := &t.Blocks[len(t.Blocks)-1]
		rv := rowView{Label: row.Label}
		for _, tc := range row.Cells {
			cv := cellView{ID: tc.ID, Status: string(extract.StatusMissing), Sev: touch[tc.ID], Rules: rules[tc.ID],
				Href: base + "/cell?id=" + url.QueryEscape(tc.ID)}
			if c := rec.Cell(tc.ID); c != nil {
				cv.Status, cv.Value, cv.Unit, cv.Candidates, cv.Note = string(c.Status), c.Value, c.Unit, c.Candidates, c.Note
				cv.Where, cv.Raw, cv.Label = whereZH(c.Evidence.Pos), c.Evidence.Raw, c.Evidence.Label
			}
			rv.Cells = append(rv.Cells, cv)
		}
		b.Rows = append(b.Rows, rv)
	}
	for i, l := range rec.Legacy {
		id := "legacy:" + strconv.Itoa(i)
		sev := worse(touch[id+".year"], touch[id+".cumulative"])
		v.Legacy = append(v.Legacy, legacyView{Index: i, Label: l.Label, Unit: l.Unit, Year: l.Year, Cumulative: l.Cumulative,
			Status: string(l.Status), Note: l.Note, Where: whereZH(l.Evidence.Pos), Candidates: l.Candidates, Child: l.Parent >= 0,
			Sev: sev, Href: base + "/cell?legacy=" + strconv.Itoa(i)})
	}
	var d7 []findingView
	for _, f := range fs {
		if f.Rule == "D7" {
			d7 = append(d7, f)
		}
	}
	for _, sec := range rec.Sections {
		sv := sectionView{Number: sec.Number, Heading: sec.Heading}
		for _, f := range rec.Fields {
			if f.Section == sec.Number {
				sv.Fields = append(sv.Fields, f)
			}
		}
		sv.Parts = markFields(sec.Text, sv.Fields)
		for _, f := range d7 {
			for _, c := range f.Cells {
				if strings.HasPrefix(c.ID, "text:") && sectionOf(rec, c) == sec.Number {
					sv.D7 = append(sv.D7, f)
					break
				}
			}
		}
		v.Sections = append(v.Sections, sv)
	}
	return v
}

// sectionOf returns the section of a narrative cell ref: its evidence
// label says "section N"; else the section whose text holds its sentence.
func sectionOf(rec *extract.Record, c audit.CellRef) int {
	var n int
	if _, err := fmt.Sscanf(c.Evidence.Label, "section %d", &n); err == nil {
		return n
	}
	for _, sec := range rec.Sections {
		if c.Evidence.Raw != "" && strings.Contains(sec.Text, c.Evidence.Raw) {
			return sec.Number
		}
	}
	return -1
}

// markFields splits text into plain parts and the tagged fields found in
// it (quantities, channels, problems, measures), each marked once.
func markFields(text string, fields []extract.Field) []textPart {
	type span struct {
		start, end int
		f          extract.Field
	}
	var spans []span
	for _, f := range fields {
		if f.Text == "" || f.Kind == "keyword" {
			continue
		}
		from := min(max(f.Offset, 0), len(text))
		i := strings.Index(text[from:], f.Text)
		if i < 0 {
			continue
		}
		spans = append(spans, span{from + i, from + i + len(f.Text), f})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var parts []textPart
	pos := 0
	for _, s := range spans {
		if s.start < pos {
			continue // overlaps a field already marked
		}
		if s.start > pos {
			parts = append(parts, textPart{Text: text[pos:s.start]})
		}
		title := kindZH(s.f.Kind)
		if s.f.Subject != "" {
			title += " · " + s.f.Subject
		}
		if s.f.Kind == "quantity" {
			title += fmt.Sprintf(" = %s %s", fmtNumber(s.f.Number), s.f.Unit)
		}
		parts = append(parts, textPart{Text: text[s.start:s.end], Class: s.f.Kind, Title: title})
		pos = s.end
	}
	if pos < len(text) {
		parts = append(parts, textPart{Text: text[pos:]})
	}
	return parts
}

func fmtNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// chinese are the words of whereZH: 第3页 第12行, 表格2 第5行 第3列 (no OCR
// box: the page image shows it).
var chinese = layout.PosWords{Page: "第%d页", Line: "第%d行", Paragraph: "第%d段", Table: "表格%d", Row: "第%d行", Col: "第%d列", Sep: " "}

// whereZH renders a position in Chinese.
func whereZH(p layout.Pos) string { return p.Render(chinese) }

var sevZH = map[string]string{"error": "错误", "warning": "警告", "info": "提示"}
var statusZH = map[string]string{"ok": "已读", "blank": "空白", "missing": "缺失", "ambiguous": "有歧义"}
var kindNames = map[string]string{"quantity": "数量", "date": "日期", "year": "年份", "agency": "机关", "place": "地名",
	"channel": "渠道", "problem": "问题", "measure": "措施", "keyword": "关键词"}
var verdictZH = map[string]string{audit.VerdictFail: "不成立", audit.VerdictUnverifiable: "无法核实"}
var scopeZH = map[string]string{corpus.ScopeReport: "本报告", corpus.ScopeCrossYear: "跨年度", corpus.ScopeConflict: "来源冲突"}
var genZH = map[string]string{"fmt2019": "2019 版模板", "fmt2021": "2021 版模板", "legacy": "2019 年前"}
var qualityZH = map[string]string{corpus.Exact: "同口径", corpus.Approx: "近似口径", corpus.Incomparable: "不可比"}
var tableNameZH = map[string]string{"二": "表二", "三": "表三", "四": "表四", "legacy": "统计表", "": "全文"}

func kindZH(k string) string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return k
}

var funcs = template.FuncMap{
	"sevzh":     func(s string) string { return orSelf(sevZH, s) },
	"statuszh":  func(s string) string { return orSelf(statusZH, s) },
	"kindzh":    kindZH,
	"verdictzh": func(s string) string { return orSelf(verdictZH, s) },
	"scopezh":   func(s string) string { return orSelf(scopeZH, s) },
	"genzh":     func(s string) string { return orSelf(genZH, s) },
	"tablezh":   func(s string) string { return orSelf(tableNameZH, s) },
	"qualityzh": func(s string) string { return orSelf(qualityZH, s) },
	"where":     whereZH,
	"num":       fmtNumber,
	"q":         url.QueryEscape,
	"join":      strings.Join,
	"add":       func(a, b int) int { return a + b },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"cellvalue": func(c audit.CellRef) string {
		switch {
		case c.Status == extract.StatusBlank:
			return "（空白）"
		case c.Status == extract.StatusMissing:
			return "（缺失）"
		case c.Status == extract.StatusAmbiguous:
			return "？" + strings.Join(c.Candidates, "/")
		}
		return c.Value
	},
	"celllink": cellLink,
}

// cellLink is the evidence URL of a finding's cell ref under a report's
// URL base: a canonical cell or a legacy row; "" for what has no cell
// (narrative counts, sections, metadata) or no base.
func cellLink(base string, c audit.CellRef) string {
	if base == "" {
		return ""
	}
	if rest, ok := strings.CutPrefix(c.ID, "legacy:"); ok {
		n, _, _ := strings.Cut(rest, ".")
		if _, err := strconv.Atoi(n); err == nil {
			return base + "/cell?legacy=" + n
		}
		return ""
	}
	if strings.ContainsAny(c.ID, ":") || !strings.HasPrefix(c.ID, "t") {
		return ""
	}
	return base + "/cell?id=" + url.QueryEscape(c.ID)
}

func orSelf(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}
