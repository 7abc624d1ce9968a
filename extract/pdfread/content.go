package pdfread

import (
	"bytes"
	"errors"
	"io"
	"math"

	"github.com/ledongthuc/pdf"
)

// A page's content stream is interpreted here rather than with
// ledongthuc's Content(): that one re-reads the font (and its ToUnicode
// CMap) at every Tf, takes glyph widths from single bytes of two-byte
// codes (so Word-style Identity-H text gets zero widths), and shows an
// extra "\n" through the font after every TJ (a stray glyph).

const (
	maxStreamBytes = 64 << 20 // decoded content of one page
	maxGlyphs      = 400000   // glyphs on one page
	maxFormDepth   = 8        // nested form XObjects
)

// glyph is one shown character (or, from pdftotext, one word) in PDF user
// space: X, Y of the baseline start, W the advance, Size the font size.
type glyph struct {
	s          string
	x, y, w, h float64
	run        int   // glyphs shown by one string operand share a run
	rot        uint8 // baseline direction in quarter turns: 0 →, 1 ↑, 2 ←, 3 ↓
}

type matrix [6]float64 // a b c d e f

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m×n (m applied first).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type gstate struct {
	ctm                     matrix
	tc, tw, th, tl, tfs, ts float64
	font                    *font
}

type fontKey struct {
	obj  objKey
	name string
}

// interp holds what is shared between pages of one document.
type interp struct {
	fonts    map[fontKey]*font
	cmaps    *cmapCache // shared by the document's page readers
	docFonts *fontCache // shared by the document's page readers; fonts holds this reader's copies
	runs     int
	// undecoded counts, per font name, the codes of the current page
	// that had no text (shown as U+FFFD, dropped after the page's
	// readability is judged)
	undecoded map[string]int
	noFont    *font // stands for the font of text shown before any Tf
	// reused from page to page: the page's decoded content, its glyphs
	// as shown (each page keeps an exact copy), dedupe's set, and the
	// names of the streams
	content bytes.Buffer
	shown   []glyph
	dedupe  deduper
	names   map[string]string
	streams inflater
}

// pageGlyphs interprets a page's content. It may panic on malformed
// objects; the caller recovers.
func (in *interp) pageGlyphs(p pageRef) ([]glyph, error) {
	in.undecoded = map[string]int{}
	in.content.Reset()
	data, err := readContentsInto(&in.content, p.v.Key("Contents"), &in.streams)
	if err != nil {
		return nil, err
	}
	out := in.shown[:0]
	err = in.run(data, p.res, identity, 0, &out)
	in.shown = out[:0]
	out = in.dedupe.dedupe(upright(out))
	if len(out) == 0 {
		return nil, err
	}
	return append([]glyph(nil), out...), err
}

// quarter returns the direction of a baseline vector in quarter turns.
func quarter(dx, dy float64) uint8 {
	if math.Abs(dx) >= math.Abs(dy) {
		if dx >= 0 {
			return 0
		}
		return 2
	}
	if dy > 0 {
		return 1
	}
	return 3
}

// upright turns a page whose text mostly runs up, down or backwards (a
// landscape table printed onto a portrait page) so that it reads left to
// right; glyphs in other directions go along and are of no consequence.
func upright(gs []glyph) []glyph {
	var n [4]int
	for _, g := range gs {
		n[g.rot]++
	}
	rot := 0
	for r := 1; r < 4; r++ {
		if n[r] > n[rot] {
			rot = r
		}
	}
	for i := range gs {
		g := &gs[i]
		g.rot = uint8((int(g.rot) + 4 - rot) % 4) // now relative to the reading frame
		switch rot {
		case 1: // reading upwards: x' = y, y' = -x
			g.x, g.y = g.y, -g.x
		case 2:
			g.x, g.y = -g.x, -g.y
		case 3: // reading downwards: x' = -y, y' = x
			g.x, g.y = -g.y, g.x
		}
	}
	return gs
}

func readContents(c pdf.Value) ([]byte, error) {
	var buf bytes.Buffer
	return readContentsInto(&buf, c, nil)
}

// readContentsInto appends the decoded content streams of c to buf; z,
// if not nil, opens them.
func readContentsInto(buf *bytes.Buffer, c pdf.Value, z *inflater) ([]byte, error) {
	add := func(v pdf.Value) error {
		if v.Kind() != pdf.Stream {
			return nil
		}
		rc := z.open(v)
		defer rc.Close()
		n, err := io.Copy(buf, io.LimitReader(rc, maxStreamBytes+1-int64(buf.Len())))
		if buf.Len() > maxStreamBytes {
			return errors.New("page content exceeds 64 MiB")
		}
		if err != nil && n == 0 {
			return err
		}
		buf.WriteByte('\n')
		return nil
	}
	if c.Kind() == pdf.Array {
		for i := 0; i < c.Len() && i < 4096; i++ {
			if err := add(c.Index(i)); err != nil {
				return buf.Bytes(), err
			}
		}
		return buf.Bytes(), nil
	}
	err := add(c)
	return buf.Bytes(), err
}

// font returns the font a Tf names. local caches the stream's fonts by
// name (ledongthuc re-parses an object on every lookup); in.fonts shares
// them between pages by font object.
func (in *interp) font(res pdf.Value, name string, local map[string]*font) *font {
	if f, ok := local[name]; ok {
		return f
	}
	fv := res.Key("Font").Key(name)
	if fv.Kind() != pdf.Dict {
		local[name] = nil
		return nil
	}
	k, ok := keyOf(fv)
	if !ok {
		f := newFont(fv, name, in.cmaps, &in.streams)
		local[name] = f
		return f
	}
	fk := fontKey{k, name}
	f := in.fonts[fk]
	if f == nil {
		f = in.docFonts.get(fk, func() *font { return newFont(fv, name, in.cmaps, &in.streams) }).forReader()
		in.fonts[fk] = f
	}
	local[name] = f
	return f
}

// run interprets one content stream (a page or a form XObject).
func (in *interp) run(data []byte, res pdf.Value, ctm matrix, depth int, out *[]glyph) error {
	g := gstate{ctm: ctm, th: 1}
	var stack []gstate
	var tm, tlm matrix
	local := map[string]*font{}
	show := func(s string) {
		in.runs++
		f := g.font
		if f == nil { // no Tf: show bytes as Latin-1
			if in.noFont == nil {
				in.noFont = &font{name: "(no font)", base: "WinAnsiEncoding", memo: map[uint64]decoded{}}
			}
			f = in.noFont
		}
		for i := 0; i < len(s); {
			n := f.codeLen(s[i:])
			code := s[i : i+n]
			i += n
			d := f.decode(code)
			if !d.ok && in.undecoded != nil {
				in.undecoded[f.name]++
			}
			w0 := d.w0
			m := tm.mul(g.ctm)
			trm := matrix{g.tfs * g.th, 0, 0, g.tfs, 0, g.ts}.mul(m)
			ox, oy := trm[4], trm[5]
			var adv, vadv float64
			if f.vertical {
				// the current point is the glyph's vertical origin: the
				// horizontal origin is v = (vx, vy) left of and above it
				// (PDF 32000 9.7.4.3); the glyph advances by w1y (down)
				w1y, vx, vy := d.w1y, d.vx, d.vy
				p := matrix{1, 0, 0, 1, -vx / 1000 * g.tfs, -vy / 1000 * g.tfs}.mul(m)
				ox, oy = p[4], p[5]
				vadv = w1y/1000*g.tfs + g.tc
				if n == 1 && code[0] == ' ' {
					vadv += g.tw
				}
			} else {
				adv = w0 / 1000 * g.tfs
				if n == 1 && code[0] == ' ' {
					adv += g.tw
				}
				adv = (adv + g.tc) * g.th
			}
			if !d.blank && len(*out) < maxGlyphs {
				*out = append(*out, glyph{
					s: d.s, x: ox, y: oy,
					w:   w0 / 1000 * g.tfs * g.th * hypot(m[0], m[1]),
					h:   hypot(trm[2], trm[3]) * f.sizeScale(),
					run: in.runs,
					rot: quarter(trm[0], trm[1]),
				})
			}
			tm = matrix{1, 0, 0, 1, adv, vadv}.mul(tm)
		}
	}
	num := func(args []operand, i int) float64 {
		if i < len(args) && args[i].kind == kNum {
			return args[i].num
		}
		return 0
	}
	nextLine := func() {
		tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
		tm = tlm
	}
	if in.names == nil {
		in.names = map[string]string{}
	}
	lx := &lexer{b: data, names: in.names}
	return lx.run(func(op string, args []operand) error {
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				var m matrix
				for i := range m {
					m[i] = num(args, i)
				}
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tc":
			g.tc = num(args, 0)
		case "Tw":
			g.tw = num(args, 0)
		case "Tz":
			g.th = num(args, 0) / 100
		case "TL":
			g.tl = num(args, 0)
		case "Ts":
			g.ts = num(args, 0)
		case "Tf":
			if len(args) == 2 {
				g.font = in.font(res, args[0].str, local)
				g.tfs = num(args, 1)
			}
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					g.tl = -num(args, 1)
				}
				tlm = matrix{1, 0, 0, 1, num(args, 0), num(args, 1)}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if len(args) == 6 {
				for i := range tm {
					tm[i] = num(args, i)
				}
				tlm = tm
			}
		case "T*":
			nextLine()
		case "Tj", "'", "\"":
			if op != "Tj" {
				nextLine()
			}
			if op == "\"" && len(args) == 3 {
				g.tw, g.tc = num(args, 0), num(args, 1)
			}
			if n := len(args); n > 0 && args[n-1].kind == kStr {
				show(args[n-1].str)
			}
		case "TJ":
			if len(args) == 1 && args[0].kind == kArr {
				for _, e := range args[0].arr {
					switch e.kind {
					case kStr:
						show(e.str)
					case kNum:
						if g.font != nil && g.font.vertical {
							tm = matrix{1, 0, 0, 1, 0, -e.num / 1000 * g.tfs}.mul(tm)
							break
						}
						tx := -e.num / 1000 * g.tfs * g.th
						tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
					}
				}
			}
		case "Do":
			if len(args) == 1 && args[0].kind == kName && depth < maxFormDepth {
				return in.form(res, args[0].str, g.ctm, depth, out)
			}
		}
		return nil
	})
}

// hypot is math.Hypot, with the usual case of a zero side (upright
// text) taken directly: the other side, finite, is then the exact result.
func hypot(a, b float64) float64 {
	switch {
	case b == 0 && a-a == 0:
		return math.Abs(a)
	case a == 0 && b-b == 0:
		return math.Abs(b)
	}
	return math.Hypot(a, b)
}

// form interprets a form XObject drawn by Do.
func (in *interp) form(res pdf.Value, name string, ctm matrix, depth int, out *[]glyph) error {
	x := res.Key("XObject").Key(name)
	if x.Kind() != pdf.Stream || x.Key("Subtype").Name() != "Form" {
		return nil
	}
	m := identity
	if mv := x.Key("Matrix"); mv.Kind() == pdf.Array && mv.Len() == 6 {
		for i := range m {
			m[i] = mv.Index(i).Float64()
		}
	}
	fres := x.Key("Resources")
	if fres.Kind() != pdf.Dict {
		fres = res
	}
	var buf bytes.Buffer
	data, err := readContentsInto(&buf, x, &in.streams)
	if err != nil {
		return err
	}
	return in.run(data, fres, m.mul(ctm), depth+1, out)
}

// dedupe drops a glyph drawn again at (nearly) the same place with the
// same text: fake bold, shadows, and text drawn twice by some exporters.
func dedupe(gs []glyph) []glyph {
	var d deduper
	return d.dedupe(gs)
}

// deduper is dedupe with memory reused from page to page.
type deduper struct {
	cells map[uint64]int32 // a cell → the last glyph kept in it (index in out)
	prev  []int32          // a kept glyph → the one kept before it in its cell, or -1
}

// dedupe filters gs in place.
func (d *deduper) dedupe(gs []glyph) []glyph {
	if d.cells == nil {
		d.cells = make(map[uint64]int32, len(gs))
	}
	clear(d.cells)
	d.prev = d.prev[:0]
	// seen reports whether a kept glyph of text s is in the cell
	seen := func(out []glyph, s string, cx, cy int32) bool {
		k, ok := d.cells[cellKey(cx, cy)]
		for ok && k >= 0 {
			if out[k].s == s {
				return true
			}
			k = d.prev[k]
		}
		return false
	}
	out := gs[:0]
	for _, g := range gs {
		// cells of 0.15 em: the same text within a cell of here is a
		// copy (fake bold strokes are 0.02-0.1 em apart); the next digit
		// of a number is 0.5 em away
		q := math.Max(g.h*0.15, 0.3)
		cx, cy := int32(math.Round(g.x/q)), int32(math.Round(g.y/q))
		if seen(out, g.s, cx, cy) || seen(out, g.s, cx-1, cy) || seen(out, g.s, cx+1, cy) {
			continue
		}
		key := cellKey(cx, cy)
		last, ok := d.cells[key]
		if !ok {
			last = -1
		}
		d.prev = append(d.prev, last)
		d.cells[key] = int32(len(out))
		out = append(out, g)
	}
	return out
}

func cellKey(cx, cy int32) uint64 { return uint64(uint32(cx))<<32 | uint64(uint32(cy)) }
