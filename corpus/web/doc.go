// Package web is the auditors' web application on a corpus (`nianbao
// serve`): one http.Handler built with net/http and html/template, its
// templates and assets embedded (go:embed), no script needed to read a
// page (a small app.js adds drag and drop and scrolls to the evidence).
//
// Call sequence:
//
//	db, err := corpus.OpenReadOnly(ctx, dsn)        // corpus.Open when uploads may be stored
//	srv, err := web.New(web.Options{DB: db, Parse: …, Cut: …})
//	defer srv.Close()
//	http.ListenAndServe("127.0.0.1:8080", srv)
//
// The stages it needs but must not link (the segmenter is cgo) come in as
// functions: Parse (parse and annotate an upload, as `nianbao audit`
// does), Cut (cut a search query as the index was cut) and an Ingester to
// store uploads; cmd/nianbao wires the real ones.
//
// Pages: / (agencies × years with finding counts; filters; the rules that
// fail most), /report/{id} (tables as the template prints them, findings,
// narrative), /report/{id}/cell?id= (evidence: a PDF page rendered by
// pdftoppm with the word boxed from pdftotext -bbox, an HTML or Word table
// with the cell marked, a text line), /agency?key=, /compare (one field
// across a year's agencies, ranked; /compare.csv), /search?q=, /check
// (upload, parse, audit, show; store on request).
//
// Security: every value from a report goes through html/template (charts
// are SVG written here with every text escaped); the Content-Security-
// Policy allows this origin's script, style and images only, no inline
// script or style; POST forms carry a double-submit CSRF token and are
// refused from another origin; with Options.Token every request needs the
// token (login cookie or Authorization: Bearer); static files come from
// the embedded tree only, and page images only from a report's own source.
//
// Speed: the overview and the filters read a snapshot of the reports and
// their finding counts, kept in memory and rebuilt when the corpus's
// fingerprint changes; other pages query what they show
// (BenchmarkPages).
//
// BUG(web): an uploaded check is kept in memory (and a temporary
// directory) for six hours or the last 50 uploads, and is lost on restart.
package web
