package pdfread

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
)

var errNoPdftotext = errors.New("pdftotext not installed")

// readPdftotext runs `pdftotext -bbox-layout - -` on the file and builds
// the Document from its word boxes, through the same line and table code.
func readPdftotext(ctx context.Context, r io.ReaderAt, size int64, opt Options) (*layout.Document, error) {
	name := opt.Pdftotext
	if name == "" {
		name = "pdftotext"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return nil, errNoPdftotext
	}
	args := []string{"-q", "-bbox-layout", "-l", strconv.Itoa(opt.maxPages())}
	cmd := exec.CommandContext(ctx, path, append(args, "-", "-")...)
	cmd.Stdin = io.NewSectionReader(r, 0, size)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		switch {
		case ctx.Err() != nil:
			return nil, &layout.Error{Err: layout.ErrTimeout}
		case strings.Contains(strings.ToLower(msg), "password"):
			return nil, &layout.Error{Err: fmt.Errorf("%w: %s", layout.ErrEncrypted, msg)}
		}
		return nil, &layout.Error{Err: fmt.Errorf("%w: %v %s", layout.ErrCorrupt, err, msg)}
	}
	res, err := parseBBox(out.Bytes())
	if err != nil {
		return nil, &layout.Error{Err: fmt.Errorf("%w: pdftotext output: %v", layout.ErrCorrupt, err)}
	}
	return assemble(res, ReaderPdftotext)
}

// parseBBox reads pdftotext's -bbox-layout XHTML: <page width height>
// holding <word xMin yMin xMax yMax>text</word>, y measured from the top.
// Each word becomes one pseudo-glyph per character, the word's width
// shared out evenly, in PDF user space (y from the bottom).
func parseBBox(b []byte) ([]pageResult, error) {
	// glyphs without a Unicode mapping come out as control characters,
	// which XML forbids: keep them, as U+FFFD, for the garbage check
	b = bytes.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return unicode.ReplacementChar
		}
		return r
	}, b)
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var pages []pageResult
	var height float64
	var box [4]float64
	inWord := false
	var word strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return pages, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				height = attrF(t, "height")
				pages = append(pages, pageResult{})
			case "word":
				inWord = true
				word.Reset()
				box = [4]float64{attrF(t, "xMin"), attrF(t, "yMin"), attrF(t, "xMax"), attrF(t, "yMax")}
			}
		case xml.CharData:
			if inWord {
				word.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local != "word" || !inWord || len(pages) == 0 {
				continue
			}
			inWord = false
			p := &pages[len(pages)-1]
			p.glyphs = append(p.glyphs, wordGlyphs(strings.TrimSpace(word.String()), box, height, len(p.glyphs))...)
		}
	}
	return pages, nil
}

func wordGlyphs(s string, box [4]float64, height float64, run int) []glyph {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return nil
	}
	bh := box[3] - box[1]
	h := bh / 1.2
	y := height - box[3] + 0.2*bh
	w := (box[2] - box[0]) / float64(n)
	out := make([]glyph, 0, n)
	i := 0
	for _, r := range s {
		out = append(out, glyph{s: string(r), x: box[0] + float64(i)*w, y: y, w: w, h: h, run: run})
		i++
	}
	return out
}

func attrF(t xml.StartElement, name string) float64 {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			f, _ := strconv.ParseFloat(a.Value, 64)
			return f
		}
	}
	return 0
}
