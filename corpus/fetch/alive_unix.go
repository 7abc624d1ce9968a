//go:build unix

package fetch

import (
	"errors"
	"syscall"
)

// processAlive reports whether process pid exists (signal 0 is delivered,
// or refused for want of permission).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
