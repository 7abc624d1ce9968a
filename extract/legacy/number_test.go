package legacy

import (
	"reflect"
	"testing"
)

func candStrings(cs []cand) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.String())
	}
	return out
}

func TestSplits(t *testing.T) {
	for _, tc := range []struct {
		run      string
		all, fit []string
	}{
		{"00", []string{"0|0"}, []string{"0|0"}},
		{"01", []string{"0|1"}, []string{"0|1"}},
		{"10", []string{"1|0"}, nil}, // year > cumulative
		{"294981916",
			[]string{"2|94981916", "29|4981916", "294|981916", "2949|81916", "29498|1916", "294981|916", "2949819|16", "29498191|6"},
			[]string{"2|94981916", "29|4981916", "294|981916", "2949|81916"}},
		{"206912106", // "2|06912106" has a leading zero
			[]string{"20|6912106", "206|912106", "2069|12106", "20691|2106", "206912|106", "20691210|6"}, // not 2069121|06
			[]string{"20|6912106", "206|912106", "2069|12106"}},
		{"12.512.5", []string{"12.5|12.5", "12.51|2.5"}, []string{"12.5|12.5"}},
		{"5", nil, nil},
		{"", nil, nil},
		{"000", nil, nil},
		{"1,2345", []string{"1|2345", "1234|5"}, []string{"1|2345"}}, // the comma is the lost separator or a thousands separator
	} {
		all, fit := splits(tc.run)
		if got := candStrings(all); !reflect.DeepEqual(got, tc.all) {
			t.Errorf("splits(%q) all = %q, want %q", tc.run, got, tc.all)
		}
		if got := candStrings(fit); !reflect.DeepEqual(got, tc.fit) {
			t.Errorf("splits(%q) fit = %q, want %q", tc.run, got, tc.fit)
		}
	}
	long := "1234567890123456789012345678901234567890123"
	if all, _ := splits(long); all != nil {
		t.Errorf("a run of %d digits was split", len(long))
	}
}

func TestNumber(t *testing.T) {
	for s, want := range map[string]string{"0": "0", "12": "12", "1,234": "1234", "3.50": "3.50", "0.5": "0.5"} {
		if got, ok := number(s); !ok || got != want {
			t.Errorf("number(%q) = %q, %v", s, got, ok)
		}
	}
	for _, s := range []string{"", "01", "00", "1,23", "1.", ".5", "1e5", "-1", "１"} {
		if got, ok := number(s); ok {
			t.Errorf("number(%q) = %q, accepted", s, got)
		}
	}
}

func TestReadings(t *testing.T) {
	for _, tc := range []struct {
		toks      []string
		hasCum    bool
		separated bool
		want      []string
	}{
		{nil, true, false, []string{"|"}},
		{[]string{"425", "1516"}, true, true, []string{"425|1516"}},
		{[]string{"7"}, false, false, []string{"7|"}},
		{[]string{"7"}, true, true, []string{"7|", "|7"}},  // a blank cell in a spaced table
		{[]string{"7"}, true, false, []string{"7|", "|7"}}, // a single digit has no split
		{[]string{"00"}, true, true, []string{"0|0"}},      // not one number: a lost separator even in a spaced table
		{[]string{"1234"}, true, false, []string{"1|234", "12|34"}},
		{[]string{"51"}, true, false, []string{"5|1"}}, // the only split breaks year ≤ cumulative: kept, noted
		{[]string{"1", "234", "5678"}, true, true, []string{"1|2345678", "1234|5678"}},
	} {
		got, _ := readings(tc.toks, tc.hasCum, tc.separated)
		if !reflect.DeepEqual(candStrings(got), tc.want) {
			t.Errorf("readings(%q, %v, %v) = %q, want %q", tc.toks, tc.hasCum, tc.separated, candStrings(got), tc.want)
		}
	}
}
