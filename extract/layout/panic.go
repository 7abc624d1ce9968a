package layout

import (
	"fmt"
	"runtime/debug"
)

// Panic is a panic caught in a goroutine a reader started for one file (a
// page worker, the timeout guard), carried to the goroutine waiting for it
// and raised again there, with the stack of the goroutine where it
// happened. Readers do not recover their own panics — a panic is a bug, and
// the fuzzers must see it — they only carry them to the caller's goroutine,
// where the batch's boundary (extract.Contain) makes the panic that file's
// error. Without the carrying, a panic in a goroutine ends the program.
type Panic struct {
	Value any    // what was passed to panic
	Stack []byte // the stack of the goroutine that panicked
}

func (p *Panic) Error() string { return fmt.Sprintf("panic: %v", p.Value) }

// Catch, deferred at the top of a goroutine's work, stores that work's
// panic in *p instead of letting it end the program. The waiting goroutine
// then calls Raise.
func Catch(p **Panic) {
	if v := recover(); v != nil {
		if lp, ok := v.(*Panic); ok {
			*p = lp // carried already: keep the first stack
			return
		}
		*p = &Panic{Value: v, Stack: debug.Stack()}
	}
}

// Raise panics with p in the calling goroutine, if p is not nil.
func Raise(p *Panic) {
	if p != nil {
		panic(p)
	}
}
