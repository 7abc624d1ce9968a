package pdfread

import (
	_ "embed"
	"encoding/binary"
	"strings"
	"sync"
)

// Predefined CMaps and the Adobe-GB1 character collection, as poppler
// reads them from poppler-data: a font whose /Encoding names a predefined
// CMap (GBK-EUC-H, UniGB-UCS2-V, …) maps its codes to CIDs through that
// CMap, and a CIDFont of the Adobe-GB1 collection without a ToUnicode map
// gets its text from the CID through Adobe-GB1-UCS2.
//
// The tables are generated from Debian's poppler-data into predef.gen.go,
// predef_cmaps.bin and predef_gb1.bin (see gen_test.go):
//
//	apt-get install poppler-data
//	go generate ./extract/pdfread

//go:generate go test -run ^TestGenerateTables$ -gen

//go:embed predef_cmaps.bin
var predefCMapsBin string

//go:embed predef_gb1.bin
var predefGB1Bin string

// predefCMaps decodes the embedded CMaps on first use.
var predefCMaps = sync.OnceValue(func() map[string]*cmap {
	ms, _ := decodeCMaps(predefCMapsBin)
	out := make(map[string]*cmap, len(ms))
	for _, m := range ms {
		out[m.name] = m
	}
	return out
})

// identityCMap is Identity-H (wmode 0) or Identity-V: two-byte codes, CID
// = code.
func identityCMap(wmode int) *cmap {
	name := "Identity-H"
	if wmode == 1 {
		name = "Identity-V"
	}
	return &cmap{name: name, wmode: wmode,
		space: []codeRange{{n: 2, lo: [4]byte{0, 0}, hi: [4]byte{0xFF, 0xFF}}},
		cids:  []cidRange{{n: 2, lo: 0, hi: 0xFFFF, cid: 0}}}
}

// predefined returns the predefined CMap of a name, with its usecmap
// parent's codespace and ranges merged in, or nil if it is not one we
// have.
func predefined(name string) *cmap {
	switch name {
	case "Identity-H":
		return identityCMap(0)
	case "Identity-V":
		return identityCMap(1)
	}
	ms := predefCMaps()
	m := ms[name]
	if m == nil {
		return nil
	}
	out := &cmap{name: m.name, wmode: m.wmode, space: m.space}
	// the child's ranges override the parent's: look them up first
	for p, depth := m, 0; p != nil && depth < 4; p, depth = ms[p.use], depth+1 {
		if len(out.space) == 0 {
			out.space = p.space
		}
		out.parents = append(out.parents, p)
	}
	return out
}

// gb1Text returns the Unicode text of an Adobe-GB1 CID, or "" if the
// collection has none.
func gb1Text(cid uint32) string {
	if s, ok := gb1Multi[cid]; ok {
		return s
	}
	i := int(cid) * 2
	if i+1 >= len(predefGB1Bin) {
		return ""
	}
	u := rune(binary.LittleEndian.Uint16([]byte(predefGB1Bin[i : i+2])))
	if u == 0 {
		return ""
	}
	return string(u)
}

// isGBCMap reports whether a predefined CMap name belongs to Adobe-GB1.
func isGBCMap(name string) bool {
	return strings.HasPrefix(name, "GB") || strings.HasPrefix(name, "UniGB")
}

// encodeCMaps serialises CMaps (codespace, CID ranges, usecmap, WMode)
// for predef_cmaps.bin: per CMap its name, parent and wmode, the
// codespace ranges, then the CID ranges delta-coded as uvarints.
func encodeCMaps(ms []*cmap) []byte {
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(ms)))
	for _, m := range ms {
		str(m.name)
		str(m.use)
		b = append(b, byte(m.wmode))
		b = binary.AppendUvarint(b, uint64(len(m.space)))
		for _, r := range m.space {
			b = append(b, byte(r.n))
			b = append(b, r.lo[:r.n]...)
			b = append(b, r.hi[:r.n]...)
		}
		b = binary.AppendUvarint(b, uint64(len(m.cids)))
		var prevN uint8
		var prev uint32
		for _, r := range m.cids {
			if r.n != prevN {
				prevN, prev = r.n, 0
			}
			b = append(b, r.n)
			b = binary.AppendUvarint(b, uint64(r.lo-prev))
			b = binary.AppendUvarint(b, uint64(r.hi-r.lo))
			b = binary.AppendUvarint(b, uint64(r.cid))
			prev = r.lo
		}
	}
	return b
}

// decodeCMaps reads what encodeCMaps wrote. ok is false on a truncated
// or malformed table (the CMaps read until then are returned).
func decodeCMaps(s string) (ms []*cmap, ok bool) {
	b := []byte(s)
	uv := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	str := func() (string, bool) {
		n, ok := uv()
		if !ok || n > uint64(len(b)) {
			return "", false
		}
		s := string(b[:n])
		b = b[n:]
		return s, true
	}
	count, ok := uv()
	if !ok || count > 1024 {
		return nil, false
	}
	for i := uint64(0); i < count; i++ {
		m := &cmap{}
		var ok1, ok2 bool
		if m.name, ok1 = str(); !ok1 {
			return ms, false
		}
		if m.use, ok2 = str(); !ok2 || len(b) < 1 {
			return ms, false
		}
		m.wmode = int(b[0])
		b = b[1:]
		ns, ok := uv()
		if !ok || ns > 64 {
			return ms, false
		}
		for j := uint64(0); j < ns; j++ {
			if len(b) < 1 || b[0] < 1 || b[0] > 4 || len(b) < 1+2*int(b[0]) {
				return ms, false
			}
			r := codeRange{n: int(b[0])}
			copy(r.lo[:], b[1:1+r.n])
			copy(r.hi[:], b[1+r.n:1+2*r.n])
			b = b[1+2*r.n:]
			m.space = append(m.space, r)
		}
		nr, ok := uv()
		if !ok || nr > maxCMapEntries {
			return ms, false
		}
		m.cids = make([]cidRange, 0, nr)
		var prevN uint8
		var prev uint32
		for j := uint64(0); j < nr; j++ {
			if len(b) < 1 {
				return ms, false
			}
			n := b[0]
			b = b[1:]
			if n != prevN {
				prevN, prev = n, 0
			}
			d, ok1 := uv()
			span, ok2 := uv()
			cid, ok3 := uv()
			if !ok1 || !ok2 || !ok3 {
				return ms, false
			}
			lo := prev + uint32(d)
			m.cids = append(m.cids, cidRange{n: n, lo: lo, hi: lo + uint32(span), cid: uint32(cid)})
			prev = lo
		}
		ms = append(ms, m)
	}
	return ms, true
}
