package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/corpus/web"
	"github.com/nianbao/nianbao/extract"
)

func init() {
	register("serve", "the auditors' web application on the corpus", func() command { return &serveCommand{} })
}

type serveCommand struct {
	stderr io.Writer
	// ready, when set, receives the listening address (tests).
	ready chan<- string
}

const serveUsage = `usage: nianbao serve [-db DSN] [-addr HOST:PORT] [-token T] [-uploads] [-upload-dir DIR] [-max-upload MB]

The web application for auditors on the corpus of 'nianbao ingest': an
overview of agencies and years with their errors and warnings, each report
laid out as the template prints it with every cell's status and evidence,
each agency across the years, one cell compared across agencies (CSV
export), full-text search, and a form that checks newly submitted reports
with the same code as 'nianbao audit'.

It listens on 127.0.0.1:8080 by default. To listen on any other address
an access token is required (-token or $NIANBAO_TOKEN): browsers enter it
once on a login page, scripts send "Authorization: Bearer T". The corpus
is only read, unless -uploads lets users store checked reports in it
(the files are kept in -upload-dir, so that their evidence can be shown).

Flags:
  -db DSN          SQLite file or postgres:// URL (default $NIANBAO_DB or nianbao.db)
  -addr HOST:PORT  where to listen (default 127.0.0.1:8080)
  -token T         access token (default $NIANBAO_TOKEN); required off loopback
  -uploads         allow storing checked reports in the corpus
  -upload-dir DIR  where stored uploads are kept (default nianbao-uploads)
  -max-upload MB   largest upload, all files together (default 50)
  -aliases FILE    agency alias file, as for ingest

Examples:
  nianbao ingest -db reports.db testdata/reports
  nianbao serve -db reports.db
  NIANBAO_TOKEN=s3cret nianbao serve -db postgres://nianbao@db/nianbao -addr 0.0.0.0:8080 -uploads
`

func (c *serveCommand) Run(ctx context.Context, args []string) error {
	if c.stderr == nil {
		c.stderr = os.Stderr
	}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	dsn := corpusDBFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	token := fs.String("token", os.Getenv("NIANBAO_TOKEN"), "access token")
	uploads := fs.Bool("uploads", false, "allow storing checked reports")
	uploadDir := fs.String("upload-dir", "nianbao-uploads", "where stored uploads are kept")
	maxMB := fs.Int64("max-upload", 50, "largest upload in MB")
	aliases := fs.String("aliases", "", "agency alias file")
	if err := parseFlags(fs, serveUsage, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &exitError{Code: 2, Err: fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	if *maxMB <= 0 {
		return &exitError{Code: 2, Err: errors.New("-max-upload must be positive")}
	}
	if !isLoopback(*addr) && *token == "" {
		return &exitError{Code: 2, Err: fmt.Errorf("%s is not a loopback address: set an access token with -token or $NIANBAO_TOKEN", *addr)}
	}
	db, ag, err := openCorpus(ctx, *dsn, *aliases, !*uploads)
	if err != nil {
		return err
	}
	defer db.Close()
	opt, err := serveOptions(db, ag, *uploads)
	if err != nil {
		return err
	}
	opt.Token, opt.UploadDir, opt.MaxUpload = *token, *uploadDir, *maxMB<<20
	opt.Log = log.New(c.stderr, "", log.LstdFlags)
	app, err := web.New(opt)
	if err != nil {
		return err
	}
	defer app.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: app, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 5 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute, ErrorLog: opt.Log}
	mode := "read-only"
	if *uploads {
		mode = "uploads stored in the corpus"
	}
	fmt.Fprintf(c.stderr, "nianbao serve: http://%s/ (corpus %s, %s; Ctrl-C stops)\n", ln.Addr(), *dsn, mode)
	if c.ready != nil {
		c.ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// serveOptions wires the application to the real stages: uploads are
// parsed and annotated like 'nianbao audit' does, search cuts queries with
// the segmenter, and with uploads an Ingester stores what users ask for.
func serveOptions(db *corpus.DB, ag *corpus.Agencies, uploads bool) (web.Options, error) {
	opt := web.Options{DB: db, Uploads: uploads}
	cut, err := searchCutter()
	if err != nil {
		return opt, err
	}
	opt.Cut = cut
	opt.Parse = func(_ context.Context, in extract.Input) (*extract.Record, error) {
		rec, err := extract.ParseFile(in.Path, extract.Options{Input: in})
		if err != nil {
			return nil, err
		}
		if err := auditAnnotate(rec); err != nil {
			rec.Warnings = append(rec.Warnings, extract.Warning{Code: "NARRATIVE", Severity: extract.SevWarning, Message: err.Error()})
		}
		return rec, nil
	}
	if uploads {
		g, err := newIngester(db)
		if err != nil {
			return opt, err
		}
		g.Agencies = ag
		opt.Ingester = g
	}
	return opt, nil
}

// isLoopback reports whether a listen address binds only the loopback
// interface (an empty host or 0.0.0.0 binds every interface).
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
