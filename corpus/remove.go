package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Target names what Ingester.Remove removes: a report by its id, an
// agency's report for a year, or one source by the path or URL it was
// ingested from. Set one of Report, Agency (with Year) or Source.
type Target struct {
	Report int64  // a report id (as search, serve and compare -json show it)
	Agency string // as printed or as its key, resolved like compare -agency (aliases apply)
	Year   int    // with Agency
	Source string // a source's URL, or its file path (relative to the working directory)
}

func (t Target) String() string {
	switch {
	case t.Report != 0:
		return fmt.Sprintf("report %d", t.Report)
	case t.Agency != "":
		return fmt.Sprintf("%s %d", t.Agency, t.Year)
	}
	return t.Source
}

// Removed is what Remove did with one target.
type Removed struct {
	Target  Target
	Reports []int64  // reports that went (with their last source)
	Kept    []int64  // reports that lost a source and keep others
	Sources []string // the path or URL of every source removed
	Agency  string   // the agency key
	Year    int
	Err     error // ErrNotFound when nothing matched (nothing removed for this target)
}

// Remove deletes what each target names, each target in one transaction:
// a report with all its sources, their rows and findings; or one source,
// its report going with its last source and otherwise taking its primary
// source and conflicts from those left. The agency is marked pending in
// the same transaction and its cross-year rules run again once every
// target is done (as after Ingest; the mark outlives a killed process): a
// split that a removed report settled as last year's evidence reopens,
// AMBIGUOUS with its candidates, and the findings that compared with it
// go. A target that matches nothing is a Removed with Err ErrNotFound and
// the others go on; the error is for what stops the whole call (the
// database, ctx).
func (g *Ingester) Remove(ctx context.Context, targets []Target) ([]Removed, error) {
	db := g.DB
	out := make([]Removed, len(targets))
	for i, t := range targets {
		r := &out[i]
		r.Target = t
		key := ""
		if t.Report == 0 && t.Agency != "" {
			k, err := db.ResolveAgency(ctx, g.Agencies, t.Agency)
			if err != nil {
				r.Err = err // not found, or several agencies match
				continue
			}
			key = k
		}
		err := db.inTx(ctx, func(tx *txn) error {
			*r = Removed{Target: t}
			return g.remove(ctx, tx, r, key)
		})
		if err != nil && !errors.Is(err, ErrNotFound) {
			return out, fmt.Errorf("corpus: remove %s: %w", t, err)
		}
		r.Err = err
	}
	if _, err := g.crossYearPending(ctx); err != nil {
		return out, err
	}
	return out, nil
}

// remove deletes one target in tx; key is the agency key of an Agency
// target.
func (g *Ingester) remove(ctx context.Context, tx *txn, r *Removed, key string) error {
	db, t := g.DB, r.Target
	var sources []int64 // for a Source target
	var reports []int64 // for the others
	switch {
	case t.Report != 0:
		reports = append(reports, t.Report)
	case t.Agency != "":
		var id int64
		err := tx.QueryRowContext(ctx, db.q(`SELECT id FROM reports WHERE agency_key = ? AND year = ?`), key, t.Year).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: no %d report of %s", ErrNotFound, t.Year, key)
		}
		if err != nil {
			return err
		}
		reports = append(reports, id)
	case t.Source != "":
		name := t.Source
		if !strings.Contains(name, "://") {
			if abs, err := filepath.Abs(name); err == nil {
				name = abs
			}
		}
		err := db.scanRows(ctx, tx, `SELECT id FROM sources WHERE url = ? OR (url = '' AND path = ?) OR path = ?`,
			[]any{t.Source, name, name}, func(rows *sql.Rows) error {
				var id int64
				err := rows.Scan(&id)
				sources = append(sources, id)
				return err
			})
		if err != nil {
			return err
		}
		if len(sources) == 0 {
			return fmt.Errorf("%w: no source from %s", ErrNotFound, t.Source)
		}
	default:
		return fmt.Errorf("%w: an empty target", ErrNotFound)
	}
	for _, id := range reports {
		if err := tx.QueryRowContext(ctx, db.q(`SELECT agency_key, year FROM reports WHERE id = ?`), id).Scan(&r.Agency, &r.Year); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: no report %d", ErrNotFound, id)
		} else if err != nil {
			return err
		}
		err := db.scanRows(ctx, tx, `SELECT id FROM sources WHERE report_id = ? ORDER BY id`, id, func(rows *sql.Rows) error {
			var s int64
			err := rows.Scan(&s)
			sources = append(sources, s)
			return err
		})
		if err != nil {
			return err
		}
	}
	touched := map[int64]bool{}
	var order []int64
	var keys []string
	for _, id := range sources {
		var name string
		var rep int64
		err := tx.QueryRowContext(ctx, db.q(`SELECT CASE WHEN s.url <> '' THEN s.url ELSE s.path END, s.report_id, r.agency_key, r.year
			FROM sources s JOIN reports r ON r.id = s.report_id WHERE s.id = ?`), id).Scan(&name, &rep, &r.Agency, &r.Year)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM sources WHERE id = ?`), id); err != nil {
			return err
		}
		r.Sources = append(r.Sources, name)
		keys = append(keys, r.Agency)
		if !touched[rep] {
			touched[rep] = true
			order = append(order, rep)
		}
	}
	for _, rep := range order {
		// A report left without sources is deleted (findings cascade);
		// else it takes its primary source from those left.
		if err := db.refreshReport(ctx, tx, rep); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, db.q(`SELECT COUNT(*) FROM reports WHERE id = ?`), rep).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			r.Reports = append(r.Reports, rep)
		} else {
			r.Kept = append(r.Kept, rep)
		}
	}
	return db.markPending(ctx, tx, keys...)
}
