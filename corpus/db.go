package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"           // database/sql driver "sqlite"
)

// DefaultDSN is the database used when none is named: an SQLite file in
// the working directory.
const DefaultDSN = "nianbao.db"

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// ErrSchemaTooNew is returned by Open for a database written by a newer
// nianbao (its schema version is above the migrations this build knows).
var ErrSchemaTooNew = errors.New("corpus: database schema is newer than this program")

// ErrNotUTF8 is returned by Open for a PostgreSQL database whose encoding
// is not UTF8 (a cluster initialised under the C locale makes SQL_ASCII
// databases by default, which would store the reports' text as bytes).
var ErrNotUTF8 = errors.New("corpus: the PostgreSQL database is not UTF8")

// ErrReadOnly is returned by Open when the database cannot be written (a
// read-only file, folder or medium); the read-only commands open it with
// OpenReadOnly instead.
var ErrReadOnly = errors.New("corpus: the database cannot be written")

// ErrNoCorpus is returned by OpenReadOnly for an SQLite file that does not
// exist or is not a corpus (a read-only open never creates one).
var ErrNoCorpus = errors.New("corpus: no corpus database")

// DB is an open corpus: an SQLite file or a PostgreSQL database with the
// schema of this package. All methods are safe for concurrent use; the
// writes of one Ingester go through one connection at a time.
type DB struct {
	sql      *sql.DB
	dialect  string
	dsn      string
	readOnly bool
}

// Open opens (creating, for SQLite) the corpus at dsn and applies the
// pending migrations. dsn is a PostgreSQL URL (postgres://… or
// postgresql://…) or an SQLite file path (empty: DefaultDSN).
func Open(ctx context.Context, dsn string) (*DB, error) {
	if dsn == "" {
		dsn = DefaultDSN
	}
	db := &DB{dsn: dsn}
	var err error
	if IsPostgres(dsn) {
		db.dialect = Postgres
		db.sql, err = sql.Open("pgx", dsn)
		if err == nil {
			db.sql.SetMaxOpenConns(8)
		}
	} else {
		db.dialect = SQLite
		db.sql, err = sql.Open("sqlite", sqliteDSN(dsn))
		if err == nil {
			// One connection: SQLite has one writer anyway, and a single
			// connection keeps readers from seeing "database is locked".
			db.sql.SetMaxOpenConns(1)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("corpus: open %s: %w", redact(dsn), err)
	}
	if err := db.check(ctx); err != nil {
		return nil, err
	}
	if err := db.migrate(ctx); err != nil {
		db.sql.Close()
		if db.dialect == SQLite {
			if ro := notWritable(dsn); ro != nil {
				return nil, fmt.Errorf("%w: %s (%v): ingest needs a writable database; export, compare, search and serve read it as it is",
					ErrReadOnly, dsn, ro)
			}
		}
		return nil, err
	}
	return db, nil
}

// check pings the database (closing it on failure) and, on PostgreSQL,
// refuses a database whose encoding is not UTF8.
func (db *DB) check(ctx context.Context) error {
	fail := func(err error) error {
		db.sql.Close()
		if db.dialect == SQLite {
			if ro := notWritable(db.dsn); ro != nil && !db.readOnly {
				return fmt.Errorf("%w: %s (%v): ingest needs a writable database; export, compare, search and serve read it as it is",
					ErrReadOnly, db.dsn, ro)
			}
		}
		return fmt.Errorf("corpus: open %s: %w", redact(db.dsn), err)
	}
	if err := db.sql.PingContext(ctx); err != nil {
		return fail(err)
	}
	if db.dialect != Postgres {
		return nil
	}
	var enc string
	if err := db.sql.QueryRowContext(ctx, `SHOW server_encoding`).Scan(&enc); err != nil {
		return fail(err)
	}
	if enc != "UTF8" {
		db.sql.Close()
		return fmt.Errorf("%w: %s has encoding %s; create it with CREATE DATABASE … ENCODING 'UTF8' TEMPLATE template0",
			ErrNotUTF8, redact(db.dsn), enc)
	}
	return nil
}

// OpenReadOnly opens an existing corpus for reading only: nothing is
// created, migrated or written, and a write fails. It is what export,
// compare, search and serve use.
//
// An SQLite file is opened with mode=ro. When its folder cannot be
// written (a read-only medium, a read-only mount; SQLite then cannot make
// the -shm file its WAL mode needs) it is opened immutable=1: SQLite reads
// the file without locks, trusting that nobody changes it while it is
// open, which holds on read-only media. A file missing or not a corpus is
// ErrNoCorpus. A PostgreSQL database is opened with
// default_transaction_read_only=on.
//
// The schema must be this build's version: an older corpus is migrated by
// opening it once with Open (nianbao ingest), a newer one is
// ErrSchemaTooNew.
func OpenReadOnly(ctx context.Context, dsn string) (*DB, error) {
	if dsn == "" {
		dsn = DefaultDSN
	}
	db := &DB{dsn: dsn, readOnly: true}
	var err error
	if IsPostgres(dsn) {
		db.dialect = Postgres
		db.sql, err = sql.Open("pgx", withParam(dsn, "default_transaction_read_only=on"))
		if err == nil {
			db.sql.SetMaxOpenConns(8)
		}
	} else {
		db.dialect = SQLite
		if _, serr := os.Stat(sqlitePath(dsn)); errors.Is(serr, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w at %s (run nianbao ingest to make one)", ErrNoCorpus, dsn)
		} else if serr != nil {
			return nil, fmt.Errorf("corpus: open %s: %w", dsn, serr)
		}
		ro := "mode=ro"
		if notWritable(dsn) != nil {
			ro = "mode=ro&immutable=1"
		}
		db.sql, err = sql.Open("sqlite", sqliteReadDSN(dsn, ro))
		if err == nil {
			// Readers do not block one another; 4 connections let a web
			// server answer requests in parallel.
			db.sql.SetMaxOpenConns(4)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("corpus: open %s: %w", redact(dsn), err)
	}
	if err := db.check(ctx); err != nil {
		return nil, err
	}
	var v sql.NullInt64
	if err := db.sql.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&v); err != nil {
		db.sql.Close()
		return nil, fmt.Errorf("%w at %s: %v", ErrNoCorpus, redact(dsn), err)
	}
	switch {
	case int(v.Int64) > SchemaVersion():
		db.sql.Close()
		return nil, fmt.Errorf("%w (version %d, this program knows %d)", ErrSchemaTooNew, v.Int64, SchemaVersion())
	case int(v.Int64) < SchemaVersion():
		db.sql.Close()
		return nil, fmt.Errorf("corpus: %s has schema version %d, this program reads %d: run nianbao ingest on it once (it migrates) where it can be written",
			redact(dsn), v.Int64, SchemaVersion())
	}
	return db, nil
}

// ReadOnly reports whether db was opened with OpenReadOnly.
func (db *DB) ReadOnly() bool { return db.readOnly }

// withParam adds a query parameter to a URL-form DSN.
func withParam(dsn, kv string) string {
	if strings.Contains(dsn, "?") {
		return dsn + "&" + kv
	}
	return dsn + "?" + kv
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqliteDSN turns a path (or a file: URI) into a modernc.org/sqlite DSN
// with WAL, a busy timeout and foreign keys on. Statement journals (what
// a multi-row INSERT or a savepoint of an ingest batch keeps to undo
// itself) stay in memory: in a temporary file they were 4% of an
// ingest's CPU, in pwrite calls.
func sqliteDSN(path string) string {
	p := path
	if !strings.HasPrefix(p, "file:") {
		p = "file:" + (&url.URL{Path: path}).EscapedPath()
	}
	sep := "?"
	if strings.Contains(p, "?") {
		sep = "&"
	}
	return p + sep + "_pragma=busy_timeout(20000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
		"&_pragma=foreign_keys(1)&_pragma=temp_store(MEMORY)&_txlock=immediate"
}

// sqliteReadDSN is the read-only DSN of an SQLite path or file: URI: the
// mode parameters ro, a busy timeout, nothing that writes (journal_mode
// would).
func sqliteReadDSN(path, ro string) string {
	p := path
	if !strings.HasPrefix(p, "file:") {
		p = "file:" + (&url.URL{Path: path}).EscapedPath()
	}
	return withParam(p, ro+"&_pragma=busy_timeout(20000)&_pragma=query_only(1)")
}

// sqlitePath returns the file path of an SQLite DSN (a path or a file:
// URI with parameters).
func sqlitePath(dsn string) string {
	if !strings.HasPrefix(dsn, "file:") {
		return dsn
	}
	p := strings.TrimPrefix(dsn, "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	return p
}

// notWritable says why the SQLite database at dsn cannot be written (its
// file, or its folder, where SQLite keeps the -wal, -shm and journal
// files), or nil. It asks the kernel (access(2)), so a read-only mount is
// seen even by root; tests replace it.
var notWritable = func(dsn string) error {
	p := sqlitePath(dsn)
	if err := accessWrite(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return accessWrite(filepath.Dir(p))
}

// redact hides a password in a PostgreSQL URL for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxx")
	}
	return u.String()
}

// Dialect returns SQLite or Postgres.
func (db *DB) Dialect() string { return db.dialect }

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// SQL returns the underlying handle (for tests and tools).
func (db *DB) SQL() *sql.DB { return db.sql }

// q rewrites a query written with ? placeholders for the dialect:
// PostgreSQL numbers them ($1, $2, …). Queries never hold a literal "?".
func (db *DB) q(query string) string {
	if db.dialect != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// txn is a transaction with the connection it runs on (for pgx's COPY).
// On SQLite it prepares each statement once per transaction (stmts): the
// driver parses every statement it is given anew, which was 4% of an
// ingest's CPU; pgx keeps prepared statements per connection itself.
type txn struct {
	*sql.Tx
	conn  *sql.Conn
	stmts map[string]*sql.Stmt // by query; nil: no cache (PostgreSQL)
}

// stmt returns query prepared in tx, or nil when tx keeps no cache or
// the statement cannot be prepared (running it unprepared gives the
// error).
func (tx *txn) stmt(ctx context.Context, query string) *sql.Stmt {
	if tx.stmts == nil {
		return nil
	}
	if s, ok := tx.stmts[query]; ok {
		return s
	}
	s, err := tx.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	tx.stmts[query] = s
	return s
}

// ExecContext runs query through tx's prepared statement for it.
func (tx *txn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := tx.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return tx.Tx.ExecContext(ctx, query, args...)
}

// QueryContext runs query through tx's prepared statement for it.
func (tx *txn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := tx.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return tx.Tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs query through tx's prepared statement for it.
func (tx *txn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := tx.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return tx.Tx.QueryRowContext(ctx, query, args...)
}

// inTx runs f in a transaction, committing when f returns nil.
func (db *DB) inTx(ctx context.Context, f func(tx *txn) error) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	t := &txn{Tx: tx, conn: conn}
	if db.dialect == SQLite {
		t.stmts = map[string]*sql.Stmt{}
	}
	if err := f(t); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// insertChunk is the number of rows of one multi-row INSERT.
const insertChunk = 32

// copyMin is the row count from which PostgreSQL rows go by COPY.
const copyMin = 50

// copyRows writes rows with the COPY protocol (pgx CopyFrom) inside the
// transaction tx.
func copyRows(ctx context.Context, tx *txn, table string, cols []string, rows [][]any) error {
	return tx.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy %s: not a pgx connection", table)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
}

// insertRows inserts rows into table in multi-row INSERT statements (one
// code path for both dialects; at a few hundred rows per report, the
// round trips, not the protocol, are what costs).
func (db *DB) insertRows(ctx context.Context, x querier, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if tx, ok := x.(*txn); ok && db.dialect == Postgres && len(rows) >= copyMin {
		if err := copyRows(ctx, tx, table, cols, rows); err != nil {
			return fmt.Errorf("copy %s: %w", table, err)
		}
		return nil
	}
	// Chunks of a fixed size (and one remainder), so that a transaction
	// prepares each statement once (txn.stmt); under both engines'
	// parameter limits.
	per := max(1, min(insertChunk, 4000/len(cols)))
	ph := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
	for start := 0; start < len(rows); start += per {
		end := min(len(rows), start+per)
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ",") + ") VALUES ")
		args := make([]any, 0, (end-start)*len(cols))
		for i := start; i < end; i++ {
			if i > start {
				b.WriteByte(',')
			}
			b.WriteString(ph)
			args = append(args, rows[i]...)
		}
		if _, err := x.ExecContext(ctx, db.q(b.String()), args...); err != nil {
			return fmt.Errorf("insert %s: %w", table, err)
		}
	}
	return nil
}
