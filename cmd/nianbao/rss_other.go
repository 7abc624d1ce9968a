//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package main

// peakRSS is unknown on this system.
func peakRSS() int64 { return 0 }
