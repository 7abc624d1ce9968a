//go:build unix

package corpus

import (
	"fmt"
	"syscall"
)

// accessWrite asks the kernel whether path may be written (W_OK): EROFS
// on a read-only mount, EACCES without permission (root passes that one).
func accessWrite(path string) error {
	if err := syscall.Access(path, 2); err != nil {
		if err == syscall.EROFS {
			return fmt.Errorf("%s is on a read-only file system", path)
		}
		if err == syscall.ENOENT {
			return fmt.Errorf("%s: %w", path, err)
		}
		return fmt.Errorf("%s is not writable: %w", path, err)
	}
	return nil
}
