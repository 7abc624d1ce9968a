package main

import (
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/segment"
)

// annotate fills rec's narrative fields with the shared Segmenter
// (segment.Shared, loaded on first use), for parse and audit; ingest and
// search take the same Segmenter in corpus_wire.go.
func annotate(rec *extract.Record) error {
	seg, err := segment.Shared()
	if err != nil {
		return err
	}
	return seg.Annotate(rec)
}
