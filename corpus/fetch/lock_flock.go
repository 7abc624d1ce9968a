//go:build darwin || dragonfly || freebsd || illumos || linux || netbsd || openbsd

package fetch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockDir takes the folder's lock (flock on DIR/.lock, released by the
// kernel when the process ends, however it ends) or fails at once with
// ErrLocked naming the process that holds it. Only the holder cleans
// .tmp, so no run deletes another's partial files.
func lockDir(dir string) (unlock func(), err error) {
	path := filepath.Join(dir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, lockedError(dir, string(holder))
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f.Truncate(0)
	f.WriteString(lockLine())
	return func() {
		f.Truncate(0)
		f.Close() // releases the lock
	}, nil
}
