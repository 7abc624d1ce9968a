package template

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed sums.txt
var sumsTXT string

// Sum is a row's own identity: the cell at Total equals the sum of the
// cells at Parts (indices into Row.Cells).
type Sum struct {
	Rule  string // "D1" (table 三) or "D3" (a table 四 block)
	Parts []int
	Total int
}

// Row roles of table 三 named by the column rules (sums.txt).
const (
	RoleReceived = "received" // 一、本年新收
	RoleCarried  = "carried"  // 二、上年结转
	RoleResults  = "results"  // （七）总计
	RoleForward  = "forward"  // 四、结转下年度继续办理
	RoleOutcome  = "outcome"  // （一）…（六）: every other row of table 三
)

// ColumnRule says that in every column of a table the rows on the left
// add up to the rows on the right (D2, R1).
type ColumnRule struct {
	ID       string
	Table    string
	LHS, RHS []string // row keys
	Columns  []string // column keys the rule holds for, in order
}

type rowSum struct {
	rule, table, total string
	parts              []string
}

type colSum struct {
	rule, table string
	lhs, rhs    []string // roles
}

var (
	rowSums  []rowSum
	colSums  []colSum
	roleKeys = map[string]string{} // role -> row key (filled by load)
	keyRoles = map[string]string{} // row key -> role
)

// parseSums reads sums.txt; the file is embedded, so an error is a bug
// that the package's tests catch.
func parseSums(src string) error {
	for n, line := range strings.Split(src, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		bad := fmt.Errorf("sums.txt line %d: cannot read %q", n+1, line)
		switch {
		case f[0] == "row" && len(f) == 4:
			total, parts, ok := strings.Cut(f[3], " = ")
			if !ok {
				return bad
			}
			rowSums = append(rowSums, rowSum{rule: f[1], table: f[2], total: total, parts: strings.Split(parts, " + ")})
		case f[0] == "role" && len(f) == 3:
			roleKeys[f[1]], keyRoles[f[2]] = f[2], f[1]
		case f[0] == "column" && len(f) == 4:
			l, r, ok := strings.Cut(f[3], " = ")
			if !ok {
				return bad
			}
			colSums = append(colSums, colSum{rule: f[1], table: f[2], lhs: strings.Split(l, " + "), rhs: strings.Split(r, " + ")})
		default:
			return bad
		}
	}
	return nil
}

// attachSums gives every row its sums and role.
func attachSums() error {
	for gen, rows := range rowsGen {
		for i := range rows {
			r := &rows[i]
			if r.Table == "三" {
				r.Role = RoleOutcome
				if role, ok := keyRoles[r.Key]; ok {
					r.Role = role
				}
			}
			for _, s := range rowSums {
				if s.table != r.Table {
					continue
				}
				sum := Sum{Rule: s.rule, Total: r.col(s.total)}
				for _, p := range s.parts {
					sum.Parts = append(sum.Parts, r.col(p))
				}
				for _, idx := range append(sum.Parts, sum.Total) {
					if idx < 0 {
						return fmt.Errorf("sums.txt: %s row %s has no column of rule %s", gen, r.Key, s.rule)
					}
				}
				r.Sums = append(r.Sums, sum)
			}
		}
	}
	return nil
}

// col returns the index of a column key in the row, or -1.
func (r Row) col(key string) int {
	for i, c := range r.Cells {
		if c.Col == key {
			return i
		}
	}
	return -1
}

// Col returns the index of the cell whose column key is key, or -1.
func (r Row) Col(key string) int { return r.col(key) }

// TotalCol returns the index of the row's total column (the total of its
// first sum), or -1 when the row has no sum (table 二).
func (r Row) TotalCol() int {
	if len(r.Sums) == 0 {
		return -1
	}
	return r.Sums[0].Total
}

// RoleRow returns the key of the table 三 row with a role ("" for
// RoleOutcome or an unknown role).
func RoleRow(role string) string {
	loaded()
	return roleKeys[role]
}

// Table returns the rows of one table ("二", "三", "四") of a generation,
// in order.
func Table(generation, table string) []Row {
	return filterRows(generation, func(r Row) bool { return r.Table == table })
}

// OutcomeRows returns the outcome rows of table 三 (those D2 adds up).
func OutcomeRows(generation string) []Row {
	return filterRows(generation, func(r Row) bool { return r.Role == RoleOutcome })
}

func filterRows(generation string, keep func(Row) bool) []Row {
	loaded()
	var out []Row
	for _, r := range rowsGen[generation] {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// ColumnRules returns the column rules of a generation with their roles
// expanded to row keys.
func ColumnRules(generation string) []ColumnRule {
	loaded()
	var out []ColumnRule
	for _, s := range colSums {
		rows := Table(generation, s.table)
		if len(rows) == 0 {
			continue
		}
		cr := ColumnRule{ID: s.rule, Table: s.table, LHS: expandRoles(generation, s.lhs), RHS: expandRoles(generation, s.rhs)}
		for _, c := range rows[0].Cells {
			cr.Columns = append(cr.Columns, c.Col)
		}
		out = append(out, cr)
	}
	return out
}

func expandRoles(generation string, roles []string) []string {
	var out []string
	for _, role := range roles {
		if role == "outcomes" {
			for _, r := range OutcomeRows(generation) {
				out = append(out, r.Key)
			}
			continue
		}
		out = append(out, roleKeys[role])
	}
	return out
}

// Merge joins rows printed as one (table 四's three blocks are one printed
// row of 15 cells) into one row whose sums point into the joined cells.
func Merge(key, label string, rows []Row) Row {
	m := Row{Key: key, Label: label}
	for _, r := range rows {
		m.Table = r.Table
		off := len(m.Cells)
		for _, s := range r.Sums {
			ns := Sum{Rule: s.Rule, Total: s.Total + off}
			for _, p := range s.Parts {
				ns.Parts = append(ns.Parts, p+off)
			}
			m.Sums = append(m.Sums, ns)
		}
		m.Cells = append(m.Cells, r.Cells...)
	}
	return m
}
