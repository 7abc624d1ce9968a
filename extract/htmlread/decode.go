package htmlread

import (
	"errors"
	"fmt"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/textenc"
)

// decode converts the page to UTF-8 by the policy of textenc.Decode (one
// for every reader and the fetcher), with its errors as *layout.Error.
func decode(raw []byte, opt Options) (textenc.Decoded, error) {
	d, err := textenc.Decode(raw, textenc.Hints{Force: opt.Charset, ContentType: opt.ContentType, Markup: true})
	switch {
	case errors.Is(err, textenc.ErrUnknownCharset):
		return d, &layout.Error{Err: fmt.Errorf("%w: unknown charset %q in Options.Charset", layout.ErrUnsupported, opt.Charset)}
	case err != nil:
		return d, &layout.Error{Err: fmt.Errorf("%w: %v", layout.ErrCorrupt, err)}
	}
	return d, nil
}
