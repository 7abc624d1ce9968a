package pdfread

import (
	"bytes"
	"compress/zlib"
	"io"
	"reflect"

	"github.com/ledongthuc/pdf"
)

// inflater reads the data of the usual stream, FlateDecode alone, with
// one zlib reader and buffer reused from stream to stream: ledongthuc's
// Value.Reader makes a new zlib reader (some 45 kB) and a buffered
// section reader for each. Every other stream, and every stream when the
// file's bytes are not at hand, goes through Value.Reader.
type inflater struct {
	src  io.ReaderAt // the bytes the pdf.Reader reads, or nil
	raw  []byte
	text []byte // for a caller to decode a stream into
	br   bytes.Reader
	zr   io.ReadCloser // a zlib reader once made
}

// open returns a reader of the decoded data of stream v, as v.Reader()
// gives it.
func (z *inflater) open(v pdf.Value) io.ReadCloser {
	if z == nil || z.src == nil {
		return v.Reader()
	}
	off, n, ok := plainFlate(v)
	if !ok || !z.within(off, n) {
		return v.Reader()
	}
	if int64(cap(z.raw)) < n {
		z.raw = make([]byte, n)
	}
	raw := z.raw[:n]
	got, err := z.src.ReadAt(raw, off)
	if err != nil && err != io.EOF {
		return v.Reader()
	}
	z.br.Reset(raw[:got])
	if z.zr == nil {
		zr, err := zlib.NewReader(&z.br)
		if err != nil {
			return v.Reader() // panics as before: the caller recovers
		}
		z.zr = zr
	} else if err := z.zr.(zlib.Resetter).Reset(&z.br, nil); err != nil {
		return v.Reader()
	}
	return io.NopCloser(z.zr)
}

// within reports whether a stream's bytes [off, off+n) can lie in the
// file: /Length is the file's word, and a buffer is made for it, so a
// /Length beyond the file (or beyond any input we accept) goes through
// Value.Reader, which reads what is there.
func (z *inflater) within(off, n int64) bool {
	const most = 256 << 20 // above the PDF input limit
	if off < 0 || n > most {
		return false
	}
	if s, ok := z.src.(interface{ Size() int64 }); ok {
		return off+n <= s.Size()
	}
	return true
}

// plainFlate returns the offset and /Length of a stream that Value.Reader
// would read by inflating its bytes with nothing else: not encrypted,
// /Filter /FlateDecode, no /Predictor, a length above 0. ledongthuc keeps
// the offset unexported; reflection reads it (and whether the file is
// encrypted) without changing anything, and ok is false if the fields
// are not found (a changed library).
func plainFlate(v pdf.Value) (off, n int64, ok bool) {
	if v.Kind() != pdf.Stream {
		return 0, 0, false
	}
	rv := reflect.ValueOf(v)
	data, r := rv.FieldByName("data"), rv.FieldByName("r")
	if data.Kind() != reflect.Interface || r.Kind() != reflect.Pointer || r.IsNil() {
		return 0, 0, false
	}
	s := data.Elem()
	if s.Kind() != reflect.Struct {
		return 0, 0, false
	}
	o := s.FieldByName("offset")
	key := r.Elem().FieldByName("key")
	if o.Kind() != reflect.Int64 || key.Kind() != reflect.Slice || !key.IsNil() {
		return 0, 0, false
	}
	n = v.Key("Length").Int64()
	f := v.Key("Filter")
	if n <= 0 || f.Kind() != pdf.Name || f.Name() != "FlateDecode" || v.Key("DecodeParms").Key("Predictor").Kind() != pdf.Null {
		return 0, 0, false
	}
	return o.Int(), n, true
}
