package corpus

import (
	"context"
	"testing"
)

// TestUniqueViolation checks that unique-key violations are told by the
// drivers' error codes on both engines, and other errors are not.
func TestUniqueViolation(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			db := openDB(t, b)
			if _, err := db.sql.ExecContext(ctx, `CREATE TABLE uq_test (k INTEGER PRIMARY KEY, u TEXT UNIQUE)`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.sql.ExecContext(ctx, db.q(`INSERT INTO uq_test (k, u) VALUES (?, ?)`), 1, "a"); err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				k    int
				u    string
				want bool
			}{{1, "b", true}, {2, "a", true}} {
				_, err := db.sql.ExecContext(ctx, db.q(`INSERT INTO uq_test (k, u) VALUES (?, ?)`), c.k, c.u)
				if err == nil || isUniqueViolation(err) != c.want {
					t.Errorf("insert (%d, %s): %v: unique violation %v, want %v", c.k, c.u, err, err != nil && isUniqueViolation(err), c.want)
				}
			}
			_, err := db.sql.ExecContext(ctx, `INSERT INTO no_such_table VALUES (1)`)
			if err == nil || isUniqueViolation(err) {
				t.Errorf("missing table: %v counted as a unique violation", err)
			}
		})
	}
}
