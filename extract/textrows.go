package extract

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
)

// Text tables come in many forms: cells separated by tabs or runs of
// spaces, by "|" or "｜" (an empty cell "| |", padding "||" or "|||"), one
// cell per line, a label followed by its values on the next lines, the
// column headers as a block, labels glued to their values
// ("规章000行政规范性文件8855698"). textRows reads all of them the same
// way: the region is cut into items, each either a piece of label text or
// a value, and a printed row is the label pieces up to the values that
// follow them. Which template row a printed row is, the aligner decides.

// pageNumberRE matches a page number line such as "-3-" or "— 4 —".
var pageNumberRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[-－—–]\s*\d{1,3}\s*[-－—–]$|^第\s*\d{1,3}\s*页(\s*共\s*\d{1,3}\s*页)?$`)
})

// textItem is one piece of label text or one value token.
type textItem struct {
	label string // label text, or "" for a value
	tok   token
	off   int // byte offset in the document text
	line  int // index of the source line within the region
	alone bool
}

// isSep reports whether r separates cells in a line without pipes.
func isSep(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u3000' || r == '\f' || r == '\r'
}

// textRows cuts the region of a table into printed rows.
func textRows(d *docText, reg region) []printedRow {
	var items []textItem
	base := reg.start
	for lineNo, line := range strings.Split(d.text[reg.start:reg.end], "\n") {
		items = append(items, lineItems(line, base, lineNo)...)
		base += len(line) + 1
	}
	items = joinWrappedNumbers(items)
	markAlone(items)
	return groupRows(d, items)
}

// joinWrappedNumbers gives back to its label an item number that a
// wrapped label left at the end of a line ("戊辛1" / ". 属于国家秘密 0 0 …"):
// one digit ending a line after a label piece, the next line starting
// with a label piece that starts with its point, is not a value.
func joinWrappedNumbers(items []textItem) []textItem {
	out := items[:0]
	for k := 0; k < len(items); k++ {
		it := items[k]
		if k > 0 && k+1 < len(items) && it.label == "" && len(it.tok.raw) == 1 && isDigitRune(rune(it.tok.raw[0])) &&
			items[k-1].label != "" && items[k-1].line == it.line && items[k+1].line == it.line+1 && items[k+1].label != "" {
			next := items[k+1].label
			rest := strings.TrimLeft(strings.TrimLeft(next, ".．、"), " \u3000")
			r, _ := utf8.DecodeRuneInString(rest)
			if len(rest) < len(next) && strings.IndexAny(next, ".．、") == 0 && layout.IsHan(r) {
				items[k+1].label = it.tok.raw + next
				items[k+1].off = it.off
				continue
			}
		}
		if k > 0 && k+2 < len(items) && numberAlone(items, k) {
			items[k+1].label = strings.Trim(it.tok.raw, ".．、") + "." + items[k+1].label
			items[k+1].off = it.off
			continue
		}
		out = append(out, it)
	}
	return out
}

// numberAlone reports whether items[k], a one-digit value alone on its
// line ("4", ".7", "3."), is the item number of a wrapped label: the line
// before ends a row with values, the next line is a label starting with
// a Han character and has values of its own, and the label of the row
// before carries the number before (3. … then 4).
func numberAlone(items []textItem, k int) bool {
	it, next := items[k], items[k+1]
	raw := strings.Trim(it.tok.raw, ".．、")
	if it.label != "" || len(raw) != 1 || raw[0] < '2' || raw[0] > '9' ||
		items[k-1].label != "" || items[k-1].line != it.line-1 ||
		next.label == "" || next.line != it.line+1 || items[k+2].line != next.line || items[k+2].label != "" {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(next.label); !layout.IsHan(r) {
		return false
	}
	// the label pieces of the row before
	j := k - 1
	for j >= 0 && items[j].label == "" {
		j--
	}
	prev := string(raw[0] - 1)
	for ; j >= 0 && items[j].label != ""; j-- {
		l := items[j].label
		if strings.Contains(l, prev+".") || strings.Contains(l, prev+"．") || strings.Contains(l, prev+"、") {
			return true
		}
	}
	return false
}

// lineItems cuts one line into items. In a line with "|" or "｜" the
// pipes are the cell boundaries and each cell holding one value is intact;
// "| |" is a blank cell, "||" padding. Elsewhere tabs and spaces separate.
func lineItems(line string, base, lineNo int) []textItem {
	trim := strings.TrimSpace(line)
	if trim == "" || pageNumberRE().MatchString(trim) {
		return nil
	}
	if !strings.ContainsAny(line, "|｜") {
		return cellItems(line, base, lineNo, false)
	}
	var items []textItem
	// cells between pipes
	start := 0
	first := true
	for i := 0; i <= len(line); {
		r, w := rune(0), 1
		if i < len(line) {
			r, w = utf8.DecodeRuneInString(line[i:])
		}
		if i == len(line) || r == '|' || r == '｜' {
			cell := line[start:i]
			last := i == len(line)
			switch {
			case strings.TrimSpace(cell) != "":
				items = append(items, cellItems(cell, base+start, lineNo, true)...)
			case !first && !last && cell != "":
				// "| |": a cell printed empty
				items = append(items, textItem{tok: token{intact: true, off: base + start}, off: base + start, line: lineNo})
			}
			first = false
			start = i + w
		}
		i += w
	}
	return items
}

// cellItems cuts a cell (or a line without pipes) into label pieces and
// values. In a pipe cell, a cell that is one value gives an intact token.
func cellItems(cell string, base, lineNo int, pipeCell bool) []textItem {
	var items []textItem
	if pipeCell {
		t := strings.TrimSpace(cell)
		if isValueCell(t) && !strings.ContainsAny(t, " \t") {
			lead := strings.Index(cell, t)
			if t == "-" || t == "—" || t == "/" || t == "／" || t == "－" {
				return []textItem{{tok: token{intact: true, raw: t, off: base + lead}, off: base + lead, line: lineNo}}
			}
			for _, tk := range tokenize(t, base+lead, true) {
				items = append(items, textItem{tok: tk, off: tk.off, line: lineNo})
			}
			return items
		}
	}
	i := 0
	labelStart := -1
	flush := func(end int) {
		if labelStart >= 0 {
			if s := strings.TrimSpace(cell[labelStart:end]); s != "" && !onlyPunct(s) {
				items = append(items, textItem{label: s, off: base + labelStart, line: lineNo})
			}
			labelStart = -1
		}
	}
	for i < len(cell) {
		r, w := utf8.DecodeRuneInString(cell[i:])
		if isSep(r) {
			// a space inside a label stays in it; a tab or a run of
			// spaces ends a label piece; between values any separates
			if r2, _ := utf8.DecodeRuneInString(cell[i+w:]); r != ' ' || isSep(r2) {
				flush(i)
			}
			i += w
			continue
		}
		if startsValue(cell[i:]) {
			n := valueRun(cell[i:])
			if n > 0 && itemNumberAt(cell, i, n) {
				n = 0
			}
			if n > 0 {
				flush(i)
				for _, tk := range tokenize(cell[i:i+n], base+i, false) {
					items = append(items, textItem{tok: tk, off: tk.off, line: lineNo})
				}
				i += n
				continue
			}
		}
		if labelStart < 0 {
			labelStart = i
		}
		i += w
	}
	flush(len(cell))
	return items
}

// itemNumberAt reports whether the run cell[i:i+n] is one digit that
// starts a label — at the start of the cell or after punctuation, with a
// word right after it ("5属于三类…", an item number whose point was lost,
// or "3 .危及…", moved) — rather than a value glued after a label
// ("行政强制0第二十条").
func itemNumberAt(cell string, i, n int) bool {
	if n != 1 {
		return false
	}
	next, _ := utf8.DecodeRuneInString(strings.TrimLeft(cell[i+n:], " \t\u3000\u00a0.．、"))
	if !layout.IsHan(next) {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(strings.TrimRight(cell[:i], " \t\u3000"))
	return prev == utf8.RuneError || strings.ContainsRune(".．、,，:：;；(（)）", prev)
}

// startsValue reports whether s starts with a digit or a sign before one.
func startsValue(s string) bool {
	r, w := utf8.DecodeRuneInString(s)
	if isDigitRune(r) {
		return true
	}
	if r == '-' || r == '－' || r == '—' || r == '–' {
		r2, _ := utf8.DecodeRuneInString(s[w:])
		return isDigitRune(r2)
	}
	return false
}

func isDigitRune(r rune) bool { return (r >= '0' && r <= '9') || (r >= '０' && r <= '９') }

// valueRun returns the length of the values at the start of s: digits,
// signs, decimal points, spaces and units; an item number that ends the
// run ("…00002.其他" or "1、申请人") belongs to the label after it, and a
// number inside words ("第20条") is no value: 0.
func valueRun(s string) int {
	n := numericPrefix(s)
	// no newlines inside one cell's run: the caller cut lines already
	for n > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:n])
		if isSep(r) {
			n -= w
			continue
		}
		break
	}
	if n == 0 {
		return 0
	}
	next, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[n:], " \t\u3000\u00a0"))
	lastR, lw := utf8.DecodeLastRuneInString(s[:n])
	switch {
	case (lastR == '.' || lastR == '．') && !isDigitRune(next):
		// "2.其他", or "1." ending a line whose label goes on below
		m := n - lw
		if _, dw := utf8.DecodeLastRuneInString(s[:m]); m > 0 {
			m -= dw
		}
		return trimSeps(s, m)
	case next == '、' && isDigitRune(lastR):
		return trimSeps(s, n-lw)
	case n < len(s) && layout.IsHan(next) && !strings.ContainsAny(s[:n], " \t") && isDigitRune(lastR) && unitAfter(s[n:]):
		// "2022年", "20个工作日": a number inside words
		return 0
	}
	return n
}

// unitAfter reports whether s starts with a word that makes the number
// before it part of the text (a date or a count in prose) rather than a
// table value glued to the next label.
func unitAfter(s string) bool {
	for _, u := range []string{"年", "月", "日", "个工作日", "号", "条第", "项", "%", "％"} {
		if strings.HasPrefix(s, u) {
			return true
		}
	}
	return false
}

func trimSeps(s string, n int) int {
	for n > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:n])
		if !isSep(r) {
			break
		}
		n -= w
	}
	return n
}

func onlyPunct(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("|｜:：,，.。、;；()（）[]【】-—_*#", r) && !isSep(r) {
			return false
		}
	}
	return true
}

// markAlone marks values that sit alone on their line, in runs of two or
// more such lines (one cell per line): each is a whole cell.
func markAlone(items []textItem) {
	count := map[int]int{}
	for _, it := range items {
		count[it.line]++
	}
	for i := range items {
		if items[i].label == "" && count[items[i].line] == 1 {
			items[i].alone = true
		}
	}
	for i := range items {
		if !items[i].alone {
			continue
		}
		prev := i > 0 && items[i-1].alone
		next := i+1 < len(items) && items[i+1].alone
		if prev || next {
			items[i].tok.intact = true
		}
	}
}

// groupRows makes printed rows of the items: label pieces, then the
// values after them; a label after values starts the next row.
func groupRows(d *docText, items []textItem) []printedRow {
	var rows []printedRow
	var cur *printedRow
	var firstTok, lastTok token
	stream := true
	finish := func() {
		if cur == nil {
			return
		}
		cur.stream = stream && len(cur.toks) > 0
		if len(cur.toks) > 0 {
			cur.raw = strings.TrimSpace(d.text[firstTok.off : lastTok.off+len(lastTok.raw)])
		}
		rows = append(rows, *cur)
		cur = nil
	}
	for _, it := range items {
		if it.label != "" {
			if cur != nil && len(cur.toks) > 0 {
				finish()
			}
			if cur == nil {
				cur = &printedRow{pos: d.posAt(it.off)}
			}
			cur.pieces = append(cur.pieces, it.label)
			cur.pos = d.posAt(it.off)
			continue
		}
		if cur == nil {
			cur = &printedRow{pos: d.posAt(it.off)}
		}
		if len(cur.toks) == 0 {
			firstTok = it.tok
			stream = true
		}
		stream = stream && it.alone
		lastTok = it.tok
		cur.toks = append(cur.toks, it.tok)
		cur.cellAt = append(cur.cellAt, d.posAt(it.off))
	}
	finish()
	return rows
}
