package corpus

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/nianbao/nianbao/extract"
)

// markPending records, in the transaction that changes an agency's
// reports, that its cross-year findings must be recomputed. The mark
// outlives a killed ingest: the next one recomputes.
func (db *DB) markPending(ctx context.Context, x querier, keys ...string) error {
	for _, k := range keys {
		if k == "" {
			continue
		}
		if _, err := x.ExecContext(ctx, db.q(`INSERT INTO pending_cross_year (agency_key) VALUES (?) ON CONFLICT (agency_key) DO NOTHING`), k); err != nil {
			return err
		}
	}
	return nil
}

// crossYearPending runs the cross-year rules of every agency marked
// pending (by this process or by one stopped before it got to them) and
// returns how many it ran.
func (g *Ingester) crossYearPending(ctx context.Context) (int, error) {
	keys, err := g.DB.pending(ctx)
	if err != nil {
		return 0, err
	}
	// Several agencies per transaction (their locks taken in key order,
	// as every process lists them): one commit for many.
	for start := 0; start < len(keys); start += crossYearBatch {
		group := keys[start:min(len(keys), start+crossYearBatch)]
		err := g.DB.inTx(ctx, func(tx *txn) error {
			for _, key := range group {
				if err := g.crossYearTx(ctx, tx, key); err != nil {
					return fmt.Errorf("corpus: cross-year rules for %s: %w", key, err)
				}
			}
			return nil
		})
		if err != nil {
			return start, err
		}
	}
	return len(keys), nil
}

// crossYearBatch is the number of agencies whose cross-year rules run in
// one transaction.
const crossYearBatch = 32

// pending lists the agencies whose cross-year findings are out of date.
func (db *DB) pending(ctx context.Context) ([]string, error) {
	var keys []string
	err := db.scanRows(ctx, db.sql, `SELECT agency_key FROM pending_cross_year ORDER BY agency_key`, []any{},
		func(r *sql.Rows) error {
			var k string
			if err := r.Scan(&k); err != nil {
				return err
			}
			keys = append(keys, k)
			return nil
		})
	return keys, err
}

// crossYearTx recomputes the cross-year findings of one agency in tx:
// for every report whose agency also has a report for the year before,
// CheckPair runs on last year's record and this year's, both rebuilt from
// the database, and its findings replace the old ones; the agency's
// pending mark goes. Concurrent ingests recomputing one agency take turns
// (an advisory lock on PostgreSQL, the write lock on SQLite).
func (g *Ingester) crossYearTx(ctx context.Context, tx *txn, key string) error {
	db := g.DB
	if db.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7316002, hashtext($1))`, key); err != nil {
			return err
		}
	}
	type rep struct {
		id, source int64
		year       int
	}
	var reps []rep
	err := db.scanRows(ctx, tx, `SELECT id, primary_source, year FROM reports WHERE agency_key = ? ORDER BY year`, key, func(r *sql.Rows) error {
		var x rep
		if err := r.Scan(&x.id, &x.source, &x.year); err != nil {
			return err
		}
		reps = append(reps, x)
		return nil
	})
	if err != nil {
		return err
	}
	var prev *extract.Record
	for i, r := range reps {
		if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM findings WHERE report_id = ? AND scope = ?`), r.id, ScopeCrossYear); err != nil {
			return err
		}
		if err := db.unsettle(ctx, tx, r.source); err != nil {
			return err
		}
		cur, err := db.sourceRecord(ctx, tx, r.source)
		if err != nil {
			return err
		}
		if i > 0 && reps[i-1].year == r.year-1 {
			p := reps[i-1].id
			if g.CheckPair == nil {
				prev = cur
				continue // settlements undone, none made
			}
			found := g.CheckPair(prev, cur)
			if st := g.settle(prev, cur, found); len(st) > 0 {
				if err := db.storeSettlements(ctx, tx, r.source, p, reps[i-1].year, cur, st); err != nil {
					return err
				}
				found = g.CheckPair(prev, cur)
			}
			if err := db.insertFindings(ctx, tx, r.id, nil, &p, ScopeCrossYear, found); err != nil {
				return err
			}
		}
		prev = cur
	}
	_, err = tx.ExecContext(ctx, db.q(`DELETE FROM pending_cross_year WHERE agency_key = ?`), key)
	return err
}
