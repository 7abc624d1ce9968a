package docxread

import (
	"bytes"
	"encoding/binary"
	"io"
	"unicode/utf16"
)

// encryptedName is "EncryptedPackage" as an OLE2 directory entry name
// (UTF-16LE), the stream in which Office stores an encrypted OOXML file.
var encryptedName = func() []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune("EncryptedPackage")) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}()

// encryptedOLE reports whether the OLE2 compound file r holds a stream
// named EncryptedPackage. Directory entries are 128 bytes long and sit at
// 128-byte-aligned offsets after the 512-byte header, whatever the sector
// size, so the file is scanned entry by entry rather than through its
// FAT, which a damaged file may not have intact.
func encryptedOLE(r io.ReaderAt, size int64) bool {
	const entry = 128
	buf := make([]byte, 64<<10)
	for off := int64(512); off < size; off += int64(len(buf)) {
		n, err := r.ReadAt(buf, off)
		for i := 0; i+entry <= n; i += entry {
			e := buf[i : i+entry]
			if binary.LittleEndian.Uint16(e[0x40:]) == uint16(len(encryptedName)+2) &&
				e[0x42] == 2 && bytes.Equal(e[:len(encryptedName)], encryptedName) {
				return true
			}
		}
		if err != nil {
			return false
		}
	}
	return false
}
