package docxread

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/nianbao/nianbao/extract/layout"
)

// installHint is what to do when LibreOffice is missing.
const installHint = "install LibreOffice Writer (Debian: apt-get install libreoffice-writer) or save the file as DOCX"

// ReadWord reads the Word file at path: a DOCX directly, anything else
// (Word 97 DOC, WPS, RTF) after converting it to DOCX with LibreOffice.
// Errors are *layout.Error values whose message starts with path.
func ReadWord(ctx context.Context, path string, opt Options) (*layout.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &layout.Error{Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &layout.Error{Err: err}
	}
	doc, err := readWord(ctx, f, st.Size(), path, opt)
	return doc, named(path, err)
}

// ReadWordData is ReadWord for a file already in memory. The extension of
// name (.doc, .wps, .rtf) is a hint to LibreOffice; errors do not repeat
// the name, which callers such as extract.Parse put before them.
func ReadWordData(ctx context.Context, data []byte, name string, opt Options) (*layout.Document, error) {
	return readWord(ctx, bytes.NewReader(data), int64(len(data)), name, opt)
}

func readWord(ctx context.Context, r io.ReaderAt, size int64, name string, opt Options) (*layout.Document, error) {
	if size <= 0 {
		return nil, &layout.Error{Err: layout.ErrEmpty}
	}
	head := make([]byte, min(size, 512))
	n, err := r.ReadAt(head, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, &layout.Error{Err: err}
	}
	head = head[:n]
	switch {
	case Sniff(head) == "docx":
		return Read(r, size, opt)
	case bytes.HasPrefix(head, oleMagic) && encryptedOLE(r, size):
		return nil, errEncrypted()
	}
	docx, err := convert(ctx, io.NewSectionReader(r, 0, size), name, opt)
	if err != nil {
		return nil, err
	}
	doc, err := Read(bytes.NewReader(docx), int64(len(docx)), opt)
	if err != nil {
		return nil, err
	}
	doc.Reader = "soffice+docx"
	return doc, nil
}

// named puts the file name at the head of a reader error.
func named(name string, err error) error {
	var le *layout.Error
	if err == nil || name == "" || !errors.As(err, &le) {
		return err
	}
	return &layout.Error{Pos: le.Pos, Err: fmt.Errorf("%s: %w", name, le.Err)}
}

// convert runs LibreOffice on src in a fresh temporary directory, with a
// profile of its own there, and returns the DOCX bytes. The directory is
// removed before convert returns, whatever happened.
func convert(ctx context.Context, src io.Reader, name string, opt Options) ([]byte, error) {
	soffice := opt.Soffice
	if soffice == "" {
		soffice = "soffice"
	}
	prog, err := exec.LookPath(soffice)
	if err != nil {
		return nil, errorf(layout.ErrUnsupported, "a Word 97/WPS file is read through LibreOffice, and %q is not installed: %s", soffice, installHint)
	}
	tmp, err := os.MkdirTemp("", "docxread-")
	if err != nil {
		return nil, &layout.Error{Err: err}
	}
	defer os.RemoveAll(tmp)
	ext := strings.ToLower(filepath.Ext(name))
	switch ext {
	case ".doc", ".wps", ".rtf", ".dot", ".wpt":
	default:
		ext = ".doc"
	}
	in := filepath.Join(tmp, "input"+ext)
	if err := writeFile(in, src); err != nil {
		return nil, &layout.Error{Err: err}
	}
	outDir := filepath.Join(tmp, "out")
	profile := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(tmp, "profile"))}).String()

	cctx, cancel := context.WithTimeout(ctx, opt.timeout())
	defer cancel()
	cmd := exec.CommandContext(cctx, prog, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--nolockcheck", "--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir, in)
	cmd.Dir = tmp
	var log tailWriter
	cmd.Stdout, cmd.Stderr = &log, &log
	cmd.WaitDelay = 5 * time.Second
	ownGroup(cmd)
	runErr := cmd.Run()
	switch {
	case errors.Is(cctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil:
		return nil, errorf(layout.ErrTimeout, "LibreOffice did not convert the file within %v (Options.Timeout)", opt.timeout())
	case ctx.Err() != nil:
		return nil, &layout.Error{Err: ctx.Err()}
	}
	f, err := os.Open(filepath.Join(outDir, "input.docx"))
	if err != nil {
		why := log.String()
		if runErr != nil {
			why = runErr.Error() + ": " + why
		}
		return nil, errorf(layout.ErrCorrupt, "LibreOffice could not convert the file (damaged, password-protected, or not a Word document): %s", why)
	}
	defer f.Close()
	// The converted DOCX is bounded like any input: it cannot be larger
	// than what Read would inflate.
	data, err := io.ReadAll(io.LimitReader(f, opt.maxUncompressed()+1))
	if err != nil {
		return nil, &layout.Error{Err: err}
	}
	if int64(len(data)) > opt.maxUncompressed() {
		return nil, errorf(layout.ErrTooLarge, "the converted DOCX exceeds Options.MaxUncompressed")
	}
	return data, nil
}

func writeFile(path string, src io.Reader) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, src); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// tailWriter keeps the last bytes LibreOffice printed, for errors.
type tailWriter struct{ b []byte }

const tailMax = 2048

func (w *tailWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	if len(w.b) > tailMax {
		w.b = w.b[len(w.b)-tailMax:]
	}
	return len(p), nil
}

// String returns what LibreOffice said, on one line, without the javaldx
// warning that headless runs print when no Java is installed.
func (w *tailWriter) String() string {
	var keep []string
	for _, l := range strings.Split(strings.ToValidUTF8(string(w.b), ""), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" && !strings.Contains(l, "javaldx") {
			keep = append(keep, l)
		}
	}
	if len(keep) == 0 {
		return "no output"
	}
	return strings.Join(keep, "; ")
}
