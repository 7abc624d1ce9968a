// Package pdfread reads the text and tables of a PDF report into a
// layout.Document: running text one Block per line, each table a Grid of
// cells rebuilt from glyph positions, in reading order, with the page,
// line and user-space position of every block and cell.
//
// # Call sequence
//
//	f, _ := os.Open("report.pdf")
//	st, _ := f.Stat()
//	doc, err := pdfread.Read(f, st.Size(), pdfread.Options{})
//	if errors.Is(err, layout.ErrGarbledText) { /* run OCR */ }
//	for _, b := range doc.Blocks { … b.Text or b.Grid … }
//
// # Where a cell goes
//
// Two files carry a table cell from the file to the Grid: read.go (Read →
// readOpened → readPages, each page's glyphs interpreted and grouped
// into lines; then assemble stacks the pages' lines) and table.go
// (builder.build cuts the lines into text and table regions, and
// tableBuilder.build runs the table stages in order). The other files are
// the steps those two name: content.go, font.go, cmap.go, lex.go (glyphs),
// lines.go (lines), region.go (where regions are), columns.go, labels.go,
// spans.go, header.go (the table stages), repair.go, tree.go, pdftotext.go
// (opening a damaged file, the page tree, the fallback).
//
// # How it reads
//
// The file is opened with github.com/ledongthuc/pdf, but little else of
// that library is used, because of what it does on real reports:
//
//   - The page tree is walked here, once per object, with a depth limit
//     and a node budget; /Count is not trusted (ledongthuc loops forever
//     on a Kids or Parent cycle and believes a false count).
//   - Each page's content stream is tokenised and interpreted here, with
//     fonts cached per font object (not per name: merged files reuse
//     names for different fonts), widths taken from the CIDFont /W array
//     or estimated from the character (full width for CJK, half for the
//     rest) when a font gives none, glyphs drawn twice at one place
//     dropped, and no stray glyph after TJ. Nesting is capped at 32.
//   - Every page is read on its own and a panic inside ledongthuc/pdf
//     on one page becomes a note naming the page (a panic in our own
//     code is a bug: it reaches Read's caller, see layout.Panic); the
//     whole read is bounded by Options.Timeout.
//
// Text decoding (font.go, cmap.go, predef.go, encoding.go), in poppler's
// order: the font's ToUnicode map; for Type0 fonts the encoding CMap
// (Identity-H/V, an embedded CMap stream, or a predefined CMap: GB-EUC,
// GBpc-EUC, GBK-EUC, GBKp-EUC, GBK2K, GBT-EUC, UniGB-UCS2, UniGB-UTF16,
// each -H and -V) gives the CID, and a font of the Adobe-GB1 collection
// gets its text from the CID through Adobe-GB1-UCS2 (tables generated
// from Debian's poppler-data: see predef.go); for simple and Type3 fonts
// the /Differences glyph name (uniXXXX, uXXXX, gbXXXX, Adobe Glyph List
// names such as afii10017 or bullet) and then the base encoding
// (WinAnsi, MacRoman, Standard). Vertical writing mode (Identity-V, the
// -V CMaps, WMode 1) advances glyphs downward by W2/DW2 and places each
// at its horizontal origin, so a vertical label stands as a column of
// characters read top to bottom. A code no route decodes is dropped with
// a note naming the page and the font, never shown as text; a page whose
// text is mostly U+FFFD, private-use, control or other characters, or has
// letters but no Chinese, is unreadable and skipped; if no page is
// readable the error is ErrGarbledText (suggesting OCR), if no page has
// text at all ErrImageOnly. Where poppler-data's own CID table differs
// from Adobe's (vertical presentation forms, full-width ASCII) we give
// Adobe's characters: "（一）", not "︵一︶".
//
// When ledongthuc rejects the file because of junk before the header, a
// %PDF-2.0 or "%PDF-1.6 " header, a wrong startxref or no %%EOF, or when
// its page tree or pages cannot be read, a repaired copy is made in memory
// (header fixed, a new startxref pointing at the last cross-reference
// table or stream; failing that, a cross-reference table rebuilt by
// scanning for "N G obj" and the catalog) and read instead, with a note. If that fails too, or no page is readable, and pdftotext is
// installed, `pdftotext -bbox-layout` is run with the same timeout and its
// word boxes go through the same line, garbage and table code;
// Document.Reader says which path was taken.
//
// Speed: every page is read with positions, through the interpreter
// above; no plain-text pass is needed. Medians of 5 runs on the shared
// 2-core machine at a load average under 1 (go test -bench . -count 5):
// Read (text and tables) takes 3.6 ms on huaian-2024.pdf (6 pages) and
// 8.3 ms on wordlike-identityh-20p.pdf, `pdftotext -layout` (a whole
// process) 18.0 and 27.5 ms in the same run. An earlier, loaded run
// measured ledongthuc's own plain text alone at 8 and 26 ms, its
// Content() at 100 and 430+ ms. Each page reader reuses its buffers from
// page to page, and a document's fonts and CMaps are read once for all.
//
// Tables: lines are grouped by baseline (tolerance from the font size),
// cut into segments at gaps, and runs of non-narrative lines that end in
// numbers become tables. Value columns come from the x-intervals of the
// trailing numbers; labels left of them are clustered into label columns
// and grouped into label blocks ("（三）不予公开" wrapped over two lines,
// "三、本年度办理结果" set one character per line), and each block is
// spread, as Spanned copies, over the rows it is centred on. Page numbers
// ("-3-", "- 4 -", "第 2 页") are dropped and pages are stacked, so a
// table broken by a page break, with or without a repeated header, reads
// as one grid. A blank cell stays an empty cell in its column.
//
// BUG(pdfread): A read that hits Options.Timeout returns ErrTimeout, but
// the goroutine doing it runs on until its current page is done (a
// content stream cannot be interrupted midway), or for ever if it is
// stuck in one of ledongthuc's own loops (an object stream whose
// /Extends chain is a cycle): Go cannot stop a goroutine.
//
// BUG(pdfread): Text in Type0 fonts of the Adobe-Identity collection
// (Identity-H/V) with no ToUnicode map cannot be decoded (the font
// program's own cmap is not read), nor CJK collections other than
// Adobe-GB1 without ToUnicode: such pages are reported as unreadable. A
// simple font's built-in encoding (a symbolic font without /Encoding) is
// taken to be StandardEncoding.
//
// BUG(pdfread): A page whose text runs mostly up, down or backwards (a
// table printed sideways) is turned to read left to right, but /Rotate is
// ignored (the text is already upright in the content).
//
// BUG(pdfread): Tables are found from text alone; ruling lines are
// ignored. A table whose label column is wider than its number columns
// and whose labels contain long numbers may split oddly, and two
// different tables with no caption or narrative between them become one
// grid.
package pdfread
