package corpus

// SpreadsheetSafe returns s made safe for a cell of a CSV file that a
// spreadsheet opens (OWASP, "CSV Injection"): a text that begins with
// =, +, -, @, a tab or a carriage return would be read by Excel,
// LibreOffice or Google Sheets as a formula (=HYPERLINK(…), @SUM(…),
// -2+3+cmd|…), so it is prefixed with a single quote, which the
// spreadsheet shows as text and does not display. A number stays as it
// is: "-15", "+3", "-0.5" and "12%" are data, not formulas, and a signed
// column must keep them numeric. Everything else is returned unchanged.
//
// Every CSV this module writes (export long and wide, and the web
// application's downloads) passes each cell through this function; JSON
// output does not (it is not opened by spreadsheets and must stay exact).
func SpreadsheetSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+', '-':
		if isNumber(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// SpreadsheetSafeRow applies SpreadsheetSafe to every cell of row, in
// place, and returns it.
func SpreadsheetSafeRow(row []string) []string {
	for i, s := range row {
		row[i] = SpreadsheetSafe(s)
	}
	return row
}

// isNumber reports whether s is a plain decimal number: an optional sign,
// digits, an optional fraction and an optional percent sign. Nothing else
// (no exponent, no operator, no second sign) passes.
func isNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if i < len(s) && s[i] == '%' {
		i++
	}
	return digits > 0 && i == len(s)
}
