package legacy

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
)

// maxLabel is the most non-space, non-digit runes a label and its unit
// (with any captions before them) may have; a longer stretch without a
// row means the table has ended and the narrative resumed.
const maxLabel = 80

// FromText reads the statistical tables of a pre-2019 report from its
// text: the whole document, lines joined with "\n". A flattened page may
// hold a whole table on one line, its cells separated by single spaces or
// by nothing at all.
//
// narrative is the report's running text, used to decide splits of
// run-together digits that the table's own sums leave open; when it is
// "", the text outside the tables is used. It may contain the tables.
//
// The warnings say where the table was not read cleanly: skipped
// captions, item numbers out of sequence, rows left ambiguous.
func FromText(text string, narrative string) ([]Row, []Warning) {
	g := newStream(text)
	b := &builder{}
	var outside strings.Builder
	pos, prevEnd, tno := 0, 0, 0
	year := ""
	for {
		h, ok := findHeader(g, pos)
		if !ok {
			break
		}
		tno++
		if year == "" {
			year = h.year
		}
		n := len(b.rows)
		end := b.scanTable(g, h, tno)
		if len(b.rows) == n {
			b.warns = append(b.warns, Warning{glyphPos(g[h.start]), "table " + itoa(tno) + " has no rows"})
		}
		outside.WriteString(text[prevEnd:g[h.start].abs])
		outside.WriteByte('\n')
		prevEnd = len(text)
		if end < len(g) {
			prevEnd = g[end].abs
		}
		pos = max(end, h.body)
	}
	if tno == 0 {
		return nil, []Warning{{Message: "no statistical table: no 指标名称 … 计量单位 (or 统计指标 … 单位) header found"}}
	}
	if narrative == "" {
		outside.WriteString(text[prevEnd:])
		narrative = outside.String()
	}
	b.warns = append(b.warns, resolve(b.rows, b.cands, b.notes, narrative, year)...)
	return b.rows, b.warns
}

// builder collects the rows of one document.
type builder struct {
	rows  []Row
	cands [][]cand
	notes []string // how the readings were found, before any rule
	warns []Warning
}

func (b *builder) add(r Row, cs []cand, note string) {
	b.rows = append(b.rows, r)
	b.cands = append(b.cands, cs)
	b.notes = append(b.notes, note)
}

// header is a table header found in the text.
type header struct {
	start  int // glyph index of 指标名称
	body   int // glyph index after the header
	hasCum bool
	year   string // the report year named in the header ("2015"), or ""
}

// headTail matches the value columns after 计量单位.
var headTail = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[0-9]{4}年度?|本年度|本年|当年|本期|统计数|数量|数值)?(?:历年累计|累计数|累计)?`)
})

// headerAt reports whether a table header starts at glyph i: 指标名称 (the
// Fujian family) or 统计指标 (the 2014 national table).
func headerAt(g []glyph, i int) bool {
	switch g[i].r {
	case '指':
		return hasPrefixAt(g, i, "指标名称")
	case '统':
		return hasPrefixAt(g, i, "统计指标")
	}
	return false
}

// findHeader finds the next 指标名称 … 计量单位 [year] [历年累计] header
// (or 统计指标 … 单位 … 统计数).
func findHeader(g []glyph, from int) (header, bool) {
	for i := from; i < len(g); i++ {
		if !headerAt(g, i) {
			continue
		}
		var rs []rune
		var idx []int
		for j := i; j < len(g) && len(rs) < 40; j++ {
			if g[j].r != sep {
				rs = append(rs, g[j].r)
				idx = append(idx, j)
			}
		}
		s := string(rs)
		u := strings.Index(s, "单位")
		if u < 0 || utf8.RuneCountInString(s[:u]) > 12 {
			continue
		}
		tail := headTail().FindString(s[u+len("单位"):])
		n := utf8.RuneCountInString(s[:u]) + 2 + utf8.RuneCountInString(tail)
		return header{start: i, body: idx[n-1] + 1, hasCum: strings.Contains(tail, "累计"), year: yearRe().FindString(tail)}, true
	}
	return header{}, false
}

// site is where a row's values start: a unit word followed by a digit.
type site struct {
	u0, j int // glyph index of the unit and of the first digit
	unit  string
	ok    bool
	stop  int  // when !ok: where the search stopped
	clean bool // when !ok: stopped at the end of the text or at a new header
}

// findSite finds the next unit word followed by a digit, with a label
// before it, from glyph from on. It gives up where narrative resumes (a
// 。, or more than maxLabel runes without a row) and at a new header.
func findSite(g []glyph, from int) site {
	count := 0
	for j := from; j < len(g); j++ {
		r := g[j].r
		if r == '。' {
			return site{stop: j}
		}
		if j > from && headerAt(g, j) {
			return site{stop: j, clean: true}
		}
		if !isDigit(r) {
			if r != sep {
				if count++; count > maxLabel {
					return site{stop: j}
				}
			}
			continue
		}
		k := j - 1
		if k >= from && g[k].r == sep {
			k--
		}
		if k < from || isDigit(g[k].r) || g[k].r == '.' || g[k].r == ',' {
			continue
		}
		u, u0 := unitEndingAt(g, k)
		if u == "" || u0 <= from {
			continue
		}
		for x := from; x < u0; x++ {
			if g[x].r != sep {
				return site{u0: u0, j: j, unit: u, ok: true}
			}
		}
	}
	return site{stop: len(g), clean: true}
}

// scanTable reads the rows of the table whose header is h and returns the
// glyph index where the table ends.
func (b *builder) scanTable(g []glyph, h header, tno int) int {
	nest := newNester()
	first := len(b.rows)
	var toks [][]string // per row from first on; nil for blank rows
	pos, end := h.body, h.body
	pieceRow := func(r Row) {
		b.add(r, []cand{{}}, "printed without values")
		toks = append(toks, nil)
	}
	for {
		s := findSite(g, pos)
		if !s.ok {
			if s.clean {
				b.region(g, pos, s.stop, nest, tno, first, true, pieceRow)
			}
			break
		}
		c := b.region(g, pos, s.u0, nest, tno, first, false, pieceRow)
		i := len(b.rows)
		parent := nest.place(i, c)
		vt, vend, next, warn := scanValues(g, s.j, nest.expected())
		if warn != "" {
			b.warns = append(b.warns, Warning{glyphPos(g[s.j]), warn})
		}
		if c.text == "" {
			b.warns = append(b.warns, Warning{glyphPos(g[s.j]), "row without a label"})
		}
		b.add(Row{
			Label:  c.text,
			Unit:   s.unit,
			Parent: parent,
			Pos:    layout.Pos{Line: g[s.j].line, Offset: g[s.j].off, Table: tno, Row: i - first + 1},
			Raw:    strings.TrimSpace(text(g, s.j, vend)),
		}, nil, "")
		toks = append(toks, vt)
		pos, end = next, vend
	}
	separated := false
	for _, t := range toks {
		separated = separated || len(t) >= 2
	}
	for k, t := range toks {
		i := first + k
		if b.cands[i] != nil {
			continue
		}
		b.cands[i], b.notes[i] = readings(t, h.hasCum, separated)
		if len(t) == 0 {
			b.notes[i] = "values printed blank"
		}
	}
	return end
}

// glyphPos is where a glyph is: its line and byte offset in the line.
func glyphPos(x glyph) layout.Pos { return layout.Pos{Line: x.line, Offset: x.off} }

// scanValues reads the numeric tokens of a row from glyph j on. An item
// number glued to the last digits ("2949819162、政府…" holds the next row's
// "2、") is cut off using the numbers the next row may carry. It returns
// the tokens, the end of the values, the start of the next label, and a
// warning.
func scanValues(g []glyph, j int, expected []string) (toks []string, vend, next int, warn string) {
	p := j
	var starts []int
	for {
		start := p
		for p < len(g) {
			r := g[p].r
			if isDigit(r) || (r == '.' || r == ',') && p+1 < len(g) && isDigit(g[p+1].r) {
				p++
				continue
			}
			break
		}
		toks = append(toks, text(g, start, p))
		starts = append(starts, start)
		if p+1 < len(g) && g[p].r == sep && isDigit(g[p+1].r) {
			p++
			continue
		}
		break
	}
	vend, next = p, p
	item := p+1 < len(g) && itemPunct(g[p].r) && !isDigit(g[p+1].r)
	last := toks[len(toks)-1]
	if !item || strings.ContainsAny(last, ".,") {
		return toks, vend, next, ""
	}
	n := len(toks) - 1
	cut := ""
	if n > 0 && len(last) <= 3 && last[0] != '0' {
		cut = last // a token of its own: the whole token is the item number
	}
	for _, e := range expected {
		if cut == "" && strings.HasSuffix(last, e) {
			cut = e
		}
	}
	if cut == "" {
		for l := 1; l <= len(last) && l <= 3; l++ {
			if s := last[len(last)-l:]; s[0] != '0' {
				cut = s
				break
			}
		}
		if cut == "" {
			return toks, vend, next, ""
		}
		warn = "item number " + cut + " out of sequence (expected " + strings.Join(expected, " or ") + ")"
	}
	next = starts[n] + len(last) - len(cut)
	vend = next
	for vend > j && g[vend-1].r == sep {
		vend--
	}
	if rest := last[:len(last)-len(cut)]; rest != "" {
		toks[n] = rest
	} else {
		toks = toks[:n]
	}
	return toks, vend, next, warn
}

// region reads the text between two rows' values: captions (skipped),
// rows printed without values (added as blank rows) and, last, the label
// of the next row, which it returns. In trailing text (after the last
// row) only pieces that end with a unit word of their own are taken as
// blank rows.
func (b *builder) region(g []glyph, from, to int, nest *nester, tno, first int, trailing bool, blank func(Row)) cleaned {
	var cuts []int
	for k := from + 1; k < to; k++ {
		if g[k].r == '其' && hasPrefixAt(g, k, "其中") {
			cuts = append(cuts, k)
			continue
		}
		if g[k-1].r == sep && g[k].r != sep {
			if m, _, _ := leadingMarker(text(g, k, min(to, k+8))); m != mNone {
				cuts = append(cuts, k)
			}
		}
	}
	cuts = append(cuts, to)
	var last cleaned
	start := from
	for n, cut := range cuts {
		toks := tokens(g, start, cut)
		p0 := start
		start = cut
		if len(toks) == 0 {
			continue
		}
		if k, _, _ := leadingMarker(toks[0]); k == mCN && len(toks) > 1 {
			// "一、主动公开情况 主动公开信息数": a section caption, then the label
			nest.caption()
			b.warns = append(b.warns, Warning{glyphPos(g[p0]), "caption without values skipped: " + toks[0]})
			toks = toks[1:]
		}
		c := cleanLabel(joinTokens(toks))
		if n == len(cuts)-1 && !trailing {
			last = c
			break
		}
		lbl, u, ok := endsWithUnit(c.text)
		if trailing && !(ok && toks[len(toks)-1] == u && len(toks) > 1) {
			continue
		}
		if ok && utf8.RuneCountInString(lbl) >= 2 {
			c.text = lbl
			i := len(b.rows)
			blank(Row{
				Label:  lbl,
				Unit:   u,
				Parent: nest.place(i, c),
				Pos:    layout.Pos{Line: g[p0].line, Offset: g[p0].off, Table: tno, Row: i - first + 1},
			})
			continue
		}
		if hasWord(c.text) {
			nest.caption()
			b.warns = append(b.warns, Warning{glyphPos(g[p0]), "caption without values skipped: " + c.text})
		}
	}
	return last
}

// hasWord reports whether s holds a letter or digit, not only dashes and
// punctuation ("—— ——" in the unit and value cells of a caption row).
func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
