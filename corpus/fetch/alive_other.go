//go:build !unix

package fetch

import "os"

// processAlive reports whether process pid exists: on Windows FindProcess
// opens the process and fails if there is none; elsewhere it always
// succeeds, so a stale lock file stays until it is deleted.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
