package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFollowTraces checks the traces the package docs give a newcomer —
// one PDF cell from the command to its output (extract/doc.go), one
// report into the database (corpus/doc.go): at most five files, and every
// "a → b" in an item a call made in that item's file (a is declared there
// and its body calls b). Renaming or moving a link fails it.
func TestFollowTraces(t *testing.T) {
	for _, doc := range []struct{ file, start string }{
		{"extract/doc.go", "// # Following a cell"},
		{"corpus/doc.go", "// Following a report into the database"},
	} {
		t.Run(doc.file, func(t *testing.T) {
			items := traceItems(t, filepath.Join("..", "..", doc.file), doc.start)
			if len(items) == 0 || len(items) > 5 {
				t.Fatalf("%d files in the trace, want 1 to 5", len(items))
			}
			for _, it := range items {
				arrows := 0
				f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("..", "..", it.file), nil, 0)
				if err != nil {
					t.Fatalf("%s: %v", it.file, err)
				}
				for _, c := range chainRe.FindAllString(it.text, -1) {
					names := arrowRe.Split(strings.TrimRight(c, ".,;:"), -1)
					for k := 0; k+1 < len(names); k++ {
						arrows++
						from := funcDecl(f, names[k])
						if from == nil {
							t.Errorf("%s: %s is not declared there", it.file, names[k])
						} else if !calls(from, names[k+1]) {
							t.Errorf("%s: %s does not call %s", it.file, names[k], names[k+1])
						}
					}
				}
				if arrows == 0 {
					t.Errorf("%s: no call (a → b) named", it.file)
				}
			}
		})
	}
}

var (
	chainRe = regexp.MustCompile(`[\w.]+(?:\s*→\s*[\w.]+)+`)
	arrowRe = regexp.MustCompile(`\s*→\s*`)
	itemRe  = regexp.MustCompile(`^\s*\d\. ([\w/]+\.go): (.*)`)
)

type traceItem struct{ file, text string }

// traceItems reads the numbered items ("N. path.go: text", wrapped over
// comment lines) of the doc comment paragraph that starts with start.
func traceItems(t *testing.T, path, start string) []traceItem {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	var items []traceItem
	in := false
	for _, l := range lines {
		if strings.HasPrefix(l, start) {
			in = true
			continue
		}
		if !in {
			continue
		}
		body, ok := strings.CutPrefix(l, "//")
		if !ok || (strings.HasPrefix(body, " #") && len(items) > 0) {
			break
		}
		if m := itemRe.FindStringSubmatch(body); m != nil {
			items = append(items, traceItem{m[1], m[2]})
		} else if strings.TrimSpace(body) == "" {
			if len(items) > 0 {
				break
			}
		} else if len(items) > 0 {
			items[len(items)-1].text += " " + strings.TrimSpace(body)
		}
	}
	return items
}

// funcDecl finds "name" or "Type.method" among f's declarations.
func funcDecl(f *ast.File, name string) *ast.FuncDecl {
	recv, fn, ok := strings.Cut(name, ".")
	if !ok {
		recv, fn = "", name
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if ok && fd.Name.Name == fn && recvName(fd) == recv {
			return fd
		}
	}
	return nil
}

func recvName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return ""
	}
	x := fd.Recv.List[0].Type
	if s, ok := x.(*ast.StarExpr); ok {
		x = s.X
	}
	if id, ok := x.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// calls reports whether fd's body calls name ("f", "pkg.F" or
// "Type.method": the last part is compared with the called name).
func calls(fd *ast.FuncDecl, name string) bool {
	want := name[strings.LastIndex(name, ".")+1:]
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if ce, ok := n.(*ast.CallExpr); ok {
			switch fn := ce.Fun.(type) {
			case *ast.Ident:
				found = found || fn.Name == want
			case *ast.SelectorExpr:
				found = found || fn.Sel.Name == want
			}
		}
		return !found
	})
	return found
}

// TestRecoverPolicy: recover() is called only where a panic is meant to
// stop — around calls into a library known to panic on bad input
// (ledongthuc/pdf, gojieba's loader), where a goroutine carries a panic to
// its caller (layout.Catch), and at a batch's per-file boundary
// (extract.Contain) — so that a bug in our own code is never swallowed
// where it happens. A new recover() must be one of these or be added here
// with its reason.
func TestRecoverPolicy(t *testing.T) {
	allowed := map[string]string{
		"extract/pdfread.protect": "calls into ledongthuc/pdf",
		"segment.New":             "gojieba.NewJieba panics on a missing dictionary file",
		"extract/layout.Catch":    "carries a goroutine's panic to the goroutine waiting for it",
		"extract.Contain":         "a batch's per-file boundary",
	}
	found := map[string]bool{}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if ce, ok := n.(*ast.CallExpr); ok {
					if id, ok := ce.Fun.(*ast.Ident); ok && id.Name == "recover" {
						where := filepath.ToSlash(rel) + "." + fd.Name.Name
						if allowed[where] == "" {
							t.Errorf("%s: recover() in %s: not a library guard, a goroutine's carrier or a batch boundary", path, where)
						}
						found[where] = true
					}
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for where := range allowed {
		if !found[where] {
			t.Errorf("no recover() in %s any more: update the policy", where)
		}
	}
}
