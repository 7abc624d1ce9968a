package layout

import (
	"errors"
	"fmt"
	"strings"
)

// Pos says where a piece of text came from, precisely enough for an auditor
// to find it in the source.
type Pos struct {
	Page      int     `json:"page,omitempty"`      // PDF page, 1-based
	Line      int     `json:"line,omitempty"`      // text line (text input), or line on the page (PDF)
	Paragraph int     `json:"paragraph,omitempty"` // paragraph index (HTML, Word), 1-based
	Table     int     `json:"table,omitempty"`     // table index in the document, 1-based
	Row       int     `json:"row,omitempty"`       // row in that table, 1-based
	Col       int     `json:"col,omitempty"`       // column in that table (after span expansion), 1-based
	Offset    int     `json:"offset,omitempty"`    // byte offset of the token in the line or cell text, 0-based
	X         float64 `json:"x,omitempty"`         // PDF user-space x of the text (points)
	Y         float64 `json:"y,omitempty"`         // PDF user-space y of the text (points)
	// Box is the region of a page image the text was read from by OCR:
	// x0, y0, x1, y1 in pixels of the straightened page image (origin top
	// left), zero when the text was not OCR'd.
	Box [4]int `json:"box,omitzero"`
}

// PosWords name a position's parts for Render, each a format with one
// %d (Box: four, x0, y0, x1, y1); an empty format leaves that part out.
type PosWords struct {
	Page, Line, Paragraph, Box, Table, Row, Col string
	Sep                                         string // between the parts; a table's row and column follow it after a space
}

// English are the words of String: "page 3, line 12, table 2 row 5 col 3".
var English = PosWords{Page: "page %d", Line: "line %d", Paragraph: "paragraph %d", Box: "box %d,%d-%d,%d",
	Table: "table %d", Row: "row %d", Col: "col %d", Sep: ", "}

// Render writes the known parts of p (page, line, paragraph, OCR box,
// table with row and column) in words w, in that order; "" when none is
// known. The byte offset is Where's.
func (p Pos) Render(w PosWords) string {
	var parts []string
	add := func(format string, n int) {
		if n > 0 && format != "" {
			parts = append(parts, fmt.Sprintf(format, n))
		}
	}
	add(w.Page, p.Page)
	add(w.Line, p.Line)
	add(w.Paragraph, p.Paragraph)
	if p.Box != [4]int{} && w.Box != "" {
		parts = append(parts, fmt.Sprintf(w.Box, p.Box[0], p.Box[1], p.Box[2], p.Box[3]))
	}
	if p.Table > 0 && w.Table != "" {
		s := fmt.Sprintf(w.Table, p.Table)
		if p.Row > 0 && w.Row != "" {
			s += " " + fmt.Sprintf(w.Row, p.Row)
		}
		if p.Col > 0 && w.Col != "" {
			s += " " + fmt.Sprintf(w.Col, p.Col)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, w.Sep)
}

// String renders a position in English (Render with English), or
// "unknown position".
func (p Pos) String() string {
	if s := p.Render(English); s != "" {
		return s
	}
	return "unknown position"
}

// Document is what a reader produces.
type Document struct {
	// Reader names the code that produced the text, e.g. "text",
	// "goquery", "ledongthuc/pdf", "pdftotext -bbox-layout", "docx".
	Reader string
	// Pages is the number of pages (PDF) or 0.
	Pages int
	// Title is the document's own title where the format has one
	// (HTML <title>, PDF /Title); it may be site furniture.
	Title string
	// Published is a publication date stated by the source's metadata
	// (HTML meta PubDate, a 发布时间 line near the title), as YYYY-MM-DD.
	Published string
	// PublishedFrom says where Published was read, without the position
	// (e.g. "meta PubDate", "page text 发布时间").
	PublishedFrom string
	// PublishedPos is where in the source Published was read (the line of
	// a 发布时间 line), zero when the source has no position for it (a
	// <meta> tag).
	PublishedPos Pos
	// Metadata is what the source states about the report outside its
	// text, in the order found: HTML <meta> tags (ArticleTitle,
	// ContentSource, SiteName, …), a page's 来源 line, the <title>. The
	// extractor reads the title, agency and year from them where the
	// text does not say.
	Metadata []MetaTag
	// Blocks is the content in reading order.
	Blocks []Block
	// Notes are reader-level observations (fallbacks used, pages skipped),
	// each with the position it concerns.
	Notes []Note
	// Textless lists the pages (1-based, ascending) that gave no usable
	// text: none at all (a scanned page) or text whose fonts cannot be
	// decoded. Their content is not in Blocks; package extract OCRs them
	// under -ocr auto.
	Textless []int
	// OCRPages lists the pages (1-based, ascending) whose content was
	// read by OCR, when not every page was.
	OCRPages []int
}

// Note is one reader-level observation: a fallback used, a page skipped,
// characters dropped. Pos is where it applies (the page, the line on the
// page), zero when it concerns the whole document; Text does not repeat
// the position.
type Note struct {
	Pos  Pos
	Text string
}

// String renders the note as a message with its position first, as an
// *Error does: "page 3: font F1: 2 character codes … dropped".
func (n Note) String() string {
	if w := n.Pos.Where(); w != "" {
		return w + ": " + n.Text
	}
	return n.Text
}

// NoteStrings renders notes with Note.String, for messages and logs.
func NoteStrings(notes []Note) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.String()
	}
	return out
}

// MetaTag is one statement of the source about itself. Name says what
// it was read from ("meta ContentSource", "page text 来源", "<title>")
// and Pos where (the source line of a <title> or a 来源 line), zero
// when unknown; Name does not repeat the position.
type MetaTag struct {
	Name  string
	Value string
	Pos   Pos
}

// From renders the tag's source with its position, as provenance
// strings show it: "<title>, line 12" (see Located).
func (t MetaTag) From() string { return Located(t.Name, t.Pos) }

// Located renders a named source with its position, for provenance
// strings: "page text 发布时间, line 40"; the name alone when p is zero.
func Located(name string, p Pos) string {
	if w := p.Where(); w != "" {
		return name + ", " + w
	}
	return name
}

// Block is one paragraph / line of running text, or one table.
type Block struct {
	// Text is the running text (for a table block, empty).
	Text string
	// Grid is set for a table: rows of cells after rowspan/colspan
	// expansion, so that every row has the cells of every column it covers.
	Grid *Grid
	// Pos is the position of the start of the block.
	Pos Pos
}

// Grid is a table whose cells the source kept apart (HTML <td>, Word
// w:tc, PDF cells rebuilt from glyph positions).
type Grid struct {
	Rows [][]Cell
}

// Cell is one table cell.
type Cell struct {
	// Text is the cell's text with inner line breaks turned into nothing
	// between CJK characters and a space elsewhere; trimmed.
	Text string
	// Pos is where the cell is (Table, Row, Col and Page where known).
	Pos Pos
	// Spanned is true for the copies a rowspan/colspan expansion made: the
	// text is the origin cell's, the position is the origin's too.
	Spanned bool
	// Conf is an OCR engine's confidence in Text, 0–1 (the least sure
	// character); 0 when the text was not OCR'd.
	Conf float64
	// Alts are other readings of Text that the OCR engine found plausible
	// (low-confidence characters replaced by their alternatives), most
	// likely first; the mapper lets the sum rules choose among Text and
	// Alts.
	Alts []string
}

// Text returns the document's running text, one block per line, tables
// rendered as tab-separated rows. Useful for section splitting and search.
func (d *Document) Text() string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		if bl.Grid != nil {
			for _, row := range bl.Grid.Rows {
				for i, c := range row {
					if i > 0 {
						b.WriteByte('\t')
					}
					b.WriteString(c.Text)
				}
				b.WriteByte('\n')
			}
			continue
		}
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// Sentinel errors a reader wraps in an *Error, so that callers can test
// them with errors.Is whatever the reader.
var (
	ErrEmpty       = errors.New("empty input")
	ErrEncrypted   = errors.New("encrypted document")
	ErrImageOnly   = errors.New("no text layer (scanned/image-only document): run OCR first")
	ErrGarbledText = errors.New("text is not readable (fonts without a ToUnicode map?): run OCR first")
	ErrCorrupt     = errors.New("corrupt or truncated document")
	ErrTooLarge    = errors.New("document exceeds the size limit")
	ErrUnsupported = errors.New("unsupported format")
	ErrNotReport   = errors.New("not a government information-disclosure annual report")
	ErrTimeout     = errors.New("reading took too long")
)

// Error is a reader error with the position where it happened, in the
// position type of cells and warnings: Page, Line, Paragraph, Table/Row/
// Col and Offset (a byte offset: into the line when Line is set, else
// into the input or the part named in Err) as far as known, zero where
// not.
type Error struct {
	Pos
	Err error
}

func (e *Error) Error() string {
	if w := e.Pos.Where(); w != "" {
		return w + ": " + e.Err.Error()
	}
	return e.Err.Error()
}

// Where renders p for an error message: String with the byte offset
// ("page 3, line 12", "table 2 row 5 col 3, byte 40"), "" when p is zero.
func (p Pos) Where() string {
	if p == (Pos{}) {
		return ""
	}
	s := ""
	if p.Page > 0 || p.Line > 0 || p.Paragraph > 0 || p.Table > 0 || p.Box != [4]int{} {
		s = p.String()
	}
	if p.Offset > 0 {
		if s != "" {
			s += ", "
		}
		s += fmt.Sprintf("byte %d", p.Offset)
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }
