package ocr

import (
	"image"
	"strings"
	"testing"
)

// looseWords lays out lines of words at 200 dpi: each line is words
// separated by "|", placed at the x positions given, 30 pixels high, line
// i at ys[i].
func looseWords(lines []string, ys, xs []int) []word {
	var ws []word
	for i, l := range lines {
		y := ys[i]
		for k, t := range strings.Split(l, "|") {
			if t == "" {
				continue
			}
			x := xs[k]
			ws = append(ws, word{x0: x, y0: y, x1: x + 20*len([]rune(t)), y1: y + 30, text: t, conf: 90})
		}
	}
	return ws
}

// TestLooseTable: lines of a label and numbers aligned by spaces make a
// grid (label column and one column per number position, a label line
// wrapped below its values joining that row); prose with numbers in it
// does not.
func TestLooseTable(t *testing.T) {
	xs := []int{100, 700, 900, 1100}
	ws := looseWords([]string{
		"本年新收政府信息公开申请数量|3001|53|3119",
		"上年结转政府信息公开申请数量|34|0|34",
		"予以公开|1288|21|1362",
		"（区分处理的）",
		"部分公开|447|7|454",
	}, []int{100, 160, 220, 255, 340}, xs)
	ts := findLooseTables(ws, 200, image.Rect(0, 0, 1654, 2339))
	if len(ts) != 1 {
		t.Fatalf("%d tables, want 1", len(ts))
	}
	tb := ts[0]
	if len(tb.xs) != 5 || len(tb.ys) != 5 {
		t.Fatalf("%d column and %d row boundaries, want 5 and 5 (xs %v ys %v)", len(tb.xs), len(tb.ys), tb.xs, tb.ys)
	}
	// the wrapped label line (y 255-285) is in the third row
	if y := 270; y < tb.ys[2] || y >= tb.ys[3] {
		t.Errorf("wrapped label at y %d outside row 3 %d-%d", y, tb.ys[2], tb.ys[3])
	}
	for k, x := range []int{710, 910, 1110} {
		if x < tb.xs[k+1] || x >= tb.xs[k+2] {
			t.Errorf("column %d: x %d outside %d-%d", k+2, x, tb.xs[k+1], tb.xs[k+2])
		}
	}
	prose := looseWords([]string{
		"共受理政府信息公开申请|3119|件，答复|3050|件",
		"其中结果维持|72|件，结果纠正|64|件",
		"尚未审结|37|件，其他结果|178|件",
	}, []int{100, 160, 220}, []int{100, 540, 620, 760, 840})
	if ts := findLooseTables(prose, 200, image.Rect(0, 0, 1654, 2339)); len(ts) != 0 {
		t.Errorf("prose taken for a table: %+v", ts)
	}
}
