package extract

import (
	"fmt"

	"github.com/nianbao/nianbao/extract/layout"
)

// readDocument runs the reader for kind.
func readDocument(data []byte, kind Kind, opt Options) (*layout.Document, error) {
	switch kind {
	case KindText:
		return readText(data)
	}
	return nil, fmt.Errorf("%w: %s reader not available in this build", ErrUnsupported, kind)
}
