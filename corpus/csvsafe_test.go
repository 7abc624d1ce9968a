package corpus

import "testing"

func TestSpreadsheetSafe(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"平潭综合实验区", "平潭综合实验区"},
		{"=1+1平潭", "'=1+1平潭"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"-", "'-"},
		{"-15", "-15"},
		{"+3", "+3"},
		{"-0.5", "-0.5"},
		{"12%", "12%"},
		{"-12%", "-12%"},
		{"-1e5", "'-1e5"},
		{"-1-1", "'-1-1"},
		{"0", "0"},
		{"a=b", "a=b"},
		{"＝1+1", "＝1+1"}, // full-width: not a formula in any spreadsheet
	} {
		if got := SpreadsheetSafe(c.in); got != c.want {
			t.Errorf("SpreadsheetSafe(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
