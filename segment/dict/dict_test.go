package dict

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// content returns the uncompressed bytes of an embedded file.
func content(name string) ([]byte, error) {
	b, err := files.ReadFile(name)
	if err != nil || !strings.HasSuffix(name, ".gz") {
		return b, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}

func TestWriteAndReuse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sub", "dict")
	p, err := Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]int64{}
	for _, f := range p.List() {
		if filepath.Dir(f) != dir {
			t.Errorf("%s is not in %s", f, dir)
		}
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		sizes[f] = fi.Size()
	}
	if sizes[p.Dict] < 4<<20 || sizes[p.IDF] < 4<<20 || sizes[p.HMM] < 400<<10 {
		t.Errorf("dictionary sizes %v: not the gojieba files", sizes)
	}
	var total int64
	for _, n := range sizes {
		total += n
	}
	t.Logf("%d files, %.1f MB", len(sizes), float64(total)/1e6)

	// A second Write leaves intact files alone.
	before, _ := os.Stat(p.IDF)
	if _, err := Write(dir); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(p.IDF)
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("an intact file was rewritten")
	}

	// A damaged file (same size, other bytes) and a truncated one are
	// rewritten.
	b, _ := os.ReadFile(p.Dict)
	b[100] ^= 0x20
	os.WriteFile(p.Dict, b, 0o644)
	os.WriteFile(p.HMM, []byte("x"), 0o644)
	if _, err := Write(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{p.Dict, p.HMM} {
		got, _ := os.ReadFile(f)
		want, _ := content(map[string]string{p.Dict: "jieba.dict.utf8.gz", p.HMM: "hmm_model.utf8.gz"}[f])
		if !bytes.Equal(got, want) {
			t.Errorf("%s was not repaired", f)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestDirFromEnv(t *testing.T) {
	d := t.TempDir()
	t.Setenv(EnvDir, d)
	got, err := Dir()
	if err != nil || got != d {
		t.Errorf("Dir() = %q, %v; want %q", got, err, d)
	}
	t.Setenv(EnvDir, "")
	t.Setenv("XDG_CACHE_HOME", d)
	got, err = Dir()
	if err != nil || !strings.HasPrefix(got, filepath.Join(d, "nianbao", "jieba-"+JiebaVersion+"-")) {
		t.Errorf("Dir() = %q, %v; want a versioned directory under %q", got, err, d)
	}
}

func TestWriteRefusesBadDirs(t *testing.T) {
	base := t.TempDir()
	for _, d := range []string{filepath.Join(base, "a;b"), filepath.Join(base, "a|b")} {
		if _, err := Write(d); !errors.Is(err, ErrDir) {
			t.Errorf("Write(%q) = %v, want ErrDir", d, err)
		}
	}
	// A file where the directory should be.
	f := filepath.Join(base, "file")
	os.WriteFile(f, nil, 0o644)
	if _, err := Write(filepath.Join(f, "x")); !errors.Is(err, ErrDir) {
		t.Errorf("Write under a file = %v, want ErrDir", err)
	}
}

func TestUserDictionaryWellFormed(t *testing.T) {
	// cppjieba aborts the process on a user dictionary line it cannot
	// read; every line must be "word freq tag".
	b, err := content("nianbao.dict.utf8")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		f := strings.Split(line, " ")
		if len(f) != 3 || f[0] == "" || strings.Trim(f[1], "0123456789") != "" || f[2] == "" {
			t.Errorf("line %d %q: want \"word freq tag\"", i+1, line)
		}
		if seen[f[0]] {
			t.Errorf("line %d: %q twice", i+1, f[0])
		}
		seen[f[0]] = true
	}
}

func TestIDFWellFormed(t *testing.T) {
	// cppjieba skips a bad IDF line with a log line; ours must all be
	// "word idf", below the average IDF (~11.7) that unknown words get.
	b, err := content("nianbao.idf.utf8")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		f := strings.Split(line, " ")
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if len(f) != 2 || err != nil || v <= 0 || v >= 11 {
			t.Errorf("line %d %q: want \"word idf\" with 0 < idf < 11", i+1, line)
		}
	}
	// The written idf.utf8 ends with our lines.
	p, err := Write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p.IDF)
	if !bytes.HasSuffix(got, b) || !bytes.HasPrefix(got, []byte("劳动防护 ")) {
		t.Error("idf.utf8 is not gojieba's followed by ours")
	}
}

func TestWriteFallsBackToTemp(t *testing.T) {
	// A user cache directory that cannot be created: $XDG_CACHE_HOME is a
	// file.
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, nil, 0o644)
	t.Setenv(EnvDir, "")
	t.Setenv("XDG_CACHE_HOME", f)
	t.Setenv("TMPDIR", t.TempDir())
	p, err := Write("")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.Dict, os.TempDir()) {
		t.Errorf("dictionaries in %q, want them under %q", p.Dict, os.TempDir())
	}
	// With $NIANBAO_DICT_DIR set, its failure is the error.
	t.Setenv(EnvDir, filepath.Join(f, "sub"))
	if _, err := Write(""); !errors.Is(err, ErrDir) {
		t.Errorf("Write with a bad %s = %v, want ErrDir", EnvDir, err)
	}
}
