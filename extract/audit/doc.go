// Package audit checks a parsed report (an *extract.Record) against the
// consistency rules of the spec (勾稽关系) and the official guidance, and
// says which cells prove each finding.
//
// Everything here is a pure function of records: `nianbao audit` and the
// corpus (for the cross-year rules, with last year's record read from the
// database) call the same code.
//
//	fs := audit.Check(rec)               // rules within one report
//	fs = append(fs, audit.CheckPair(prev, rec)...) // D4, D8, D9, L1 growth, R10
//	audit.Sort(fs)                       // worst first, then table, then rule
//	if audit.HasError(fs) { ... }        // what makes `nianbao audit` exit 1
//
// # Rules
//
// Rules holds one entry per rule: its stable id, the spec text it
// enforces, the severity of a failure and its Check function. Adding a
// rule is adding an entry. L1 has two entries: its within-report part and
// its cross-year part (cumulative growth). Within one report: R1, D1, D2, D3 (table sums),
// D5 (value kinds), D6 (template fits the year), D7 (narrative counts vs
// tables; reads Record.Fields, filled by package segment, and says nothing
// when there are none), L1 (pre-2019 parts and cumulative values),
// META-YEAR, SECTIONS, EXTRACTION, and the guidance checks OVERVIEW-LENGTH,
// OTHER-SHARE, FEES-SILENT and DEADLINE. Across two consecutive years
// (CheckPair): D4, D8, D9, L1 (cumulative growth) and R10 (section 五
// repeated). The thresholds are the exported constants OverviewMaxHan,
// OtherShareMin, OtherSharePercent and SimilarityMin.
//
// # Following a finding
//
// A finding's Rule names an entry of Rules (rules.go). D1's entry builds
// its equations with d1Equations (sums.go), one per table 三 row, from the
// row sums of package template, which reads them from
// extract/template/sums.txt (the line "row D1 三 total = natural_person +
// …"; template/sums.go parses it); eval.go judges each equation over the
// cells' values and candidates. Three files of code and one of data.
//
// # Verdicts
//
// A rule that holds produces no finding. A finding's Verdict is "fail" or
// "unverifiable"; an unverifiable instance is one severity step milder than
// a failure (error → warning → info).
//
// Sum rules are judged exactly (values are compared in millionths, so
// decimals are exact too). A blank cell counts as 0 and the arithmetic says
// so. A MISSING cell is unknown (at least 0, or any integer for 本年增/减):
// the rule still fails when the other terms decide it (the printed parts
// already exceed the total), and is unverifiable otherwise — except that a
// missing cell of a table 三 row or table 四 block whose other cells are all
// read is taken as the value its row requires (D1/D3), written "0(by D1)"
// in the arithmetic, for the column rules; the row's own rule stays
// unverifiable. This is how the gold files judge a row that lost a cell.
//
// A cell that came from a split with several candidates (Cell.Status
// "ambiguous", Cell.Split an index into Record.Splits) is judged over every
// candidate division of its run, and over every combination when a rule
// spans several such splits (up to 4096 combinations; beyond that the rule
// is unverifiable): the rule fails when every combination fails, passes
// when every one passes, and is unverifiable otherwise. An ambiguous cell
// without a split is judged over its own Candidates, or is unknown.
//
// # Severities
//
// error: R1, D1, D2, D3, D4, D5, L1 sums that exceed their row and
// cumulative values below the year's, and a statistical period outside the
// report year. warning: D6, D7 (the narrative count is read by pattern, and
// a sentence may count something narrower), D8, D9 and L1 growth (soft
// rules), L1 parts that fall short of their row (其中 lists are not always
// exhaustive), SECTIONS, EXTRACTION, OTHER-SHARE, FEES-SILENT, DEADLINE,
// R10, and META-YEAR for plans in section 五 that name the report year or
// an earlier one, a title naming another year, or sections 一–四 naming
// another year at least 3 times and the report year never (the figures are
// unaffected, but the text looks carried over from an earlier report). info: OVERVIEW-LENGTH, and D6 for a 2019 report still using a
// legacy table (2019 was the transition year).
//
// DEADLINE decides from the agency name whether a report is a
// government's own (due 3月31日): a name containing 政府, 管委会 or 管理委员会,
// or ending in a place (省, 自治区, 市, 州, 盟, 县, 旗, 区, 镇, 乡); any other
// name is a department's (due 1月31日 from the 2019 report on). The
// finding says which reason applied.
//
// BUG(audit): D7 compares only fmt2019/fmt2021 tables; legacy narratives
// are not compared with legacy rows.
//
// BUG(audit): SECTIONS judges sections only when the record has its text
// (a record read from the cells form has none) and never for legacy reports,
// which have no fixed sections.
package audit
