package docxread

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"github.com/nianbao/nianbao/extract/layout"
)

// Defaults for the zero values of Options.
const (
	DefaultMaxUncompressed = 64 << 20
	DefaultMaxDepth        = 256
	DefaultTimeout         = 60 * time.Second
)

// Options control Read and ReadWord. The zero value is ready to use.
type Options struct {
	// MaxUncompressed caps the bytes inflated from the archive, all parts
	// together. Zero: DefaultMaxUncompressed (64 MiB).
	MaxUncompressed int64
	// MaxDepth caps the nesting of XML elements. Zero: DefaultMaxDepth.
	MaxDepth int
	// Timeout bounds a LibreOffice conversion (ReadWord). Zero:
	// DefaultTimeout (60 s).
	Timeout time.Duration
	// Soffice is the LibreOffice program ReadWord runs. Zero: "soffice"
	// looked up in PATH.
	Soffice string
}

func (o Options) maxUncompressed() int64 {
	if o.MaxUncompressed > 0 {
		return o.MaxUncompressed
	}
	return DefaultMaxUncompressed
}

func (o Options) maxDepth() int {
	if o.MaxDepth > 0 {
		return o.MaxDepth
	}
	return DefaultMaxDepth
}

func (o Options) timeout() time.Duration {
	if o.Timeout > 0 {
		return o.Timeout
	}
	return DefaultTimeout
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// Sniff tells a Word file's kind from its first bytes (512 are enough, the
// whole file is fine too): "docx" for a zip archive whose entries, as far
// as the head shows them, are not those of a spreadsheet, a presentation
// or an OpenDocument file; "doc" for an OLE2 compound file (Word 97, WPS,
// and encrypted OOXML alike); "" otherwise.
func Sniff(head []byte) (kind string) {
	switch {
	case bytes.HasPrefix(head, oleMagic):
		return "doc"
	case !bytes.HasPrefix(head, zipMagic):
		return ""
	}
	// Walk the local file headers that lie wholly in head.
	for off, n := 0, 0; n < 16 && off+30 <= len(head) && bytes.HasPrefix(head[off:], zipMagic); n++ {
		h := head[off:]
		flags := binary.LittleEndian.Uint16(h[6:])
		size := int(binary.LittleEndian.Uint32(h[18:]))
		nameLen := int(binary.LittleEndian.Uint16(h[26:]))
		extraLen := int(binary.LittleEndian.Uint16(h[28:]))
		if 30+nameLen > len(h) {
			break
		}
		name := string(h[30 : 30+nameLen])
		if strings.HasPrefix(name, "xl/") || strings.HasPrefix(name, "ppt/") || name == "mimetype" {
			return ""
		}
		if flags&8 != 0 { // sizes follow the data: the next header cannot be found
			break
		}
		off += 30 + nameLen + extraLen + size
		if off < 0 {
			break
		}
	}
	return "docx"
}

func errorf(sentinel error, format string, args ...any) error {
	return &layout.Error{Err: fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)}
}

func errEncrypted() error {
	return errorf(layout.ErrEncrypted, "password-protected OOXML (OLE2 container with an EncryptedPackage stream): remove the password and save again")
}

// Read reads a DOCX file of the given size. The Document's Reader is
// "docx". An OLE2 file fails with ErrEncrypted when it holds an encrypted
// OOXML package and with ErrUnsupported otherwise (use ReadWord).
func Read(r io.ReaderAt, size int64, opt Options) (*layout.Document, error) {
	if size <= 0 {
		return nil, &layout.Error{Err: layout.ErrEmpty}
	}
	head := make([]byte, min(size, 8))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, &layout.Error{Err: err}
	}
	if bytes.HasPrefix(head, oleMagic) {
		if encryptedOLE(r, size) {
			return nil, errEncrypted()
		}
		return nil, errorf(layout.ErrUnsupported, "Word 97 or WPS file (OLE2): convert it with ReadWord (LibreOffice)")
	}
	zr, err := zip.NewReader(r, size)
	if errors.Is(err, zip.ErrInsecurePath) && zr != nil {
		err = nil // entry names like "../x" matter to extractors, not to us
	}
	if err != nil {
		return nil, errorf(layout.ErrCorrupt, "not a readable zip archive: %v", err)
	}
	p := &pkg{zr: zr, budget: opt.maxUncompressed(), limit: opt.maxUncompressed()}
	main, err := p.mainPart()
	if err != nil {
		return nil, err
	}
	f := p.file(main)
	if f == nil {
		return nil, errorf(layout.ErrCorrupt, "no document part (%s) in the archive", main)
	}
	doc := &layout.Document{Reader: "docx"}
	num := p.numbering(main, doc)
	if err := p.parse(f, doc, num, opt.maxDepth()); err != nil {
		return nil, err
	}
	if doc.Title == "" {
		doc.Title = p.coreTitle()
	}
	return doc, nil
}

// pkg is an open OOXML package with what is left of the inflate budget.
type pkg struct {
	zr     *zip.Reader
	budget int64
	limit  int64 // the budget at the start
}

// file finds a part by name, ignoring case and a leading slash as OPC
// part names do.
func (p *pkg) file(name string) *zip.File {
	name = strings.TrimPrefix(name, "/")
	for _, f := range p.zr.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), name) {
			return f
		}
	}
	return nil
}

// open returns the part's inflated bytes as a stream that fails with
// ErrTooLarge once the package's budget is spent (at once when the part's
// declared size is over what is left of it).
func (p *pkg) open(f *zip.File) (io.ReadCloser, error) {
	// archive/zip fails a part whose inflated size is not the size its
	// entry declares, so a declared size over the budget is refused at
	// once, before inflating anything.
	if f.UncompressedSize64 > uint64(max(p.budget, 0)) {
		return nil, errorf(layout.ErrTooLarge, "%s would inflate to %.1f MB: beyond the limit of %d MB (Options.MaxUncompressed)",
			f.Name, float64(f.UncompressedSize64)/(1<<20), p.limit>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, errorf(layout.ErrCorrupt, "%s: %v", f.Name, err)
	}
	return &budgetReader{rc: rc, p: p, name: f.Name}, nil
}

type budgetReader struct {
	rc   io.ReadCloser
	p    *pkg
	name string
}

func (b *budgetReader) Read(buf []byte) (int, error) {
	if b.p.budget < 0 {
		return 0, b.tooLarge()
	}
	if int64(len(buf)) > b.p.budget+1 {
		buf = buf[:b.p.budget+1]
	}
	n, err := b.rc.Read(buf)
	b.p.budget -= int64(n)
	if b.p.budget < 0 {
		return 0, b.tooLarge()
	}
	if err != nil && !errors.Is(err, io.EOF) {
		err = errorf(layout.ErrCorrupt, "%s: %v", b.name, err)
	}
	return n, err
}

func (b *budgetReader) tooLarge() error {
	return errorf(layout.ErrTooLarge, "%s inflates beyond the limit of %d MB (Options.MaxUncompressed)", b.name, b.p.limit>>20)
}

func (b *budgetReader) Close() error { return b.rc.Close() }

// readSmall inflates a whole small part (relationships, properties).
func (p *pkg) readSmall(f *zip.File) ([]byte, error) {
	rc, err := p.open(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

const (
	relOfficeDocument       = "/officeDocument"
	defaultMain             = "word/document.xml"
	wordprocessingMLMain    = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	wordprocessingMLStrict  = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	markupCompatibilityNS   = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	contentTypeSpreadsheet  = "spreadsheetml"
	contentTypePresentation = "presentationml"
)

// relationships is a .rels part.
type relationships struct {
	Rel []struct {
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// mainPart names the main document part: the officeDocument relationship
// of _rels/.rels, or word/document.xml when there is none.
func (p *pkg) mainPart() (string, error) {
	f := p.file("_rels/.rels")
	if f == nil {
		return defaultMain, nil
	}
	data, err := p.readSmall(f)
	if err != nil {
		return "", err
	}
	var rels relationships
	if xml.Unmarshal(data, &rels) != nil {
		return defaultMain, nil // a broken .rels: try the usual name
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, relOfficeDocument) && r.Target != "" {
			target := strings.TrimPrefix(path.Clean("/"+r.Target), "/")
			if strings.HasPrefix(target, "xl/") || strings.HasPrefix(target, "ppt/") ||
				strings.Contains(target, contentTypeSpreadsheet) || strings.Contains(target, contentTypePresentation) {
				return "", errorf(layout.ErrUnsupported, "not a Word document (main part %s)", target)
			}
			return target, nil
		}
	}
	return defaultMain, nil
}

// numbering loads the numbering and styles parts, or returns nil when
// the document has no numbering. A part that cannot be read costs the
// automatic numbers only: it is noted, not fatal, unless it is over the
// size limit.
func (p *pkg) numbering(main string, doc *layout.Document) *numbering {
	numName, stylesName := p.partTargets(main)
	nf := p.file(numName)
	if nf == nil {
		return nil
	}
	numData, err := p.readSmall(nf)
	if err != nil {
		doc.Notes = append(doc.Notes, layout.Note{Text: "automatic numbering not read: " + err.Error()})
		return nil
	}
	var stylesData []byte
	if sf := p.file(stylesName); sf != nil {
		if stylesData, err = p.readSmall(sf); err != nil {
			doc.Notes = append(doc.Notes, layout.Note{Text: "paragraph styles not read: " + err.Error()})
			stylesData = nil
		}
	}
	n, err := newNumbering(numData, stylesData)
	if err != nil {
		doc.Notes = append(doc.Notes, layout.Note{Text: "automatic numbering not read: " + err.Error()})
		return nil
	}
	return n
}

// coreTitle returns the dc:title of docProps/core.xml when it names an
// annual report, else "".
func (p *pkg) coreTitle() string {
	f := p.file("docProps/core.xml")
	if f == nil {
		return ""
	}
	data, err := p.readSmall(f)
	if err != nil {
		return ""
	}
	var core struct {
		Title string `xml:"title"`
	}
	if xml.Unmarshal(data, &core) != nil {
		return ""
	}
	t := collapse(core.Title)
	if !strings.Contains(t, reportWord) {
		return ""
	}
	return t
}
