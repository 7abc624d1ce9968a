package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	if es, err := Read(dir); err != nil || es != nil {
		t.Fatalf("no manifest: %v, %v", es, err)
	}
	lines := `{"url":"http://a/1","path":"a/1.html","kind":"page","error":"boom"}
{"url":"http://a/2","path":"a/2.pdf","kind":"attachment"}

{"url":"http://a/1","path":"a/1.html","kind":"page"}
{"url":"http://a/3","pa`
	name := filepath.Join(dir, Name)
	if err := os.WriteFile(name, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	es, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].URL != "http://a/1" || !es[0].OK() || es[1].URL != "http://a/2" {
		t.Fatalf("got %+v", es)
	}

	// Appending drops the cut line first, so every line is whole.
	m, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Append(Entry{URL: "http://a/3", Path: "a/3.pdf"}); err != nil {
		t.Fatal(err)
	}
	m.Close()
	b, _ := os.ReadFile(name)
	if strings.Contains(string(b), `"pa`+"\n") || !strings.HasSuffix(string(b), "\"kind\":\"\"}\n") {
		t.Errorf("manifest after append:\n%s", b)
	}
	if es, err := Read(dir); err != nil || len(es) != 3 {
		t.Errorf("after append: %+v, %v", es, err)
	}

	// A bad line in the middle is an error that says where.
	os.WriteFile(name, []byte("{\"url\":\"x\"}\nnot json\n{\"url\":\"y\"}\n"), 0o644)
	_, err = Read(dir)
	var me *Error
	if !errors.As(err, &me) || me.Line != 2 {
		t.Errorf("bad line: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("{\"url\":\"a\"}\n{\"url\":\"a\",\"path\":\"x\"}\n{\"url\""))
	f.Add([]byte("\n\n{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		es, _ := Parse("m", data)
		seen := map[string]bool{}
		for _, e := range es {
			if e.URL == "" || seen[e.URL] {
				t.Fatalf("entry %+v", e)
			}
			seen[e.URL] = true
		}
	})
}
