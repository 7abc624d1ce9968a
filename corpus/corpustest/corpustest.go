// Package corpustest gives tests a throwaway PostgreSQL schema, for the
// tests of package corpus, its web application and the command. It is
// for tests only.
package corpustest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

// PostgresEnv names the environment variable holding the PostgreSQL URL
// the tests use (a UTF8 database the user may create schemas in). Unset:
// the PostgreSQL half of each test is skipped (.ci/run sets it).
const PostgresEnv = "NIANBAO_TEST_POSTGRES"

// PostgresURL returns $NIANBAO_TEST_POSTGRES, "" when unset.
func PostgresURL() string { return os.Getenv(PostgresEnv) }

// Schema creates a schema named prefix_<random> in the database at
// $NIANBAO_TEST_POSTGRES, drops it at cleanup, and returns a URL whose
// search_path is that schema. The caller checks PostgresURL first; an
// unreachable database fails the test.
func Schema(t testing.TB, prefix string) string {
	t.Helper()
	base := PostgresURL()
	b := make([]byte, 6)
	rand.Read(b)
	schema := prefix + "_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("postgres (%s): %v", PostgresEnv, err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}
