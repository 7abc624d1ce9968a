package extract

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFollowACell checks the "Following a cell" section of doc.go: at
// most five files, each item's arrows calls made in that item's file
// ("a → b": a is declared in the file and its body calls b).
func TestFollowACell(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	i := strings.Index(text, "// # Following a cell")
	j := strings.Index(text, "// # How tables are read")
	if i < 0 || j < i {
		t.Fatal("doc.go has no section Following a cell")
	}
	var body strings.Builder
	for _, l := range strings.Split(text[i:j], "\n") {
		body.WriteString(strings.TrimPrefix(strings.TrimPrefix(l, "//"), " ") + " ")
	}
	var got [][2]string
	rest := body.String()
	for {
		m := regexp.MustCompile(`\s\d\. ([\w/]+\.go): `).FindStringSubmatchIndex(rest)
		if m == nil {
			break
		}
		file := rest[m[2]:m[3]]
		rest = rest[m[1]:]
		end := regexp.MustCompile(`\s\d\. [\w/]+\.go: |The files those`).FindStringIndex(rest)
		if end == nil {
			t.Fatalf("item %s does not end", file)
		}
		got = append(got, [2]string{file, rest[:end[0]]})
	}
	if len(got) == 0 || len(got) > 5 {
		t.Fatalf("%d files in Following a cell, want 1 to 5", len(got))
	}
	chain := regexp.MustCompile(`[\w.]+(?:\s*→\s*[\w.]+)+`)
	arrows := 0
	for _, it := range got {
		path := filepath.Join("..", it[0])
		fset := gotoken.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatalf("%s: %v", it[0], err)
		}
		for _, c := range chain.FindAllString(it[1], -1) {
			names := regexp.MustCompile(`\s*→\s*`).Split(strings.TrimRight(c, "."), -1)
			for k := 0; k+1 < len(names); k++ {
				from := funcDecl(f, names[k])
				if from == nil {
					t.Errorf("%s: %s is not declared there", it[0], names[k])
					continue
				}
				if !calls(from, names[k+1]) {
					t.Errorf("%s: %s does not call %s", it[0], names[k], names[k+1])
				}
				arrows++
			}
		}
	}
	if arrows < 10 {
		t.Errorf("only %d arrows checked", arrows)
	}
}

// funcDecl finds "name" or "Type.method" among f's declarations.
func funcDecl(f *ast.File, name string) *ast.FuncDecl {
	recv, fn, ok := strings.Cut(name, ".")
	if !ok {
		recv, fn = "", name
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != fn {
			continue
		}
		if recvName(fd) == recv {
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
// "Type.method": the selector's last part is compared).
func calls(fd *ast.FuncDecl, name string) bool {
	want := name[strings.LastIndex(name, ".")+1:]
	found := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		ce, ok := n.(*ast.CallExpr)
		if !ok {
			return !found
		}
		switch fn := ce.Fun.(type) {
		case *ast.Ident:
			found = found || fn.Name == want
		case *ast.SelectorExpr:
			found = found || fn.Sel.Name == want
		}
		return !found
	})
	return found
}
