// Package template is the one definition of the national report tables:
// their cells, rows and columns (cells.tsv, the contract for output and
// storage) and their sum structure (sums.txt): which column is 总计, which
// columns add up to it, the roles of the rows of table 三, the outcome rows,
// the blocks of table 四, and the rules D1, D2, D3 and R1. The extractor's
// splitter and row aligner and the audit all read them from here.
//
// # Call sequence
//
//	rows := template.Rows("fmt2021")       // every row of tables 二, 三, 四, in order
//	for _, r := range rows {
//		for _, s := range r.Sums {         // D1 / D3: r.Cells[s.Total] = Σ r.Cells[s.Parts]
//		}
//	}
//	template.ColumnRules("fmt2021")        // D2, R1 with row keys
//	template.OutcomeRows("fmt2021")        // （一）…（六）
//	template.Merge("t4", "…", template.Table("fmt2021", "四")) // table 四 as one printed row
//
// Cells and rows come in the order of cells.tsv: every generation's cells
// in a fixed order. Rows group the cells that share a row key (the cell id
// up to its last dot); columns keep the file's order. The "legacy"
// generation (before 2019) has no cells here.
//
// Both files are embedded and read on first use, not at start-up; the
// package panics then if they do not agree (a sum naming a column a row
// lacks), which its tests catch.
package template
