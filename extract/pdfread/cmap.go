package pdfread

import (
	"bytes"
	"sort"
	"unicode/utf16"
)

// CMaps: a font's ToUnicode map (character code → text), an embedded
// encoding CMap (character code → CID), and the predefined CMaps named by
// /Encoding (predef.go). All are read by parseCMap with the content-stream
// lexer; the operators are those of Adobe Technical Note #5014/#5099:
// begincodespacerange, bfchar/bfrange, cidchar/cidrange, notdefchar/
// notdefrange, usecmap, and /WMode.

const (
	maxCMapEntries = 1 << 17 // chars and ranges in one CMap
	maxCMapSpan    = 1 << 16 // codes one bfrange with a string destination may cover
)

// codeRange is one codespace range: codes of n bytes, each byte between
// the bytes of lo and hi.
type codeRange struct {
	n      int
	lo, hi [4]byte
}

// cidRange maps codes lo..hi (of n bytes) to consecutive CIDs from cid.
type cidRange struct {
	n      uint8
	lo, hi uint32
	cid    uint32
}

// uniRange maps codes lo..hi to text: either dst with its last UTF-16
// unit incremented per code, or one entry of arr per code.
type uniRange struct {
	n      uint8
	lo, hi uint32
	dst    []uint16
	arr    []string
}

// cmap is a parsed CMap. Lookups take a code and its byte length: <20>
// and <0020> are different codes.
type cmap struct {
	name     string
	use      string // usecmap: the parent's name
	wmode    int    // 1: vertical
	space    []codeRange
	cids     []cidRange // sorted by (n, lo) after finish
	uniChars map[uint64]string
	uniRngs  []uniRange
	parents  []*cmap // predefined CMaps consulted after cids, in order
}

// codeKey packs a code and its length.
func codeKey(code uint32, n int) uint64 { return uint64(n)<<32 | uint64(code) }

// codeOf returns the big-endian value of up to 4 bytes.
func codeOf(b string) uint32 {
	var c uint32
	for i := 0; i < len(b) && i < 4; i++ {
		c = c<<8 | uint32(b[i])
	}
	return c
}

// parseCMap reads a CMap program. It never fails: what it cannot read it
// skips, and a CMap without usable entries is empty.
func parseCMap(data []byte) *cmap {
	m := &cmap{uniChars: make(map[uint64]string, bfcharCount(data))}
	lx := &lexer{b: data}
	var args []operand
	entries := 0
	for {
		o, op, ok, err := lx.next(0)
		if err != nil || !ok {
			break
		}
		if op == "" {
			if len(args) < 2*maxCMapEntries {
				args = append(args, o)
			}
			continue
		}
		switch op {
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := args[i].str, args[i+1].str
				if args[i].kind != kStr || args[i+1].kind != kStr || len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				r := codeRange{n: len(lo)}
				copy(r.lo[:], lo)
				copy(r.hi[:], hi)
				m.space = append(m.space, r)
			}
		case "endbfchar":
			for i := 0; i+1 < len(args) && entries < maxCMapEntries; i += 2 {
				src, dst := args[i], args[i+1]
				if src.kind != kStr || len(src.str) == 0 || len(src.str) > 4 {
					continue
				}
				var t string
				switch dst.kind {
				case kStr:
					t = utf16String(dst.str)
				case kName:
					t = glyphNameText(dst.str)
				default:
					continue
				}
				m.uniChars[codeKey(codeOf(src.str), len(src.str))] = t
				entries++
			}
		case "endbfrange":
			for i := 0; i+2 < len(args) && entries < maxCMapEntries; i += 3 {
				lo, hi, dst := args[i], args[i+1], args[i+2]
				if lo.kind != kStr || hi.kind != kStr || len(lo.str) == 0 || len(lo.str) > 4 || len(hi.str) != len(lo.str) {
					continue
				}
				r := uniRange{n: uint8(len(lo.str)), lo: codeOf(lo.str), hi: codeOf(hi.str)}
				if r.hi < r.lo {
					continue
				}
				switch dst.kind {
				case kStr:
					if r.hi-r.lo >= maxCMapSpan || len(dst.str) < 2 {
						continue
					}
					r.dst = utf16Units(dst.str)
				case kArr:
					for _, e := range dst.arr {
						if e.kind == kStr {
							r.arr = append(r.arr, utf16String(e.str))
						} else {
							r.arr = append(r.arr, "")
						}
					}
					if len(r.arr) == 0 {
						continue
					}
				default:
					continue
				}
				m.uniRngs = append(m.uniRngs, r)
				entries++
			}
		case "endcidchar", "endnotdefchar":
			for i := 0; i+1 < len(args) && entries < maxCMapEntries; i += 2 {
				src, cid := args[i], args[i+1]
				if src.kind != kStr || len(src.str) == 0 || len(src.str) > 4 || cid.kind != kNum || cid.num < 0 {
					continue
				}
				c := codeOf(src.str)
				m.cids = append(m.cids, cidRange{n: uint8(len(src.str)), lo: c, hi: c, cid: uint32(cid.num)})
				entries++
			}
		case "endcidrange", "endnotdefrange":
			for i := 0; i+2 < len(args) && entries < maxCMapEntries; i += 3 {
				lo, hi, cid := args[i], args[i+1], args[i+2]
				if lo.kind != kStr || hi.kind != kStr || len(lo.str) == 0 || len(lo.str) > 4 || len(hi.str) != len(lo.str) || cid.kind != kNum || cid.num < 0 {
					continue
				}
				r := cidRange{n: uint8(len(lo.str)), lo: codeOf(lo.str), hi: codeOf(hi.str), cid: uint32(cid.num)}
				if r.hi < r.lo {
					continue
				}
				m.cids = append(m.cids, r)
				entries++
			}
		case "usecmap":
			if n := len(args); n > 0 && args[n-1].kind == kName {
				m.use = args[n-1].str
			}
		case "def":
			if len(args) == 2 && args[0].kind == kName && args[1].kind == kNum && args[0].str == "WMode" {
				m.wmode = int(args[1].num)
			}
			if len(args) == 2 && args[0].kind == kName && args[1].kind == kName && args[0].str == "CMapName" {
				m.name = args[1].str
			}
		}
		args = args[:0]
		lx.done()
	}
	m.finish()
	return m
}

// bfcharCount adds up the counts the CMap declares before its
// beginbfchar operators ("100 beginbfchar"), at most maxCMapEntries: a
// size for the map of single codes, which would otherwise grow step by
// step. A wrong count only sizes the map wrongly.
func bfcharCount(data []byte) int {
	const op = "beginbfchar"
	n := 0
	for rest := data; n < maxCMapEntries; {
		i := bytes.Index(rest, []byte(op))
		if i < 0 {
			break
		}
		j := i
		for j > 0 && isWhite(rest[j-1]) {
			j--
		}
		c, mul := 0, 1
		for ; j > 0 && rest[j-1] >= '0' && rest[j-1] <= '9' && mul <= 1000; j-- {
			c += int(rest[j-1]-'0') * mul
			mul *= 10
		}
		n += c
		rest = rest[i+len(op):]
	}
	return min(n, maxCMapEntries)
}

// finish sorts the CID ranges for lookup.
func (m *cmap) finish() {
	sort.SliceStable(m.cids, func(i, j int) bool {
		if m.cids[i].n != m.cids[j].n {
			return m.cids[i].n < m.cids[j].n
		}
		return m.cids[i].lo < m.cids[j].lo
	})
}

// utf16Units reads big-endian UTF-16 code units (an odd last byte is
// dropped).
func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

// utf16String decodes a ToUnicode destination: UTF-16BE; a single byte is
// taken as its Latin-1 character.
func utf16String(s string) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	return string(utf16.Decode(utf16Units(s)))
}

// codeLen returns the length of the code at the start of s from the
// codespace ranges: the shortest range whose bytes all match. With no
// match it returns the length of the shortest range whose first byte
// matches, else 1 (PDF 32000 9.7.6.3: a partial match still consumes a
// code).
func (m *cmap) codeLen(s string) (n int, ok bool) {
	best := 0
	for _, r := range m.space {
		if r.n > len(s) || (best != 0 && r.n >= best) {
			continue
		}
		match := true
		for k := 0; k < r.n; k++ {
			if s[k] < r.lo[k] || s[k] > r.hi[k] {
				match = false
				break
			}
		}
		if match {
			best = r.n
		}
	}
	if best > 0 {
		return best, true
	}
	for _, r := range m.space {
		if r.n <= len(s) && s[0] >= r.lo[0] && s[0] <= r.hi[0] && (best == 0 || r.n < best) {
			best = r.n
		}
	}
	if best > 0 {
		return best, false
	}
	return 1, false
}

// cid maps a code to a CID through the CMap and then its parents.
func (m *cmap) cid(code uint32, n int) (uint32, bool) {
	if c, ok := m.ownCID(code, n); ok {
		return c, true
	}
	for _, p := range m.parents {
		if c, ok := p.ownCID(code, n); ok {
			return c, true
		}
	}
	return 0, false
}

func (m *cmap) ownCID(code uint32, n int) (uint32, bool) {
	rs := m.cids
	i := sort.Search(len(rs), func(i int) bool {
		return int(rs[i].n) > n || int(rs[i].n) == n && rs[i].hi >= code
	})
	if i < len(rs) && int(rs[i].n) == n && rs[i].lo <= code && code <= rs[i].hi {
		return rs[i].cid + code - rs[i].lo, true
	}
	return 0, false
}

// unicode maps a code to text through the bf entries.
func (m *cmap) unicode(code uint32, n int) (string, bool) {
	if t, ok := m.uniChars[codeKey(code, n)]; ok {
		return t, true
	}
	for k := len(m.uniRngs) - 1; k >= 0; k-- { // later entries win
		r := &m.uniRngs[k]
		if int(r.n) != n || code < r.lo || code > r.hi {
			continue
		}
		off := code - r.lo
		if r.arr != nil {
			if int(off) < len(r.arr) {
				return r.arr[off], true
			}
			return "", false
		}
		u := append([]uint16(nil), r.dst...)
		u[len(u)-1] += uint16(off)
		return string(utf16.Decode(u)), true
	}
	return "", false
}

// hasUnicode reports whether the CMap maps codes to text.
func (m *cmap) hasUnicode() bool { return len(m.uniChars) > 0 || len(m.uniRngs) > 0 }
