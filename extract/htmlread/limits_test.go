package htmlread

import (
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/layout"
)

// TestErrors checks that bad input gives a *layout.Error wrapping the
// right sentinel, with the line where there is one.
func TestErrors(t *testing.T) {
	plain := `<html><head><title>某某区人民政府</title></head><body><div class="nav"><a href="/">首页</a></div>
<div class="content"><h1>区领导调研春耕生产</h1><p>4月2日，区领导深入田间地头调研春耕备耕工作，要求各级各部门抓好粮食生产。</p></div></body></html>`
	cases := []struct {
		name string
		in   string
		opt  Options
		want error
		line int
	}{
		{"empty", "", Options{}, layout.ErrEmpty, 0},
		{"blank", " \n\t\n", Options{}, layout.ErrEmpty, 0},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02\x00\x00\x00\xd3\x10?1", Options{}, layout.ErrUnsupported, 2},
		{"binary on line 3", "<html>\n<body>\n\x00\x00\x01\x02\x03\x04\x05\x06\x07\x08", Options{}, layout.ErrUnsupported, 3},
		{"no text", "<html><body><p>hello world</p><table><tr><td>1</td><td>2</td></tr></table></body></html>", Options{}, layout.ErrNotReport, 1},
		{"plain page", plain, Options{}, layout.ErrNotReport, 2},
		{"unknown charset", "<p>政府信息公开</p>", Options{Charset: "klingon"}, layout.ErrUnsupported, 0},
		{"nested deeper than x/net/html allows", "<p>政府信息公开</p>" + strings.Repeat("<div>", 600), Options{}, layout.ErrCorrupt, 0},
		{"too large", strings.Repeat("<p>政府信息公开</p>", 10), Options{MaxSize: int64(10*len("<p>政府信息公开</p>") - 1)}, layout.ErrTooLarge, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Read(strings.NewReader(c.in), c.opt)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v (doc %v)", err, c.want, doc)
			}
			var le *layout.Error
			if !errors.As(err, &le) {
				t.Fatalf("err %T is not a *layout.Error", err)
			}
			if le.Line != c.line {
				t.Errorf("line %d, want %d (%v)", le.Line, c.line, err)
			}
			if err.Error() == "" {
				t.Error("empty message")
			}
		})
	}
	// the plain page is read when asked to
	if _, err := Read(strings.NewReader(plain), Options{AnyPage: true}); err != nil {
		t.Errorf("AnyPage: %v", err)
	}
}

// TestMaxSize checks the size limit just below, at and above the limit.
func TestMaxSize(t *testing.T) {
	page := strings.Repeat("<p>政府信息公开</p>", 10)
	for _, c := range []struct {
		max  int
		fail bool
	}{{len(page) + 1, false}, {len(page), false}, {len(page) - 1, true}} {
		_, err := Read(strings.NewReader(page), Options{MaxSize: int64(c.max)})
		if got := errors.Is(err, layout.ErrTooLarge); got != c.fail {
			t.Errorf("MaxSize %d for %d bytes: err = %v", c.max, len(page), err)
		}
	}
}

// TestMaxDepth checks the depth limit just below and above the nesting
// of a table: under the limit it is a grid, over it plain text.
func TestMaxDepth(t *testing.T) {
	const nest = 20
	page := "<p>政府信息公开</p>" + strings.Repeat("<div>", nest) +
		"<table><tr><td>规章</td><td>1</td></tr></table>" + strings.Repeat("</div>", nest)
	// html, body, 20 divs: the table is at depth 22 below the document
	for _, c := range []struct {
		depth int
		grid  bool
	}{{30, true}, {22, true}, {21, false}, {5, false}} {
		doc, err := Read(strings.NewReader(page), Options{MaxDepth: c.depth})
		if err != nil {
			t.Fatal(err)
		}
		grids := 0
		for _, b := range doc.Blocks {
			if b.Grid != nil {
				grids++
			}
		}
		if (grids == 1) != c.grid {
			t.Errorf("MaxDepth %d: %d grids, text %q, notes %q", c.depth, grids, doc.Text(), layout.NoteStrings(doc.Notes))
		}
		if !strings.Contains(doc.Text(), "规章") {
			t.Errorf("MaxDepth %d: text lost: %q", c.depth, doc.Text())
		}
	}
}
