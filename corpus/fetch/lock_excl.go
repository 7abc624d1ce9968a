package fetch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// lockName is the lock file of a fetch folder.
const lockName = ".lock"

// lockLine is what the holder of a folder's lock writes into its lock
// file, so that a second run can name it.
func lockLine() string {
	return fmt.Sprintf("nianbao fetch (pid %d, since %s)\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339))
}

// lockedError is the error of a run that finds dir locked by holder (the
// lock file's content).
func lockedError(dir, holder string) error {
	who := strings.TrimSpace(holder)
	if who == "" {
		who = "another process"
	}
	return fmt.Errorf("%w: %s is being written by %s; wait for it to finish, or fetch into another -out folder",
		ErrLocked, dir, who)
}

var lockPID = regexp.MustCompile(`\(pid (\d+)`)

// lockExcl takes the folder's lock where the system has no flock: the lock
// is the existence of DIR/.lock, created with O_EXCL and holding the
// holder's pid; unlock removes it. A lock file whose process is gone (a
// run that was killed), or that names no process, is stale: it is
// removed and the lock taken. Unlike flock this cannot tell a reused pid
// from the holder (the folder then stays locked until .lock is deleted),
// and two runs that find the same stale file at the same moment may both
// remove it; the message says which process holds the lock.
func lockExcl(dir string) (unlock func(), err error) {
	path := filepath.Join(dir, lockName)
	for try := 0; ; try++ {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			if _, err := f.WriteString(lockLine()); err != nil {
				f.Close()
				os.Remove(path)
				return nil, fmt.Errorf("lock %s: %w", path, err)
			}
			f.Close()
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		holder, rerr := os.ReadFile(path)
		if errors.Is(rerr, os.ErrNotExist) && try < 3 {
			continue // released meanwhile
		}
		if rerr != nil {
			return nil, fmt.Errorf("lock %s: %w", path, rerr)
		}
		m := lockPID.FindSubmatch(holder)
		pid := 0
		if m != nil {
			pid, _ = strconv.Atoi(string(m[1]))
		}
		if pid > 0 && processAlive(pid) || try >= 3 {
			return nil, lockedError(dir, string(holder))
		}
		// Stale: remove it if it is still the file we read.
		if now, err := os.ReadFile(path); err == nil && string(now) == string(holder) {
			os.Remove(path)
		}
	}
}
