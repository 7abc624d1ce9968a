// Package legacy reads the statistical tables of pre-2019 government
// information-disclosure annual reports (政府信息公开工作年度报告, 2008–2018).
//
// Those reports follow no national layout. Their tables are lists of rows
// of label | unit | value for the year | cumulative value (历年累计, where
// the table has that column), headed 指标名称 | 计量单位 | 本年度 (or
// "2015年度") | 历年累计, as in the Fujian family of tables (the 2014
// national table, headed 统计指标 | 单位 | 统计数, is read too). Package
// legacy returns each row with its label (without 其中： and item
// numbers), its unit, the year value (never the cumulative one), the
// cumulative value, the row it is a part of, and where it was read.
//
// Call sequence:
//
//	rows, warnings := legacy.FromText(doc.Text(), narrative) // flattened text
//	rows, warnings := legacy.FromGrid(block.Grid)            // HTML / PDF / Word table
//
// FromText finds each table by its header, then its rows by the unit
// words (条, 件, 元, 人次, …) that follow a label and precede the values.
// The table ends where narrative resumes (a 。, or a long stretch without
// a row) or at the next header. Rows printed without values are kept as
// blank; captions without values are skipped and reported.
//
// Flattened pages often lose the separators between cells, so the year
// and cumulative values run together ("主动公开文件数条294981916其中：1、…").
// Such a run is split every way that gives two well-formed numbers (no
// leading zeros except "0" itself, so "01" can only be 0|1) with year ≤
// cumulative. The splits left are narrowed by the table's own sums (L1: a
// row whose parts are all printed equals the sum of its parts, year and
// cumulative alike; a single 其中 part is not summed, being often a
// subset), then by the parent/child rows (a part — a 其中 row, an item of a
// list — never exceeds its whole, year and cumulative alike, single parts
// included: "1.网站公开条17953304" under 主动公开信息数 2026 | 3542 can only
// be 1795 | 3304), then by the narrative ("2015年主动公开政府信息2949条" decides a
// 主动公开 row to 2949), then by the sums again. A row that keeps several
// readings is StatusAmbiguous and lists them in Candidates: the package
// never guesses silently. Row.Note says what decided.
//
// An item number glued to the previous row's digits ("2949819162、" holds
// the next row's "2、") is cut off using the numbers the next row may
// carry: the next number of each open list, then 1.
//
// Text must be UTF-8 (decoding GBK pages is the reader's job). Full-width
// digits are read as ASCII digits. No input makes the package panic.
//
// BUG(nianbao): A caption glued to the next label without a separator
// ("二、依申请公开情况受理申请数条5") cannot be told from the label and
// stays part of it.
//
// In a table whose cells are kept apart by spaces, a row printing one
// value for two columns may be year|blank, blank|year, or the two values
// run together where this row alone lost its separator: all are kept and
// the sums and bounds above narrow them.
//
// BUG(nianbao): in run-together text a blank cell is assumed only when no
// split exists.
//
// BUG(nianbao): In run-together text a label that starts with digits
// ("12345热线申请数") runs into the previous row's values.
//
// BUG(nianbao): Rows need a unit word to be found in text; a row whose
// unit cell is blank is read only from a grid.
//
// BUG(nianbao): FromGrid does not turn a rowspan group label into a
// parent row; the parts of such a group have Parent -1 unless their labels
// carry 其中 or item numbers.
//
// BUG(nianbao): The narrative is matched by shared words, unit and year
// only; a clause naming no year that states another figure in the same
// words can decide a split wrongly when that figure equals a candidate.
package legacy
