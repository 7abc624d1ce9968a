package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

// TestSearchFields stores two reports with narrative fields and looks
// them up by kind on every engine: a problem is found by a substring of
// its text whatever the cut, a measure with the same words is not, and
// an empty query lists the kind.
func TestSearchFields(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, n := range []string{"pingtan-2021.tsv", "pingtan-2022.tsv"} {
		b, err := os.ReadFile(filepath.Join(reportsDir, "gold", n))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, strings.TrimSuffix(n, ".tsv")+".txt"), b, 0o644) // the cells form, read by goldParse
	}
	annotate := func(rec *extract.Record) error {
		rec.Fields = []extract.Field{
			{Kind: "problem", Text: "依申请公开答复文书规范性有待提高", Section: 5, Sentence: "一是依申请公开答复文书规范性有待提高；"},
			{Kind: "measure", Text: "加强答复文书规范性审查", Section: 5},
			{Kind: "keyword", Text: "政务新媒体", Number: 12.5, Section: 1},
		}
		if rec.Meta.Year == 2022 {
			rec.Fields = rec.Fields[1:]
		}
		return nil
	}
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			db := openDB(t, b)
			g := &Ingester{DB: db, Parse: goldParse, Annotate: annotate, ParserVersion: "t"}
			if sum, err := g.Ingest(ctx, inputs(t, dir)); err != nil || sum.Failed > 0 {
				t.Fatalf("ingest: %v %+v", err, sum)
			}
			hits, err := db.SearchFields(ctx, "problem", "答复文书规范性", 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) != 1 || hits[0].Year != 2021 || hits[0].Kind != "problem" || hits[0].Section != 5 ||
				hits[0].Text != "依申请公开答复文书规范性有待提高" || hits[0].Agency == "" {
				t.Errorf("problem hits: %+v", hits)
			}
			if hits, _ := db.SearchFields(ctx, "problem", "答复文书 有待", 0); len(hits) != 1 {
				t.Errorf("two words: %+v", hits)
			}
			if hits, _ := db.SearchFields(ctx, "problem", "答复文书 量子", 0); len(hits) != 0 {
				t.Errorf("a word not in the text: %+v", hits)
			}
			if hits, _ := db.SearchFields(ctx, "measure", "规范性", 0); len(hits) != 2 || hits[0].Year != 2022 {
				t.Errorf("measure hits (newest first): %+v", hits)
			}
			if hits, _ := db.SearchFields(ctx, "keyword", "", 0); len(hits) != 2 || hits[0].Number != 12.5 {
				t.Errorf("every keyword: %+v", hits)
			}
			if hits, _ := db.SearchFields(ctx, "problem", "100%", 0); len(hits) != 0 {
				t.Errorf("%% is not a wildcard: %+v", hits)
			}
		})
	}
}
