//go:build unix

package fetch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// lockName is the lock file of a fetch folder.
const lockName = ".lock"

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
			who := strings.TrimSpace(string(holder))
			if who == "" {
				who = "another process"
			}
			return nil, fmt.Errorf("%w: %s is being written by %s; wait for it to finish, or fetch into another -out folder",
				ErrLocked, dir, who)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f.Truncate(0)
	fmt.Fprintf(f, "nianbao fetch (pid %d, since %s)\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))
	return func() {
		f.Truncate(0)
		f.Close() // releases the lock
	}, nil
}
