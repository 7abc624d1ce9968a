package corpus

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/corpus/corpustest"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/digest"
)

const reportsDir = "../testdata/reports"

// backend is one database a test runs against.
type backend struct {
	name string
	dsn  string
}

// backends returns a fresh SQLite file and, when NIANBAO_TEST_POSTGRES is
// set, a fresh schema in that PostgreSQL database (dropped at cleanup).
func backends(t *testing.T) []backend {
	t.Helper()
	out := []backend{fresh(t, SQLite)}
	if corpustest.PostgresURL() == "" {
		t.Logf("%s unset: PostgreSQL not tested", corpustest.PostgresEnv)
		return out
	}
	return append(out, fresh(t, Postgres))
}

// fresh returns a new empty database of the dialect.
func fresh(t *testing.T, dialect string) backend {
	t.Helper()
	if dialect == SQLite {
		return backend{SQLite, filepath.Join(t.TempDir(), "nianbao.db")}
	}
	return backend{Postgres, corpustest.Schema(t, "nbtest")}
}

func openDB(t *testing.T, b backend) *DB {
	t.Helper()
	db, err := Open(context.Background(), b.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// goldParse reads a file in the cells form (the gold files) as if it were
// a parsed report: the tests of cross-year rules and source conflicts
// build their reports from it.
func goldParse(in extract.Input) (*extract.Record, error) {
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rec, err := extract.ReadCells(f, in.Path)
	if err != nil {
		return nil, err
	}
	rec.Source.SHA256, err = digest.File(in.Path)
	return rec, err
}

// counts returns the row count of every table.
func counts(t *testing.T, db *DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tb := range []string{"reports", "sources", "cells", "legacy_rows", "sections", "fields", "findings", "sentences"} {
		var n int
		if err := db.sql.QueryRow("SELECT COUNT(*) FROM " + tb).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	return out
}

func inputs(t *testing.T, paths ...string) []extract.Input {
	t.Helper()
	in, err := extract.Inputs(paths)
	if err != nil {
		t.Fatal(err)
	}
	return in
}
