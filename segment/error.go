package segment

import "fmt"

// AnnotateError reports an internal failure while annotating (a bug: it
// wraps a recovered panic so that one bad report does not stop a batch).
type AnnotateError struct {
	Section int // the section number
	Panic   any
}

func (e *AnnotateError) Error() string {
	return fmt.Sprintf("segment: internal error annotating section %d: %v", e.Section, e.Panic)
}
