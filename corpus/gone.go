package corpus

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrDatabaseGone is returned by Ingest when the database stops taking
// writes in the middle of a batch (the server went away, the connection
// broke, the disk is full, the file was lost): the batch stops at once,
// with one error that says how many files were stored, instead of one
// failure per remaining file. What was stored is complete and kept.
var ErrDatabaseGone = errors.New("corpus: the database stopped taking writes")

// ErrStopped is the error of the inputs not stored because the batch
// stopped (ErrDatabaseGone, or the context was cancelled).
var ErrStopped = errors.New("not stored: the ingest stopped")

// gone reports whether a store error means the database itself is
// unusable rather than this one file: a full disk or an I/O error (by
// the drivers' codes), or a database that no longer answers a ping.
func (db *DB) gone(ctx context.Context, err error) bool {
	if goneCode(err) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return false // the server answered: this file's problem
	}
	if ctx.Err() != nil {
		return false
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return db.sql.PingContext(pctx) != nil
}

// goneCode reports whether err carries a driver code that means the
// database itself is unusable (no ping: it can be asked inside a
// transaction).
func goneCode(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case len(pe.Code) >= 2 && pe.Code[:2] == "08", // connection exception
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", // shutdown, crash, cannot connect now
			pe.Code == "53100", pe.Code == "53200": // disk full, out of memory
			return true
		}
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB,
			sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY:
			return true
		}
	}
	return false
}

// goneError is the one error of a batch stopped by the database.
func goneError(err error, stored, total int) error {
	return fmt.Errorf("%w after %d of %d files were stored (they are kept; run ingest again to store the rest): %v",
		ErrDatabaseGone, stored, total, err)
}

// crossYearGoneError is the one error of a batch whose database went away
// after every file was stored, while the cross-year rules ran: the
// agencies not done stay marked pending, and the next ingest runs them.
func crossYearGoneError(err error, stored, agencies int) error {
	return fmt.Errorf("%w after the %d files were stored, during the cross-year rules (done for %d agencies; run ingest again to finish them): %v",
		ErrDatabaseGone, stored, agencies, err)
}
