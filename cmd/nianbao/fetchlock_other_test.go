//go:build !(darwin || dragonfly || freebsd || illumos || linux || netbsd || openbsd)

package main

import (
	"fmt"
	"os"
	"testing"
)

// holdFetchLock takes a fetch folder's lock as another fetch would where
// there is no flock: the lock file exists and names a live process (this
// one). It returns the pid written and the release.
func holdFetchLock(t *testing.T, path string) (pid int, release func()) {
	line := fmt.Sprintf("nianbao fetch (pid %d, since 2026-01-01T00:00:00Z)\n", os.Getpid())
	if err := os.WriteFile(path, []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	return os.Getpid(), func() { os.Remove(path) }
}
