package main

import (
	"errors"
	"flag"

	"github.com/nianbao/nianbao/extract"
)

// ocrMode is the value of -ocr (parse, ingest): auto, always or never.
type ocrMode string

func (m *ocrMode) String() string { return string(*m) }

func (m *ocrMode) Set(s string) error {
	switch s {
	case extract.OCRAuto, extract.OCRAlways, extract.OCRNever:
		*m = ocrMode(s)
		return nil
	}
	// the flag package names the flag and the value before this
	return errors.New("want auto, always or never")
}

// ocrFlag defines -ocr on fs, default auto; parse and ingest share it.
func ocrFlag(fs *flag.FlagSet) *ocrMode {
	m := ocrMode(extract.OCRAuto)
	fs.Var(&m, "ocr", "OCR of scans: auto, always or never")
	return &m
}

// ocrUsage describes -ocr in the usage texts of parse and ingest.
const ocrUsage = `  -ocr auto      read scans with Tesseract (chi_sim): image files (PNG, JPEG,
                 TIFF) and the pages of a PDF without usable text (scanned
                 pages, fonts without a ToUnicode map; the other pages are
                 read as text) (default)
  -ocr always    OCR every PDF, even one with a text layer
  -ocr never     no OCR: scans are reported as errors
`
