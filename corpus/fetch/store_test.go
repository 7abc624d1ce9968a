package fetch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/corpus/fetch/manifest"
	"github.com/nianbao/nianbao/extract/digest"
)

func TestFileName(t *testing.T) {
	for _, tc := range []struct{ url, ctype, disp, want string }{
		{"http://x/a/2023.pdf", "application/pdf", "", "2023.pdf"},
		{"http://x/a/%E5%B9%B4%E6%8A%A5.doc", "application/msword", "", "年报.doc"},
		{"http://x/dl.jsp?id=1", "application/pdf", `attachment; filename="report.pdf"`, "report.pdf"},
		{"http://x/dl.jsp?id=1", "application/pdf", `attachment; filename*=UTF-8''%E5%B9%B4%E6%8A%A5.pdf`, "年报.pdf"},
		{"http://x/dl.jsp?id=1", "application/pdf", `attachment; filename="%E5%B9%B4%E6%8A%A5.pdf"`, "年报.pdf"},
		{"http://x/dl.jsp?id=1", "application/pdf", "attachment; filename=" + gbk("年报.pdf"), "年报.pdf"},
		{"http://x/dl.jsp?id=1", "application/pdf", "attachment; filename=年报 2020.pdf", "年报 2020.pdf"},
		{"http://x/dl.jsp?id=1", "application/pdf", `attachment; filename="../../etc/passwd"`, "passwd.pdf"},
		{"http://x/dl.jsp?id=1", "application/pdf", `attachment; filename="..\..\boot.ini"`, "boot.ini.pdf"},
		{"http://x/dl.jsp?id=1", "", `attachment; filename=".."`, "dl.jsp"},
		{"http://x/a/..%2F..%2Fx.pdf", "", "", "x.pdf"},
		{"http://x/", "text/html", "", "index.html"},
		{"http://x/a/content.jsp?id=3", "text/html; charset=gbk", "", "content.jsp.html"},
		{"http://x/a/t2021_1.shtml", "text/html", "", "t2021_1.shtml"},
		{"http://x/a/.hidden", "application/pdf", "", "hidden.pdf"},
		{"http://x/a/b%3Cc%3E%7C%00.pdf", "", "", "b_c___.pdf"},
		{"http://x/a/f.wps", "application/msword", "", "f.wps"},
		{"http://x/a/f", "application/octet-stream", "", "f"},
	} {
		if got := fileName(mustURL(tc.url), tc.ctype, tc.disp); got != tc.want {
			t.Errorf("fileName(%s, %q, %q) = %q, want %q", tc.url, tc.ctype, tc.disp, got, tc.want)
		}
	}
	for in, want := range map[string]string{
		"http://x/a/b/../c/./d.pdf":                      "x/a/b/c/d.pdf",
		"http://x/%2E%2E/%2e%2e/d.pdf":                   "x/d.pdf",
		"http://x/a%2F..%2F..%2Fb/d.pdf":                 "x/b/d.pdf",
		"http://x/a/d.pdf?id=1&x=2":                      "x/a/d-069f5c35.pdf",
		"http://x/" + strings.Repeat("a/", 20) + "d.pdf": "x/" + strings.Repeat("a/", 9) + "d.pdf",
	} {
		if got := relPath(manifest.Attachment, mustURL(in), "application/pdf", ""); got != want {
			t.Errorf("relPath(%s) = %q, want %q", in, got, want)
		}
	}
	long := fileName(mustURL("http://x/"+strings.Repeat("%E5%B9%B4", 200)+".pdf"), "", "")
	if len(long) > 150 || !strings.HasSuffix(long, ".pdf") || !strings.HasPrefix(long, "年年") {
		t.Errorf("long name %q (%d bytes)", long, len(long))
	}
	if got := relPath(manifest.Listing, mustURL("http://WWW.X.gov.cn:8080/a/"), "text/html", ""); got != ".listing/www.x.gov.cn_8080/a/index.html" {
		t.Errorf("relPath = %q", got)
	}
}

func TestStoreCommit(t *testing.T) {
	dir := t.TempDir()
	s, err := newStore(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	put := func(content, rel string) (string, string) {
		t.Helper()
		f, err := s.temp()
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(content)
		f.Close()
		sum, _ := digest.File(f.Name())
		p, moved, err := s.commit(f.Name(), sum, rel)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(f.Name()); err == nil {
			t.Errorf("temporary file %s left", f.Name())
		}
		return p, moved
	}
	a, _ := put("one", "h/b.pdf")
	b, _ := put("one", "h/c.pdf")   // same content: stored once
	c, _ := put("two", "h/b.pdf")   // same name, other content
	d, _ := put("three", "h/b.pdf") // and another
	if a != "h/b.pdf" || b != a || c == a || d == a || d == c || !strings.HasPrefix(c, "h/b-") {
		t.Errorf("paths %q %q %q %q", a, b, c, d)
	}
	// The same content under a name that sorts first: the file moves.
	if p, moved := put("one", "h/a.pdf"); p != "h/a.pdf" || moved != "h/b.pdf" {
		t.Errorf("move: %q from %q", p, moved)
	}
	if got := tree(t, dir); got["h/a.pdf"] == "" || got["h/b.pdf"] != "" || len(got) != 3 {
		t.Errorf("files after the move: %v", got)
	}
	// A file left in place by a run killed before its manifest line is
	// taken as it is.
	os.WriteFile(filepath.Join(dir, "h", "k.pdf"), []byte("four"), 0o644)
	if p, _ := put("four", "h/k.pdf"); p != "h/k.pdf" {
		t.Errorf("left file: %q", p)
	}
	if _, _, err := s.commit("nothing", strings.Repeat("0", 64), "../x.pdf"); err == nil {
		t.Error("commit outside the directory accepted")
	}
	// A new store empties .tmp.
	f, _ := s.temp()
	f.Close()
	if _, err := newStore(dir, nil); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, tmpDir)); len(ents) != 0 {
		t.Errorf(".tmp not emptied: %v", ents)
	}
}
