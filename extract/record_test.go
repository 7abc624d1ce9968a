package extract

import "testing"

// Cell.Int and Cell.Float read values with the template's one number
// parser: a form it refuses ("1e3", "0x10", " 3") is not a number here
// either, and a blank cell is not 0.
func TestCellNumbers(t *testing.T) {
	for _, tc := range []struct {
		v      string
		status Status
		i      int64
		iok    bool
		f      float64
		fok    bool
	}{
		{"12", StatusOK, 12, true, 12, true},
		{"+3", StatusOK, 3, true, 3, true},
		{"-3", StatusOK, -3, true, -3, true},
		{"1.25", StatusOK, 0, false, 1.25, true},
		{"1e3", StatusOK, 0, false, 0, false},
		{"0x10", StatusOK, 0, false, 0, false},
		{" 3", StatusOK, 0, false, 0, false},
		{"", StatusBlank, 0, false, 0, false},
		{"7", StatusAmbiguous, 0, false, 0, false},
	} {
		c := Cell{Value: tc.v, Status: tc.status}
		i, iok := c.Int()
		f, fok := c.Float()
		if i != tc.i || iok != tc.iok || f != tc.f || fok != tc.fok {
			t.Errorf("%q %s: Int %d %v, Float %g %v; want %d %v, %g %v", tc.v, tc.status, i, iok, f, fok, tc.i, tc.iok, tc.f, tc.fok)
		}
	}
}
