//go:build !unix

package docxread

import "os/exec"

// ownGroup leaves cmd as it is: cancelling kills the launcher only.
func ownGroup(cmd *exec.Cmd) {}
