// Package ocr reads scanned reports — image files and PDFs without usable
// text — into a layout.Document with Tesseract, so that package extract maps
// them to the same cells as every other input.
//
// # Call sequence
//
//	doc, err := ocr.ReadImages(ctx, [][]byte{png1, png2}, ocr.Options{}) // pages of one report
//	doc, err := ocr.ReadPDF(ctx, pdfBytes, ocr.Options{})              // rasterised by pdftoppm
//	// errors.Is(err, ocr.ErrNoTesseract): tesseract or chi_sim is not installed
//
// extract calls these: image inputs (PNG, JPEG, TIFF, detected from content;
// every page of a multi-page TIFF; a directory holding only page images is
// one report), the pages of a PDF that pdfread finds without usable text
// (no text layer, or fonts without a ToUnicode map: Options.Pages; the
// other pages are read as text and the two merged in page order), or
// every PDF under -ocr always.
//
// # The page pipeline
//
// Each page: decode to grey; binarise (Otsu); find the skew from the
// projection profile of the ink's lower edges (±5°, 0.02° steps) and turn
// the page straight; undo a photograph's perspective (perspective.go: when
// the rules found by a Hough transform within ±4° lean differently across
// the page by 0.2° or more, a homography maps the quadrilateral of four of
// them onto a rectangle); find ruling lines — runs of ink or of thin ridges
// darker than the paper on both sides (hairlines blurred grey, rules next
// to shaded rows) at least 0.35 in long (horizontal) or 0.18 in
// (vertical), at most 0.04 in thick; group crossing lines into tables; the
// table's row and column boundaries are the clustered line positions (and
// the ends of its horizontal rules, for tables drawn without outer
// verticals); neighbouring base cells with no rule between them are one
// merged cell. The rest of the page (ruled tables painted white) is
// OCR'd with chi_sim (psm 3); among its words, runs of three or more
// lines with numbers standing apart are tables printed without rules
// (loose.go: rows from the lines, columns from the x ranges of the
// numbers). Every cell with ink is cropped inside its rules (remnants of
// a rule near its edges trimmed), cut to its ink blobs (specks smaller
// than a decimal point painted out) and its paper whitened (shaded
// cells), and OCR'd on its own:
//
//   - all cells with chi_sim (psm 6), in one tesseract run per page (a list
//     file of crops, TSV output);
//   - cells that read as numbers, or as one or two unsure characters, again
//     with the eng model restricted to digits, sign and decimal point (with
//     万元/元: chi_sim restricted to those), psm 6 over all of the page's
//     number crops stacked into one sheet, scaled to one text height (a
//     lone "7" in an image of its own is often not found at all), hOCR with
//     lstm_choice_mode=2: every character with its alternatives and their
//     confidences.
//
// A character whose best reading is below 75 keeps its runner-up; any
// alternative at 50 or above is kept; the cell's alternatives are the
// combinations ranked by confidence (at most 8). When chi_sim and the
// digits model read a number differently, both readings stay. A cell with
// ink that neither model reads is not taken for blank: it reads "" with
// the ten digits as alternatives (confidence 0.01), and the sum rules
// choose or the cell stays AMBIGUOUS. Cell.Conf is
// the least sure character's confidence (0–1), Cell.Alts the alternatives,
// Pos.Box the cell's box in pixels of the straightened page. Package
// extract lets the sum rules choose among the readings (see its
// ocrcells.go).
//
// The words of the page outside its tables are its paragraphs, placed
// with the tables in reading order. A table cut
// by a page break continues on the next page when the column counts agree;
// a first row with text but no values there is the end of the row the
// break cut, and its text joins that row.
//
// Pages run in parallel (Options.Workers, default 2), one tesseract process
// at a time each (OMP_THREAD_LIMIT=1). Document.Reader names the engine,
// its version and the models: "tesseract 5.3.0 chi_sim+eng" (with
// "pdftoppm+" in front for a rasterised PDF).
//
// BUG(nianbao): a table without ruling lines is found only from its lines
// of numbers: its header rows stay paragraphs, labels wrapped over lines
// go to the nearer number line, and a line whose numbers Tesseract's page
// pass does not read apart is not a row (level L5 of the scan levels:
// gen-pingtan-2021-print loses most of table 三 and table 四).
//
// BUG(nianbao): the resolution of an image is estimated from its width
// (an A4 page); a scan of a smaller or cropped page gets a wrong estimate,
// which only changes the line-length thresholds.
package ocr
