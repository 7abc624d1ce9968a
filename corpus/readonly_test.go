package corpus

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// smallCorpus makes a corpus with one agency row and returns its DSN.
func smallCorpus(t *testing.T, b backend) {
	t.Helper()
	db, err := Open(context.Background(), b.dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.sql.Exec(db.q(`INSERT INTO agencies (key, name) VALUES (?, ?)`), "k", "平潭"); err != nil {
		t.Fatal(err)
	}
}

func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			smallCorpus(t, b)
			db, err := OpenReadOnly(ctx, b.dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var name string
			if err := db.sql.QueryRow(`SELECT name FROM agencies`).Scan(&name); err != nil || name != "平潭" || !db.ReadOnly() {
				t.Errorf("read: %q %v", name, err)
			}
			if _, err := db.sql.Exec(`DELETE FROM agencies`); err == nil {
				t.Error("a read-only corpus accepted a write")
			}
			var buf bytes.Buffer
			if err := db.Export(ctx, &buf, ExportOptions{}); err != nil {
				t.Errorf("export read-only: %v", err)
			}
		})
	}
	// A missing file is not created; a file that is no corpus is refused.
	missing := filepath.Join(t.TempDir(), "none.db")
	if _, err := OpenReadOnly(ctx, missing); !errors.Is(err, ErrNoCorpus) {
		t.Errorf("missing: %v", err)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("OpenReadOnly created the database")
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	os.WriteFile(empty, nil, 0o644)
	if _, err := OpenReadOnly(ctx, empty); !errors.Is(err, ErrNoCorpus) {
		t.Errorf("empty file: %v", err)
	}
}

// TestOpenReadOnlyFolder simulates a read-only folder (root may write
// any folder, so the access check is replaced): the file is opened
// immutable and read.
func TestOpenReadOnlyFolder(t *testing.T) {
	b := fresh(t, SQLite)
	smallCorpus(t, b)
	saved := notWritable
	defer func() { notWritable = saved }()
	notWritable = func(string) error { return errors.New("simulated read-only medium") }
	db, err := OpenReadOnly(context.Background(), b.dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.sql.QueryRow(`SELECT COUNT(*) FROM agencies`).Scan(&n); err != nil || n != 1 {
		t.Errorf("immutable read: %d %v", n, err)
	}
}

// TestReadOnlyMount puts a corpus behind a read-only bind mount (needs
// root and mount(2); skipped otherwise): Open says the database cannot be
// written and why, OpenReadOnly reads it.
func TestReadOnlyMount(t *testing.T) {
	src, ro := t.TempDir(), t.TempDir()
	b := backend{SQLite, filepath.Join(src, "nianbao.db")}
	smallCorpus(t, b)
	if out, err := exec.Command("mount", "--bind", "-o", "ro", src, ro).CombinedOutput(); err != nil {
		t.Skipf("no read-only bind mount here (needs root and mount): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", ro).Run() })
	dsn := filepath.Join(ro, "nianbao.db")
	_, err := Open(context.Background(), dsn)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "read-only file system") {
		t.Errorf("Open on a read-only mount: %v", err)
	}
	t.Log(err)
	db, err := OpenReadOnly(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var buf bytes.Buffer
	if err := db.Export(context.Background(), &buf, ExportOptions{}); err != nil {
		t.Errorf("export from a read-only mount: %v", err)
	}
}
