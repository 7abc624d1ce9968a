package corpus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nianbao/nianbao/extract"
)

// ErrNotFound is returned for a report or source the corpus does not hold.
var ErrNotFound = errors.New("corpus: not found")

// Record rebuilds the parsed record of a report from its primary source:
// metadata, sections, cells with status, candidates and evidence, splits,
// legacy rows, narrative fields and warnings, as ingested. The cross-year
// rules read last year's report through it.
func (db *DB) Record(ctx context.Context, report int64) (*extract.Record, error) {
	var src sql.NullInt64
	err := db.sql.QueryRowContext(ctx, db.q(`SELECT primary_source FROM reports WHERE id = ?`), report).Scan(&src)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !src.Valid) {
		return nil, fmt.Errorf("%w: report %d", ErrNotFound, report)
	}
	if err != nil {
		return nil, err
	}
	return db.sourceRecord(ctx, db.sql, src.Int64)
}

// sourceRecord rebuilds the record of one source.
func (db *DB) sourceRecord(ctx context.Context, x querier, id int64) (*extract.Record, error) {
	rec := &extract.Record{}
	s, m := &rec.Source, &rec.Meta
	var kind, gen, basis, splits, warnings string
	err := x.QueryRowContext(ctx, db.q(`SELECT path, url, kind, reader, size, pages, listing_title, fetched_at, sha256,
		title, agency, year, generation, generation_basis, period_start, period_end, published, published_from, splits, warnings, title_from, agency_from, year_from
		FROM sources WHERE id = ?`), id).Scan(&s.Path, &s.URL, &kind, &s.Reader, &s.Size, &s.Pages, &s.ListingTitle, &s.FetchedAt, &s.SHA256,
		&m.Title, &m.Agency, &m.Year, &gen, &basis, &m.PeriodStart, &m.PeriodEnd, &m.Published, &m.PublishedFrom, &splits, &warnings, &m.TitleFrom, &m.AgencyFrom, &m.YearFrom)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: source %d", ErrNotFound, id)
	}
	if err != nil {
		return nil, err
	}
	s.Format, m.Generation = extract.Format(kind), extract.Generation(gen)
	if err := unmarshalAll(basis, &m.GenerationBasis, splits, &rec.Splits, warnings, &rec.Warnings); err != nil {
		return nil, fmt.Errorf("source %d: %w", id, err)
	}
	err = db.scanRows(ctx, x, `SELECT cell_id, tbl, status, value, unit, candidates, split, evidence, note FROM cells WHERE source_id = ? ORDER BY ord`, id,
		func(r *sql.Rows) error {
			var c extract.Cell
			var st, cand, ev string
			if err := r.Scan(&c.ID, &c.Table, &st, &c.Value, &c.Unit, &cand, &c.Split, &ev, &c.Note); err != nil {
				return err
			}
			c.Status = extract.Status(st)
			rec.Cells = append(rec.Cells, c)
			last := &rec.Cells[len(rec.Cells)-1]
			return unmarshalAll(cand, &last.Candidates, ev, &last.Evidence)
		})
	if err != nil {
		return nil, err
	}
	err = db.scanRows(ctx, x, `SELECT label, unit, year_value, cumulative, status, candidates, parent, evidence, note FROM legacy_rows WHERE source_id = ? ORDER BY ord`, id,
		func(r *sql.Rows) error {
			var l extract.LegacyRow
			var st, cand, ev string
			if err := r.Scan(&l.Label, &l.Unit, &l.Year, &l.Cumulative, &st, &cand, &l.Parent, &ev, &l.Note); err != nil {
				return err
			}
			l.Status = extract.Status(st)
			if err := unmarshalAll(cand, &l.Candidates, ev, &l.Evidence); err != nil {
				return err
			}
			rec.Legacy = append(rec.Legacy, l)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = db.scanRows(ctx, x, `SELECT number, heading, body, pos FROM sections WHERE source_id = ? ORDER BY ord`, id,
		func(r *sql.Rows) error {
			var sec extract.Section
			var pos string
			if err := r.Scan(&sec.Number, &sec.Heading, &sec.Text, &pos); err != nil {
				return err
			}
			if err := unmarshalAll(pos, &sec.Pos); err != nil {
				return err
			}
			rec.Sections = append(rec.Sections, sec)
			return nil
		})
	if err != nil {
		return nil, err
	}
	err = db.scanRows(ctx, x, `SELECT kind, subject, text, number, unit, section, offset_bytes, sentence FROM fields WHERE source_id = ? ORDER BY ord`, id,
		func(r *sql.Rows) error {
			var f extract.Field
			if err := r.Scan(&f.Kind, &f.Subject, &f.Text, &f.Number, &f.Unit, &f.Section, &f.Offset, &f.Sentence); err != nil {
				return err
			}
			rec.Fields = append(rec.Fields, f)
			return nil
		})
	if err != nil {
		return nil, err
	}
	if rec.Warnings == nil {
		rec.Warnings = []extract.Warning{}
	}
	return rec, nil
}

// scanRows runs query with its argument (several as an []any) and calls
// f for each row.
func (db *DB) scanRows(ctx context.Context, x querier, query string, arg any, f func(*sql.Rows) error) error {
	args, ok := arg.([]any)
	if !ok {
		args = []any{arg}
	}
	rows, err := x.QueryContext(ctx, db.q(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// unmarshalAll decodes (json text, target) pairs; empty text leaves the
// target as it is.
func unmarshalAll(pairs ...any) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		s := pairs[i].(string)
		if s == "" {
			continue
		}
		if err := json.Unmarshal([]byte(s), pairs[i+1]); err != nil {
			return err
		}
	}
	return nil
}
