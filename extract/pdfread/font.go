package pdfread

import (
	"bytes"
	"io"
	"math"
	"reflect"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// font is what the interpreter needs of a PDF font: how long a character
// code is, its text, and its advance (horizontal or, in vertical writing
// mode, downward).
type font struct {
	name     string // BaseFont (else the resource name), for notes
	kind     fontKind
	enc      *cmap              // Type0: codespace and code → CID
	toUni    *cmap              // ToUnicode, or nil
	gb1      bool               // Type0 whose CIDs are Adobe-GB1: text from gb1Text
	uniCodes bool               // Type0 with a UniGB-UCS2/UTF16 CMap: the code is UTF-16
	vertical bool               // Type0 with WMode 1 (Identity-V, …-V)
	base     string             // simple: base encoding name
	diff     [256]string        // simple: glyph names of /Differences
	memo     map[uint64]decoded // codeKey of a code → what decode gives
	widths   map[int]float64    // Type0: CID → width in 1/1000 em
	dw       float64            // Type0: default width, 0 = unknown
	w2       map[int][3]float64
	dw2      [2]float64 // vy, w1y
	first    int
	simpleW  []float64
	fm       [6]float64 // Type3 FontMatrix
}

type fontKind uint8

const (
	fontSimple fontKind = iota
	fontType0
	fontType3
)

// decoded is one character code's text and CID (Type0) or code, with
// what showing it takes (worked out once per code, with the text).
type decoded struct {
	s     string
	ok    bool // false: the font gives the code no text
	cid   int
	blank bool    // s is only white space: nothing to place
	w0    float64 // horizontal advance in 1/1000 em, estimated if the font gives none
	// vertical writing: advance (negative: downward) and position
	// vector, in 1/1000 em (see vmetrics)
	w1y, vx, vy float64
}

// objKey identifies a PDF object for caches and cycle checks. ledongthuc
// keeps the object number unexported; reflection reads it without
// modifying anything. ok is false if the field cannot be found (a
// changed library), and callers then fall back to not caching.
type objKey struct {
	id  uint64
	gen uint64
}

func keyOf(v pdf.Value) (objKey, bool) {
	rv := reflect.ValueOf(v)
	p := rv.FieldByName("ptr")
	if !p.IsValid() || p.Kind() != reflect.Struct || p.NumField() < 2 {
		return objKey{}, false
	}
	id, gen := p.Field(0), p.Field(1)
	if !isUint(id) || !isUint(gen) {
		return objKey{}, false
	}
	return objKey{id.Uint(), gen.Uint()}, true
}

func isUint(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// Limits on what one font may make us read.
const (
	maxWEntries = 1 << 16 // W / W2 entries, Widths
	maxCMapSize = 4 << 20 // decoded CMap stream
)

// newFont reads a font dictionary; resName names it when it has no
// BaseFont. It may panic on malformed input; the page reader recovers.
func newFont(v pdf.Value, resName string, cm *cmapCache, z *inflater) *font {
	f := &font{memo: map[uint64]decoded{}, name: v.Key("BaseFont").Name()}
	if f.name == "" {
		f.name = resName
	}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if m := cm.get(tu, z); m != nil && m.hasUnicode() {
			f.toUni = m
		}
	}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.kind = fontType0
		d := v.Key("DescendantFonts").Index(0)
		e := v.Key("Encoding")
		switch e.Kind() {
		case pdf.Name:
			f.enc = predefined(e.Name())
			f.gb1 = isGBCMap(e.Name())
			// UniGB-UCS2-H and the Unicode CMaps of other collections
			// (UniJIS-UCS2-H, …): the code is the text where no table says
			f.uniCodes = strings.Contains(e.Name(), "UCS2") || strings.Contains(e.Name(), "UTF16")
			if f.enc == nil && f.uniCodes {
				f.enc = identityCMap(0)
				if strings.HasSuffix(e.Name(), "-V") {
					f.enc.wmode = 1
				}
			}
		case pdf.Stream:
			if shared := cm.get(e, z); shared != nil {
				m := *shared // completed below: the parsed CMap is shared between pages
				f.enc = &m
				if p := predefined(m.use); p != nil {
					m.parents = append(append([]*cmap(nil), p.parents...), p)
					if len(m.space) == 0 {
						m.space = p.space
					}
					f.gb1 = isGBCMap(m.use)
				}
				if wm := e.Key("WMode"); wm.Kind() == pdf.Integer {
					m.wmode = int(wm.Int64())
				}
			}
		}
		if f.enc == nil {
			f.enc = identityCMap(0) // unknown CMap: two-byte codes, nothing decodes
		}
		f.vertical = f.enc.wmode == 1
		si := d.Key("CIDSystemInfo")
		if si.Key("Registry").RawString() == "Adobe" && si.Key("Ordering").RawString() == "GB1" {
			f.gb1 = true
		}
		f.dw = 1000
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.widths = readW(d.Key("W"))
		if f.vertical {
			f.dw2 = [2]float64{880, -1000}
			if dw2 := d.Key("DW2"); dw2.Kind() == pdf.Array && dw2.Len() == 2 {
				f.dw2 = [2]float64{dw2.Index(0).Float64(), dw2.Index(1).Float64()}
			}
			f.w2 = readW2(d.Key("W2"))
		}
		return f
	case "Type3":
		f.kind = fontType3
		f.fm = [6]float64{0.001, 0, 0, 0.001, 0, 0}
		if m := v.Key("FontMatrix"); m.Kind() == pdf.Array && m.Len() == 6 {
			for i := range f.fm {
				f.fm[i] = m.Index(i).Float64()
			}
		}
	}
	f.first = int(v.Key("FirstChar").Int64())
	w := v.Key("Widths")
	n := min(w.Len(), 256)
	for i := 0; i < n; i++ {
		f.simpleW = append(f.simpleW, w.Index(i).Float64())
	}
	e := v.Key("Encoding")
	switch e.Kind() {
	case pdf.Name:
		f.base = e.Name()
	case pdf.Dict:
		f.base = e.Key("BaseEncoding").Name()
		d := e.Key("Differences")
		code := -1
		for i := 0; i < d.Len() && i < 1024; i++ {
			x := d.Index(i)
			switch x.Kind() {
			case pdf.Integer:
				code = int(x.Int64())
			case pdf.Name:
				if code >= 0 && code < 256 {
					f.diff[code] = x.Name()
				}
				code++
			}
		}
	}
	return f
}

// shared holds what the page readers of one document, running in
// parallel, make once per key: the first to ask makes it while the
// others wait for it. If making it panics (malformed objects), each
// asker makes it again itself and panics the same way, on its own page.
type shared[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]*sharedEntry[V]
}

type sharedEntry[V any] struct {
	once sync.Once
	v    V
	ok   bool // made without panicking
}

// get returns the value of k, made by make if nobody has yet. A nil
// shared makes it every time.
func (s *shared[K, V]) get(k K, make func() V) V {
	if s == nil {
		return make()
	}
	s.mu.Lock()
	if s.m == nil {
		s.m = map[K]*sharedEntry[V]{}
	}
	e := s.m[k]
	if e == nil {
		e = &sharedEntry[V]{}
		s.m[k] = e
	}
	s.mu.Unlock()
	e.once.Do(func() {
		e.v = make()
		e.ok = true
	})
	if !e.ok {
		return make()
	}
	return e.v
}

// cmapCache holds the CMap streams of one document, parsed once and
// shared (read-only) by the page readers running in parallel.
type cmapCache struct {
	shared[objKey, *cmap]
}

// get returns the parsed CMap of a stream, read with z (which may be
// nil). A nil cache parses every time.
func (c *cmapCache) get(v pdf.Value, z *inflater) *cmap {
	k, ok := keyOf(v)
	if c == nil || !ok {
		return readCMapStream(v, z)
	}
	return c.shared.get(k, func() *cmap { return readCMapStream(v, z) })
}

// fontCache holds the fonts of one document, read once and shared by
// the page readers running in parallel; each reader decodes with its own
// copy (see forReader).
type fontCache struct {
	shared[fontKey, *font]
}

// forReader returns a copy of a shared font with a decoding memo of its
// own: the rest of a font is not changed once read.
func (f *font) forReader() *font {
	if f == nil {
		return nil
	}
	c := *f
	c.memo = map[uint64]decoded{}
	return &c
}

// readCMapStream parses a CMap stream (at most maxCMapSize bytes), read
// with z, whose buffer then holds the decoded stream, if z is not nil.
func readCMapStream(v pdf.Value, z *inflater) *cmap {
	rc := z.open(v)
	defer rc.Close()
	var buf bytes.Buffer
	if z != nil {
		buf = *bytes.NewBuffer(z.text[:0])
	}
	_, err := buf.ReadFrom(io.LimitReader(rc, maxCMapSize))
	b := buf.Bytes()
	if z != nil {
		z.text = b[:0] // parseCMap copies what it keeps
	}
	if err != nil && len(b) == 0 {
		return nil
	}
	return parseCMap(b)
}

// readW reads a CIDFont W array: c [w1 w2 …] or cFirst cLast w.
func readW(w pdf.Value) map[int]float64 {
	m := map[int]float64{}
	n := w.Len()
	for i := 0; i < n && len(m) < maxWEntries; {
		c := int(w.Index(i).Int64())
		if i+1 >= n {
			break
		}
		nx := w.Index(i + 1)
		if nx.Kind() == pdf.Array {
			for j := 0; j < nx.Len() && j < maxWEntries; j++ {
				m[c+j] = nx.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		last := int(nx.Int64())
		wd := w.Index(i + 2).Float64()
		for k := c; k <= last && k-c < maxWEntries; k++ {
			m[k] = wd
		}
		i += 3
	}
	return m
}

// readW2 reads a CIDFont W2 array (vertical metrics): c [w1y vx vy …]
// or cFirst cLast w1y vx vy.
func readW2(w pdf.Value) map[int][3]float64 {
	m := map[int][3]float64{}
	n := w.Len()
	for i := 0; i+1 < n && len(m) < maxWEntries; {
		c := int(w.Index(i).Int64())
		nx := w.Index(i + 1)
		if nx.Kind() == pdf.Array {
			for j := 0; j+2 < nx.Len() && j < 3*maxWEntries; j += 3 {
				m[c+j/3] = [3]float64{nx.Index(j).Float64(), nx.Index(j + 1).Float64(), nx.Index(j + 2).Float64()}
			}
			i += 2
			continue
		}
		if i+4 >= n {
			break
		}
		last := int(nx.Int64())
		e := [3]float64{w.Index(i + 2).Float64(), w.Index(i + 3).Float64(), w.Index(i + 4).Float64()}
		for k := c; k <= last && k-c < maxWEntries; k++ {
			m[k] = e
		}
		i += 5
	}
	return m
}

// codeLen returns the length of the character code at the start of s.
func (f *font) codeLen(s string) int {
	if f.kind != fontType0 {
		return 1
	}
	n, _ := f.enc.codeLen(s)
	return min(n, len(s))
}

// decode returns the text and CID of one character code. Text comes from
// the ToUnicode map first; for Type0 fonts then from the Adobe-GB1
// collection, then (UniGB CMaps) from the code itself; for simple fonts
// from the /Differences glyph name, then the base encoding.
func (f *font) decode(code string) decoded {
	c := codeOf(code) // codes are 1 to 4 bytes: codeKey tells them apart
	key := codeKey(c, len(code))
	if d, ok := f.memo[key]; ok && len(code) <= 4 {
		return d
	}
	d := decoded{cid: int(c)}
	if f.toUni != nil {
		if t, ok := f.toUni.unicode(c, len(code)); ok && meaningful(t) {
			d.s, d.ok = t, true
		}
	}
	if f.kind == fontType0 {
		cid, ok := f.enc.cid(c, len(code))
		d.cid = int(cid)
		switch {
		case d.ok:
		case ok && f.gb1:
			d.s = gb1Text(cid)
			d.ok = d.s != ""
		}
		if !d.ok && f.uniCodes && len(code) >= 2 {
			d.s = string(utf16.Decode(utf16Units(code)))
			d.ok = !strings.ContainsRune(d.s, '\uFFFD')
		}
	} else if !d.ok {
		if name := f.diff[code[0]]; name != "" {
			// the name replaces the base encoding's character: a name we
			// cannot read ("g33") leaves the code undecoded
			d.s = glyphNameText(name)
			d.ok = d.s != ""
		} else if f.kind != fontType3 {
			d.s, d.ok = baseEncoding(f.base, code[0])
		}
	}
	if !d.ok {
		d.s = "\uFFFD"
	}
	d.blank = strings.TrimSpace(d.s) == ""
	d.w0 = f.width(d)
	if d.w0 <= 0 {
		d.w0 = estimateWidth(d.s)
	}
	if f.vertical {
		d.w1y, d.vx, d.vy = f.vmetrics(d, d.w0)
	}
	if len(f.memo) < 1<<16 && len(code) <= 4 {
		f.memo[key] = d
	}
	return d
}

// meaningful reports whether a ToUnicode target is text: not empty and
// not only control or private-use characters (some producers map glyphs
// they cannot name to U+0000 or the private-use area).
func meaningful(t string) bool {
	for _, r := range t {
		if r >= 0x20 && !(r >= 0x7F && r < 0xA0) && !(r >= 0xE000 && r <= 0xF8FF) && r < 0xF0000 {
			return true
		}
	}
	return false
}

// width returns the horizontal advance of a code in 1/1000 em, or 0 if
// the font does not say.
func (f *font) width(d decoded) float64 {
	if f.kind == fontType0 {
		if w, ok := f.widths[d.cid]; ok {
			return w
		}
		if len(f.widths) > 0 {
			return f.dw
		}
		return 0 // no W array: Word-style fonts, estimate
	}
	if i := d.cid - f.first; i >= 0 && i < len(f.simpleW) {
		if f.kind == fontType3 {
			return f.simpleW[i] * f.fm[0] * 1000
		}
		return f.simpleW[i]
	}
	return 0
}

// vmetrics returns a vertical-mode glyph's advance w1y (negative:
// downward) and position vector (vx, vy), in 1/1000 em; w0 is its
// horizontal width (vx defaults to half of it).
func (f *font) vmetrics(d decoded, w0 float64) (w1y, vx, vy float64) {
	if m, ok := f.w2[d.cid]; ok {
		return m[0], m[1], m[2]
	}
	return f.dw2[1], w0 / 2, f.dw2[0]
}

// sizeScale is the glyph height relative to the font size: 1, except for
// Type3 fonts, whose FontMatrix sets their own glyph space.
func (f *font) sizeScale() float64 {
	if f.kind == fontType3 && f.fm[3] != 0 {
		return math.Abs(f.fm[3]) * 1000
	}
	return 1
}

// estimateWidth guesses a glyph advance (1/1000 em) from its text when the
// font gives none: full width for CJK and full-width forms, half otherwise.
func estimateWidth(t string) float64 {
	for _, r := range t {
		if isWide(r) {
			return 1000
		}
		if r == ' ' {
			return 250
		}
		return 500
	}
	return 500
}

// isWide reports whether r is set full-width in Chinese text.
func isWide(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0xFF01 && r <= 0xFF60 || r >= 0x3000 && r <= 0x303F ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…'
}
