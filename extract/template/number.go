package template

import (
	"math/big"
	"strconv"
	"strings"
)

// Scale is the unit of a fixed-point cell value: values are held in
// millionths, so that integers and amounts with up to six decimals add
// and compare exactly in an int64.
const Scale = 1_000_000

// maxFixed bounds the integer part ParseFixed accepts (about 9.0e9), so
// that a sum of up to 1024 values cannot overflow an int64.
const maxFixed = (1 << 53) / Scale

// ParseFixed reads a cell value as extract writes it — an optional sign,
// decimal digits, an optional fraction of at most six digits: "12", "-18",
// "+3", "251000.5" — into millionths. It is the one parser of cell values
// (the splitter, the audit, the corpus); false for anything else, blank
// ("") included, and for integer parts over 2^53/Scale, about 9.0e9 (ParseExact
// reads those).
func ParseFixed(s string) (int64, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	ip, fp, dot := strings.Cut(s, ".")
	if ip == "" || (dot && fp == "") || len(fp) > 6 {
		return 0, false
	}
	var n int64
	for i := 0; i < len(ip); i++ {
		c := ip[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if n = n*10 + int64(c-'0'); n > maxFixed {
			return 0, false
		}
	}
	var f int64
	for i := 0; i < 6; i++ {
		f *= 10
		if i < len(fp) {
			c := fp[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			f += int64(c - '0')
		}
	}
	v := n*Scale + f
	if neg {
		v = -v
	}
	return v, true
}

// FormatFixed writes millionths as ParseFixed reads them, without
// trailing zeros: 12000000 → "12", -500000 → "-0.5".
func FormatFixed(v int64) string {
	s := strconv.FormatInt(v/Scale, 10)
	if f := v % Scale; f != 0 {
		if f < 0 {
			f = -f
			if v > -Scale {
				s = "-0"
			}
		}
		frac := strconv.FormatInt(f+Scale, 10)[1:] // six digits, leading zeros kept
		s += "." + strings.TrimRight(frac, "0")
	}
	return s
}

// ParseExact reads a cell value of the same form as ParseFixed but of any
// size and precision, exactly (a run of digits that lost its separators
// may be longer than an int64 holds).
func ParseExact(s string) (*big.Rat, bool) {
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 {
		return nil, false
	}
	ip, fp, dot := strings.Cut(body, ".")
	if ip == "" || (dot && fp == "") || strings.Trim(ip, "0123456789") != "" || strings.Trim(fp, "0123456789") != "" {
		return nil, false
	}
	if v, ok := ParseFixed(s); ok {
		return big.NewRat(v, Scale), true
	}
	return new(big.Rat).SetString(strings.TrimPrefix(s, "+"))
}
