package corpus

import (
	"context"
	"fmt"
)

// refreshReport recomputes what a report takes from its sources: the
// primary source (most cells read; then HTML/Word before PDF before
// text; then the first stored), the printed agency, generation, title and
// publication date, and the conflict findings between sources. A report
// left without sources is deleted.
func (db *DB) refreshReport(ctx context.Context, tx *txn, report int64) error {
	rows, err := tx.QueryContext(ctx, db.q(`SELECT id, kind, score, agency, generation, title, published, path FROM sources WHERE report_id = ? ORDER BY sha256`), report)
	if err != nil {
		return err
	}
	type srcRow struct {
		id                                         int64
		kind                                       string
		score                                      int
		agency, generation, title, published, path string
	}
	var srcs []srcRow
	for rows.Next() {
		var s srcRow
		if err := rows.Scan(&s.id, &s.kind, &s.score, &s.agency, &s.generation, &s.title, &s.published, &s.path); err != nil {
			rows.Close()
			return err
		}
		srcs = append(srcs, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(srcs) == 0 {
		_, err := tx.ExecContext(ctx, db.q(`DELETE FROM reports WHERE id = ?`), report)
		return err
	}
	// Ties go to the first in content-hash order, so the choice does not
	// depend on the order the sources were stored in (one ingest or four
	// at once give one corpus).
	best := 0
	for i, s := range srcs {
		b := srcs[best]
		if s.score > b.score || (s.score == b.score && kindRank[s.kind] > kindRank[b.kind]) {
			best = i
		}
	}
	p := srcs[best]
	published := p.published
	for _, s := range srcs {
		if published == "" {
			published = s.published
		}
	}
	if _, err := tx.ExecContext(ctx, db.q(`UPDATE reports SET primary_source = ?, generation = ?, title = ?, published = ?, updated_at = ? WHERE id = ?`),
		p.id, p.generation, p.title, published, now(), report); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM findings WHERE report_id = ? AND scope = ?`), report, ScopeConflict); err != nil {
		return err
	}
	var conflicts []Finding
	for i, s := range srcs {
		if i == best {
			continue
		}
		f, err := db.conflict(ctx, tx, p.id, s.id, p.path, s.path, p.generation, s.generation)
		if err != nil {
			return fmt.Errorf("conflicts of report %d: %w", report, err)
		}
		if f != nil {
			conflicts = append(conflicts, *f)
		}
	}
	return db.insertFindings(ctx, tx, report, nil, nil, ScopeConflict, conflicts)
}
