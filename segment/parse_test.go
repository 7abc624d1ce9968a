package segment

import (
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// TestParsedReports runs extract.ParseFile on the sample reports in their
// several formats and checks the narrative fields on the parsed sections.
func TestParsedReports(t *testing.T) {
	s := seg(t)
	pingtan2021 := []quantity{{1, "received", 70, "件"}, {1, "completed", 69, "件"},
		{1, "carried_forward", 1, "件"}, {1, "proactive_published", 2645, "条"}, {6, "fee", 0, ""}}
	pingtan2022 := []quantity{{1, "received", 75, "件"}, {1, "litigation", 1, "件"},
		{1, "admin_review", 2, "件"}, {1, "proactive_published", 14571, "条"}, {6, "fee", 0, ""}}
	huaian := []quantity{{1, "received", 3119, "件"}, {1, "completed", 3050, "件"},
		{1, "carried_over", 34, "件"}, {1, "carried_forward", 103, "件"},
		{1, "admin_review", 351, "件"}, {1, "litigation", 46, "件"}, {6, "fee", 3940, "元"}}
	tests := []struct {
		file               string
		want               []quantity
		problems, measures int
		problemSec         int
	}{
		{"pingtan-2021.txt", pingtan2021, 2, 3, 5},
		{"pingtan-2021-page.html", pingtan2021, 2, 3, 5},
		{"pingtan-2022.txt", pingtan2022, 3, 3, 5},
		{"pingtan-2022-page.html", pingtan2022, 3, 3, 5},
		{"pingtan-2022-web.html", pingtan2022, 3, 3, 5},
		{"pingtan-2020.txt", []quantity{{1, "received", 21, "件"}, {1, "proactive_published", 2602, "条"}}, 3, 4, 5},
		{"huaian-2024-word.html", huaian, 2, 2, 5},
		{"huaian-2024.pdf", huaian, 2, 2, 5},
		{"guyuan-kjj-2020.txt", []quantity{{1, "received", 0, ""}, {1, "proactive_published", 118, "条"}}, 1, 3, 5},
		// Legacy reports number their sections differently: the problems
		// are in 四 (2011) or 六 (2015).
		{"pingtan-2011.txt", []quantity{{2, "proactive_published", 425, "条"}, {3, "received", 0, ""}, {3, "admin_review", 0, ""}}, 4, 3, 4},
		{"pingtan-2015.txt", []quantity{{2, "proactive_published", 2949, "条"}, {3, "received", 0, ""}, {4, "fee", 0, ""},
			{5, "admin_review", 0, ""}, {5, "litigation", 0, ""}}, 3, 4, 6},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rec, err := extract.ParseFile(filepath.Join("..", "testdata", "reports", tt.file), extract.Options{NoPDFFallback: true})
			if rec == nil {
				t.Skipf("extract cannot read it in this build: %v", err)
			}
			if err := s.Annotate(rec); err != nil {
				t.Fatal(err)
			}
			checkQuantities(t, rec, tt.want, nil)
			if p, m := len(fieldsOf(rec, "problem", tt.problemSec)), len(fieldsOf(rec, "measure", tt.problemSec)); p != tt.problems || m != tt.measures {
				t.Errorf("section %d: %d problems, %d measures; want %d, %d", tt.problemSec, p, m, tt.problems, tt.measures)
			}
			for _, f := range rec.Fields {
				sec := rec.Section(f.Section)
				if sec == nil || f.Offset < 0 || f.Offset > len(sec.Text) || sec.Text[f.Offset:f.Offset+len(f.Sentence)] != f.Sentence {
					t.Fatalf("%s %q: offset %d does not point at its sentence", f.Kind, f.Text, f.Offset)
				}
			}
		})
	}
}
