package corpus

import (
	"context"
	"database/sql"

	"github.com/nianbao/nianbao/extract"
)

// crossYear recomputes the cross-year findings of one agency: for every
// report whose agency also has a report for the year before, CheckPair
// runs on last year's record and this year's, both rebuilt from the
// database, and its findings replace the old ones in one transaction.
func (g *Ingester) crossYear(ctx context.Context, key string) error {
	if g.CheckPair == nil {
		return nil
	}
	db := g.DB
	type rep struct {
		id   int64
		year int
	}
	var reps []rep
	err := db.scanRows(ctx, db.sql, `SELECT id, year FROM reports WHERE agency_key = ? ORDER BY year`, key, func(r *sql.Rows) error {
		var x rep
		if err := r.Scan(&x.id, &x.year); err != nil {
			return err
		}
		reps = append(reps, x)
		return nil
	})
	if err != nil {
		return err
	}
	recs := make([]*extract.Record, len(reps))
	for i, r := range reps {
		if recs[i], err = db.Record(ctx, r.id); err != nil {
			return err
		}
	}
	return db.inTx(ctx, func(tx *txn) error {
		for i, r := range reps {
			if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM findings WHERE report_id = ? AND scope = ?`), r.id, ScopeCrossYear); err != nil {
				return err
			}
			if i == 0 || reps[i-1].year != r.year-1 {
				continue
			}
			fs := g.CheckPair(recs[i-1], recs[i])
			prev := reps[i-1].id
			if err := db.insertFindings(ctx, tx, r.id, nil, &prev, ScopeCrossYear, fs); err != nil {
				return err
			}
		}
		return nil
	})
}
