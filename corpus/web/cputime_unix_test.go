//go:build unix

package web

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user + system) the process has used: on a
// shared machine the server time of a request is measured by it, not by
// the wall clock, which counts the other processes' turns.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
