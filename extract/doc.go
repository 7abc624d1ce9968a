// Package extract turns one published government information-disclosure
// annual report (政府信息公开工作年度报告) — a PDF, an HTML page, a Word
// file or loosely formatted text — into a Record: its metadata, its six
// sections, every canonical cell of its template with a status and the
// evidence it was read from, its pre-2019 statistical rows, and warnings.
// Audit, segment and corpus read the Record and nothing else.
//
// # Call sequence
//
//	rec, err := extract.ParseFile("report.pdf", extract.Options{})
//	if err != nil {
//		// *ParseError: file, page, line; errors.Is(err, extract.ErrGarbledText) …
//	}
//	for _, c := range rec.Cells {
//		switch c.Status {
//		case extract.StatusOK:        // c.Value as printed, c.Evidence says where
//		case extract.StatusBlank:     // printed empty: not the same as 0
//		case extract.StatusMissing:   // the template has it, the report does not print it
//		case extract.StatusAmbiguous: // c.Candidates; rec.Splits[c.Split] has whole-row alternatives
//		}
//	}
//
// Parse reads from an io.Reader; Inputs expands files and directories (and
// reads a fetch manifest); ReadCells reads the tidy cells form back.
//
// # The Record
//
// Record.Source says what was read (path, kind, which reader produced the
// text, size, sha256, and from a fetch manifest the URL). Record.Meta holds
// the title and agency as printed and the statistical year, read from
// the title (any word order), the statistical period, the introduction,
// the signature, the page's metadata and the fetch manifest (TitleFrom,
// AgencyFrom and YearFrom say which; meta.go), the generation
// (fmt2019, fmt2021, legacy — decided from the template's own labels, and
// GenerationBasis says which), the statistical period and the publication
// date where the source states it (and where: PublishedFrom).
//
// Record.Sections are the six numbered sections (一、总体情况 … 六、其他需要报
// 告的事项) with their text; headings are found in order, so table 三's own
// rows 三、本年度办理结果 and 四、结转下年度继续办理 never cut a section.
//
// Record.Cells holds every cell of cells.tsv for the generation, in that
// order. A Cell's Evidence carries the page (PDF), line (text), paragraph
// or table/row/column (HTML, Word), the raw text and the printed row
// label. Record.Splits records, for values whose separators were lost
// ("270020130"), every division the sum rules allow; Cell.Split points
// into it. Record.Legacy holds pre-2019 rows (label, unit, year value,
// cumulative value). Record.Fields is filled by package segment on
// request. Record.Warnings lists everything the extractor noticed: rows
// with missing or extra values, ambiguous splits, rows and tables not
// printed, deviations from the template, grid rows it could not use.
//
// # Following a cell
//
// One PDF cell, from `nianbao parse` to its JSON line, passes five files.
// Each arrow is a call made in the file the item names (TestFollowTraces
// in cmd/nianbao checks every one):
//
//  1. cmd/nianbao/parse.go: parseCommand.Run → parseAll → parseOne →
//     extract.ParseFile, then parseCommand.Run → parseCommand.write prints
//     the Record (JSON, or WriteCells for -format cells).
//  2. extract/parse.go: ParseFile → parse → parseBytes → readDocument →
//     readPDF → pdfread.Read gives a layout.Document (pages without usable
//     text are OCR'd: scans.go); parseBytes → finishRecord → build.
//  3. extract/pdfread/read.go: Read → read → readLib → readOpened →
//     readPages (each page's glyphs, grouped into lines), then readOpened →
//     assemble → builder.build with the pages' lines stacked.
//  4. extract/pdfread/table.go: builder.build → builder.region →
//     tableBuilder.build: text and table regions, then the table stages,
//     which return a layout.Grid whose every cell keeps its Pos (page,
//     line, x, y, table/row/col).
//  5. extract/build.go: build → readTables → emitCells: the grid's rows
//     become printed rows, are aligned to the template's rows, their
//     values resolved, and emitCells writes each canonical Cell with its
//     Status, Value and Evidence.
//
// The files those five name (pdfread's columns.go, labels.go, …; here
// gridrows.go, align.go, rowvalues.go, …) are how a step is done; the
// comments of builder (table.go) and readTables list them. The Record's
// types and their JSON names are in record.go.
//
// # How tables are read
//
// Readers (pdfread, htmlread, docxread, and the text reader here) produce a
// layout.Document: running text blocks and grids of cells, with positions.
// Both become printed rows: the pieces of a row's label and its values.
// A grid row's cells are intact and give exactly one value each. Running
// text inside a table's section is cut into label pieces and values
// (textrows.go) whatever its form: tabs or runs of spaces, "|" or "｜"
// between cells ("| |" an empty cell, "||" padding), one cell per line, a
// label followed by its values on the next lines, headers as a block,
// labels glued to their values ("规章000行政规范性文件8855698"); page
// numbers ("-3-") are dropped.
//
// The printed rows of each table are aligned to the template's rows in
// order (align.go, dynamic programming over both sequences): a label is
// scored by its normalised edit distance to the template label (whole,
// without its group's words, or found inside text glued before it), with
// the numbering （三） / 2. / 二、 as anchors, so a label with missing,
// extra or misread characters still maps where its place and neighbours
// agree. Values printed one per line without their labels (a PDF viewer's
// reading order) may run on into the rows after a labelled one, taken by
// place; table 四's values in such an order may interleave its blocks, and
// are placed by D3 and the fewest breaks. Rows that only another
// generation's template has are aligned too and dropped with a warning.
// Two printed rows never take one template row: the one left over is
// reported (DUPLICATE_ROW, UNMAPPED_ROW), and each cell's Evidence says
// which printed label it came from and how closely it matched (LabelMatch,
// ByPlace). The scores (similarity.go) are exact but cheap: Myers'
// bit-parallel edit distance against each template form, and no distance
// computed that could not change a result (a floor from the least label
// score, the best candidate so far and the anchors; rune-set bounds).
// A grid whose header words do not say its table is settled by its rows
// and place (gridrows.go classifyGrids).
//
// A run of digits is divided by enumeration, each value
// well-formed for its kind (no leading zeros, a sign only for 本年增/减, a
// decimal point only for amounts), first under the row's own total (D1 for
// table 三, D3 for each block of table 四), then — only for rows still open —
// under the column rules D2 and R1 across rows. A row fixed by its own total
// is kept even if a column rule then fails: that is the author's error,
// for the audit to report. The rules, the total columns and the outcome
// rows are package template's (sums.txt), the same the audit checks.
// Cells whose value differs between the remaining
// divisions are AMBIGUOUS with their candidates; a row with fewer values
// than columns keeps every placement of the missing cell. Nothing is
// shifted or guessed silently.
//
// # Scans
//
// Image files and PDFs without usable text are read by package ocr
// (Tesseract) into the same layout.Document: grids from the ruling lines,
// each cell with the engine's confidence and the alternative readings of
// its unsure characters. The alternatives are enumerated like the
// divisions of a run (ocrcells.go): the row's own rule keeps the readings
// that satisfy it, D2/R1 narrow rows still open, and an OCR'd row that no
// reading makes add up keeps its reading and every one-character
// misreading of a cell read with confidence below 0.9 that would
// (OCR_RULE_FAILS): those cells are AMBIGUOUS, never silently chosen. A
// row read surely that does not add up stays as printed — reports print
// arithmetic errors, and the audit must find them — rather than being
// "corrected" by a digit the engine did not doubt. Options.OCR (-ocr
// auto|always|never) says when; under auto only the pages of a PDF
// without usable text are OCR'd, the others read as text.
//
// # Encoding
//
// Text and HTML pages are decoded by one policy, extract/textenc.Decode
// (which the fetcher uses too): a byte-order mark, the Content-Type a
// fetch manifest kept for the file, a page's own declaration, else UTF-8
// when the bytes are valid UTF-8 and GB18030 (GB2312, GBK) when not.
//
// Table 二 has no sum rule: a run such as "8855698" is decided only when
// the report's own text states the figures (narrowByNarrative).
//
// A table 二 run that neither the sums nor the narrative settle stays
// AMBIGUOUS in the record; the corpus settles it when last year's report
// of the agency is stored (D8, D9, D4; package corpus, settle.go).
//
// BUG(nianbao): table 四 in running text is taken as the longest run of
// values in section 四; a report that prints it as several rows is read
// from grids only.
package extract
