package digest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDigest(t *testing.T) {
	const empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got := Bytes(nil); got != empty {
		t.Errorf("Bytes(nil) = %s", got)
	}
	h := New()
	h.Write([]byte("a"))
	h.Write([]byte("bc"))
	if got := h.Sum(); got != abc || Bytes([]byte("abc")) != abc {
		t.Errorf("streamed %s, whole %s; want %s", got, Bytes([]byte("abc")), abc)
	}
	p := filepath.Join(t.TempDir(), "f")
	os.WriteFile(p, []byte("abc"), 0o644)
	if got, err := File(p); got != abc || err != nil {
		t.Errorf("File = %s, %v", got, err)
	}
	if _, err := File(p + ".missing"); err == nil {
		t.Error("File of a missing file: no error")
	}
}
