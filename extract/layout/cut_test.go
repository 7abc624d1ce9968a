package layout

import (
	"testing"
	"unicode/utf8"
)

func TestCutBefore(t *testing.T) {
	for _, c := range []struct {
		text       string
		start, max int
		seps       string
		want       int
	}{
		{"短文本", 0, 100, "，", len("短文本")},
		{"一二三四，五六七八九十", 0, 18, "，", len("一二三四，")},     // the separator in the second half
		{"一，二三四五六七八九十", 0, 18, "，", 18},               // only in the first half: a rune boundary
		{"一二三四五六七八九十", 0, 17, "，", 15},                // no separator: the last rune boundary
		{"甲乙，丙丁戊己，庚辛壬癸", 6, 18, "，", len("甲乙，丙丁戊己，")}, // from start
	} {
		got := CutBefore(c.text, c.start, c.max, c.seps)
		if got != c.want {
			t.Errorf("CutBefore(%q, %d, %d) = %d, want %d", c.text, c.start, c.max, got, c.want)
		}
		if got < len(c.text) && !utf8.RuneStart(c.text[got]) {
			t.Errorf("CutBefore(%q) cut inside a rune at %d", c.text, got)
		}
	}
}

func FuzzCutBefore(f *testing.F) {
	f.Add("一二三，四五 六七", 0, 7)
	f.Fuzz(func(t *testing.T, text string, start, max int) {
		if start < 0 || start >= len(text) || max < 1 {
			return
		}
		end := CutBefore(text, start, max, " ，")
		if end <= start && len(text) > start {
			t.Fatalf("no progress: CutBefore(%q, %d, %d) = %d", text, start, max, end)
		}
		if end > len(text) || (end-start > max && end != len(text)) {
			t.Fatalf("CutBefore(%q, %d, %d) = %d out of bounds", text, start, max, end)
		}
	})
}
