package template

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed cells.tsv
var cellsTSV string

// Type of a cell value.
const (
	TypeInt       = "int"        // non-negative integer
	TypeSignedInt = "signed_int" // may be negative (本年增/减)
	TypeAmount    = "amount"     // decimal amount
)

// Cell is one canonical cell.
type Cell struct {
	ID         string // e.g. "t3.granted.total"
	Generation string // "fmt2019" or "fmt2021"
	Table      string // "二", "三", "四"
	TableLabel string // e.g. "三、收到和处理政府信息公开申请情况"
	RowLabel   string
	ColLabel   string
	Type       string // TypeInt, TypeSignedInt, TypeAmount
	Row        string // row key: the id up to its last dot, e.g. "t3.granted"
	Col        string // column key: the id after its last dot, e.g. "total"
}

// Row is the cells of one template row, in column order.
type Row struct {
	Key   string // e.g. "t3.granted"
	Table string
	Label string
	Cells []Cell
	// Sums are the row's own identities (D1 in table 三, D3 in table 四);
	// none in table 二.
	Sums []Sum
	// Role is the row's part in the column rules (table 三 only):
	// RoleReceived, RoleCarried, RoleResults, RoleForward or RoleOutcome.
	Role string
}

var (
	loadOnce sync.Once
	byGen    map[string][]Cell
	rowsGen  map[string][]Row
	byID     map[string]map[string]int // generation → cell id → index in byGen
)

// loaded reads the embedded files the first time the tables are needed
// (not at start-up: a run that does not use them does not pay for them).
func loaded() { loadOnce.Do(load) }

func load() {
	byGen = map[string][]Cell{}
	rowsGen = map[string][]Row{}
	byID = map[string]map[string]int{}
	rest := strings.TrimSpace(cellsTSV)
	_, rest, _ = strings.Cut(rest, "\n") // the header
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		var f [6]string
		n := 0
		for ; n < len(f); n++ {
			var ok bool
			if f[n], line, ok = strings.Cut(line, "\t"); !ok {
				break
			}
		}
		if n < 5 {
			continue // fewer than six fields
		}
		c := Cell{ID: f[0], Generation: f[1], TableLabel: f[2], RowLabel: f[3], ColLabel: f[4], Type: f[5]}
		c.Table = tableName(c.TableLabel)
		dot := strings.LastIndexByte(c.ID, '.')
		c.Row, c.Col = c.ID[:dot], c.ID[dot+1:]
		ids := byID[c.Generation]
		if ids == nil {
			ids = make(map[string]int, 256)
			byID[c.Generation] = ids
		}
		ids[c.ID] = len(byGen[c.Generation])
		byGen[c.Generation] = append(byGen[c.Generation], c)
	}
	// rows are runs of cells with one row key: capped sub-slices
	for gen, cells := range byGen {
		var rows []Row
		for start := 0; start < len(cells); {
			c := cells[start]
			end := start + 1
			for end < len(cells) && cells[end].Row == c.Row {
				end++
			}
			rows = append(rows, Row{Key: c.Row, Table: c.Table, Label: c.RowLabel, Cells: cells[start:end:end]})
			start = end
		}
		rowsGen[gen] = rows
	}
	if err := parseSums(sumsTXT); err != nil {
		panic(err)
	}
	if err := attachSums(); err != nil {
		panic(err)
	}
}

func tableName(label string) string {
	for _, t := range []string{"二", "三", "四"} {
		if strings.HasPrefix(label, t+"、") {
			return t
		}
	}
	return ""
}

// Cells returns the canonical cells of a generation in contract order
// (nil for "legacy" or an unknown generation). The slice is shared: do
// not modify it.
func Cells(generation string) []Cell {
	loaded()
	return byGen[generation]
}

// Rows returns the template rows of a generation in order.
func Rows(generation string) []Row {
	loaded()
	return rowsGen[generation]
}

// Lookup returns the definition of a cell id in a generation.
func Lookup(generation, id string) (Cell, bool) {
	loaded()
	i, ok := byID[generation][id]
	if !ok {
		return Cell{}, false
	}
	return byGen[generation][i], true
}

// Generations lists the generations that have tables.
func Generations() []string { return []string{"fmt2019", "fmt2021"} }
