package fetch

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadManifest(t *testing.T) {
	dir := t.TempDir()
	if es, err := ReadManifest(dir); err != nil || es != nil {
		t.Fatalf("no manifest: %v, %v", es, err)
	}
	lines := `{"url":"http://a/1","path":"a/1.html","kind":"page","error":"boom"}
{"url":"http://a/2","path":"a/2.pdf","kind":"attachment"}

{"url":"http://a/1","path":"a/1.html","kind":"page"}
{"url":"http://a/3","pa`
	name := filepath.Join(dir, ManifestName)
	if err := os.WriteFile(name, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	es, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].URL != "http://a/1" || !es[0].OK() || es[1].URL != "http://a/2" {
		t.Fatalf("got %+v", es)
	}

	// Appending drops the cut line first, so every line is whole.
	m, err := openManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.append(Entry{URL: "http://a/3", Path: "a/3.pdf"}); err != nil {
		t.Fatal(err)
	}
	m.Close()
	b, _ := os.ReadFile(name)
	if strings.Contains(string(b), `"pa`+"\n") || !strings.HasSuffix(string(b), "\"kind\":\"\"}\n") {
		t.Errorf("manifest after append:\n%s", b)
	}
	if es, err := ReadManifest(dir); err != nil || len(es) != 3 {
		t.Errorf("after append: %+v, %v", es, err)
	}

	// A bad line in the middle is an error that says where.
	os.WriteFile(name, []byte("{\"url\":\"x\"}\nnot json\n{\"url\":\"y\"}\n"), 0o644)
	_, err = ReadManifest(dir)
	var me *ManifestError
	if !errors.As(err, &me) || me.Line != 2 {
		t.Errorf("bad line: %v", err)
	}
}

func TestReadURLs(t *testing.T) {
	got, err := ReadURLs(strings.NewReader("# reports\nhttp://a/1\n\n  http://a/2  \n"))
	if err != nil || len(got) != 2 || got[1] != "http://a/2" {
		t.Errorf("got %q, %v", got, err)
	}
}
