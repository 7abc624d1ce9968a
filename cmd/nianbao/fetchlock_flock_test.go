//go:build darwin || dragonfly || freebsd || illumos || linux || netbsd || openbsd

package main

import (
	"fmt"
	"os"
	"syscall"
	"testing"
)

// holdFetchLock takes a fetch folder's lock as another fetch would (flock
// on path, the holder's line in it) and returns the pid written and the
// release.
func holdFetchLock(t *testing.T, path string) (pid int, release func()) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, "nianbao fetch (pid 4242, since 2026-01-01T00:00:00Z)\n")
	return 4242, func() { f.Close() }
}
