package corpus

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

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

// TestSentencesLongRun: a run without sentence ends (a padded page) is
// indexed in pieces of at most maxIndexed bytes, cut after a clause mark
// where there is one and never inside a character, and nothing is lost;
// ordinary sentences stay whole.
func TestSentencesLongRun(t *testing.T) {
	run := strings.Repeat("为进一步推进政务公开工作", 1000) + strings.Repeat("公开工作，", 2000)
	text := "全年共收到申请70件。" + run + "。本年度无收费。"
	rec := &extract.Record{Sections: []extract.Section{{Number: 6, Text: text}}}
	ss := sentencesOf(rec, func(s string) []string { return []string{s} })
	var b strings.Builder
	for i, s := range ss {
		if len(s.text) > maxIndexed || !utf8.ValidString(s.text) {
			t.Errorf("sentence %d: %d bytes, valid UTF-8 %v", i, len(s.text), utf8.ValidString(s.text))
		}
		if i > 1 && i < len(ss)-2 && strings.Contains(s.text, "，") && !strings.HasSuffix(s.text, "，") {
			t.Errorf("sentence %d is not cut after a clause mark: …%s", i, s.text[len(s.text)-12:])
		}
		b.WriteString(s.text)
	}
	if b.String() != text {
		t.Errorf("the sentences join to %d bytes, the text has %d", b.Len(), len(text))
	}
	if len(ss) < 2 || ss[0].text != "全年共收到申请70件。" || ss[len(ss)-1].text != "本年度无收费。" {
		t.Errorf("first and last sentences: %q, %q", ss[0].text, ss[len(ss)-1].text)
	}
}
