package main

import (
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/segment"
)

// The narrative fields of `parse -format json` come from package segment.
// Its dictionaries load once, lazily, on the first record that needs
// them: `parse -format cells` never loads them.
func init() {
	narrativeHook = func(rec *extract.Record) error {
		seg, err := segment.Shared()
		if err != nil {
			return err
		}
		return seg.Annotate(rec)
	}
}
