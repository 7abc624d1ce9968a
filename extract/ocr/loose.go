package ocr

import (
	"image"
	"math"
	"sort"
	"strings"
)

// Tables printed without ruling lines (values aligned by spaces) are found
// among the words Tesseract reads on the page outside the ruled tables:
// rows by text lines (words grouped by their vertical extent, whatever
// Tesseract's blocks), columns by the gaps between the numbers of those
// lines. A run of at least minLooseRows lines that each hold two or more
// numbers apart from each other, the last word a number, is a table: its
// columns are the x ranges its numbers occupy (overlapping ranges of
// different lines merged), the label column what lies left of the first;
// its rows are the number lines, with the lines of label text between
// them going to the nearer one (labels wrapped above and below their
// values). Its cells are then OCR'd like those of a ruled table.

// minLooseRows is the fewest number lines that make a table without rules.
const minLooseRows = 3

// textLine is words on one line of the page.
type textLine struct {
	ws             []word
	x0, y0, x1, y1 int
	numbers        int // words that are numbers, apart from each other
}

// textLines groups words into lines by their vertical overlap, top to
// bottom, each line's words left to right.
func textLines(ws []word) []textLine {
	sorted := append([]word(nil), ws...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].y0+sorted[i].y1 < sorted[j].y0+sorted[j].y1 })
	var out []textLine
	for _, w := range sorted {
		c := (w.y0 + w.y1) / 2
		if n := len(out); n > 0 && c >= out[n-1].y0 && c <= out[n-1].y1 {
			l := &out[n-1]
			l.ws = append(l.ws, w)
			l.x0, l.x1 = min(l.x0, w.x0), max(l.x1, w.x1)
			l.y0, l.y1 = min(l.y0, w.y0), max(l.y1, w.y1)
			continue
		}
		out = append(out, textLine{ws: []word{w}, x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1})
	}
	for i := range out {
		sort.Slice(out[i].ws, func(a, b int) bool { return out[i].ws[a].x0 < out[i].ws[b].x0 })
	}
	return out
}

func isNumberWord(s string) bool {
	return numericLike().MatchString(strings.ReplaceAll(s, " ", ""))
}

// countNumbers counts a line's number words that stand apart (gap at
// least minGap from the previous word) and tells whether it ends with one.
func countNumbers(l *textLine, minGap int) bool {
	l.numbers = 0
	for i, w := range l.ws {
		if !isNumberWord(w.text) {
			continue
		}
		if i > 0 && w.x0-l.ws[i-1].x1 < minGap {
			continue
		}
		l.numbers++
	}
	last := l.ws[len(l.ws)-1]
	return isNumberWord(last.text)
}

// findLooseTables finds the tables without rules among the words of a
// page of the given bounds.
func findLooseTables(ws []word, dpi float64, page image.Rectangle) []table {
	lines := textLines(ws)
	minGap := int(dpi * 0.1)
	valueLine := make([]bool, len(lines))
	for i := range lines {
		ends := countNumbers(&lines[i], minGap)
		valueLine[i] = ends && lines[i].numbers >= 2
	}
	var out []table
	for i := 0; i < len(lines); {
		if !valueLine[i] {
			i++
			continue
		}
		// a run of number lines, at most two label lines between two
		rows := []int{i}
		j := i + 1
		for j < len(lines) {
			k := j
			for k < len(lines) && !valueLine[k] && k-j < 2 {
				k++
			}
			if k < len(lines) && valueLine[k] {
				rows = append(rows, k)
				j = k + 1
				continue
			}
			break
		}
		if len(rows) >= minLooseRows {
			if t, ok := looseTable(lines, rows, dpi, page); ok {
				out = append(out, t)
			}
		}
		i = rows[len(rows)-1] + 1
	}
	return out
}

// looseTable builds the grid of the number lines rows (indexes into lines).
func looseTable(lines []textLine, rows []int, dpi float64, page image.Rectangle) (table, bool) {
	slack := int(dpi * 0.05)
	type span struct{ x0, x1, n int }
	var nums []span
	for _, r := range rows {
		for _, w := range lines[r].ws {
			if isNumberWord(w.text) {
				nums = append(nums, span{w.x0, w.x1, 1})
			}
		}
	}
	sort.Slice(nums, func(a, b int) bool { return nums[a].x0 < nums[b].x0 })
	var cols []span
	for _, s := range nums {
		if n := len(cols); n > 0 && s.x0 <= cols[n-1].x1+slack {
			cols[n-1].x1 = max(cols[n-1].x1, s.x1)
			cols[n-1].n++
			continue
		}
		cols = append(cols, s)
	}
	// columns most lines have a number in (a stray number in a label is
	// not a column)
	var keep []span
	for _, c := range cols {
		if c.n*4 >= len(rows) && c.n >= 2 {
			keep = append(keep, c)
		}
	}
	if len(keep) < 2 {
		return table{}, false
	}
	top, bottom := lines[rows[0]], lines[rows[len(rows)-1]]
	lineH := 0
	for _, r := range rows {
		lineH += lines[r].y1 - lines[r].y0
	}
	lineH /= len(rows)
	minX := math.MaxInt
	labelEnd := 0
	for r := rows[0]; r <= rows[len(rows)-1]; r++ {
		for _, w := range lines[r].ws {
			minX = min(minX, w.x0)
			if w.x1 < keep[0].x0-slack {
				labelEnd = max(labelEnd, w.x1)
			}
		}
	}
	var t table
	if labelEnd > 0 {
		t.xs = append(t.xs, minX-slack, (labelEnd+keep[0].x0)/2)
	} else {
		t.xs = append(t.xs, keep[0].x0-slack)
	}
	for k := 1; k < len(keep); k++ {
		t.xs = append(t.xs, (keep[k-1].x1+keep[k].x0)/2)
	}
	t.xs = append(t.xs, keep[len(keep)-1].x1+slack)
	t.ys = append(t.ys, top.y0-lineH/2)
	for k := 1; k < len(rows); k++ {
		a, b := lines[rows[k-1]], lines[rows[k]]
		t.ys = append(t.ys, (a.y0+a.y1+b.y0+b.y1)/4)
	}
	t.ys = append(t.ys, bottom.y1+lineH/2)
	for k := range t.xs {
		t.xs[k] = min(max(t.xs[k], page.Min.X), page.Max.X-1)
	}
	for k := range t.ys {
		t.ys[k] = min(max(t.ys[k], page.Min.Y), page.Max.Y-1)
	}
	nr, nc := len(t.ys)-1, len(t.xs)-1
	t.at = make([][]int, nr)
	for i := 0; i < nr; i++ {
		t.at[i] = make([]int, nc)
		for j := 0; j < nc; j++ {
			t.at[i][j] = len(t.cells)
			t.cells = append(t.cells, cell{r0: i, c0: j, r1: i + 1, c1: j + 1,
				box: image.Rect(t.xs[j], t.ys[i], t.xs[j+1], t.ys[i+1])})
		}
	}
	t.bbox = image.Rect(t.xs[0], t.ys[0], t.xs[nc], t.ys[nr])
	return t, true
}
