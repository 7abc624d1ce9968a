package layout

import "testing"

func TestHanCount(t *testing.T) {
	for s, want := range map[string]int{
		"": 0, "abc 123": 0, "政府信息公开": 6, "二〇二一年，共12件。": 7, "𠀀㐀々": 3, "ㄅ한かカ": 0, "（一）予以公开": 5,
	} {
		if got := HanCount(s); got != want {
			t.Errorf("HanCount(%q) = %d, want %d", s, got, want)
		}
	}
}
