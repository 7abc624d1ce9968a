// Package corpus is the comparison database of nianbao: parsed reports,
// their audit findings and their narrative, in one SQLite file (the
// default, no server) or a shared PostgreSQL database, with one schema and
// one code path (queries are written once with ? placeholders; the few
// dialect differences are the key types, the full-text index and, on
// PostgreSQL, COPY for bulk rows).
//
// Call sequence:
//
//	db, err := corpus.Open(ctx, "nianbao.db")     // or "postgres://…"; migrations run here
//	g := &corpus.Ingester{DB: db, Parse: …, Annotate: …, Audit: …, CheckPair: …, Cut: …}
//	sum, err := g.Ingest(ctx, inputs)              // inputs from extract.Inputs
//	cmp, err := db.Compare(ctx, key, 2019, 2025)   // key from db.ResolveAgency
//	err = db.Export(ctx, w, corpus.ExportOptions{Wide: true})
//	hits, err := db.Search(ctx, "信息处理费", cut, 50)
//
// What the package needs. The pipeline's stages come in as functions
// (Ingester.Parse, Annotate, Audit, CheckPair, Cut; Search takes the
// word cutter): cmd/nianbao wires extract, segment and audit
// (cmd/nianbao/corpus_wire.go). The package itself imports extract for the
// record type but neither segment nor audit, so a program that only reads
// the corpus (compare, export, search, a web application) does not link
// the segmenter's C++ (cgo); TestNoCgoDeps checks it. Pure-Go drivers:
// modernc.org/sqlite and github.com/jackc/pgx/v5.
//
// Following a report into the database takes five files; each arrow is
// a call made in the file the item names (TestFollowTraces in
// cmd/nianbao checks every one):
//
//  1. cmd/nianbao/ingest.go: ingestCommand.Run → openIngester, then
//     ingestCommand.Run → Ingest.
//  2. cmd/nianbao/corpus_wire.go: openIngester → newIngester wires the
//     stages: Parse (extract), Annotate and Sentences (segment), Audit and
//     CheckPair (audit).
//  3. corpus/ingest.go: Ingester.Ingest → Ingester.prepare hashes, parses,
//     annotates, audits and indexes each input in a worker, then
//     Ingester.Ingest → writer.add and Ingester.Ingest → writer.flush.
//  4. corpus/write.go: writer.flush → DB.writeSource, prepared sources
//     gathered into transactions.
//  5. corpus/store.go: DB.writeSource → DB.insertRecordRows writes the
//     rows (the tables are created in migrate.go).
//
// Errors. Ingest returns an error only for what stops the whole batch:
// the database (it cannot be read or written) or ctx. A file that fails
// to read, parse or store is a Result with Outcome Failed and Err naming
// the file, counted in Summary.Failed; the batch goes on. Query methods
// return the database's errors as they come. Open returns ErrNotUTF8 and
// ErrSchemaTooNew (use errors.Is).
//
// Concurrency. A *DB is safe for concurrent use by several goroutines
// (it wraps a *sql.DB; SQLite runs on one connection). One Ingester runs
// one Ingest at a time; several processes may ingest into one PostgreSQL
// database at once (unique keys and per-agency advisory locks decide
// races; a unique-key violation or a deadlock, told by the driver's error
// code, makes the source be stored again in a transaction of its own).
//
// Model. A report is one (agency key, year). Each ingested file is a
// source of a report (a web page and the PDF attached to it are two
// sources of one report); cells, legacy rows, sections, narrative fields,
// sentences and within-report findings belong to a source. The report's
// primary source is the one that read the most cells (ties: HTML or Word
// before PDF before flattened text); queries and exports read it. When two
// sources disagree on a cell, a CONFLICT finding on the report names the
// cells. Cross-year findings (D4, D8, D9, L1, R10 of package audit) belong
// to the later report and are recomputed, from records rebuilt out of the
// database (DB.Record), for every agency an ingest changed: the agency is
// marked pending in the transaction that changes its reports, so that an
// ingest stopped before the cross-year rules leaves the work to the next.
// Before the rules run, a report's table 二 splits that the report alone
// leaves open are settled by last year's report where D8, D9 or D4 leave
// exactly one division (settle.go): the cells become ok with a note naming
// the rule and that report, the old state is kept in the settlements
// table, and the settlement is undone and redone whenever the agency's
// cross-year rules run again (last year's report replaced, or removed by
// Ingester.Remove: a report by id or by agency and year, or one source).
//
// Idempotence. A source is identified by the SHA-256 of its bytes: the
// same bytes stored by the same parser version are skipped; another parser
// version re-parses them and replaces their rows; new bytes from the same
// URL (or path, without URL) replace the old source. Sources are written
// in batches, one transaction per batch (Ingester.Batch) and a savepoint
// per source, so an interrupted ingest leaves whole reports only, a
// source that fails to store is undone alone, and running it again
// completes it.
//
// Tables (schema_version records the migrations applied): agencies,
// reports, sources, cells, legacy_rows, sections, fields, findings,
// sentences (with the FTS5 table sentences_fts on SQLite, a generated
// tsvector column on PostgreSQL), pending_cross_year, and the views
// report_sources and tidy_cells.
//
// Text is stored as UTF-8; create a PostgreSQL database with ENCODING
// 'UTF8' (a cluster initialised under the C locale defaults to SQL_ASCII).
//
// BUG(corpus): agency keys are computed at ingest; after an alias file
// changes which key a name maps to, re-ingest with Force to move reports.
//
// BUG(corpus): search matches whole words as the segmenter cuts them; a
// query word the segmenter cuts differently in the text is not found.
package corpus
