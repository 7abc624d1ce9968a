package template

import (
	"math/big"
	"testing"
)

func TestParseFixed(t *testing.T) {
	for _, c := range []struct {
		in   string
		v    int64
		ok   bool
		back string
	}{
		{"12", 12 * Scale, true, "12"}, {"-18", -18 * Scale, true, "-18"}, {"+3", 3 * Scale, true, "3"},
		{"251000.5", 251000*Scale + 500000, true, "251000.5"}, {"0.000001", 1, true, "0.000001"},
		{"-0.5", -500000, true, "-0.5"}, {"007", 7 * Scale, true, "7"}, {"00000000000000000001", Scale, true, "1"},
		{"", 0, false, ""}, {"-", 0, false, ""}, {"1.", 0, false, ""}, {".5", 0, false, ""}, {"1.0000001", 0, false, ""},
		{"1,000", 0, false, ""}, {"1e3", 0, false, ""}, {"MISSING", 0, false, ""}, {"--1", 0, false, ""},
		{"9007199255", 0, false, ""}, {"9007199254", 9007199254 * Scale, true, "9007199254"},
	} {
		v, ok := ParseFixed(c.in)
		if v != c.v || ok != c.ok {
			t.Errorf("ParseFixed(%q) = %d, %v; want %d, %v", c.in, v, ok, c.v, c.ok)
		}
		if ok && FormatFixed(v) != c.back {
			t.Errorf("FormatFixed(%d) = %q, want %q", v, FormatFixed(v), c.back)
		}
	}
	for in, want := range map[string]string{"12": "12", "-0.5": "-1/2", "123456789012345678901234567890": "123456789012345678901234567890", "+1.25": "5/4"} {
		r, ok := ParseExact(in)
		if !ok || r.RatString() != want {
			t.Errorf("ParseExact(%q) = %v, %v; want %s", in, r, ok, want)
		}
	}
	for _, in := range []string{"", "1/2", "1e3", "0x10", "+-1", "1.", "a"} {
		if r, ok := ParseExact(in); ok {
			t.Errorf("ParseExact(%q) = %v, want not a number", in, r)
		}
	}
}

func FuzzParseFixed(f *testing.F) {
	for _, s := range []string{"12", "-0.5", "251000.5", "", "1e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseFixed(s)
		if !ok {
			return
		}
		back, ok2 := ParseFixed(FormatFixed(v))
		r, ok3 := ParseExact(s)
		if !ok2 || back != v || !ok3 || r.Cmp(new(big.Rat).SetFrac64(v, Scale)) != 0 {
			t.Fatalf("%q: %d → %q → %d, %v; exact %v", s, v, FormatFixed(v), back, ok2, r)
		}
	})
}
