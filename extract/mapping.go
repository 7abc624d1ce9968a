package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// docText is the running text of a document with a map from byte offsets
// back to the blocks (and so to pages and lines).
type docText struct {
	text   string
	starts []int        // byte offset of each block's text
	pos    []layout.Pos // position of each block
	kind   Kind
}

func newDocText(doc *layout.Document, kind Kind) *docText {
	d := &docText{kind: kind}
	var b strings.Builder
	for _, bl := range doc.Blocks {
		if bl.Grid != nil {
			continue
		}
		d.starts = append(d.starts, b.Len())
		d.pos = append(d.pos, bl.Pos)
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	d.text = b.String()
	return d
}

// posAt returns the position of byte offset off: its block's position,
// with the byte offset inside the block.
func (d *docText) posAt(off int) layout.Pos {
	lo, hi := 0, len(d.starts)
	for lo < hi {
		m := (lo + hi) / 2
		if d.starts[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return layout.Pos{}
	}
	p := d.pos[lo-1]
	p.Offset = off - d.starts[lo-1]
	return p
}

// region is a byte range of docText.text.
type region struct{ start, end int }

// anchors where a table's rows begin, after its header
var (
	anchor2 = regexp.MustCompile(`信息内容|第二十条`)
	anchor3 = regexp.MustCompile(`申请人情况|自然人`)
)

// mapTextTable reads the rows of one table (二 or 三) from running text.
func mapTextTable(d *docText, reg region, defs []template.Row, anchor *regexp.Regexp) map[string]*rowRead {
	out := map[string]*rowRead{}
	src := d.text[reg.start:reg.end]
	nt := newNormText(src)
	norm := nt.text
	cur := 0
	if anchor != nil {
		if loc := anchor.FindStringIndex(norm); loc != nil {
			cur = loc[1]
		}
	}
	type hit struct {
		def        template.Row
		start, end int // normalised offsets of the label
	}
	var hits []hit
	for _, def := range defs {
		re := rowKeys[def.Key]
		if re == nil {
			continue
		}
		loc := re.FindStringIndex(norm[cur:])
		if loc == nil {
			continue
		}
		hits = append(hits, hit{def, cur + loc[0], cur + loc[1]})
		cur += loc[1]
	}
	for i, h := range hits {
		labelStart := reg.start + nt.srcStart(h.start)
		valStart := reg.start + nt.srcEnd(h.end)
		valEnd := reg.end
		if i+1 < len(hits) {
			valEnd = reg.start + nt.srcStart(hits[i+1].start)
		}
		// a closing quote or bracket the normalisation dropped belongs to the label
		for valStart < valEnd {
			r, w := utf8.DecodeRuneInString(d.text[valStart:valEnd])
			if !strings.ContainsRune("”\"’'」』）)】", r) {
				break
			}
			valStart += w
		}
		seg := d.text[valStart:valEnd]
		seg = seg[:numericPrefix(seg)]
		// "…0 0 0 1、本机关…": the digit before 、 is the next row's item number
		if rest := d.text[valStart+len(seg) : valEnd]; strings.HasPrefix(rest, "、") || strings.HasPrefix(rest, "．") {
			if k := len(seg); k > 0 && seg[k-1] >= '0' && seg[k-1] <= '9' {
				seg = seg[:k-1]
			}
		}
		rr := &rowRead{def: h.def, found: true, label: strings.TrimSpace(d.text[labelStart:valStart]), pos: d.posAt(labelStart)}
		rr.toks = tokenize(seg, valStart, false)
		rr.cellAt = tokenPositions(d, rr.toks)
		rr.raw = strings.TrimSpace(seg)
		if len(rr.toks) > 0 {
			rr.raw = strings.TrimSpace(d.text[rr.toks[0].off : rr.toks[len(rr.toks)-1].off+len(rr.toks[len(rr.toks)-1].raw)])
		}
		out[h.def.Key] = rr
	}
	return out
}

// mapTextTable4 reads table 四's single row of 15 values from running
// text: the longest run of values in the section.
func mapTextTable4(d *docText, reg region, defs []template.Row) map[string]*rowRead {
	src := d.text[reg.start:reg.end]
	best, bestDigits, bestOff := "", 0, 0
	i := 0
	for i < len(src) {
		n := numericPrefix(src[i:])
		if n == 0 {
			_, w := utf8.DecodeRuneInString(src[i:])
			i += w
			continue
		}
		seg := src[i : i+n]
		digits := 0
		for _, r := range seg {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if digits > bestDigits {
			best, bestDigits, bestOff = seg, digits, i
		}
		i += n
	}
	out := map[string]*rowRead{}
	if bestDigits == 0 {
		return out
	}
	row := mergeRows(defs)
	off := reg.start + bestOff
	rr := &rowRead{def: row, found: true, label: "行政复议/行政诉讼", pos: d.posAt(off)}
	rr.toks = tokenize(best, off, false)
	rr.cellAt = tokenPositions(d, rr.toks)
	rr.raw = strings.TrimSpace(best)
	out[row.Key] = rr
	return out
}

// mergeRows makes one row of table 四's three blocks (it is printed as one
// row of 15 cells).
func mergeRows(defs []template.Row) template.Row {
	return template.Merge("t4", "行政复议、行政诉讼", defs)
}

// --- grids ---------------------------------------------------------------

var numericCellRE = regexp.MustCompile(`^[-－—–]?[0-9０-９][0-9０-９,，]*([.．][0-9０-９]+)?\s*(万元|元|件|条|个|项)?$`)

// isValueCell reports whether a table cell holds a value (or is blank).
func isValueCell(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" || s == "—" || s == "/" || s == "／" || s == "－" {
		return true
	}
	for _, f := range strings.Fields(s) {
		if !numericCellRE.MatchString(f) {
			return false
		}
	}
	return true
}

// gridRow splits a grid row into its label and its value cells.
func gridRow(row []layout.Cell) (label string, vals []layout.Cell) {
	last := -1
	for i, c := range row {
		if !isValueCell(c.Text) {
			last = i
		}
	}
	var parts []string
	prev := ""
	for i := 0; i <= last; i++ {
		t := strings.TrimSpace(row[i].Text)
		if t == "" || t == prev {
			continue
		}
		parts = append(parts, t)
		prev = t
	}
	for _, c := range row[last+1:] {
		if c.Spanned {
			continue
		}
		vals = append(vals, c)
	}
	return strings.Join(parts, ""), vals
}

// classifyGrid says which table ("二", "三", "四") a grid holds, or "".
func classifyGrid(g *layout.Grid, gen Generation) string {
	var b strings.Builder
	for _, r := range g.Rows {
		for _, c := range r {
			b.WriteString(c.Text)
		}
	}
	norm := normalize(b.String())
	score := map[string]int{}
	for _, def := range template.Rows(string(gen)) {
		if def.Table == "四" {
			continue
		}
		if re := rowKeys[def.Key]; re != nil && mayMatch(def.Key, norm) && re.MatchString(norm) {
			score[def.Table]++
		}
	}
	if strings.Contains(norm, "申请人情况") || strings.Contains(norm, "自然人") {
		score["三"] += 5
	}
	if strings.Contains(norm, "信息内容") || strings.Contains(norm, "第二十条") {
		score["二"] += 5
	}
	if strings.Contains(norm, "结果维持") && strings.Contains(norm, "尚未审结") {
		score["四"] += 5
		if !strings.Contains(norm, "申请人") {
			score["四"] += 20
		}
	}
	best, bestScore := "", 2
	for _, t := range []string{"三", "二", "四"} {
		if score[t] > bestScore {
			best, bestScore = t, score[t]
		}
	}
	return best
}

// mapGrid reads the template rows of one table from a grid.
func mapGrid(g *layout.Grid, table string, defs []template.Row, out map[string]*rowRead, unused *[]Warning) {
	if table == "四" {
		row := mergeRows(defs)
		for _, r := range g.Rows {
			label, vals := gridRow(r)
			if len(vals) < 15 {
				continue
			}
			vals = vals[len(vals)-15:]
			rr := gridRead(row, label, vals)
			if rr.label == "" {
				rr.label = "行政复议/行政诉讼"
			}
			out[row.Key] = rr
			return
		}
		return
	}
	for _, r := range g.Rows {
		label, vals := gridRow(r)
		if label == "" || len(vals) == 0 {
			continue
		}
		norm := unifyItemNumbers(normalize(label))
		var def *template.Row
		bestEnd := -1
		for i := range defs {
			re := rowKeys[defs[i].Key]
			if re == nil || !mayMatch(defs[i].Key, norm) {
				continue
			}
			// the most specific label is the one printed last
			locs := re.FindAllStringIndex(norm, -1)
			if len(locs) == 0 {
				continue
			}
			if end := locs[len(locs)-1][1]; end > bestEnd {
				bestEnd, def = end, &defs[i]
			}
		}
		if def == nil {
			if hasValue(vals) {
				*unused = append(*unused, Warning{Code: "UNMAPPED_ROW", Severity: SevInfo, Pos: vals[0].Pos,
					Message: fmt.Sprintf("table %s: row %q with values is not a template row; not used", table, label)})
			}
			continue
		}
		if _, dup := out[def.Key]; dup {
			// a repeated header or a row printed twice: keep the first,
			// say so
			out[def.Key].warn = append(out[def.Key].warn, Warning{Code: "DUPLICATE_ROW", Severity: SevWarning,
				Pos: r[0].Pos, Message: fmt.Sprintf("row %q appears again at %s; the first is used", label, r[0].Pos)})
			continue
		}
		// drop blank cells beyond the columns (colspan padding)
		n := len(def.Cells)
		for len(vals) > n && strings.TrimSpace(vals[len(vals)-1].Text) == "" {
			vals = vals[:len(vals)-1]
		}
		for len(vals) > n && strings.TrimSpace(vals[0].Text) == "" {
			vals = vals[1:]
		}
		out[def.Key] = gridRead(*def, label, vals)
	}
}

func gridRead(def template.Row, label string, vals []layout.Cell) *rowRead {
	rr := &rowRead{def: def, found: true, label: label}
	if len(vals) > 0 {
		rr.pos = vals[0].Pos
	}
	var raws []string
	for _, c := range vals {
		t := strings.TrimSpace(c.Text)
		raws = append(raws, t)
		if t == "" {
			rr.toks = append(rr.toks, token{intact: true})
			rr.cellAt = append(rr.cellAt, c.Pos)
			continue
		}
		for _, tk := range tokenize(t, 0, true) {
			rr.toks = append(rr.toks, tk)
			rr.cellAt = append(rr.cellAt, c.Pos)
		}
	}
	rr.raw = strings.Join(raws, "|")
	return rr
}

func hasValue(vals []layout.Cell) bool {
	for _, v := range vals {
		if t := strings.TrimSpace(v.Text); t != "" && t != "-" && t != "—" && t != "/" {
			return true
		}
	}
	return false
}

// tokenPositions gives each token's position (line and byte offset); a
// cell gets its own when its token was one value.
func tokenPositions(d *docText, toks []token) []layout.Pos {
	out := make([]layout.Pos, len(toks))
	for i, t := range toks {
		out[i] = d.posAt(t.off)
	}
	return out
}
