//go:build linux || darwin || freebsd || netbsd || openbsd

package main

import (
	"runtime"
	"syscall"
)

// peakRSS is the process's peak resident memory in bytes (0 if unknown).
func peakRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return int64(ru.Maxrss) // bytes on macOS
	}
	return int64(ru.Maxrss) << 10 // KiB elsewhere
}
