package pdfread

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ledongthuc/pdf"
	"github.com/nianbao/nianbao/extract/layout"
)

// Reader names, as set in Document.Reader.
const (
	ReaderLib       = "ledongthuc/pdf"
	ReaderPdftotext = "pdftotext -bbox-layout"
)

// Options control Read. The zero value is ready to use.
type Options struct {
	// NoFallback, when true, never runs pdftotext. Zero: when
	// ledongthuc/pdf rejects the file (or reads no page of it) and
	// pdftotext (poppler-utils) is installed, its -bbox-layout word
	// boxes are used instead.
	NoFallback bool
	// Pdftotext is the pdftotext command. Zero: "pdftotext" looked up
	// on PATH.
	Pdftotext string
	// Timeout bounds the whole read, fallback included. Zero: 30 s.
	// Negative: no limit.
	Timeout time.Duration
	// MaxPages is the most pages read; later pages are skipped with a
	// note. Zero: 2000.
	MaxPages int
}

func (o Options) timeout() time.Duration {
	if o.Timeout == 0 {
		return 30 * time.Second
	}
	return o.Timeout
}

func (o Options) maxPages() int {
	if o.MaxPages <= 0 {
		return 2000
	}
	return o.MaxPages
}

type result struct {
	doc   *layout.Document
	err   error
	panic *layout.Panic // a bug, carried to Read's caller
}

// Read reads a PDF's text and tables. On success the Document holds the
// running text one Block per line and each table as a Grid, in reading
// order; pages that could not be read are listed in Document.Notes,
// each note with its page in Pos.
// Errors are *layout.Error values wrapping layout.ErrEmpty,
// ErrEncrypted, ErrImageOnly, ErrGarbledText, ErrCorrupt or ErrTimeout;
// Page is set when one page is to blame.
func Read(r io.ReaderAt, size int64, opt Options) (*layout.Document, error) {
	if size <= 0 {
		return nil, &layout.Error{Err: layout.ErrEmpty}
	}
	ctx := context.Background()
	if t := opt.timeout(); t > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t)
		defer cancel()
	}
	ch := make(chan result, 1)
	go func() {
		var res result
		func() {
			defer layout.Catch(&res.panic)
			res.doc, res.err = read(ctx, r, size, opt)
		}()
		ch <- res
	}()
	select {
	case res := <-ch:
		layout.Raise(res.panic)
		return res.doc, res.err
	case <-ctx.Done():
		return nil, &layout.Error{Err: fmt.Errorf("%w (limit %v)", layout.ErrTimeout, opt.timeout())}
	}
}

func read(ctx context.Context, r io.ReaderAt, size int64, opt Options) (*layout.Document, error) {
	doc, err := readLib(ctx, r, size, opt)
	if err == nil || opt.NoFallback || ctx.Err() != nil {
		return doc, err
	}
	if errors.Is(err, pdf.ErrInvalidPassword) || errors.Is(err, layout.ErrImageOnly) {
		return doc, err // poppler would not do better
	}
	// garbled text: poppler sometimes maps glyphs through the embedded
	// font; its output goes through the same garbage check
	fdoc, ferr := readPdftotext(ctx, r, size, opt)
	if ferr != nil {
		if errors.Is(ferr, errNoPdftotext) {
			return doc, err
		}
		var le *layout.Error
		if errors.As(err, &le) {
			return nil, &layout.Error{Pos: layout.Pos{Page: le.Page}, Err: fmt.Errorf("%w (pdftotext: %v)", le.Err, ferr)}
		}
		return nil, err
	}
	fdoc.Notes = append([]layout.Note{{Text: "ledongthuc/pdf failed (" + err.Error() + "), used pdftotext"}}, fdoc.Notes...)
	return fdoc, nil
}

// pageResult is what one page gave.
type pageResult struct {
	glyphs    []glyph
	err       error
	undecoded map[string]int // font name → character codes without text
	// set by group: whether the glyphs are text (see readable) and, if
	// so, their lines and the notes on codes dropped
	grouped         bool
	readable, empty bool
	lines           []line
	notes           []layout.Note
}

// group judges a page's glyphs and, if they are readable text, drops
// the undecoded ones and sorts the rest into lines (the page readers do
// this in parallel, each page on its own).
func (pr *pageResult) group(page int, rs *runSorter) {
	pr.grouped = true
	pr.readable, pr.empty = readable(pr.glyphs)
	if !pr.readable || pr.empty {
		return
	}
	gs, notes := dropUndecoded(page, *pr)
	pr.notes = notes
	pr.lines = dropPageNumbers(rs.groupLines(page, gs))
}

// readLib reads with ledongthuc/pdf, page by page. A file it rejects, or
// whose page tree or pages cannot be read, is repaired in memory and read
// again.
func readLib(ctx context.Context, r io.ReaderAt, size int64, opt Options) (*layout.Document, error) {
	lr, err := openLib(r, size)
	var doc *layout.Document
	if err == nil {
		doc, err = readOpened(ctx, lr, r, opt)
	}
	if err == nil || !errors.Is(err, layout.ErrCorrupt) || ctx.Err() != nil {
		return doc, err
	}
	lr2, what := openRepaired(r, size)
	if lr2 == nil {
		return doc, err
	}
	doc2, err2 := readOpened(ctx, lr2, nil, opt)
	if err2 != nil {
		return doc, err
	}
	doc2.Notes = append([]layout.Note{{Text: "file repaired to open it: " + strings.Join(what, "; ")}}, doc2.Notes...)
	return doc2, nil
}

// readOpened reads the pages of an opened file; src, if not nil, is what
// lr reads.
func readOpened(ctx context.Context, lr *pdf.Reader, src io.ReaderAt, opt Options) (*layout.Document, error) {
	var refs []pageRef
	var truncated bool
	if err := protect(func() error {
		var e error
		refs, truncated, e = walkPages(lr, opt.maxPages())
		return e
	}); err != nil {
		return nil, &layout.Error{Err: fmt.Errorf("%w: page tree: %w", layout.ErrCorrupt, err)}
	}
	res := make([]pageResult, len(refs))
	if stopped := readPages(ctx, refs, src, res); stopped > 0 {
		return nil, &layout.Error{Pos: layout.Pos{Page: stopped}, Err: layout.ErrTimeout}
	}
	doc, err := assemble(res, ReaderLib)
	if truncated && doc != nil {
		doc.Notes = append(doc.Notes, layout.Note{Text: fmt.Sprintf("page tree truncated after %d pages (MaxPages, cycle or node budget)", len(refs))})
	}
	return doc, err
}

// openRepaired opens an in-memory repair of a file ledongthuc rejected:
// first with the header and startxref fixed, then with the whole
// cross-reference table rebuilt.
func openRepaired(r io.ReaderAt, size int64) (*pdf.Reader, []string) {
	data, what, ok := repair(r, size)
	if ok {
		if lr, err := openLib(bytes.NewReader(data), int64(len(data))); err == nil {
			if err := hasPages(lr); err == nil {
				return lr, what
			}
		}
	}
	if data == nil {
		return nil, nil
	}
	fixed, ok := rebuildXref(data)
	if !ok {
		return nil, nil
	}
	lr, err := openLib(bytes.NewReader(fixed), int64(len(fixed)))
	if err != nil {
		return nil, nil
	}
	return lr, append(what, "cross-reference table rebuilt by scanning the objects")
}

// hasPages checks that an opened file has a page tree with a page whose
// content can be read.
func hasPages(lr *pdf.Reader) error {
	return protect(func() error {
		pages, _, err := walkPages(lr, 1)
		if err == nil && len(pages) == 0 {
			err = errors.New("no pages")
		}
		if err == nil {
			_, err = readContents(pages[0].v.Key("Contents"))
		}
		return err
	})
}

func openLib(r io.ReaderAt, size int64) (lr *pdf.Reader, err error) {
	err = protect(func() error {
		var e error
		lr, e = pdf.NewReader(r, size)
		return e
	})
	if err == nil {
		return lr, nil
	}
	if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(strings.ToLower(err.Error()), "encrypt") {
		// a user password, or a scheme ledongthuc lacks (AES-256):
		// poppler may still open the latter
		return nil, &layout.Error{Err: fmt.Errorf("%w: %w", layout.ErrEncrypted, err)}
	}
	return nil, &layout.Error{Err: fmt.Errorf("%w: %w", layout.ErrCorrupt, err)}
}

// PanicError is a panic inside github.com/ledongthuc/pdf, which panics
// on some malformed files, turned into an error. Only calls into that
// library are guarded so: a panic in our own code is a bug (FuzzRead
// looks for them), carried to Read's caller (layout.Panic).
type PanicError struct {
	Value any    // what was passed to panic
	Stack []byte // the goroutine's stack at the panic
}

func (e *PanicError) Error() string { return fmt.Sprintf("ledongthuc/pdf panicked: %v", e.Value) }

// protect runs f, which calls into ledongthuc/pdf, and turns a panic into
// a *PanicError.
func protect(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return f()
}

// assemble checks every page's text, drops unreadable pages and builds
// the Document.
func assemble(res []pageResult, reader string) (*layout.Document, error) {
	doc := &layout.Document{Reader: reader, Pages: len(res)}
	var pages [][]line
	var firstErr, firstGarbled int
	var readableN, garbledN, failedN int
	var failure error
	var rs runSorter
	for i, pr := range res {
		page := i + 1
		if pr.err != nil {
			failedN++
			if firstErr == 0 {
				firstErr, failure = page, pr.err
			}
			doc.Notes = append(doc.Notes, layout.Note{Pos: layout.Pos{Page: page}, Text: fmt.Sprintf("%v: %v", layout.ErrCorrupt, pr.err)})
			if len(pr.glyphs) == 0 {
				continue
			}
		}
		if !pr.grouped {
			pr.group(page, &rs)
		}
		ok, empty := pr.readable, pr.empty
		switch {
		case empty:
			doc.Textless = append(doc.Textless, page)
			continue
		case !ok:
			doc.Textless = append(doc.Textless, page)
			garbledN++
			if firstGarbled == 0 {
				firstGarbled = page
			}
			doc.Notes = append(doc.Notes, layout.Note{Pos: layout.Pos{Page: page}, Text: layout.ErrGarbledText.Error() + "; page skipped"})
			continue
		}
		readableN++
		doc.Notes = append(doc.Notes, pr.notes...)
		pages = append(pages, pr.lines)
	}
	switch {
	case readableN > 0:
	case garbledN > 0:
		return nil, &layout.Error{Pos: layout.Pos{Page: firstGarbled}, Err: layout.ErrGarbledText}
	case failedN > 0:
		return nil, &layout.Error{Pos: layout.Pos{Page: firstErr}, Err: fmt.Errorf("%w: %w", layout.ErrCorrupt, failure)}
	case len(res) == 0:
		return nil, &layout.Error{Err: fmt.Errorf("%w: no pages", layout.ErrCorrupt)}
	default:
		return nil, &layout.Error{Err: layout.ErrImageOnly}
	}
	ls := placePages(pages)
	b := builder{geom: measure(ls)}
	b.build(ls)
	doc.Blocks = b.blocks
	doc.Notes = append(doc.Notes, b.notes...)
	doc.Title = title(ls)
	return doc, nil
}

// title is the first run of the largest lines near the top of the first
// page with text ("淮安市人民政府" / "2024年政府信息公开工作年度报告"),
// if they are set larger than the rest of that page.
func title(ls []line) string {
	var top, all []float64
	for i := range ls {
		if ls[i].page != ls[0].page {
			break
		}
		all = append(all, ls[i].h)
		if i < 8 {
			top = append(top, ls[i].h)
		}
	}
	if len(all) == 0 {
		return ""
	}
	sort.Float64s(all)
	hmax := 0.0
	for _, h := range top {
		hmax = math.Max(hmax, h)
	}
	if hmax < 1.1*all[len(all)/2] {
		return ""
	}
	var parts []string
	for i := 0; i < len(top); i++ {
		if ls[i].h >= 0.95*hmax {
			parts = append(parts, strings.ReplaceAll(ls[i].text(), " ", ""))
			continue
		}
		if len(parts) > 0 {
			break
		}
	}
	return joinText(parts)
}

// readPages interprets the pages on up to GOMAXPROCS goroutines (at most
// 4). Fonts and CMaps are read once per document and shared, read-only;
// each goroutine has its own interpreter and its own copy of each font
// (the decoding memo is not locked). ledongthuc's Reader only reads
// through the io.ReaderAt once opened. A panic inside ledongthuc/pdf
// becomes the page's error (protect); a panic in our own code is a bug,
// carried out of the worker (layout.Catch) and raised again in the caller
// once every page is done. It returns the 1-based number of a page not read because
// ctx ended, or 0.
func readPages(ctx context.Context, refs []pageRef, src io.ReaderAt, res []pageResult) int {
	workers := min(runtime.GOMAXPROCS(0), len(refs), 4)
	if workers < 1 {
		workers = 1
	}
	cmaps, fonts := &cmapCache{}, &fontCache{}
	panics := make([]*layout.Panic, len(refs)) // bugs in our code, raised again below
	next := make(chan int)
	var stopped atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := &interp{fonts: map[fontKey]*font{}, cmaps: cmaps, docFonts: fonts, streams: inflater{src: src}}
			var rs runSorter
			for i := range next {
				if ctx.Err() != nil {
					stopped.CompareAndSwap(0, int64(i+1))
					continue
				}
				func() {
					defer layout.Catch(&panics[i])
					res[i].err = protect(func() error {
						var e error
						res[i].glyphs, e = in.pageGlyphs(refs[i])
						res[i].undecoded = in.undecoded
						return e
					})
					if res[i].err == nil || len(res[i].glyphs) > 0 {
						res[i].group(i+1, &rs)
					}
				}()
			}
		}()
	}
	for i := range refs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, p := range panics {
		layout.Raise(p)
	}
	return int(stopped.Load())
}
