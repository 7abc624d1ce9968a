package corpus

import (
	"math/big"
	"regexp"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

// Quality of a comparison column's value in a generation (the spec's "One
// comparison schema across generations").
const (
	Exact        = "exact"        // the same definition
	Approx       = "approx"       // a close but different definition
	Incomparable = "incomparable" // no value of this generation compares
)

// Column is one column of the comparison schema: a cell id of cells.tsv
// (table 三 and 四 cells mean the same in fmt2019 and fmt2021), or a sum
// across rows, with how each generation supplies it.
type Column struct {
	ID    string // e.g. "t3.granted.total", "t2.regulations.issued", "t3.denied.total"
	Label string // table / row / column, as in cells.tsv
	terms map[string]columnTerm
}

// columnTerm is how one generation gives a column's value: the sum of cells,
// or the year value of the first legacy row whose label matches.
type columnTerm struct {
	cells   []string
	legacy  *regexp.Regexp
	quality string
}

// Quality returns how a report of generation gen gives the column: Exact
// (the column's own definition), Approx (a close definition mapped onto
// it), or Incomparable (nothing in that generation compares; the value is
// left empty).
func (f *Column) Quality(gen string) string {
	if t, ok := f.terms[gen]; ok {
		return t.quality
	}
	return Incomparable
}

var (
	columns   []*Column
	columnIdx = map[string]*Column{}
	// cellColumn maps generation + cell id to the column the cell gives
	// (alone, not as a part of a sum).
	cellColumn = map[string]*Column{}
)

// Columns returns the comparison schema in column order: the fmt2021
// cells, then cells only fmt2019 has, then the derived sums.
func Columns() []*Column {
	loadColumns()
	return columns
}

// LookupColumn returns the column with the given id.
func LookupColumn(id string) (*Column, bool) {
	loadColumns()
	f, ok := columnIdx[id]
	return f, ok
}

func addColumn(id, label string) *Column {
	if f, ok := columnIdx[id]; ok {
		return f
	}
	f := &Column{ID: id, Label: label, terms: map[string]columnTerm{}}
	columns = append(columns, f)
	columnIdx[id] = f
	return f
}

func (f *Column) set(gen, quality string, cells ...string) {
	f.terms[gen] = columnTerm{cells: cells, quality: quality}
	if len(cells) == 1 {
		cellColumn[gen+" "+cells[0]] = f
	}
}

func (f *Column) setLegacy(pattern string) {
	f.terms[string(extract.GenLegacy)] = columnTerm{legacy: regexp.MustCompile(pattern), quality: Approx}
}

// loadColumns builds the schema on first use (not at start-up: most runs
// of the command never compare).
var loadColumns = sync.OnceFunc(func() {
	for _, gen := range []string{"fmt2021", "fmt2019"} {
		for _, c := range template.Cells(gen) {
			f := addColumn(c.ID, c.Table+" / "+c.RowLabel+" / "+c.ColLabel)
			q := Exact
			if gen == "fmt2019" && strings.HasSuffix(c.ID, ".decisions") {
				q = Approx // fmt2021 counts all decisions; fmt2019 does not say
			}
			f.set(gen, q, c.ID)
		}
	}
	// fmt2021 本年制发件数 ≈ fmt2019 本年新制作数量.
	for _, row := range []string{"t2.regulations", "t2.normative_docs"} {
		columnIdx[row+".issued"].set("fmt2019", Approx, row+".new_made")
	}
	// fmt2019 （六）其他处理 is the sum of fmt2021's three sub-rows.
	for _, c := range template.Cells("fmt2019") {
		if c.Row == "t3.other_handling" {
			columnIdx[c.ID].set("fmt2021", Exact, "t3.other_no_correction."+c.Col, "t3.other_unpaid_fee."+c.Col, "t3.other_misc."+c.Col)
		}
	}
	// Derived sums: Σ不予公开 per column, and all litigation.
	for _, c := range template.Cells("fmt2021") {
		if c.Row != "t3.denied_state_secret" {
			continue
		}
		f := addColumn("t3.denied."+c.Col, "三 / （三）不予公开 合计 / "+c.ColLabel)
		var parts []string
		for _, d := range template.Cells("fmt2021") {
			if strings.HasPrefix(d.Row, "t3.denied_") && d.Col == c.Col {
				parts = append(parts, d.ID)
			}
		}
		f.set("fmt2021", Exact, parts...)
		f.set("fmt2019", Exact, parts...)
	}
	lit := addColumn("t4.litigation.total", "四 / 行政诉讼 合计 / 总计")
	lit.set("fmt2021", Exact, "t4.litigation_direct.total", "t4.litigation_after_review.total")
	lit.set("fmt2019", Exact, "t4.litigation_direct.total", "t4.litigation_after_review.total")
	// Pre-2019 statistical tables: approximate, year column only.
	columnIdx["t3.new_received.total"].setLegacy(`^(受理|收到).*申请.*数$`)
	columnIdx["t3.granted.total"].setLegacy(`^同意公开(答复)?数$`)
	columnIdx["t3.partially_granted.total"].setLegacy(`^(同意)?部分公开(答复)?数$`)
	columnIdx["t3.denied.total"].setLegacy(`^(不予公开|不同意公开|否决公开)(答复)?数$`)
	columnIdx["t4.admin_review.total"].setLegacy(`^(被申请)?行政复议(案件)?数$`)
	columnIdx["t4.litigation.total"].setLegacy(`^(被提起)?行政诉讼(案件)?数$`)
})

// Value is one value of the comparison schema.
type Value struct {
	Value   string `json:"value"`  // as printed, or the sum of the parts
	Status  string `json:"status"` // ok, blank, missing, ambiguous; "" where the generation has no term
	Quality string `json:"quality"`
}

// reportValues holds what a report stored: cells by id and legacy rows.
type reportValues struct {
	gen    string
	cells  map[string]extract.Cell
	legacy []extract.LegacyRow
}

// Value computes the column for one report. A sum is missing or ambiguous
// when a part is, blank when every part is, and otherwise counts blank
// parts as 0.
func (f *Column) value(r *reportValues) Value {
	v := Value{Quality: f.Quality(r.gen)}
	t, ok := f.terms[r.gen]
	if !ok {
		return v
	}
	if t.legacy != nil {
		for _, l := range r.legacy {
			if t.legacy.MatchString(l.Label) {
				v.Value, v.Status = l.Year, string(l.Status)
				return v
			}
		}
		v.Status = string(extract.StatusMissing)
		return v
	}
	if len(t.cells) == 1 {
		c, ok := r.cells[t.cells[0]]
		if !ok {
			v.Status = string(extract.StatusMissing)
			return v
		}
		v.Value, v.Status = c.Value, string(c.Status)
		return v
	}
	sum, blank := new(big.Rat), 0
	for _, id := range t.cells {
		c, ok := r.cells[id]
		switch {
		case !ok || c.Status == extract.StatusMissing:
			v.Status = string(extract.StatusMissing)
			return v
		case c.Status == extract.StatusAmbiguous:
			v.Status = string(extract.StatusAmbiguous)
			return v
		case c.Status == extract.StatusBlank:
			blank++
			continue
		}
		x, ok := template.ParseExact(c.Value)
		if !ok {
			v.Status = string(extract.StatusAmbiguous)
			return v
		}
		sum.Add(sum, x)
	}
	if blank == len(t.cells) {
		v.Status = string(extract.StatusBlank)
		return v
	}
	v.Status = string(extract.StatusOK)
	if sum.IsInt() {
		v.Value = sum.Num().String()
	} else {
		v.Value = strings.TrimRight(strings.TrimRight(sum.FloatString(6), "0"), ".")
	}
	return v
}

// cellQuality returns the column a stored cell gives on its own and its
// quality ("" and Incomparable for a cell that feeds no column alone).
func cellQuality(gen, cellID string) (string, string) {
	loadColumns()
	if f, ok := cellColumn[gen+" "+cellID]; ok {
		return f.ID, f.Quality(gen)
	}
	return "", Incomparable
}

// legacyColumn returns the column a legacy row gives, if any.
func legacyColumn(l extract.LegacyRow) (string, string) {
	for _, f := range Columns() {
		if t, ok := f.terms[string(extract.GenLegacy)]; ok && t.legacy.MatchString(l.Label) {
			return f.ID, t.quality
		}
	}
	return "", Incomparable
}
