package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/digest"
	"github.com/nianbao/nianbao/extract/docxread"
	"github.com/nianbao/nianbao/extract/htmlread"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/ocr"
	"github.com/nianbao/nianbao/extract/pdfread"
	"github.com/nianbao/nianbao/extract/textenc"
)

// Options control Parse. The zero value detects the format from content.
type Options struct {
	// Name is the file name, used in errors and as a format hint; "-" for
	// stdin. Zero: errors say "<input>".
	Name string
	// Format forces the input format. Zero: detected from content (then from
	// the name's extension).
	Format Format
	// MaxSize caps the input's size, whatever its format. Zero: the limit of
	// its format in DefaultLimits. An input over the limit fails with a
	// *SizeError (ErrTooLarge) before it is read when its size is known
	// (ParseFile), after the limit's bytes otherwise.
	MaxSize int64
	// NoPDFFallback disables the pdftotext fallback for PDFs our reader
	// rejects. Zero: fall back when pdftotext is installed.
	NoPDFFallback bool
	// Input carries what a fetch manifest says about the file (source
	// URL, listing title, publication date). Zero: nothing known.
	Input Input
	// OCR says when scans are read with Tesseract: OCRAuto (zero: images,
	// and the pages of a PDF without usable text), OCRAlways, OCRNever.
	OCR string
}

// Input is one file to parse, with what a fetch manifest knows of it.
type Input struct {
	Path         string `json:"path"`
	URL          string `json:"url,omitempty"`
	ListingTitle string `json:"title,omitempty"`
	Published    string `json:"published,omitempty"`
	FetchedAt    string `json:"fetched_at,omitempty"`
	// ContentType is the Content-Type the server sent (from the manifest);
	// its charset is the page's transport declaration.
	ContentType string `json:"content_type,omitempty"`
}

// ParseFile opens path ("-" for standard input) and parses it.
func ParseFile(path string, opt Options) (*Record, error) {
	if opt.Name == "" {
		opt.Name = path
	}
	if opt.Input.Path == "" {
		opt.Input.Path = path
	}
	if path == "-" {
		return Parse(os.Stdin, opt)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		// a directory of page images is one report
		if files := pageImages(path); len(files) > 0 {
			return parsePageDir(path, files, opt)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, wrapErr(opt.Name, err)
	}
	defer f.Close()
	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return parse(f, size, opt)
}

// Parse reads one report from r and returns its record. The error, when
// not nil, is a *ParseError naming the file and, where known, the page
// and line; the record is then nil. Problems inside a readable report
// (cells that could not be read, deviations from the template) are not
// errors: they are the record's Warnings.
func Parse(r io.Reader, opt Options) (rec *Record, err error) {
	return parse(r, -1, opt)
}

// parse reads r, whose size is known when size >= 0: the head tells the
// format, the format's limit is checked against the size before anything
// else is read, and no more than the limit is ever read.
func parse(r io.Reader, size int64, opt Options) (rec *Record, err error) {
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, wrapErr(opt.Name, err)
	}
	head = head[:n]
	format := opt.Format
	if format == "" {
		format = Detect(head, opt.Name)
	}
	limit := opt.limit(format)
	if size > limit {
		return nil, wrapErr(opt.Name, &SizeError{Format: format, Size: size, Limit: limit})
	}
	// room for the whole file and bytes.MinRead more: ReadFrom wants that
	// much free space before every read, the one that meets EOF included,
	// and would otherwise copy the file into a buffer twice its size
	buf := bytes.NewBuffer(make([]byte, 0, max(int(size), n)+bytes.MinRead))
	buf.Write(head)
	if n == sniffLen {
		if _, err := buf.ReadFrom(io.LimitReader(r, limit+1-int64(n))); err != nil {
			return nil, wrapErr(opt.Name, err)
		}
	}
	data := buf.Bytes()
	if int64(len(data)) > limit {
		return nil, wrapErr(opt.Name, &SizeError{Format: format, Size: size, Limit: limit})
	}
	opt.Format = format
	return parseBytes(data, opt)
}

func parseBytes(data []byte, opt Options) (*Record, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, wrapErr(opt.Name, ErrEmpty)
	}
	format := opt.Format
	if format == "" {
		format = Detect(data, opt.Name)
	}
	src := Source{Path: opt.Input.Path, Format: format, Size: int64(len(data)), SHA256: digest.Bytes(data),
		URL: opt.Input.URL, ListingTitle: opt.Input.ListingTitle, FetchedAt: opt.Input.FetchedAt}
	if src.Path == "" {
		src.Path = opt.Name
	}
	doc, err := readDocument(data, format, opt)
	if err != nil {
		return nil, wrapErr(opt.Name, err)
	}
	return finishRecord(doc, format, src, opt)
}

// readDocument runs the reader for format.
func readDocument(data []byte, format Format, opt Options) (*layout.Document, error) {
	switch format {
	case FormatText:
		return readText(data, opt.Input.ContentType)
	case FormatHTML:
		return htmlread.Read(bytes.NewReader(data), htmlread.Options{MaxSize: int64(len(data)) + 1, ContentType: opt.Input.ContentType})
	case FormatDOCX:
		if docxread.Sniff(data) == "docx" {
			return docxread.Read(bytes.NewReader(data), int64(len(data)), docxread.Options{})
		}
		// DOC / WPS: LibreOffice converts, then the DOCX reader reads
		return docxread.ReadWordData(context.Background(), data, opt.Name, docxread.Options{})
	case FormatPDF:
		return readPDF(data, opt)
	case FormatImage:
		return readImage(data, opt)
	}
	return nil, fmt.Errorf("%w: %s", ErrUnsupported, format)
}

// readPDF reads a PDF page by page (pdfread), falling back to pdftotext
// for files our reader rejects unless opt.NoPDFFallback. Under -ocr auto
// the pages without usable text (scanned, or fonts without a ToUnicode
// map) are OCR'd and put in their place among the pages read as text.
func readPDF(data []byte, opt Options) (*layout.Document, error) {
	if opt.OCR == OCRAlways {
		doc, _, err := ocrPDF(data, opt, nil)
		return doc, err
	}
	doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: opt.NoPDFFallback})
	if err != nil {
		if odoc, tried, oerr := ocrPDF(data, opt, err); tried {
			return odoc, oerr
		}
		return doc, err
	}
	if opt.OCR == OCRNever || len(doc.Textless) == 0 {
		return doc, nil
	}
	odoc, err := ocr.ReadPDF(context.Background(), data, ocr.Options{Pages: doc.Textless})
	if err != nil {
		// the text pages stand; the others are said to be unread
		doc.Notes = append(doc.Notes, layout.Note{Text: fmt.Sprintf("%s without usable text not OCR'd: %v", pageList(doc.Textless), err)})
		return doc, nil
	}
	return mergePages(doc, odoc), nil
}

// finishRecord builds the record of a document a reader produced.
func finishRecord(doc *layout.Document, format Format, src Source, opt Options) (*Record, error) {
	if src.Path == "" {
		src.Path = opt.Name
	}
	src.Reader, src.Pages, src.OCRPages = doc.Reader, doc.Pages, doc.OCRPages
	if opt.Input.ListingTitle != "" {
		doc.Metadata = append(doc.Metadata, layout.MetaTag{Name: "fetch manifest title", Value: opt.Input.ListingTitle})
	}
	rec := build(doc, format)
	rec.Source = src
	if rec.Meta.Published == "" && opt.Input.Published != "" {
		rec.Meta.Published, rec.Meta.PublishedFrom = opt.Input.Published, "fetch manifest"
	}
	if rec.Meta.Generation == GenUnknown && len(rec.Legacy) == 0 && !reportShaped(rec) {
		return nil, wrapErr(opt.Name, fmt.Errorf("%w: no report title, section or table of the templates found", ErrNotReport))
	}
	return rec, nil
}

// Detect tells the format of a document from its first bytes, then from the
// name's extension. Binary data that is none of the known formats is
// FormatText only if it is valid UTF-8 or GB18030 text.
func Detect(data []byte, name string) Format {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	if ocr.Format(head) != "" {
		return FormatImage
	}
	switch {
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return FormatPDF
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return FormatDOCX
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}), bytes.HasPrefix(head, []byte(`{\rtf`)):
		return FormatDOCX // DOC/WPS/RTF: converted to DOCX by the Word reader
	}
	if htmlread.Sniff(head) {
		return FormatHTML
	}
	lower := bytes.ToLower(head)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<div", "<p>", "<p "} {
		if bytes.Contains(lower, []byte(tag)) {
			return FormatHTML
		}
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return FormatPDF
	case ".html", ".htm", ".shtml":
		return FormatHTML
	case ".docx", ".doc", ".wps":
		return FormatDOCX
	}
	return FormatText
}

// errNotText is returned for binary input that no reader recognises.
var errNotText = fmt.Errorf("%w: binary data that is not PDF, HTML, Word or text", ErrUnsupported)

func looksBinary(data []byte) bool {
	n := min(len(data), 8192)
	bad := 0
	for _, b := range data[:n] {
		if b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
			bad++
		}
	}
	head := data[:n]
	// do not judge a multi-byte character cut at the end
	for k := 0; k < 3 && len(head) > 0 && !utf8.Valid(head); k++ {
		head = head[:len(head)-1]
	}
	return bad*20 > n || (!utf8.Valid(head) && !textenc.ValidGB18030(data[:n]))
}
