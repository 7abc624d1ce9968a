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
//	g, err := corpus.NewIngester(db)               // extract + segment + audit
//	sum, err := g.Ingest(ctx, inputs)              // inputs from extract.Inputs
//	cmp, err := db.Compare(ctx, key, 2019, 2025)   // key from db.ResolveAgency
//	err = db.Export(ctx, w, corpus.ExportOptions{Wide: true})
//	hits, err := db.Search(ctx, "信息处理费", cut, 50)
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
//
// Idempotence. A source is identified by the SHA-256 of its bytes: the
// same bytes stored by the same parser version are skipped; another parser
// version re-parses them and replaces their rows; new bytes from the same
// URL (or path, without URL) replace the old source. Each source is
// written in one transaction, so an interrupted ingest leaves whole
// reports only, and running it again completes it.
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
