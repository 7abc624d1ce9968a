package corpus

import (
	"context"
	"database/sql"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
)

// sentenceEnds are the marks that end a sentence of the narrative.
const sentenceEnds = "。！？；!?;\n"

// maxIndexed is the most bytes of one indexed sentence: a longer run
// without a sentence end (a flattened table, a padded page) is indexed in
// pieces, so that a hit shows a readable excerpt and the work stays linear.
const maxIndexed = 4 << 10

// sentencesOf splits the sections of rec into sentences and segments each
// with cut for the full-text index (nil cut: nothing is indexed).
func sentencesOf(rec *extract.Record, cut func(string) []string) []sentence {
	if cut == nil {
		return nil
	}
	var out []sentence
	for _, sec := range rec.Sections {
		text := sec.Text
		for len(text) > 0 {
			window := text
			if len(window) > maxIndexed {
				window = window[:maxIndexed]
			}
			end := strings.IndexAny(window, sentenceEnds)
			var s string
			switch {
			case end < 0 && len(window) < len(text):
				// no sentence end in the window: cut after a clause mark or space
				n := layout.CutBefore(text, 0, len(window), "，,、：: \t")
				s, text = text[:n], text[n:]
			case end < 0:
				s, text = text, ""
			default:
				_, w := utf8.DecodeRuneInString(text[end:])
				s, text = text[:end+w], text[end+w:]
			}
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			if words := joinWords(cut(s)); words != "" {
				out = append(out, sentence{section: sec.Number, text: s, words: words})
			}
		}
	}
	return out
}

// Sentence is one sentence of a section with its words, as
// Ingester.Sentences returns it for the full-text index.
type Sentence struct {
	Section int      // the section's number
	Text    string   // the sentence
	Words   []string // its words, punctuation and spaces included
}

// indexed turns annotated sentences into rows of the index: the text
// trimmed, the words that carry a letter, digit or ideograph; a sentence
// without any is not indexed.
func indexed(ss []Sentence) []sentence {
	out := make([]sentence, 0, len(ss))
	for _, s := range ss {
		text := strings.TrimSpace(s.Text)
		if text == "" {
			continue
		}
		if words := joinWords(s.Words); words != "" {
			out = append(out, sentence{section: s.Section, text: text, words: words})
		}
	}
	return out
}

// joinWords keeps the words that carry a letter, digit or ideograph and
// joins them with spaces: the form both full-text engines tokenise on
// (SQLite FTS5 unicode61, PostgreSQL's 'simple' configuration).
func joinWords(words []string) string {
	var keep []string
	for _, w := range words {
		w = strings.TrimSpace(w)
		if w == "" || strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			continue
		}
		keep = append(keep, strings.ToLower(w))
	}
	return strings.Join(keep, " ")
}

// Hit is one sentence that matches a search.
type Hit struct {
	Report   int64  `json:"report"`
	Agency   string `json:"agency"`
	Year     int    `json:"year"`
	Source   string `json:"source"` // path or URL of the source the sentence was read from
	Section  int    `json:"section"`
	Heading  string `json:"heading"`
	Sentence string `json:"sentence"`
}

// Search finds the sentences of the narrative (primary sources) holding
// every word of query, cut into words by cut like the index was. Hits
// come newest year first, then by agency, section and sentence order, the
// same on both engines. limit <= 0 means 100.
func (db *DB) Search(ctx context.Context, query string, cut func(string) []string, limit int) ([]Hit, error) {
	if limit <= 0 {
		limit = 100
	}
	words := strings.Fields(joinWords(cut(query)))
	if len(words) == 0 {
		return nil, nil
	}
	var match, cond string
	if db.dialect == Postgres {
		match, cond = strings.Join(words, " "), `s.tsv @@ plainto_tsquery('simple', ?)`
	} else {
		q := make([]string, len(words))
		for i, w := range words {
			q[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
		}
		match, cond = strings.Join(q, " "), `s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)`
	}
	rows, err := db.sql.QueryContext(ctx, db.q(`SELECT r.id, r.agency, r.year, CASE WHEN src.url <> '' THEN src.url ELSE src.path END,
		s.section, COALESCE((SELECT MIN(heading) FROM sections h WHERE h.source_id = s.source_id AND h.number = s.section), ''), s.sentence
		FROM sentences s JOIN sources src ON src.id = s.source_id JOIN reports r ON r.id = src.report_id AND r.primary_source = src.id
		WHERE `+cond+` ORDER BY r.year DESC, r.agency_key, s.section, s.ord LIMIT ?`), match, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.Report, &h.Agency, &h.Year, &h.Source, &h.Section, &h.Heading, &h.Sentence); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

var _ = sql.ErrNoRows

// FieldHit is one narrative field (a problem, measure, keyword, agency,
// place, channel, quantity, …) that matches a search by kind.
type FieldHit struct {
	Report   int64   `json:"report"`
	Agency   string  `json:"agency"`
	Year     int     `json:"year"`
	Source   string  `json:"source"`
	Section  int     `json:"section"`
	Kind     string  `json:"kind"`
	Subject  string  `json:"subject,omitempty"`
	Text     string  `json:"text"`
	Number   float64 `json:"number,omitempty"`
	Sentence string  `json:"sentence,omitempty"`
}

// FieldKinds are the kinds of narrative field that segment stores (see
// package segment): SearchFields takes one of them.
var FieldKinds = []string{"problem", "measure", "keyword", "agency", "place", "channel", "quantity", "date", "year"}

// SearchFields finds the stored narrative fields of the given kind
// (primary sources only) whose text contains every word of query as a
// substring, case-insensitively for Latin letters: "答复文书规范性"
// finds every problem that mentions it, however segment cut the words.
// An empty query lists every field of the kind. Hits come newest year
// first, then by agency, section and field order, the same on both
// engines. limit <= 0 means 100.
func (db *DB) SearchFields(ctx context.Context, kind, query string, limit int) ([]FieldHit, error) {
	if limit <= 0 {
		limit = 100
	}
	cond := `f.kind = ?`
	args := []any{kind}
	for _, w := range strings.Fields(query) {
		esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(w))
		cond += ` AND LOWER(f.text) LIKE ? ESCAPE '\'`
		args = append(args, "%"+esc+"%")
	}
	args = append(args, limit)
	rows, err := db.sql.QueryContext(ctx, db.q(`SELECT r.id, r.agency, r.year, CASE WHEN src.url <> '' THEN src.url ELSE src.path END,
		f.section, f.kind, f.subject, f.text, f.number, f.sentence
		FROM fields f JOIN sources src ON src.id = f.source_id JOIN reports r ON r.id = src.report_id AND r.primary_source = src.id
		WHERE `+cond+` ORDER BY r.year DESC, r.agency_key, f.section, f.ord LIMIT ?`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FieldHit
	for rows.Next() {
		var h FieldHit
		if err := rows.Scan(&h.Report, &h.Agency, &h.Year, &h.Source, &h.Section, &h.Kind, &h.Subject, &h.Text, &h.Number, &h.Sentence); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// ReportSections calls fn with the sections of every report's primary
// source, in report id order: the narrative as stored, for tools that
// read the whole corpus (`nianbao idf` counts document frequencies).
func (db *DB) ReportSections(ctx context.Context, fn func(report int64, agency string, year int, secs []extract.Section) error) error {
	rows, err := db.sql.QueryContext(ctx, `SELECT r.id, r.agency, r.year, s.number, s.heading, s.body
		FROM reports r JOIN sections s ON s.source_id = r.primary_source ORDER BY r.id, s.ord`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var (
		cur    int64 = -1
		agency string
		year   int
		secs   []extract.Section
	)
	flush := func() error {
		if cur < 0 {
			return nil
		}
		return fn(cur, agency, year, secs)
	}
	for rows.Next() {
		var id int64
		var a string
		var y int
		var s extract.Section
		if err := rows.Scan(&id, &a, &y, &s.Number, &s.Heading, &s.Text); err != nil {
			return err
		}
		if id != cur {
			if err := flush(); err != nil {
				return err
			}
			cur, agency, year, secs = id, a, y, nil
		}
		secs = append(secs, s)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return flush()
}
