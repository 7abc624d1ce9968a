package docxread

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract/layout"
)

// fakeSoffice writes a shell script standing in for LibreOffice.
func fakeSoffice(t *testing.T, script string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "soffice")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// tempEmpty points the temporary directory at a fresh one and returns a
// check that it was left empty.
func tempEmpty(t *testing.T) func() {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	return func() {
		t.Helper()
		left, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(left) > 0 {
			t.Errorf("temporary files left behind: %v", left)
		}
	}
}

func TestReadWordNoSoffice(t *testing.T) {
	p := filepath.Join(t.TempDir(), "甲局2023.doc")
	if err := os.WriteFile(p, oleOf("WordDocument"), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := Options{Soffice: "nianbao-no-such-soffice"}
	_, err := ReadWord(context.Background(), p, opt)
	wantErr(t, err, layout.ErrUnsupported, p+": ", "LibreOffice", "libreoffice-writer")
	// ReadWordData leaves the name to its caller.
	_, err = ReadWordData(context.Background(), oleOf("WordDocument"), "甲局2023.doc", opt)
	wantErr(t, err, layout.ErrUnsupported, "libreoffice-writer")
	if strings.Contains(err.Error(), "甲局2023.doc") {
		t.Errorf("ReadWordData error names the file: %v", err)
	}
}

func TestReadWordTimeout(t *testing.T) {
	check := tempEmpty(t)
	// The launcher's child keeps the output pipe open: only killing the
	// process group ends the run promptly.
	prog := fakeSoffice(t, "sleep 30 & sleep 30")
	start := time.Now()
	_, err := ReadWordData(context.Background(), oleOf("WordDocument"), "slow.doc", Options{Soffice: prog, Timeout: 300 * time.Millisecond})
	wantErr(t, err, layout.ErrTimeout, "300ms")
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("timeout took %v", d)
	}
	check()
}

func TestReadWordConversionFails(t *testing.T) {
	check := tempEmpty(t)
	prog := fakeSoffice(t, `echo "Error: source file could not be loaded" >&2`)
	_, err := ReadWordData(context.Background(), oleOf("WordDocument"), "bad.wps", Options{Soffice: prog})
	wantErr(t, err, layout.ErrCorrupt, "source file could not be loaded")
	check()
}

func TestReadWordArguments(t *testing.T) {
	// The fake converter checks what it is given and "converts" by
	// copying a DOCX into --outdir under the input's base name.
	docx := filepath.Join(t.TempDir(), "src.docx")
	if err := os.WriteFile(docx, docxOf(t, para("一、总体情况")), 0o644); err != nil {
		t.Fatal(err)
	}
	prog := fakeSoffice(t, `
case "$1" in -env:UserInstallation=file:///*/profile) ;; *) echo "bad profile $1" >&2; exit 1;; esac
[ "$2" = --headless ] || { echo "not headless" >&2; exit 1; }
for a; do last=$a; done
out=""; prev=""
for a; do [ "$prev" = --outdir ] && out=$a; prev=$a; done
mkdir -p "$out" && cp `+docx+` "$out/$(basename "${last%.*}").docx"`)
	check := tempEmpty(t)
	doc, err := ReadWordData(context.Background(), oleOf("WordDocument"), "x.wps", Options{Soffice: prog})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Reader != "soffice+docx" || len(doc.Blocks) != 1 || doc.Blocks[0].Text != "一、总体情况" {
		t.Errorf("got %+v", doc)
	}
	check()
}

func TestReadWordDirect(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.docx")
	if err := os.WriteFile(p, docxOf(t, para("一、总体情况")), 0o644); err != nil {
		t.Fatal(err)
	}
	// A DOCX needs no LibreOffice.
	doc, err := ReadWord(context.Background(), p, Options{Soffice: "nianbao-no-such-soffice"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Reader != "docx" {
		t.Errorf("Reader %q", doc.Reader)
	}
	// An encrypted package is refused before any conversion.
	enc := filepath.Join(dir, "locked.docx")
	if err := os.WriteFile(enc, oleOf("EncryptionInfo", "EncryptedPackage"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadWord(context.Background(), enc, Options{Soffice: "nianbao-no-such-soffice"})
	wantErr(t, err, layout.ErrEncrypted, enc)
	// Errors inside a DOCX name the file too.
	bad := filepath.Join(dir, "bad.docx")
	if err := os.WriteFile(bad, []byte("PK\x03\x04garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadWord(context.Background(), bad, Options{})
	wantErr(t, err, layout.ErrCorrupt, bad)
	_, err = ReadWord(context.Background(), filepath.Join(dir, "missing.doc"), Options{})
	if err == nil || !strings.Contains(err.Error(), "missing.doc") {
		t.Errorf("missing file: %v", err)
	}
	_, err = ReadWordData(context.Background(), nil, "empty.doc", Options{})
	wantErr(t, err, layout.ErrEmpty)
}
