//go:build !(darwin || dragonfly || freebsd || illumos || linux || netbsd || openbsd)

package fetch

// lockDir takes the folder's lock with an O_EXCL lock file (lockExcl): this
// system has no flock.
func lockDir(dir string) (unlock func(), err error) { return lockExcl(dir) }
