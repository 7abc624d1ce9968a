package fetch

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLockExcl checks the lock used where there is no flock (Windows,
// Solaris, AIX, Plan 9 ...), run here on any system: a second lock of the
// folder refuses with ErrLocked naming the holder's pid; unlock frees it;
// a lock file left by a process that is gone, or naming no process, is
// taken over.
func TestLockExcl(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, lockName)
	unlock, err := lockExcl(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lockExcl(dir)
	want := fmt.Sprintf("%s is being written by nianbao fetch (pid %d", dir, os.Getpid())
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), want) {
		t.Errorf("second lock: %v, want ErrLocked with %q", err, want)
	}
	unlock()
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("unlock left %s: %v", lockName, err)
	}

	// A process that has exited: its pid names no process.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	for _, stale := range []string{
		fmt.Sprintf("nianbao fetch (pid %d, since 2026-01-02T03:04:05Z)\n", cmd.Process.Pid),
		"", // an empty file (flock's lock file, released)
		"garbage",
	} {
		if err := os.WriteFile(path, []byte(stale), 0o644); err != nil {
			t.Fatal(err)
		}
		unlock, err := lockExcl(dir)
		if err != nil {
			t.Errorf("stale lock %q: %v", stale, err)
			continue
		}
		if b, _ := os.ReadFile(path); !strings.Contains(string(b), fmt.Sprintf("(pid %d,", os.Getpid())) {
			t.Errorf("lock file after taking over %q: %q", stale, b)
		}
		unlock()
	}
}
