package legacy

import "testing"

func BenchmarkFromText(b *testing.B) {
	text := readReport(b, "pingtan-2018")
	for b.Loop() {
		FromText(text, "")
	}
}
