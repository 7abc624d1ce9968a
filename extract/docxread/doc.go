// Package docxread reads Word reports into a layout.Document: DOCX natively
// (archive/zip and encoding/xml from the standard library), Word 97 (DOC)
// and WPS files by converting them to DOCX with LibreOffice first.
//
// Call sequence:
//
//	kind := docxread.Sniff(head)                        // "docx", "doc" or ""
//	doc, err := docxread.Read(f, size, opt)             // a DOCX
//	doc, err := docxread.ReadWord(ctx, "r.doc", opt)    // a Word file on disk
//	doc, err := docxread.ReadWordData(ctx, b, name, opt) // a Word file in memory
//
// The main document part (found through _rels/.rels, word/document.xml by
// default) is read in one streaming pass. Every body paragraph becomes a
// Text block, in order, with Pos.Paragraph its 1-based index among the
// body's paragraphs (empty paragraphs count, but make no block). Every
// body table (w:tbl) becomes a Grid block with Pos.Table its 1-based index;
// its cells carry Table, Row and Col, Col counting grid columns after
// expansion. w:gridSpan (and the legacy w:hMerge) copies a cell across, and
// w:vMerge copies it down, exactly like HTML colspan/rowspan: the copies
// have the origin's text and position and are marked Spanned. Runs are
// joined; a line break (w:br, w:cr, or the next w:p inside a cell) becomes
// nothing between two CJK characters and one space elsewhere, so a header
// cell "商业" / "企业" reads "商业企业". Whitespace runs collapse to one space;
// zero-width characters and soft hyphens are dropped.
// Automatic numbering (word/numbering.xml, through the paragraph's own
// w:numPr or its style's) is printed before the text as Word counts it, so
// a heading numbered by Word reads "一、总体情况" like a typed one.
// Hidden runs (w:vanish), deleted text (w:del, w:delText, w:moveFrom),
// field codes (w:instrText) and markup-compatibility fallbacks
// (mc:Fallback, which repeat the mc:Choice content) are left out.
//
// Encoding: document.xml must be UTF-8, as Word and LibreOffice write it.
//
// Limits: Options.MaxUncompressed bounds the bytes inflated from the
// archive (a zip bomb fails with ErrTooLarge), Options.MaxDepth the XML
// nesting. Errors are *layout.Error values wrapping the layout sentinels
// (ErrCorrupt, ErrEncrypted, ErrTooLarge, ErrUnsupported, ErrTimeout,
// ErrEmpty). An error inside document.xml names the part in its message
// and gives the paragraph, or the table and row, and the byte offset into
// the part in the error's Pos (layout.Pos, as for cells and warnings).
//
// ReadWord (a path) and ReadWordData (bytes, as extract.Parse holds them)
// read a DOCX directly and send anything else (DOC, WPS, RTF) through
// LibreOffice. DOC and WPS files go through `soffice --headless --convert-to docx` in a
// temporary directory, with a LibreOffice profile of their own there so
// that parallel conversions do not collide; the directory is removed
// afterwards and the conversion is killed after Options.Timeout. Install
// LibreOffice Writer (Debian: libreoffice-writer) for this path.
package docxread

// BUG(docxread): A table nested inside a table cell is flattened into that
// cell's text; it makes no Grid of its own.

// BUG(docxread): Headers, footers, footnotes, endnotes and comments are not
// read; only the main document part is.

// BUG(docxread): Text hidden through a character style (rather than the
// run's own w:vanish) is read like visible text, and w:sym characters
// (symbol fonts) are dropped.

// BUG(docxread): Automatic numbers follow Word's common rules only:
// counters are shared by the lists of one abstract definition and restart
// only through w:startOverride; w:lvlRestart, w:numStyleLink and
// Chinese counting beyond 99 (printed in digits) are not handled.

// BUG(docxread): A document.xml in an encoding other than UTF-8 is
// rejected as corrupt.

// BUG(docxread): Encryption is recognised for OOXML (an OLE2 container
// holding an EncryptedPackage stream). A password-protected Word 97 file
// is only recognised by LibreOffice failing to convert it.

// BUG(docxread): Sniff tells a DOCX from other zip files only by the entry
// names in the bytes it is given; an XLSX whose first entry is
// [Content_Types].xml sniffs as "docx", and Read then fails with
// ErrUnsupported.
