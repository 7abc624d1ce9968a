package corpus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/nianbao/nianbao/extract"
)

// prepared is one parsed source ready to store: the record, its
// within-report findings and its indexed sentences.
type prepared struct {
	in        extract.Input
	rec       *extract.Record
	agency    AgencyInfo
	findings  []Finding
	sentences []sentence
	version   string
	force     bool // replace a source stored by the same parser version
}

// sentence is one sentence of a section with its segmented words.
type sentence struct {
	section int
	text    string
	words   string
}

// stored says what writeSource did.
type stored struct {
	report    int64
	oldReport int64 // the report the source belonged to before, if another
	oldKey    string
	replaced  bool
	unchanged bool    // the same bytes were stored by the same parser version
	others    []int64 // other reports that lost a source
}

// sourceName is what identifies where a source came from: its URL, else
// its path.
func sourceName(s extract.Source) string {
	if s.URL != "" {
		return s.URL
	}
	return s.Path
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain data is marshalled here
	}
	return string(b)
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

// score ranks the sources of one report: the one that read most cells
// (or legacy rows) is the report's primary source.
func score(rec *extract.Record) int {
	n := 0
	for _, c := range rec.Cells {
		if c.Status == extract.StatusOK || c.Status == extract.StatusBlank {
			n++
		}
	}
	for _, l := range rec.Legacy {
		if l.Status == extract.StatusOK || l.Status == extract.StatusBlank {
			n++
		}
	}
	return n
}

// kindRank breaks ties between equally complete sources: a real table
// (HTML, Word) before positioned text (PDF) before flattened text.
var kindRank = map[string]int{string(extract.FormatHTML): 4, string(extract.FormatDOCX): 3, string(extract.FormatPDF): 2, string(extract.FormatText): 1}

// writeSource stores one parsed source in tx, replacing an earlier parse
// of the same content, and refreshes its report (primary source,
// conflicts).
func (db *DB) writeSource(ctx context.Context, tx *txn, p *prepared) (stored, error) {
	var st stored
	rec, ag := p.rec, p.agency
	key, name, region := ag.Key, ag.Name, ag.Region
	// An earlier parse of the same bytes goes, rows and all (cascade).
	var oldSrc int64
	var oldVersion string
	err := tx.QueryRowContext(ctx, db.q(`SELECT s.id, s.report_id, r.agency_key, s.parser_version FROM sources s JOIN reports r ON r.id = s.report_id WHERE s.sha256 = ?`),
		rec.Source.SHA256).Scan(&oldSrc, &st.oldReport, &st.oldKey, &oldVersion)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return st, err
	case oldVersion == p.version && !p.force:
		// Stored meanwhile by another ingest (another process, another
		// machine): nothing to do.
		st.unchanged, st.report, st.oldReport, st.oldKey = true, st.oldReport, 0, ""
		return st, nil
	default:
		st.replaced = true
		if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM sources WHERE id = ?`), oldSrc); err != nil {
			return st, err
		}
	}
	// A changed file (same URL, or same path when there is no URL)
	// supersedes what was stored from there.
	var superseded []int64
	err = db.scanRows(ctx, tx, `SELECT id, report_id FROM sources WHERE sha256 <> ? AND CASE WHEN url <> '' THEN url ELSE path END = ?`,
		[]any{rec.Source.SHA256, sourceName(rec.Source)}, func(r *sql.Rows) error {
			var id, rep int64
			if err := r.Scan(&id, &rep); err != nil {
				return err
			}
			superseded = append(superseded, id, rep)
			return nil
		})
	if err != nil {
		return st, err
	}
	for i := 0; i < len(superseded); i += 2 {
		if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM sources WHERE id = ?`), superseded[i]); err != nil {
			return st, err
		}
		st.replaced = true
		st.others = append(st.others, superseded[i+1])
	}
	ts := now()
	if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO reports (agency, agency_key, region, year, generation, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agency_key, year) DO NOTHING`),
		name, key, region, rec.Meta.Year, string(rec.Meta.Generation), ts); err != nil {
		return st, err
	}
	if err := tx.QueryRowContext(ctx, db.q(`SELECT id FROM reports WHERE agency_key = ? AND year = ?`), key, rec.Meta.Year).Scan(&st.report); err != nil {
		return st, err
	}
	// The canonical name, region and division follow the latest alias
	// file and resolution.
	if _, err := tx.ExecContext(ctx, db.q(`UPDATE reports SET agency = ?, region = ?, division_code = ?, province = ?, city = ?, county = ?,
		agency_type = ?, agency_field = ? WHERE id = ?`),
		name, region, ag.Code, ag.Province, ag.City, ag.County, ag.Type, ag.Organ, st.report); err != nil {
		return st, err
	}
	if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO agencies (key, name, region) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET name = excluded.name, region = excluded.region`), key, name, region); err != nil {
		return st, err
	}
	if st.oldReport == st.report {
		st.oldReport = 0
	}
	src, m := rec.Source, rec.Meta
	var sid int64
	err = tx.QueryRowContext(ctx, db.q(`INSERT INTO sources (report_id, sha256, path, url, kind, reader, size, pages,
		listing_title, fetched_at, parsed_at, parser_version, title, agency, year, generation, generation_basis,
		period_start, period_end, published, published_from, score, splits, warnings, title_from, agency_from, year_from)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
		st.report, src.SHA256, src.Path, src.URL, string(src.Format), src.Reader, src.Size, src.Pages,
		src.ListingTitle, src.FetchedAt, ts, p.version, m.Title, m.Agency, m.Year, string(m.Generation), mustJSON(nonNil(m.GenerationBasis)),
		m.PeriodStart, m.PeriodEnd, m.Published, m.PublishedFrom, score(rec), mustJSON(nonNil(rec.Splits)), mustJSON(nonNil(rec.Warnings)),
		m.TitleFrom, m.AgencyFrom, m.YearFrom,
	).Scan(&sid)
	if err != nil {
		return st, err
	}
	if err := db.insertRecordRows(ctx, tx, sid, st.report, p); err != nil {
		return st, err
	}
	if err := db.refreshReport(ctx, tx, st.report); err != nil {
		return st, err
	}
	if st.oldReport != 0 {
		st.others = append(st.others, st.oldReport)
	}
	if err := db.markPending(ctx, tx, key, st.oldKey); err != nil {
		return st, err
	}
	done := map[int64]bool{st.report: true}
	for _, rep := range st.others {
		if done[rep] {
			continue
		}
		done[rep] = true
		var key string
		if err := tx.QueryRowContext(ctx, db.q(`SELECT agency_key FROM reports WHERE id = ?`), rep).Scan(&key); err != nil {
			return st, err
		}
		if err := db.markPending(ctx, tx, key); err != nil {
			return st, err
		}
		if err := db.refreshReport(ctx, tx, rep); err != nil {
			return st, err
		}
	}
	return st, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// insertRecordRows writes the cells, legacy rows, sections, fields,
// sentences and within-report findings of source sid.
func (db *DB) insertRecordRows(ctx context.Context, tx *txn, sid, report int64, p *prepared) error {
	rec := p.rec
	rows := make([][]any, 0, len(rec.Cells))
	for i, c := range rec.Cells {
		cand := ""
		if len(c.Candidates) > 0 {
			cand = mustJSON(c.Candidates)
		}
		rows = append(rows, []any{sid, i, c.ID, c.Table, string(c.Status), c.Value, c.Unit, cand, c.Split, mustJSON(c.Evidence), c.Note})
	}
	if err := db.insertRows(ctx, tx, "cells", []string{"source_id", "ord", "cell_id", "tbl", "status", "value", "unit",
		"candidates", "split", "evidence", "note"}, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for i, l := range rec.Legacy {
		cand := ""
		if len(l.Candidates) > 0 {
			cand = mustJSON(l.Candidates)
		}
		rows = append(rows, []any{sid, i, l.Label, l.Unit, l.Year, l.Cumulative, string(l.Status), cand, l.Parent, mustJSON(l.Evidence), l.Note})
	}
	if err := db.insertRows(ctx, tx, "legacy_rows", []string{"source_id", "ord", "label", "unit", "year_value", "cumulative",
		"status", "candidates", "parent", "evidence", "note"}, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for i, s := range rec.Sections {
		rows = append(rows, []any{sid, i, s.Number, s.Heading, s.Text, mustJSON(s.Pos)})
	}
	if err := db.insertRows(ctx, tx, "sections", []string{"source_id", "ord", "number", "heading", "body", "pos"}, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for i, f := range rec.Fields {
		rows = append(rows, []any{sid, i, f.Kind, f.Subject, f.Text, f.Number, f.Unit, f.Section, f.Offset, f.Sentence})
	}
	if err := db.insertRows(ctx, tx, "fields", []string{"source_id", "ord", "kind", "subject", "text", "number", "unit",
		"section", "offset_bytes", "sentence"}, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for i, s := range p.sentences {
		rows = append(rows, []any{sid, s.section, i, s.text, s.words})
	}
	if err := db.insertRows(ctx, tx, "sentences", []string{"source_id", "section", "ord", "sentence", "words"}, rows); err != nil {
		return err
	}
	return db.insertFindings(ctx, tx, report, &sid, nil, ScopeReport, p.findings)
}

func (db *DB) insertFindings(ctx context.Context, x querier, report int64, source, prev *int64, scope string, fs []Finding) error {
	rows := make([][]any, 0, len(fs))
	for _, f := range fs {
		var s, p any
		if source != nil {
			s = *source
		}
		if prev != nil {
			p = *prev
		}
		rows = append(rows, []any{report, s, scope, p, f.Rule, f.Severity, f.Table, f.Verdict, f.MessageZH, f.MessageEN, f.Arithmetic, cellsJSON(f)})
	}
	return db.insertRows(ctx, x, "findings", []string{"report_id", "source_id", "scope", "prev_report_id", "rule", "severity",
		"tbl", "verdict", "message_zh", "message_en", "arithmetic", "cells"}, rows)
}
