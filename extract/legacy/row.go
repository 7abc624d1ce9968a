package legacy

import "github.com/nianbao/nianbao/extract/layout"

// Values of Row.Status.
const (
	StatusOK        = "ok"        // the year value was read (Cumulative may still be blank)
	StatusBlank     = "blank"     // the year cell is printed empty (not the same as 0)
	StatusAmbiguous = "ambiguous" // several readings remain; see Candidates
)

// Row is one row of a pre-2019 statistical table.
type Row struct {
	// Label is the row label as printed, without a leading 其中： and
	// without item numbers (1. 1、 （1） 一、 （一） ①).
	Label string
	// Unit is the 计量单位 of the row (条, 件, 元, 人次, ...).
	Unit string
	// Year is the value for the report year, as printed without
	// thousands separators; "" when blank or ambiguous.
	Year string
	// Cumulative is the 历年累计 value; "" when the table has no such
	// column, when it is blank, or when the row is ambiguous.
	Cumulative string
	// Status is StatusOK, StatusBlank or StatusAmbiguous.
	Status string
	// Candidates lists, for an ambiguous row, the "year|cumulative"
	// readings that remain (either side may be empty for a blank cell).
	Candidates []string
	// Parent is the index in the returned slice of the row this one is
	// a part of (其中：…, 1.…), or -1.
	Parent int
	// Pos is where the row's values were read: for text, the line and
	// the byte offset in the line of the first digit; for a grid, the
	// table, row and column of the year cell. Table counts statistical
	// tables from 1 and Row counts rows within the table from 1.
	Pos layout.Pos
	// Raw is the printed text of the values: "425 1516", or the whole
	// run of digits that was split ("294981916").
	Raw string
	// Note explains how the values were decided, e.g. "4 splits of
	// 294981916 with year ≤ cumulative; decided by narrative «…»".
	Note string
}

// cand is one reading of a row: the year value and the cumulative value,
// normalised ("" for blank).
type cand struct{ y, c string }

func (c cand) String() string { return c.y + "|" + c.c }

// Warning is what FromText and FromGrid say about a table they did not
// read cleanly, at the position of the row or glyph concerned (line and
// byte offset for text; table, row and column for a grid).
type Warning struct {
	Pos     layout.Pos
	Message string
}

// String renders the warning with its position first.
func (w Warning) String() string { return w.Pos.String() + ": " + w.Message }
