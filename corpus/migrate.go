package corpus

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// migration is one schema version. Statements use {{pk}}, {{int8}} and
// {{real}} for the types the dialects spell differently; sqlite and
// postgres hold the statements only one dialect has.
type migration struct {
	version  int
	common   []string
	sqlite   []string
	postgres []string
}

// migrations in order; a database records the highest applied version in
// schema_version. Never edit a released migration: add one.
var migrations = []migration{{
	version: 1,
	common: []string{
		`CREATE TABLE agencies (
			key TEXT PRIMARY KEY,
			name TEXT NOT NULL,
			region TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE TABLE reports (
			id {{pk}},
			agency TEXT NOT NULL,
			agency_key TEXT NOT NULL,
			region TEXT NOT NULL DEFAULT '',
			year INTEGER NOT NULL,
			generation TEXT NOT NULL DEFAULT '',
			title TEXT NOT NULL DEFAULT '',
			published TEXT NOT NULL DEFAULT '',
			primary_source {{int8}},
			updated_at TEXT NOT NULL,
			UNIQUE (agency_key, year)
		)`,
		`CREATE INDEX reports_year ON reports (year, agency_key)`,
		`CREATE TABLE sources (
			id {{pk}},
			report_id {{int8}} NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
			sha256 TEXT NOT NULL UNIQUE,
			path TEXT NOT NULL DEFAULT '',
			url TEXT NOT NULL DEFAULT '',
			kind TEXT NOT NULL DEFAULT '',
			reader TEXT NOT NULL DEFAULT '',
			size {{int8}} NOT NULL DEFAULT 0,
			pages INTEGER NOT NULL DEFAULT 0,
			listing_title TEXT NOT NULL DEFAULT '',
			fetched_at TEXT NOT NULL DEFAULT '',
			parsed_at TEXT NOT NULL,
			parser_version TEXT NOT NULL,
			title TEXT NOT NULL DEFAULT '',
			agency TEXT NOT NULL DEFAULT '',
			year INTEGER NOT NULL DEFAULT 0,
			generation TEXT NOT NULL DEFAULT '',
			generation_basis TEXT NOT NULL DEFAULT '[]',
			period_start TEXT NOT NULL DEFAULT '',
			period_end TEXT NOT NULL DEFAULT '',
			published TEXT NOT NULL DEFAULT '',
			published_from TEXT NOT NULL DEFAULT '',
			score INTEGER NOT NULL DEFAULT 0,
			splits TEXT NOT NULL DEFAULT '[]',
			warnings TEXT NOT NULL DEFAULT '[]'
		)`,
		`CREATE INDEX sources_report ON sources (report_id)`,
		`CREATE TABLE cells (
			source_id {{int8}} NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
			ord INTEGER NOT NULL,
			cell_id TEXT NOT NULL,
			tbl TEXT NOT NULL DEFAULT '',
			status TEXT NOT NULL,
			value TEXT NOT NULL DEFAULT '',
			unit TEXT NOT NULL DEFAULT '',
			candidates TEXT NOT NULL DEFAULT '',
			split INTEGER NOT NULL DEFAULT -1,
			evidence TEXT NOT NULL DEFAULT '{}',
			note TEXT NOT NULL DEFAULT '',
			PRIMARY KEY (source_id, cell_id)
		)`,
		`CREATE INDEX cells_cell ON cells (cell_id)`,
		`CREATE TABLE legacy_rows (
			source_id {{int8}} NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
			ord INTEGER NOT NULL,
			label TEXT NOT NULL,
			unit TEXT NOT NULL DEFAULT '',
			year_value TEXT NOT NULL DEFAULT '',
			cumulative TEXT NOT NULL DEFAULT '',
			status TEXT NOT NULL,
			candidates TEXT NOT NULL DEFAULT '',
			parent INTEGER NOT NULL DEFAULT -1,
			evidence TEXT NOT NULL DEFAULT '{}',
			note TEXT NOT NULL DEFAULT '',
			PRIMARY KEY (source_id, ord)
		)`,
		`CREATE TABLE sections (
			source_id {{int8}} NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
			ord INTEGER NOT NULL,
			number INTEGER NOT NULL,
			heading TEXT NOT NULL DEFAULT '',
			body TEXT NOT NULL DEFAULT '',
			pos TEXT NOT NULL DEFAULT '{}',
			PRIMARY KEY (source_id, ord)
		)`,
		`CREATE TABLE fields (
			source_id {{int8}} NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
			ord INTEGER NOT NULL,
			kind TEXT NOT NULL,
			subject TEXT NOT NULL DEFAULT '',
			text TEXT NOT NULL DEFAULT '',
			number {{real}} NOT NULL DEFAULT 0,
			unit TEXT NOT NULL DEFAULT '',
			section INTEGER NOT NULL DEFAULT 0,
			offset_bytes INTEGER NOT NULL DEFAULT 0,
			sentence TEXT NOT NULL DEFAULT '',
			PRIMARY KEY (source_id, ord)
		)`,
		`CREATE INDEX fields_kind ON fields (kind, subject)`,
		`CREATE TABLE findings (
			id {{pk}},
			report_id {{int8}} NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
			source_id {{int8}} REFERENCES sources (id) ON DELETE CASCADE,
			scope TEXT NOT NULL,
			prev_report_id {{int8}},
			rule TEXT NOT NULL,
			severity TEXT NOT NULL,
			tbl TEXT NOT NULL DEFAULT '',
			verdict TEXT NOT NULL DEFAULT '',
			message_zh TEXT NOT NULL DEFAULT '',
			message_en TEXT NOT NULL DEFAULT '',
			arithmetic TEXT NOT NULL DEFAULT '',
			cells TEXT NOT NULL DEFAULT '[]'
		)`,
		`CREATE INDEX findings_report ON findings (report_id, scope)`,
		`CREATE INDEX findings_source ON findings (source_id)`,
		`CREATE INDEX findings_rule ON findings (rule)`,
		`CREATE TABLE sentences (
			id {{pk}},
			source_id {{int8}} NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
			section INTEGER NOT NULL,
			ord INTEGER NOT NULL,
			sentence TEXT NOT NULL,
			words TEXT NOT NULL
		)`,
		`CREATE INDEX sentences_source ON sentences (source_id)`,
	},
	sqlite: []string{
		`CREATE VIRTUAL TABLE sentences_fts USING fts5 (words, content='sentences', content_rowid='id', tokenize='unicode61')`,
		`CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
			INSERT INTO sentences_fts (rowid, words) VALUES (new.id, new.words);
		END`,
		`CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
			INSERT INTO sentences_fts (sentences_fts, rowid, words) VALUES ('delete', old.id, old.words);
		END`,
	},
	postgres: []string{
		`ALTER TABLE sentences ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED`,
		`CREATE INDEX sentences_tsv ON sentences USING GIN (tsv)`,
	},
}, {
	// Views for SQL users: each report with its primary source, and the
	// tidy long table of the spec's cells form.
	version: 2,
	common: []string{
		`CREATE VIEW report_sources AS
			SELECT r.id, r.agency, r.agency_key, r.region, r.year, r.generation, r.title, r.published,
				s.path, s.url, s.kind, s.sha256, s.fetched_at, s.parsed_at, s.parser_version,
				(SELECT COUNT(*) FROM sources x WHERE x.report_id = r.id) AS sources
			FROM reports r JOIN sources s ON s.id = r.primary_source`,
		`CREATE VIEW tidy_cells AS
			SELECT r.agency, r.agency_key, r.year, r.generation, c.cell_id, c.value, c.unit, c.status
			FROM reports r JOIN cells c ON c.source_id = r.primary_source`,
	},
}, {
	// Agencies whose cross-year findings are out of date, marked in the
	// transaction that changes their reports (a killed ingest leaves the
	// mark for the next one).
	version: 3,
	common: []string{
		`CREATE TABLE pending_cross_year (agency_key TEXT PRIMARY KEY)`,
	},
}, {
	// Who published each report on the national map (package division):
	// the division's code, its province, city and county, the agency
	// type and a department's own name; and where each source's title,
	// agency and year were read. Reports stored before keep empty
	// values until re-ingested with -force.
	version: 4,
	common: []string{
		`ALTER TABLE reports ADD COLUMN division_code TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE reports ADD COLUMN province TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE reports ADD COLUMN city TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE reports ADD COLUMN county TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE reports ADD COLUMN agency_type TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE reports ADD COLUMN agency_field TEXT NOT NULL DEFAULT ''`,
		`CREATE INDEX reports_division ON reports (division_code)`,
		// Where the reader found the title, agency and year (extract.Meta).
		`ALTER TABLE sources ADD COLUMN title_from TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE sources ADD COLUMN agency_from TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE sources ADD COLUMN year_from TEXT NOT NULL DEFAULT ''`,
	},
}, {
	// Table 二 splits settled by last year's report (settle.go): the old
	// state of each settled cell, so that the settlement can be undone
	// when last year's report changes.
	version: 5,
	common: []string{
		`CREATE TABLE settlements (
			source_id {{int8}} NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
			cell_id TEXT NOT NULL,
			split INTEGER NOT NULL,
			prev_report_id {{int8}} NOT NULL,
			rule TEXT NOT NULL,
			old_status TEXT NOT NULL,
			old_value TEXT NOT NULL,
			old_note TEXT NOT NULL,
			PRIMARY KEY (source_id, cell_id)
		)`,
	},
}}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return migrations[len(migrations)-1].version }

func (db *DB) expand(stmt string) string {
	r := strings.NewReplacer("{{pk}}", "INTEGER PRIMARY KEY", "{{int8}}", "INTEGER", "{{real}}", "REAL")
	if db.dialect == Postgres {
		r = strings.NewReplacer("{{pk}}", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
			"{{int8}}", "BIGINT", "{{real}}", "DOUBLE PRECISION")
	}
	return r.Replace(stmt)
}

// migrate applies the pending migrations, each in its own transaction
// (PostgreSQL and SQLite both roll DDL back). Concurrent openers wait
// for one another: an advisory lock on PostgreSQL, the immediate write
// lock on SQLite.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.sql.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("corpus: migrate: %w", err)
	}
	for _, m := range migrations {
		err := db.inTx(ctx, func(tx *txn) error {
			if db.dialect == Postgres {
				if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7316001)`); err != nil {
					return err
				}
			}
			var cur sql.NullInt64
			if err := tx.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_version`).Scan(&cur); err != nil {
				return err
			}
			if int(cur.Int64) > SchemaVersion() {
				return fmt.Errorf("%w (version %d, this program knows %d)", ErrSchemaTooNew, cur.Int64, SchemaVersion())
			}
			if int(cur.Int64) >= m.version {
				return nil
			}
			stmts := m.common
			if db.dialect == Postgres {
				stmts = append(stmts[:len(stmts):len(stmts)], m.postgres...)
			} else {
				stmts = append(stmts[:len(stmts):len(stmts)], m.sqlite...)
			}
			for _, s := range stmts {
				if _, err := tx.ExecContext(ctx, db.expand(s)); err != nil {
					return fmt.Errorf("version %d: %w\n%s", m.version, err, s)
				}
			}
			_, err := tx.ExecContext(ctx, db.q(`INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`),
				m.version, time.Now().UTC().Format(time.RFC3339))
			return err
		})
		if err != nil {
			return fmt.Errorf("corpus: migrate: %w", err)
		}
	}
	return nil
}
