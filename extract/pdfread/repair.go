package pdfread

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"sync"
)

// ledongthuc insists on "%PDF-1.x" + newline at byte 0, "%%EOF" at the end
// and a startxref that points at the cross-reference table. Real files
// break each of these (junk before the header, "%PDF-1.6 " with a space, a
// %PDF-2.0 header, a truncated tail, a wrong startxref) and other readers
// cope. repair builds a corrected view of the file in memory, without
// changing any object: the bytes from the header on, a 1.x header, and a
// new "startxref N %%EOF" tail whose N is the last xref table or stream.

const maxRepairBytes = 256 << 20

var (
	objDefRe    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[\r\n])(\d{1,7})[ \t]+(\d{1,5})[ \t]+obj\b`) })
	catalogRe   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Type\s*/Catalog\b`) })
	xrefTableRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[\r\n])xref[\r\n \t]`) })
	objStartRe  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|[\r\n])\d+\s+\d+\s+obj\b`) })
)

// repair returns a repaired copy of the file, and what was done; ok is
// false if there was nothing it knew how to fix.
func repair(r io.ReaderAt, size int64) (data []byte, what []string, ok bool) {
	if size > maxRepairBytes {
		return nil, nil, false
	}
	data = make([]byte, size)
	if n, err := r.ReadAt(data, 0); int64(n) != size && !errors.Is(err, io.EOF) {
		return nil, nil, false
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	at := bytes.Index(head, []byte("%PDF-"))
	if at < 0 {
		return nil, nil, false
	}
	if at > 0 {
		data = data[at:]
		what = append(what, "dropped "+strconv.Itoa(at)+" bytes before %PDF-")
	}
	if len(data) < 10 {
		return nil, nil, false
	}
	if v := data[5:9]; !(v[0] == '1' && v[1] == '.' && v[2] >= '0' && v[2] <= '7' && (v[3] == '\n' || v[3] == '\r')) {
		// overwrite in place (same length), keep the bytes after
		fixed := append([]byte(nil), data...)
		copy(fixed[5:9], "1.7\n")
		data = fixed
		what = append(what, "header "+strconv.Quote(string(v))+" read as 1.7")
	}
	off := lastXref(data)
	if off < 0 {
		return data, what, len(what) > 0
	}
	tail := data
	if i := bytes.LastIndex(data, []byte("startxref")); i >= 0 {
		tail = data[:i]
	}
	fixed := append(append([]byte(nil), tail...), "\nstartxref\n"+strconv.Itoa(off)+"\n%%EOF\n"...)
	what = append(what, "startxref set to the last cross-reference at "+strconv.Itoa(off))
	return fixed, what, true
}

// lastXref finds the offset of the last classic xref table, or of the
// last xref stream object, or -1.
func lastXref(data []byte) int {
	best := -1
	for _, m := range xrefTableRe().FindAllIndex(data, -1) {
		at := m[0]
		if data[at] == '\r' || data[at] == '\n' {
			at++
		}
		best = at
	}
	if best >= 0 {
		return best
	}
	// an xref stream: the object around the last /Type /XRef
	i := bytes.LastIndex(data, []byte("/XRef"))
	if i < 0 {
		return -1
	}
	from := i - 4096
	if from < 0 {
		from = 0
	}
	for _, m := range objStartRe().FindAllIndex(data[from:i], -1) {
		best = from + m[0]
		if data[best] == '\r' || data[best] == '\n' {
			best++
		}
	}
	return best
}

// maxObjects bounds a rebuilt cross-reference table.
const maxObjects = 1 << 22

// rebuildXref appends a new cross-reference table and trailer built by
// scanning the file for "N G obj" (the last definition of a number wins)
// and for the catalog, as other readers do when the table's offsets are
// wrong or it is gone. Objects inside object streams cannot be found this
// way. ok is false without a catalog.
func rebuildXref(data []byte) (fixed []byte, ok bool) {
	type def struct{ off, gen int }
	defs := map[int]def{}
	maxID, root := 0, -1
	for _, m := range objDefRe().FindAllSubmatchIndex(data, -1) {
		id, err1 := strconv.Atoi(string(data[m[2]:m[3]]))
		gen, err2 := strconv.Atoi(string(data[m[4]:m[5]]))
		if err1 != nil || err2 != nil || id <= 0 || id >= maxObjects {
			continue
		}
		defs[id] = def{m[2], gen}
		if id > maxID {
			maxID = id
		}
		head := data[m[1]:min(len(data), m[1]+1024)]
		if i := bytes.Index(head, []byte("endobj")); i >= 0 {
			head = head[:i]
		}
		if catalogRe().Match(head) {
			root = id
		}
	}
	if root < 0 {
		return nil, false
	}
	var b bytes.Buffer
	b.Write(data)
	b.WriteString("\n")
	at := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", maxID+1)
	for id := 1; id <= maxID; id++ {
		if d, ok := defs[id]; ok {
			fmt.Fprintf(&b, "%010d %05d n \n", d.off, d.gen)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d %d R >>\nstartxref\n%d\n%%%%EOF\n", maxID+1, root, defs[root].gen, at)
	return b.Bytes(), true
}
