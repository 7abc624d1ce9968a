package corpus

import (
	"context"
	"fmt"
	"time"

	"github.com/nianbao/nianbao/extract"
)

// DefaultBatch is the number of sources written in one transaction when
// Ingester.Batch is zero. One commit per source wrote SQLite's WAL pages
// (the full-text index's above all) and fsynced PostgreSQL's log once per
// report; a batch writes them once.
const DefaultBatch = 64

// batchWait is how long a batch waits for more sources before it is
// written: parse workers waiting for memory (the budget is given back as
// sources are stored) never wait longer than this for the writer.
const batchWait = 500 * time.Millisecond

// writer is the single writer of an Ingest: it gathers prepared sources
// into batches, writes each batch in one transaction and reports every
// input's result.
type writer struct {
	g           *Ingester
	ctx, parent context.Context
	stop        context.CancelCauseFunc
	sum         *Summary
	inputs      []extract.Input
	seen        map[string]bool // sha256 of the sources of this ingest
	size        int

	batch   []item
	first   time.Time // when the batch's first source came
	done    int       // inputs reported
	written int       // sources written (for beforeCommit)
}

// item is one source of a batch and what became of it.
type item struct {
	i     int
	p     *prepared
	st    stored
	ok    bool  // written in the batch
	retry bool  // lost a race with another ingest, or its batch failed: stored again alone
	err   error // this source's own error
}

// add takes one prepared input: a failure or an unchanged source is
// reported at once, a source to store joins the batch.
func (w *writer) add(r parsed) {
	res := Result{Path: w.inputs[r.i].Path}
	switch {
	case w.ctx.Err() != nil:
		res.Outcome, res.Err = Failed, w.stopped(res.Path) // drain the workers
	case r.err != nil:
		res.Outcome, res.Err = Failed, r.err
	case r.out == Unchanged || w.seen[r.p.rec.Source.SHA256]:
		res.Outcome = Unchanged
	default:
		w.seen[r.p.rec.Source.SHA256] = true
		if len(w.batch) == 0 {
			w.first = time.Now()
		}
		w.batch = append(w.batch, item{i: r.i, p: r.p})
		if len(w.batch) >= w.size {
			w.flush()
		}
		return
	}
	w.report(r.i, res)
}

func (w *writer) stopped(path string) error {
	return fmt.Errorf("%s: %w (%w)", path, ErrStopped, context.Cause(w.ctx))
}

// report records input i's result and calls Progress.
func (w *writer) report(i int, res Result) {
	w.sum.Results[i] = res
	w.done++
	if w.g.Progress != nil {
		w.g.Progress(w.done, len(w.inputs), res)
	}
}

// flush writes the batch in one transaction, each source in a savepoint:
// a source that fails is rolled back alone and reported; one that lost a
// race with another ingest (a unique key, a deadlock) is stored again on
// its own once the batch is committed, as is every source of a batch
// whose transaction failed as a whole. A database that stopped taking
// writes stops the ingest.
func (w *writer) flush() {
	if len(w.batch) == 0 {
		return
	}
	db, g := w.g.DB, w.g
	batch := w.batch
	w.batch = w.batch[:0]
	if w.ctx.Err() != nil {
		for _, it := range batch {
			w.report(it.i, Result{Path: w.inputs[it.i].Path, Outcome: Failed, Err: w.stopped(w.inputs[it.i].Path)})
		}
		return
	}
	err := db.inTx(w.ctx, func(tx *txn) error {
		for k := range batch {
			it := &batch[k]
			w.written++
			if _, err := tx.ExecContext(w.ctx, `SAVEPOINT source`); err != nil {
				return err
			}
			st, err := db.writeSource(w.ctx, tx, it.p)
			if err == nil && g.beforeCommit != nil {
				g.beforeCommit(w.written)
			}
			if err != nil {
				if goneCode(err) {
					return err // the database itself: stop (after the rollback)
				}
				if _, rerr := tx.ExecContext(w.ctx, `ROLLBACK TO SAVEPOINT source`); rerr != nil {
					return err // the transaction is lost
				}
				it.retry, it.err = isUniqueViolation(err), err
			}
			if _, err := tx.ExecContext(w.ctx, `RELEASE SAVEPOINT source`); err != nil {
				return err
			}
			it.st, it.ok = st, it.err == nil
		}
		return nil
	})
	if err != nil {
		if db.gone(w.parent, err) {
			w.stop(goneError(err, w.stored(), len(w.inputs)))
			for _, it := range batch {
				w.report(it.i, Result{Path: w.inputs[it.i].Path, Outcome: Failed, Err: w.stopped(w.inputs[it.i].Path)})
			}
			return
		}
		for k := range batch {
			batch[k].ok, batch[k].retry, batch[k].err = false, true, nil
		}
	}
	for _, it := range batch {
		path := w.inputs[it.i].Path
		if it.retry && w.ctx.Err() == nil {
			it.st, it.err = w.storeAlone(it.p)
			it.ok = it.err == nil
			if it.err != nil && db.gone(w.parent, it.err) {
				w.stop(goneError(it.err, w.stored(), len(w.inputs)))
				w.report(it.i, Result{Path: path, Outcome: Failed, Err: w.stopped(path)})
				continue
			}
		}
		res := Result{Path: path}
		switch {
		case w.ctx.Err() != nil && !it.ok:
			res.Outcome, res.Err = Failed, w.stopped(path)
		case !it.ok:
			res.Outcome, res.Err = Failed, fmt.Errorf("%s: store: %w", path, it.err)
		default:
			res.Outcome, res.Report, res.Agency, res.Year = Added, it.st.report, it.p.agency.Key, it.p.rec.Meta.Year
			switch {
			case it.st.unchanged:
				res.Outcome = Unchanged
			case it.st.replaced:
				res.Outcome = Replaced
			}
		}
		w.report(it.i, res)
	}
}

// stored counts the inputs stored so far.
func (w *writer) stored() int {
	n := 0
	for _, r := range w.sum.Results {
		if r.Outcome == Added || r.Outcome == Replaced {
			n++
		}
	}
	return n
}

// storeAlone writes one source in its own transaction, trying again (up
// to three times) when another ingest stored the same report or bytes
// meanwhile: the next try sees its rows.
func (w *writer) storeAlone(p *prepared) (stored, error) {
	var st stored
	var err error
	for try := 0; try < 3; try++ {
		err = w.g.DB.inTx(w.ctx, func(tx *txn) error {
			var err error
			st, err = w.g.DB.writeSource(w.ctx, tx, p)
			return err
		})
		if err == nil || !isUniqueViolation(err) {
			break
		}
	}
	return st, err
}
