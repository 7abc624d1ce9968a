package extract

import (
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// Generation is the template family of a report (see the spec's
// "Generations").
type Generation string

const (
	GenUnknown Generation = ""
	Gen2019    Generation = "fmt2019" // 国办公开办函〔2019〕60号, reports for 2019 and 2020
	Gen2021    Generation = "fmt2021" // 国办公开办函〔2021〕30号, reports from 2021
	GenLegacy  Generation = "legacy"  // before 2019: no national table layout
)

// Format is the shape a report reached us in (Source.Format, JSON "kind").
type Format string

const (
	FormatText Format = "text"
	FormatHTML Format = "html"
	FormatPDF  Format = "pdf"
	FormatDOCX Format = "docx"
	// FormatImage is a scan: PNG, JPEG or TIFF page images, read by OCR.
	FormatImage Format = "image"
)

// Evidence says where a value was read: page, line or table cell, and the
// raw text it was read from.
type Evidence struct {
	layout.Pos
	// Raw is the source text the value was read from: the cell text, or
	// the run of characters on a line (for run-together digits, the whole
	// run that was split).
	Raw string `json:"raw,omitempty"`
	// Label is the row label as printed in the source: the text the row
	// was matched from.
	Label string `json:"label,omitempty"`
	// LabelMatch says how closely Label matched the template row's label,
	// 0..1 (1: the same words; numbering such as （三） 2. agreeing raises
	// it, differing lowers it). Zero for a row taken by its place.
	LabelMatch float64 `json:"label_match,omitempty"`
	// ByPlace is true when the row's label was not printed with its
	// values: the row was taken by its place between matched rows.
	ByPlace bool `json:"by_place,omitempty"`
	// Confidence is the OCR engine's confidence in the cell's reading
	// (0–1, its least sure character); absent for text that was not OCR'd.
	Confidence float64 `json:"confidence,omitempty"`
}

// Status of a cell.
type Status string

const (
	StatusOK        Status = "ok"        // a value was read
	StatusBlank     Status = "blank"     // the cell is printed empty (not the same as 0)
	StatusMissing   Status = "missing"   // the template has the cell, the source does not print it
	StatusAmbiguous Status = "ambiguous" // several values fit; see Candidates and the Split
)

// Cell is one canonical cell of cells.tsv for the report's generation.
type Cell struct {
	ID     string `json:"id"`     // cell_id of cells.tsv
	Table  string `json:"table"`  // "二", "三" or "四"
	Status Status `json:"status"` // ok / blank / missing / ambiguous
	// Value is the number as printed, without thousands separators or a
	// unit; empty unless Status is ok.
	Value string `json:"value,omitempty"`
	// Unit is a unit printed inside the cell ("251000元" has Unit "元").
	Unit string `json:"unit,omitempty"`
	// Candidates lists, for an ambiguous cell, the values it takes in the
	// remaining splits of its row (distinct, in split order).
	Candidates []string `json:"candidates,omitempty"`
	// Split is the index in Record.Splits of the split decision this cell
	// took part in, or -1.
	Split int `json:"split"`
	// Evidence is where the value (or its row) was read.
	Evidence Evidence `json:"evidence"`
	// Note explains a decision (e.g. "decided by D1 among 4 splits").
	Note string `json:"note,omitempty"`
}

// Int returns the cell's value as an integer; ok is false unless the
// status is ok and the value is an integer. A blank cell is not 0 here:
// callers that treat blank as 0 must say so.
func (c *Cell) Int() (v int64, ok bool) {
	if c.Status != StatusOK {
		return 0, false
	}
	n, ok := template.ParseFixed(c.Value)
	if !ok || n%template.Scale != 0 {
		return 0, false
	}
	return n / template.Scale, true
}

// Float returns the cell's value as a float64 (amounts).
func (c *Cell) Float() (v float64, ok bool) {
	if c.Status != StatusOK {
		return 0, false
	}
	r, ok := template.ParseExact(c.Value)
	if !ok {
		return 0, false
	}
	f, _ := r.Float64()
	return f, true
}

// Split records how a run of digits that lost its separators was divided
// among cells, or which readings of a row's OCR'd cells were possible, and
// which of them remained possible. Audit rules judge
// the cells of an unresolved split over every candidate.
type Split struct {
	Cells []string `json:"cells"` // cell ids, in column order
	Raw   string   `json:"raw"`   // the printed run(s), e.g. "270020130"
	// Candidates are the divisions that satisfy the rules used; each has
	// one value per cell of Cells ("" for blank, "MISSING" for a cell not
	// printed). Chosen is the index of the accepted one, or -1.
	Candidates [][]string `json:"candidates"`
	Chosen     int        `json:"chosen"`
	// Rules names what decided (or narrowed) the split: "D1", "D3",
	// "D2", "R1", "narrative", "sign", "shape".
	Rules    []string `json:"rules,omitempty"`
	Evidence Evidence `json:"evidence"`
}

// LegacyRow is one row of a pre-2019 statistical table.
type LegacyRow struct {
	Label      string `json:"label"` // as printed, without 其中： and item numbers
	Unit       string `json:"unit,omitempty"`
	Year       string `json:"year"`                 // value for the report year ("" blank)
	Cumulative string `json:"cumulative,omitempty"` // 历年累计, where printed
	Status     Status `json:"status"`
	// Candidates holds "year|cumulative" pairs for an ambiguous row.
	Candidates []string `json:"candidates,omitempty"`
	// Parent is the index of the row this one is a part of (其中：, 1.…),
	// or -1.
	Parent   int      `json:"parent"`
	Evidence Evidence `json:"evidence"`
	Note     string   `json:"note,omitempty"`
}

// Section is one of the six numbered sections of a fmt2019/fmt2021
// report (or a heading-delimited part of a legacy report).
type Section struct {
	Number  int        `json:"number"`  // 1..6
	Heading string     `json:"heading"` // as printed, e.g. "四、政府信息公开行政复议、行政诉讼情况"
	Text    string     `json:"text"`    // body text without the heading; tables are not included
	Pos     layout.Pos `json:"pos"`
}

// Severity of a warning.
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Warning is something the extractor noticed about the source: a cell it
// could not read, a row it could not map, a deviation from the template.
type Warning struct {
	Code     string     `json:"code"` // stable id: MISSING_CELLS, AMBIGUOUS_SPLIT, UNMAPPED_ROW, ...
	Severity Severity   `json:"severity"`
	Message  string     `json:"message"`
	Cells    []string   `json:"cells,omitempty"`
	Pos      layout.Pos `json:"pos"`
}

// Field is a tagged fact found in the narrative by package segment
// (quantities, dates, places, channels, problems, measures, keywords).
type Field struct {
	Kind     string  `json:"kind"`              // quantity, date, year, agency, place, channel, problem, measure, keyword
	Subject  string  `json:"subject,omitempty"` // what a quantity counts: received, completed, carried_forward, ...
	Text     string  `json:"text"`              // the words as printed
	Number   float64 `json:"number"`
	Unit     string  `json:"unit,omitempty"`
	Section  int     `json:"section"` // 1..6, 0 for the preamble
	Offset   int     `json:"offset"`  // byte offset of the sentence in the section text
	Sentence string  `json:"sentence,omitempty"`
}

// Source describes the input a record was read from.
type Source struct {
	Path   string `json:"path,omitempty"`
	Format Format `json:"kind"`
	Reader string `json:"reader"` // which code produced the text (see layout.Document.Reader)
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	Pages  int    `json:"pages,omitempty"`
	// OCRPages are the pages read by OCR when the others were read as
	// text (a PDF mixing text pages and scanned ones); Reader then names
	// both readers.
	OCRPages []int `json:"ocr_pages,omitempty"`
	// From a fetch manifest, where the file came from one.
	URL          string `json:"url,omitempty"`
	ListingTitle string `json:"listing_title,omitempty"`
	FetchedAt    string `json:"fetched_at,omitempty"`
}

// Meta is the report's metadata.
type Meta struct {
	Title  string `json:"title"`  // the report title as printed
	Agency string `json:"agency"` // the agency's name as printed (title, introduction, signature, page metadata)
	Year   int    `json:"year"`   // the statistical year
	// TitleFrom, AgencyFrom and YearFrom say where each was read: "title,
	// line 3", "statistical period, line 5", "introduction, line 4",
	// "signature, line 120", "meta ContentSource", "fetch manifest
	// title", …
	TitleFrom  string     `json:"title_from,omitempty"`
	AgencyFrom string     `json:"agency_from,omitempty"`
	YearFrom   string     `json:"year_from,omitempty"`
	Generation Generation `json:"generation"`
	// GenerationBasis lists the labels or citations that decided the
	// generation.
	GenerationBasis []string `json:"generation_basis,omitempty"`
	PeriodStart     string   `json:"period_start,omitempty"` // YYYY-MM-DD, as stated
	PeriodEnd       string   `json:"period_end,omitempty"`
	Published       string   `json:"published,omitempty"`      // YYYY-MM-DD
	PublishedFrom   string   `json:"published_from,omitempty"` // "meta PubDate", "发布时间 line, line 2", "fetch manifest"
}

// Record is the parsed report: everything downstream (audit, segment,
// corpus) reads this and nothing else.
type Record struct {
	Source   Source      `json:"source"`
	Meta     Meta        `json:"meta"`
	Sections []Section   `json:"sections"`
	Cells    []Cell      `json:"cells"` // every canonical cell of Meta.Generation, in cells.tsv order
	Splits   []Split     `json:"splits,omitempty"`
	Legacy   []LegacyRow `json:"legacy,omitempty"`
	Fields   []Field     `json:"fields,omitempty"` // filled by package segment when asked
	Warnings []Warning   `json:"warnings"`

	index map[string]int
}

// Cell returns the canonical cell with the given id, or nil.
func (r *Record) Cell(id string) *Cell {
	if r.index == nil || len(r.index) != len(r.Cells) {
		r.index = make(map[string]int, len(r.Cells))
		for i := range r.Cells {
			r.index[r.Cells[i].ID] = i
		}
	}
	i, ok := r.index[id]
	if !ok {
		return nil
	}
	return &r.Cells[i]
}

// Section returns section n (1..6) or nil.
func (r *Record) Section(n int) *Section {
	for i := range r.Sections {
		if r.Sections[i].Number == n {
			return &r.Sections[i]
		}
	}
	return nil
}

// TidyValue renders a cell's value for the cells form: the value, "" for
// blank, "MISSING" or "AMBIGUOUS".
func (c *Cell) TidyValue() string {
	switch c.Status {
	case StatusOK:
		return c.Value
	case StatusMissing:
		return "MISSING"
	case StatusAmbiguous:
		return "AMBIGUOUS"
	}
	return ""
}

// WriteCells writes the record in the cells form of the spec.
func (r *Record) WriteCells(b *strings.Builder) {
	b.WriteString("meta.agency\t" + r.Meta.Agency + "\n")
	b.WriteString("meta.year\t")
	if r.Meta.Year > 0 {
		b.WriteString(strconv.Itoa(r.Meta.Year))
	}
	b.WriteString("\n")
	b.WriteString("meta.generation\t" + string(r.Meta.Generation) + "\n")
	for i := range r.Cells {
		b.WriteString(r.Cells[i].ID + "\t" + r.Cells[i].TidyValue() + "\n")
	}
	for _, l := range r.Legacy {
		y := l.Year
		if l.Status == StatusAmbiguous {
			y = "AMBIGUOUS"
		}
		b.WriteString("legacy\t" + l.Label + "\t" + l.Unit + "\t" + y + "\t" + l.Cumulative + "\n")
	}
}
