package segment

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/yanyiwu/gojieba"

	"github.com/nianbao/nianbao/extract"
)

// TestFieldTermsStayWhole checks that the user dictionary keeps the
// field's terms in one piece.
func TestFieldTermsStayWhole(t *testing.T) {
	s := seg(t)
	tests := []struct{ text, term string }{
		{"深入推进政务公开工作", "政务公开"},
		{"规范依申请公开办理流程", "依申请公开"},
		{"认真贯彻政府信息公开条例的规定", "政府信息公开条例"},
		{"依法收取信息处理费", "信息处理费"},
		{"加强政务新媒体管理", "政务新媒体"},
		{"危及“三安全一稳定”的信息", "三安全一稳定"},
		{"因政府信息公开申请提起行政复议", "行政复议"},
		{"被提起行政诉讼的案件", "行政诉讼"},
		{"通过政府网站和微信公众号发布", "微信公众号"},
		{"召开新闻发布会介绍情况", "新闻发布会"},
		{"在政府公报上刊登", "政府公报"},
		{"本年度结转下年度继续办理", "结转下年度"},
		{"2020年全区收到申请", "2020"}, // HMM on: the year stays whole
	}
	for _, tt := range tests {
		words := s.Cut(tt.text)
		found := false
		for _, w := range words {
			found = found || w == tt.term
		}
		if !found {
			t.Errorf("Cut(%q) = %q: %q not whole", tt.text, strings.Join(words, "/"), tt.term)
		}
		if strings.Join(words, "") != tt.text {
			t.Errorf("Cut(%q) does not cover the text: %q", tt.text, words)
		}
	}
}

// TestNormalize checks what gojieba would get wrong: invalid UTF-8 (an
// empty result) and NUL (the text cut short).
func TestNormalize(t *testing.T) {
	s := seg(t)
	in := "政务公开\xff\xfe工作\x00年度报告"
	words := s.Cut(in)
	if got := strings.Join(words, ""); got != "政务公开\uFFFD工作年度报告" {
		t.Errorf("Cut(%q) covers %q", in, got)
	}
	if !strings.Contains(strings.Join(words, "/"), "年度报告") {
		t.Errorf("text after NUL lost: %q", words)
	}
	if got := s.Cut(""); len(got) != 0 {
		t.Errorf("Cut(\"\") = %q", got)
	}
	if got := blank("a\x00b\xffc"); got != "a b c" {
		t.Errorf("blank = %q", got)
	}
	if got := s.Keywords("\xff\x00", 5); len(got) != 0 {
		t.Errorf("Keywords of junk = %q", got)
	}
}

// TestTagOffsets checks that Tag's offsets point at its words.
func TestTagOffsets(t *testing.T) {
	text := reportText(t, "pingtan-2022.txt")
	toks := seg(t).Tag(text)
	if len(toks) < 1000 {
		t.Fatalf("%d tokens", len(toks))
	}
	n := Normalize(text)
	end := 0
	for _, tk := range toks {
		if n[tk.Start:tk.End] != tk.Word || tk.Start != end {
			t.Fatalf("token %q at %d:%d, previous ended at %d", tk.Word, tk.Start, tk.End, end)
		}
		end = tk.End
	}
	if end != len(n) {
		t.Errorf("tokens end at %d of %d", end, len(n))
	}
}

// TestOwnInstance loads an instance of its own (one load: each costs
// 0.6 s and 140 MB) from a fresh directory while gojieba's own default
// paths point nowhere, as on a machine without the module cache: the
// segmenter must not need them. Then it checks KeywordsPerSection < 0 and
// that a closed segmenter answers without crashing.
func TestOwnInstance(t *testing.T) {
	saved := []*string{&gojieba.DICT_PATH, &gojieba.HMM_PATH, &gojieba.USER_DICT_PATH, &gojieba.IDF_PATH, &gojieba.STOP_WORDS_PATH}
	var old []string
	for _, p := range saved {
		old = append(old, *p)
		*p = "/nonexistent/gojieba/dict/" + filepath.Base(*p)
	}
	defer func() {
		for i, p := range saved {
			*p = old[i]
		}
	}()
	dir := filepath.Join(t.TempDir(), "dict")
	s, err := New(Options{Dir: dir, KeywordsPerSection: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.Dir(), dir) {
		t.Errorf("loaded from %q, want %q", s.Dir(), dir)
	}
	if got := strings.Join(s.Cut("依申请公开"), "/"); got != "依申请公开" {
		t.Errorf("Cut = %q: user dictionary not loaded", got)
	}
	rec := record(t, "pingtan-2021.txt")
	if err := s.Annotate(rec); err != nil {
		t.Fatal(err)
	}
	if len(fieldsOf(rec, "keyword", -1)) != 0 {
		t.Error("keywords added with KeywordsPerSection < 0")
	}
	if len(fieldsOf(rec, "quantity", -1)) == 0 {
		t.Error("no quantity found by the instance")
	}
	s.Close()
	s.Close()
	if got := s.Cut("政务公开"); got != nil {
		t.Errorf("Cut after Close = %q", got)
	}
	if err := s.Annotate(rec); !errors.Is(err, ErrClosed) {
		t.Errorf("Annotate after Close = %v, want ErrClosed", err)
	}
}

// TestLoadErrors checks that a directory that cannot be used gives an
// error, not a panic or an abort.
func TestLoadErrors(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, nil, 0o644)
	for _, d := range []string{filepath.Join(f, "sub"), filepath.Join(t.TempDir(), "a;b")} {
		if s, err := New(Options{Dir: d}); !errors.Is(err, ErrLoad) || s != nil {
			t.Errorf("New(%q) = %v, %v; want ErrLoad", d, s, err)
		}
	}
}

// TestConcurrentAnnotate runs Annotate and Cut from many goroutines on
// the shared segmenter and compares with one goroutine's results. Run it
// with -race.
func TestConcurrentAnnotate(t *testing.T) {
	s := seg(t)
	names := []string{"pingtan-2021.txt", "pingtan-2022.txt", "pingtan-2020.txt", "guyuan-kjj-2020.txt", "huaian-2024-word.html"}
	want := map[string][]extract.Field{}
	for _, n := range names {
		rec := record(t, n)
		if err := s.Annotate(rec); err != nil {
			t.Fatal(err)
		}
		want[n] = rec.Fields
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 2; i++ {
				n := names[(g+i)%len(names)]
				rec := record(t, n)
				if err := s.Annotate(rec); err != nil {
					errs <- err.Error()
					return
				}
				if !sameFields(rec.Fields, want[n]) {
					errs <- n + ": fields differ under concurrency"
				}
				if got := strings.Join(s.Cut("依申请公开办结69件"), "/"); got != "依申请公开/办结/69/件" {
					errs <- "Cut: " + got
				}
				runtime.GC() // give a finalizer a chance to run mid-call
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func sameFields(a, b []extract.Field) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestTrimpathBinary builds a program with -trimpath (so gojieba's
// compile-time dictionary path does not exist) and runs it from an empty
// directory with an empty HOME: the embedded dictionaries must be
// written and used.
func TestTrimpathBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "cutcheck")
	build := exec.Command(gobin, "build", "-trimpath", "-o", bin, "./internal/cutcheck")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	home := filepath.Join(tmp, "home")
	os.Mkdir(home, 0o755)
	run := exec.Command(bin)
	run.Dir = tmp
	run.Env = []string{"HOME=" + home, "PATH=/usr/bin:/bin"}
	run.Stdin = strings.NewReader("本年度全区共收到70件申请，依申请公开办结69件。")
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 || lines[0] != "本年度/全区/共/收到/70/件/申请/，/依申请公开/办结/69/件/。" {
		t.Fatalf("output %q", out)
	}
	if _, err := os.Stat(filepath.Join(lines[1], "jieba.dict.utf8")); err != nil || !strings.HasPrefix(lines[1], home) {
		t.Errorf("dictionaries in %q, want them written under the user cache dir in %q (%v)", lines[1], home, err)
	}
}
