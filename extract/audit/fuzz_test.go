package audit

import (
	"encoding/json"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// FuzzCheck feeds records (as JSON, seeded from the gold files and a
// record with an unresolved split) to Check and CheckPair: no input may
// panic, and findings must be sorted worst first. The seeds are whole
// records (15–25 KB of JSON), so minimising a new input takes minutes:
// fuzz with -fuzzminimizetime 0 (go test -fuzz FuzzCheck -fuzzminimizetime 0).
func FuzzCheck(f *testing.F) {
	t := &testing.T{}
	for _, name := range goldFiles(t) {
		data, err := json.Marshal(loadGold(t, name))
		if err == nil {
			f.Add(data)
		}
	}
	r := record(extract.Gen2021, 2021, nil)
	r.Splits = []extract.Split{{Cells: []string{"t3.granted.natural_person", "t3.granted.total"}, Candidates: [][]string{{"1", "1"}, {"11"}, {"", "MISSING"}}, Chosen: -1}}
	r.Cell("t3.granted.total").Status, r.Cell("t3.granted.total").Split = extract.StatusAmbiguous, 0
	r.Legacy = []extract.LegacyRow{{Label: "a", Status: extract.StatusAmbiguous, Candidates: []string{"1", "2|", "|x"}, Parent: 5}}
	data, _ := json.Marshal(r)
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		var rec extract.Record
		if json.Unmarshal(data, &rec) != nil {
			return
		}
		fs := Check(&rec)
		for i := 1; i < len(fs); i++ {
			if severityRank[fs[i].Severity] < severityRank[fs[i-1].Severity] {
				t.Fatalf("not sorted: %v before %v", fs[i-1].Severity, fs[i].Severity)
			}
		}
		next := rec
		next.Meta.Year++
		CheckPair(&rec, &next)
	})
}
