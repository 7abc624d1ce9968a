package extract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// build turns a reader's document into the record: metadata, generation,
// sections, tables, legacy rows, warnings.
func build(doc *layout.Document, format Format) *Record {
	rec := &Record{Warnings: []Warning{}, Cells: []Cell{}, Sections: []Section{}}
	d := newDocText(doc, format)
	meta, warns, url := findMeta(d, doc, format)
	rec.Meta = meta
	rec.Warnings = append(rec.Warnings, warns...)
	if rec.Meta.Published == "" && doc.Published != "" {
		rec.Meta.Published, rec.Meta.PublishedFrom = doc.Published, layout.Located(doc.PublishedFrom, doc.PublishedPos)
	}
	if url != "" {
		rec.Source.URL = url
	}
	for _, n := range doc.Notes {
		rec.Warnings = append(rec.Warnings, Warning{Code: "READER_NOTE", Severity: SevInfo, Message: n.Text, Pos: n.Pos})
	}

	// generation from every label in the document, tables included
	var all strings.Builder
	all.WriteString(d.text)
	hasLegacy := false
	for _, bl := range doc.Blocks {
		if bl.Grid == nil {
			continue
		}
		for _, r := range bl.Grid.Rows {
			for _, c := range r {
				all.WriteString(c.Text)
			}
		}
	}
	norm := normalize(all.String())
	if strings.Contains(norm, "指标名称") && strings.Contains(norm, "计量单位") {
		hasLegacy = true
	}
	gen, basis := detectGeneration(norm, rec.Meta.Year, hasLegacy)
	rec.Meta.Generation, rec.Meta.GenerationBasis = gen, basis

	switch gen {
	case Gen2019, Gen2021:
		spans := findSections(d.text)
		rec.Sections = buildSections(d, spans)
		readTables(rec, doc, d, spans)
	case GenLegacy:
		rec.Sections = buildSections(d, findLegacySections(d.text))
		readLegacy(rec, doc, d)
	default:
		unknownGeneration(rec, d)
	}
	sort.SliceStable(rec.Warnings, func(i, j int) bool {
		return sevRank(rec.Warnings[i].Severity) < sevRank(rec.Warnings[j].Severity)
	})
	return rec
}

func sevRank(s Severity) int {
	switch s {
	case SevError:
		return 0
	case SevWarning:
		return 1
	}
	return 2
}

// readTables maps tables 二, 三 and 四 from the grids where the source has
// them, and from the running text otherwise. A cell passes these steps in
// order, each named here and done in the file given:
//
//   - classifyGrids says which table each grid is (gridrows.go);
//   - gridRows makes printed rows of a grid's rows, each value cell kept
//     with its Pos (gridrows.go); running text goes through mapTextTable
//     (doctext.go, textrows.go) and table 四 through mapGrid4 or
//     mapTextTable4 (table4.go);
//   - mapRows aligns the printed rows to the template's rows (align.go,
//     similarity.go);
//   - resolve divides each row's values under its own sum rule
//     (rowvalues.go, split.go; ocrcells.go for OCR'd cells),
//     resolveColumns under D2 and R1 across rows (columnrules.go), and
//     narrowByNarrative by the figures the text states (narrative.go);
//   - emitCells, below, writes each canonical Cell: Status, Value,
//     Candidates and Evidence (the Pos of its printed cell).
func readTables(rec *Record, doc *layout.Document, d *docText, spans []sectionSpan) {
	gen := string(rec.Meta.Generation)
	defs := template.Rows(gen)
	byTable := map[string][]template.Row{}
	for _, def := range defs {
		byTable[def.Table] = append(byTable[def.Table], def)
	}
	rows := map[string]*rowRead{}
	fromGrid := map[string]bool{}
	// the grids of a table (one, or several when a page break cut it) are
	// aligned to its template rows together, in document order
	printed := map[string][]printedRow{}
	grids, tables := classifyGrids(doc, rec.Meta.Generation, byTable)
	for gi, g := range grids {
		t := tables[gi]
		if t == "" {
			continue
		}
		fromGrid[t] = true
		if t == "四" {
			if rows["t4"] == nil {
				mapGrid4(g, byTable[t], rows)
			}
			continue
		}
		printed[t] = append(printed[t], gridRows(g)...)
	}
	for _, t := range []string{"二", "三"} {
		if len(printed[t]) == 0 {
			continue
		}
		var warns []Warning
		got := mapRows(printed[t], byTable[t], gen, t, &warns)
		if len(got) > 0 {
			rec.Warnings = append(rec.Warnings, warns...)
		}
		for k, v := range got {
			rows[k] = v
		}
	}
	regionOf := func(n int) (region, bool) {
		var r region
		found := false
		for i, s := range spans {
			if s.number == n {
				r.start, found = s.end, true
				r.end = len(d.text)
				if i+1 < len(spans) {
					r.end = spans[i+1].start
				}
			}
		}
		return r, found
	}
	for _, t := range []string{"二", "三", "四"} {
		if fromGrid[t] && tableFound(rows, byTable[t]) {
			continue
		}
		num := map[string]int{"二": 2, "三": 3, "四": 4}[t]
		reg, ok := regionOf(num)
		if !ok {
			continue
		}
		var got map[string]*rowRead
		switch t {
		case "二", "三":
			got = mapTextTable(d, reg, byTable[t], gen, t, &rec.Warnings)
		case "四":
			got = mapTextTable4(d, reg, byTable[t])
		}
		for k, v := range got {
			if rows[k] == nil {
				rows[k] = v
			}
		}
	}
	for _, rr := range rows {
		rr.resolve()
	}
	resolveColumns(rows, gen)
	narrowByNarrative(rows, narrativeText(d, spans))
	emitCells(rec, defs, rows)
}

func tableFound(rows map[string]*rowRead, defs []template.Row) bool {
	for _, def := range defs {
		if rows[def.Key] != nil {
			return true
		}
		if def.Table == "四" && rows["t4"] != nil {
			return true
		}
	}
	return false
}

// emitCells writes every canonical cell in contract order, with status,
// candidates, evidence, splits and warnings.
func emitCells(rec *Record, defs []template.Row, rows map[string]*rowRead) {
	missingTables := map[string][]string{}
	emitted := map[*rowRead]bool{}
	for _, def := range defs {
		rr := rows[def.Key]
		col0 := 0
		if def.Table == "四" {
			rr = rows["t4"]
			if rr != nil {
				for i, c := range rr.def.Cells {
					if c.ID == def.Cells[0].ID {
						col0 = i
						break
					}
				}
			}
		}
		if rr != nil && !emitted[rr] {
			emitted[rr] = true
			rec.Warnings = append(rec.Warnings, rr.warn...)
			if len(rr.cands) > 1 {
				rec.Warnings = append(rec.Warnings, Warning{Code: "AMBIGUOUS_SPLIT", Severity: SevWarning, Pos: rr.pos,
					Message: fmt.Sprintf("row %q: %q divides %d ways%s; the cells that differ are AMBIGUOUS (candidates in the record)", rr.label, rr.raw, len(rr.cands), ruleSuffix(rr.rules))})
			}
		}
		splitIdx := -1
		if rr != nil && (rr.split || len(rr.cands) > 1) && col0 == 0 {
			ids := make([]string, len(rr.def.Cells))
			for i, c := range rr.def.Cells {
				ids[i] = c.ID
			}
			sp := Split{Cells: ids, Raw: rr.raw, Candidates: rr.cands, Chosen: -1, Rules: rr.rules,
				Evidence: Evidence{Pos: rr.pos, Raw: rr.raw, Label: rr.label}}
			if len(rr.cands) == 1 {
				sp.Chosen = 0
			}
			rec.Splits = append(rec.Splits, sp)
			splitIdx = len(rec.Splits) - 1
		} else if rr != nil && col0 > 0 {
			splitIdx = findSplit(rec, rr.def.Cells[0].ID)
		}
		if rr == nil {
			missingTables[def.Table] = append(missingTables[def.Table], def.Label)
		}
		for j, cdef := range def.Cells {
			c := Cell{ID: cdef.ID, Table: cdef.Table, Split: -1}
			if rr == nil {
				c.Status = StatusMissing
				rec.Cells = append(rec.Cells, c)
				continue
			}
			ci := col0 + j
			c.Evidence = Evidence{Pos: rr.pos, Raw: rr.raw, Label: rr.label, ByPlace: rr.byPlace, LabelMatch: rr.labelMatch()}
			if ci < len(rr.cellAt) && len(rr.toks) == len(rr.def.Cells) {
				c.Evidence.Pos = rr.cellAt[ci]
				c.Evidence.Raw = rr.toks[ci].raw
				c.Evidence.Confidence = rr.toks[ci].conf
			}
			c.Split = splitIdx
			vals := map[string]bool{}
			var distinct []string
			for _, cand := range rr.cands {
				if !vals[cand[ci]] {
					vals[cand[ci]] = true
					distinct = append(distinct, cand[ci])
				}
			}
			switch {
			case len(distinct) == 1:
				setValue(&c, distinct[0])
				if ci < len(rr.units) {
					c.Unit = rr.units[ci]
				}
				if len(rr.cands) > 1 {
					c.Note = fmt.Sprintf("same value in all %d remaining divisions of %q", len(rr.cands), rr.raw)
				} else if rr.split {
					c.Note = fmt.Sprintf("divided from %q%s", rr.raw, ruleSuffix(rr.rules))
				}
				if rr.note != "" {
					c.Note += "; " + rr.note
				}
			default:
				c.Status = StatusAmbiguous
				c.Candidates = distinct
			}
			rec.Cells = append(rec.Cells, c)
		}
	}
	for _, t := range []string{"二", "三", "四"} {
		labels := missingTables[t]
		if len(labels) == 0 {
			continue
		}
		total := 0
		for _, def := range defs {
			if def.Table == t {
				total++
			}
		}
		code, msg := "MISSING_ROWS", fmt.Sprintf("table %s: rows not printed, their cells are MISSING: %s", t, strings.Join(labels, "; "))
		if len(labels) == total {
			code, msg = "MISSING_TABLE", fmt.Sprintf("table %s is not in the report (or could not be found); its cells are MISSING", t)
		} else if rec.Meta.Generation == Gen2021 && onlyOtherSubrows(labels) {
			code, msg = "TEMPLATE_DEVIATION", "fmt2021 report prints （六）其他处理 without its three sub-rows (逾期不补正 / 逾期未缴费 / 其他): their cells are MISSING"
		}
		rec.Warnings = append(rec.Warnings, Warning{Code: code, Severity: SevWarning, Message: msg})
	}
}

func onlyOtherSubrows(labels []string) bool {
	for _, l := range labels {
		if !strings.HasPrefix(l, "（六）") {
			return false
		}
	}
	return true
}

func findSplit(rec *Record, id string) int {
	for i, s := range rec.Splits {
		for _, c := range s.Cells {
			if c == id {
				return i
			}
		}
	}
	return -1
}

func setValue(c *Cell, v string) {
	switch v {
	case "":
		c.Status = StatusBlank
	case "MISSING":
		c.Status = StatusMissing
	case "AMBIGUOUS":
		c.Status = StatusAmbiguous
	default:
		c.Status, c.Value = StatusOK, v
	}
}

// narrativeText is the prose outside the table sections: the preamble,
// 一、总体情况, 五 and 六.
func narrativeText(d *docText, spans []sectionSpan) string {
	var b strings.Builder
	for i, s := range spans {
		end := len(d.text)
		if i+1 < len(spans) {
			end = spans[i+1].start
		}
		if i == 0 {
			b.WriteString(d.text[:s.start])
		}
		if s.number == 1 || s.number >= 5 {
			b.WriteString(d.text[s.start:end])
		}
	}
	return b.String()
}
