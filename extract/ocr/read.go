package ocr

import (
	"context"
	"fmt"
	"image"
	"math"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
)

// Options control a read. The zero value uses every core and no time
// limit beyond the context's.
type Options struct {
	// Workers is how many pages are read at once. Zero: 2.
	Workers int
	// DPI is the resolution of the images when known (PDF pages rendered
	// by us). Zero: estimated from the page width (an A4 page).
	DPI float64
	// Pages are the pages of a PDF to read (1-based), for ReadPDF. Nil:
	// every page.
	Pages []int
}

// Page is one page image to read, with its page number in the report.
type Page struct {
	Number int
	Data   []byte // PNG, JPEG, TIFF or PGM image
	DPI    float64
	img    *gray
}

// ReadImages reads one report from image files (PNG, JPEG, TIFF; every
// page of a multi-page TIFF), in the order given, pages numbered from 1.
func ReadImages(ctx context.Context, files [][]byte, opt Options) (*layout.Document, error) {
	var pages []Page
	for i, data := range files {
		gs, err := decodePages(data)
		if err != nil {
			if len(files) > 1 {
				return nil, fmt.Errorf("image %d: %w", i+1, err)
			}
			return nil, err
		}
		for _, g := range gs {
			pages = append(pages, Page{Number: len(pages) + 1, img: g, DPI: opt.DPI})
		}
	}
	return ReadPages(ctx, pages, opt)
}

// pageResult is what one page gives.
type pageResult struct {
	blocks []layout.Block
	note   string
	err    error
}

// ReadPages OCRs pages (in parallel, Options.Workers at a time) and
// returns them as one document: each page's paragraphs and tables in
// reading order (top to bottom). A panic in a page's work (a bug) is
// raised again in the caller's goroutine once every page is done
// (layout.Panic), not left to end the program.
func ReadPages(ctx context.Context, pages []Page, opt Options) (*layout.Document, error) {
	eng, err := FindEngine()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "nianbao-ocr-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	workers := opt.Workers
	if workers <= 0 {
		workers = 2
	}
	res := make([]pageResult, len(pages))
	panics := make([]*layout.Panic, len(pages))
	var wg sync.WaitGroup
	sem := make(chan struct{}, workers)
	for i := range pages {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			defer layout.Catch(&panics[i]) // a bug: raised again below
			pdir := fmt.Sprintf("%s/p%d", dir, i)
			if err := os.Mkdir(pdir, 0o700); err != nil {
				res[i].err = err
				return
			}
			res[i] = eng.readPage(ctx, pdir, &pages[i])
		}(i)
	}
	wg.Wait()
	for _, p := range panics {
		layout.Raise(p)
	}
	return assemble(eng.Name(), pages, res)
}

// assemble joins the pages' results into one document: paragraphs that
// run across pages joined, tables numbered in document order, each
// page's note kept with its page in Pos. The first page that failed
// fails the document, with its page.
func assemble(reader string, pages []Page, res []pageResult) (*layout.Document, error) {
	doc := &layout.Document{Reader: reader, Pages: len(pages)}
	for i := 1; i < len(res); i++ {
		joinAcrossPages(&res[i-1], &res[i])
	}
	tables := 0
	for i, r := range res {
		if r.err != nil {
			return nil, &layout.Error{Pos: layout.Pos{Page: pages[i].Number}, Err: r.err}
		}
		if r.note != "" {
			doc.Notes = append(doc.Notes, layout.Note{Pos: layout.Pos{Page: pages[i].Number}, Text: r.note})
		}
		for _, b := range r.blocks {
			if b.Grid != nil {
				tables++
				for ri := range b.Grid.Rows {
					for ci := range b.Grid.Rows[ri] {
						b.Grid.Rows[ri][ci].Pos.Table = tables
					}
				}
				b.Pos.Table = tables
			}
			doc.Blocks = append(doc.Blocks, b)
		}
	}
	return doc, nil
}

// cellJob is one table cell to OCR.
type cellJob struct {
	table, cell int
	img         *gray
	text        string
	conf        float64
	alts        []string
	numeric     bool
	maybe       bool // not a number to chi_sim, but short or unsure
	unit        bool
	textH       int // height of the ink in pixels
}

// readPage runs the page pipeline: decode, straighten, find tables, OCR
// every non-empty cell (labels with chi_sim, numbers again with a digits
// model that gives per-character alternatives), OCR the rest of the page
// as paragraphs.
func (e *Engine) readPage(ctx context.Context, dir string, pg *Page) pageResult {
	g := pg.img
	if g == nil {
		gs, err := decodePages(pg.Data)
		if err != nil {
			return pageResult{err: err}
		}
		g = gs[0]
	}
	p := analyse(g, pg.DPI)
	dpi := int(math.Round(p.dpi))
	var res pageResult
	if math.Abs(p.skew) >= 0.05 {
		res.note = fmt.Sprintf("OCR: turned %.2f° straight", -p.skew)
	}
	if p.rectified {
		res.note = strings.TrimPrefix(res.note+"; perspective undone", "; ")
		if !strings.HasPrefix(res.note, "OCR: ") {
			res.note = "OCR: " + res.note
		}
	}
	// 1. the running text: the page without its ruled tables; tables
	// printed without rules are found among its words
	tws, err := e.batch(ctx, dir, []*gray{p.withoutTables()}, dpi, 3, "chi_sim", "tsv")
	if err != nil {
		return pageResult{err: err}
	}
	loose := findLooseTables(tws, p.dpi, image.Rect(0, 0, p.img.w, p.img.h))
	p.tables = append(p.tables, loose...)
	// 2. cells
	var jobs []*cellJob
	for ti, t := range p.tables {
		for ci, c := range t.cells {
			img, th, ok := p.cellImage(c.box)
			if !ok {
				continue
			}
			jobs = append(jobs, &cellJob{table: ti, cell: ci, img: img, textH: th})
		}
	}
	imgs := make([]*gray, len(jobs))
	for i, j := range jobs {
		imgs[i] = j.img
	}
	ws, err := e.batch(ctx, dir, imgs, dpi, 6, "chi_sim", "tsv")
	if err != nil {
		return pageResult{err: err}
	}
	byImg := groupWords(ws, len(jobs))
	for i, j := range jobs {
		j.text, j.conf = joinWords(byImg[i])
		t := strings.ReplaceAll(j.text, " ", "")
		switch {
		case numericLike().MatchString(t):
			j.numeric = true
			j.unit = strings.HasSuffix(t, "元")
		case utf8.RuneCountInString(t) <= 2 || j.conf < 0.5:
			// chi_sim reads a lone digit as a character now and then
			// ("7" as 节): the digits model decides below
			j.maybe = true
		}
	}
	// 3. numbers again: digits only, with alternatives per character
	var plain, unit []*cellJob
	for _, j := range jobs {
		if j.numeric && j.unit {
			unit = append(unit, j)
		} else if j.numeric || j.maybe {
			plain = append(plain, j)
		}
	}
	if err := e.numbers(ctx, dir, plain, dpi, "eng", "0123456789.-"); err != nil {
		return pageResult{err: err}
	}
	if err := e.numbers(ctx, dir, unit, dpi, "chi_sim", "0123456789.-万元"); err != nil {
		return pageResult{err: err}
	}
	// a cell with ink that neither model reads is not known to be blank:
	// it may be blank (specks) or a digit the engine missed, and the sum
	// rules choose
	for _, j := range jobs {
		switch {
		case strings.TrimSpace(j.text) == "":
			j.conf = unreadConf
			j.alts = []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
		case j.conf < unreadConf:
			// Tesseract's 0: the least sure reading there is, but a
			// reading (Conf 0 would mean "not OCR'd")
			j.conf = unreadConf
		}
	}
	type placed struct {
		y int
		b layout.Block
	}
	var out []placed
	cellOf := map[[2]int]*cellJob{}
	for _, j := range jobs {
		cellOf[[2]int{j.table, j.cell}] = j
	}
	for ti, t := range p.tables {
		grid := &layout.Grid{}
		for r := range t.at {
			var row []layout.Cell
			for col, k := range t.at[r] {
				c := t.cells[k]
				lc := layout.Cell{Pos: layout.Pos{Page: pg.Number, Row: c.r0 + 1, Col: c.c0 + 1,
					Box: [4]int{c.box.Min.X, c.box.Min.Y, c.box.Max.X, c.box.Max.Y}}}
				if j := cellOf[[2]int{ti, k}]; j != nil {
					lc.Text, lc.Conf, lc.Alts = j.text, j.conf, j.alts
				}
				lc.Spanned = r != c.r0 || col != c.c0
				row = append(row, lc)
			}
			grid.Rows = append(grid.Rows, row)
		}
		out = append(out, placed{t.bbox.Min.Y, layout.Block{Grid: grid, Pos: layout.Pos{Page: pg.Number,
			Box: [4]int{t.bbox.Min.X, t.bbox.Min.Y, t.bbox.Max.X, t.bbox.Max.Y}}}})
	}
	// 4. the paragraphs: the words outside the tables without rules
	var prose []word
	for _, w := range tws {
		in := false
		for _, t := range loose {
			in = in || image.Pt((w.x0+w.x1)/2, (w.y0+w.y1)/2).In(t.bbox)
		}
		if !in {
			prose = append(prose, w)
		}
	}
	for _, par := range paragraphs(prose) {
		out = append(out, placed{par.y0, layout.Block{Text: par.text, Pos: layout.Pos{Page: pg.Number, Line: par.line,
			Box: [4]int{par.x0, par.y0, par.x1, par.y1}}}})
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].y < out[b].y })
	for _, o := range out {
		res.blocks = append(res.blocks, o.b)
	}
	return res
}

// numericLike is a cell that holds a number (as chi_sim read it): digits
// with a sign, a decimal point, separators, a unit.
var numericLike = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[-－—]?[0-9OoIl|]+([,，][0-9]{3})*([.．][0-9]+)?(万元|元)?$`)
})

// numbers re-reads number cells with a digits-only model and builds the
// alternatives of their low-confidence characters.
func (e *Engine) numbers(ctx context.Context, dir string, jobs []*cellJob, dpi int, lang, whitelist string) error {
	if len(jobs) == 0 {
		return nil
	}
	// one text height for the whole sheet: Tesseract finds lone small
	// glyphs ("7" 22 pixels high at 200 dpi) far better at about 36
	imgs := make([]*gray, len(jobs))
	for i, j := range jobs {
		imgs[i] = j.img
		if j.textH > 0 && j.textH < numberHeight {
			imgs[i] = scale(j.img, math.Min(3, float64(numberHeight)/float64(j.textH)))
		}
	}
	byImg, err := e.stacked(ctx, dir, imgs, dpi, 6, lang, "hocr", "tessedit_char_whitelist="+whitelist, "lstm_choice_mode=2")
	if err != nil {
		return err
	}
	for i, j := range jobs {
		first := strings.ReplaceAll(j.text, " ", "")
		text, conf, alts := readNumber(byImg[i])
		if text == "" {
			// the digits model saw nothing: keep the first reading if it
			// is a number; a mark that only looks like one ("|", "l", "O"
			// alone) is ink no model read (below: blank or a digit, for the
			// sum rules)
			if j.numeric && !wellFormed().MatchString(first) {
				j.text = ""
			}
			continue
		}
		if j.maybe {
			// not a number to chi_sim: a number only if the digits model
			// is fairly sure and reads a well-formed value
			if conf < maybeConf || !wellFormed().MatchString(text) {
				continue
			}
			j.numeric = true
		}
		j.text, j.conf, j.alts = text, conf, alts
		if first != text && numericLike().MatchString(first) && !contains(alts, first) {
			// the two models disagree: both readings stay candidates
			j.alts = append(j.alts, first)
			j.conf = math.Min(j.conf, 0.5)
		}
	}
	return nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// Thresholds for alternatives: a character whose best reading is below
// sureConf keeps its runner-up; any alternative at or above altConf is
// kept whatever the best.
const (
	sureConf  = 75.0
	altConf   = 50.0
	maxAlts   = 8
	maybeConf = 0.6
	// unreadConf is the confidence of a cell with ink and no reading
	unreadConf = 0.01
	// numberHeight is the ink height (pixels) number cells are scaled up
	// to for the digits model
	numberHeight = 36
)

// wellFormed is a printed number: digits, a sign, one decimal point.
var wellFormed = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`) })

// readNumber joins the words of a number cell and lists its alternative
// readings (each low-confidence character replaced by its alternatives),
// most likely first. conf is the least sure character's confidence, 0–1.
func readNumber(ws []word) (text string, conf float64, alts []string) {
	var syms []symbol
	for _, w := range ws {
		if len(w.syms) == 0 {
			// no choices given: the word as read, at its confidence
			for _, r := range w.text {
				syms = append(syms, symbol{choices: []choice{{string(r), w.conf}}})
			}
			continue
		}
		syms = append(syms, w.syms...)
	}
	conf = 1
	var options [][]choice
	for _, s := range syms {
		if len(s.choices) == 0 {
			continue
		}
		best := s.choices[0]
		conf = math.Min(conf, best.conf/100)
		opts := []choice{best}
		for _, c := range s.choices[1:] {
			if c.text != best.text && (c.conf >= altConf || (best.conf < sureConf && len(opts) == 1)) {
				opts = append(opts, c)
			}
		}
		options = append(options, opts)
		text += best.text
	}
	// the alternatives: every combination, ranked by the product of the
	// character confidences, capped
	type cand struct {
		s     string
		score float64
	}
	cands := []cand{{"", 1}}
	for _, opts := range options {
		var next []cand
		for _, c := range cands {
			for _, o := range opts {
				next = append(next, cand{c.s + o.text, c.score * math.Max(o.conf, 0.5) / 100})
			}
		}
		sort.SliceStable(next, func(a, b int) bool { return next[a].score > next[b].score })
		if len(next) > 4*maxAlts {
			next = next[:4*maxAlts]
		}
		cands = next
	}
	for _, c := range cands {
		if c.s != text && !contains(alts, c.s) && len(alts) < maxAlts {
			alts = append(alts, c.s)
		}
	}
	return text, conf, alts
}

func groupWords(ws []word, n int) [][]word {
	out := make([][]word, n)
	for _, w := range ws {
		if w.img >= 0 && w.img < n {
			out[w.img] = append(out[w.img], w)
		}
	}
	return out
}

// joinWords joins the words of one cell in reading order (lines top to
// bottom): no space between Chinese characters, one space between other
// words. conf is the least confident word's, 0–1.
func joinWords(ws []word) (string, float64) {
	var b strings.Builder
	conf := 1.0
	var prev []rune
	for _, w := range ws {
		r := []rune(w.text)
		if len(prev) > 0 && !wide(prev[len(prev)-1]) && !wide(r[0]) {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
		prev = r
		conf = math.Min(conf, w.conf/100)
	}
	if b.Len() == 0 {
		conf = 0
	}
	return b.String(), conf
}

// wide is a character that needs no space next to it (Chinese characters
// and full-width punctuation). It deliberately tests a wider range than
// layout.IsHan: everything from the CJK radicals (U+2E80) up, so that
// punctuation such as "，" and "（" and full-width digits join without a
// space too; every Han character is in it (Han starts at U+2E80).
func wide(r rune) bool {
	return r >= 0x2E80
}

type paragraph struct {
	text           string
	x0, y0, x1, y1 int
	line           int
}

// paragraphs groups TSV words into paragraphs (Tesseract's block and
// paragraph numbers), lines joined without a break.
func paragraphs(ws []word) []paragraph {
	var out []paragraph
	var cur []word
	flush := func() {
		if len(cur) == 0 {
			return
		}
		txt, _ := joinWords(cur)
		p := paragraph{text: txt, x0: cur[0].x0, y0: cur[0].y0, x1: cur[0].x1, y1: cur[0].y1, line: len(out) + 1}
		for _, w := range cur {
			p.x0, p.y0 = min(p.x0, w.x0), min(p.y0, w.y0)
			p.x1, p.y1 = max(p.x1, w.x1), max(p.y1, w.y1)
		}
		out = append(out, p)
		cur = nil
	}
	for i, w := range ws {
		if i > 0 && (w.block != ws[i-1].block || w.par != ws[i-1].par || w.img != ws[i-1].img) {
			flush()
		}
		cur = append(cur, w)
	}
	flush()
	return out
}

// cellImage crops a cell for OCR: inside its rules, cut to its ink, the
// specks of a noisy scan (ink blobs smaller than a decimal point) and the
// paper made white (shaded cells). ok is false for an empty cell.
func (p *pageGeom) cellImage(box image.Rectangle) (c *gray, textH int, ok bool) {
	r := p.trimRules(p.inner(box))
	if r.Dx() < 4 || r.Dy() < 4 {
		return nil, 0, false
	}
	// the ink's blobs (8-connected); those smaller than minSpeck are noise
	minSpeck := max(3, int(p.dpi*p.dpi/8000))
	w, h := r.Dx(), r.Dy()
	seen := make([]bool, w*h)
	var specks []int // page pixel indexes of the specks
	minX, minY, maxX, maxY := r.Max.X, r.Max.Y, r.Min.X, r.Min.Y
	n := 0
	var stack, blob []int
	for y0 := 0; y0 < h; y0++ {
		for x0 := 0; x0 < w; x0++ {
			if seen[y0*w+x0] || p.ink.pix[(r.Min.Y+y0)*p.ink.w+r.Min.X+x0] == 0 {
				continue
			}
			seen[y0*w+x0] = true
			stack, blob = append(stack[:0], y0*w+x0), blob[:0]
			for len(stack) > 0 {
				k := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				blob = append(blob, k)
				kx, ky := k%w, k/w
				for dy := -1; dy <= 1; dy++ {
					for dx := -1; dx <= 1; dx++ {
						x, y := kx+dx, ky+dy
						if x < 0 || y < 0 || x >= w || y >= h || seen[y*w+x] || p.ink.pix[(r.Min.Y+y)*p.ink.w+r.Min.X+x] == 0 {
							continue
						}
						seen[y*w+x] = true
						stack = append(stack, y*w+x)
					}
				}
			}
			if len(blob) < minSpeck {
				for _, k := range blob {
					specks = append(specks, (r.Min.Y+k/w)*p.img.w+r.Min.X+k%w)
				}
				continue
			}
			n += len(blob)
			for _, k := range blob {
				x, y := r.Min.X+k%w, r.Min.Y+k/w
				minX, minY = min(minX, x), min(minY, y)
				maxX, maxY = max(maxX, x), max(maxY, y)
			}
		}
	}
	minInk := int(p.dpi * p.dpi / 2000) // ~20 pixels at 200 dpi
	if n < max(minInk, 6) || maxY-minY < int(p.dpi*0.03) {
		return nil, 0, false
	}
	pad := int(p.dpi * 0.02)
	ink := image.Rect(minX-pad, minY-pad, maxX+pad+1, maxY+pad+1).Intersect(r)
	border := int(p.dpi * 0.05)
	c = p.img.crop(ink, border)
	for _, i := range specks {
		x, y := i%p.img.w, i/p.img.w
		if image.Pt(x, y).In(ink) {
			c.pix[(y-ink.Min.Y+border)*c.w+x-ink.Min.X+border] = 255
		}
	}
	whiten(c)
	return c, maxY - minY + 1, true
}

// trimRules shrinks a cell's inner box past what is left of its rules
// near its edges: a row or column of ink across much of the box, within
// 0.05 in of the edge (a rule blurred thick, or still leaning a little
// after the page was straightened or rectified).
func (p *pageGeom) trimRules(r image.Rectangle) image.Rectangle {
	if r.Dx() < 4 || r.Dy() < 4 {
		return r
	}
	lim := int(math.Max(2, p.dpi*0.05))
	// ink in a strip two pixels wide (a rule still leaning a little
	// steps from one pixel column to the next) across 45% of the box and
	// longer than a digit is tall (0.16 in: the side of a "0" near the
	// edge of a low cell is not a rule)
	long := int(p.dpi * 0.16)
	inkCol := func(x int) bool {
		n := 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			i := y*p.ink.w + x
			n += int(p.ink.pix[i] | p.ink.pix[min(i+1, len(p.ink.pix)-1)])
		}
		return n*20 >= r.Dy()*9 && n >= long
	}
	inkRow := func(y int) bool {
		n := 0
		for x := r.Min.X; x < r.Max.X; x++ {
			i := y*p.ink.w + x
			n += int(p.ink.pix[i] | p.ink.pix[min(i+p.ink.w, len(p.ink.pix)-1)])
		}
		return n*20 >= r.Dx()*9 && n >= long
	}
	out := r
	for x := r.Min.X; x < min(r.Min.X+lim, r.Max.X); x++ {
		if inkCol(x) {
			out.Min.X = x + 1
		}
	}
	for x := r.Max.X - 1; x >= max(r.Max.X-lim, r.Min.X); x-- {
		if inkCol(x) {
			out.Max.X = x
		}
	}
	for y := r.Min.Y; y < min(r.Min.Y+lim, r.Max.Y); y++ {
		if inkRow(y) {
			out.Min.Y = y + 1
		}
	}
	for y := r.Max.Y - 1; y >= max(r.Max.Y-lim, r.Min.Y); y-- {
		if inkRow(y) {
			out.Max.Y = y
		}
	}
	if out.Dx() < 4 || out.Dy() < 4 {
		return r
	}
	return out
}

// whiten stretches a crop so that its paper is white: shaded cells and
// grey scans give Tesseract black on white.
func whiten(g *gray) {
	var hist [256]int
	for _, v := range g.pix {
		hist[v]++
	}
	// paper: the 80th percentile grey
	k, acc := 255, 0
	for v := 0; v < 256; v++ {
		acc += hist[v]
		if acc*5 >= len(g.pix)*4 {
			k = v
			break
		}
	}
	if k >= 250 || k < 64 {
		return
	}
	for i, v := range g.pix {
		g.pix[i] = uint8(min(255, int(v)*255/k))
	}
}

// withoutTables is the page with its tables painted white.
func (p *pageGeom) withoutTables() *gray {
	out := &gray{w: p.img.w, h: p.img.h, pix: append([]uint8(nil), p.img.pix...)}
	m := int(p.dpi * 0.03)
	for _, t := range p.tables {
		r := image.Rect(t.bbox.Min.X-m, t.bbox.Min.Y-m, t.bbox.Max.X+m, t.bbox.Max.Y+m).Intersect(image.Rect(0, 0, out.w, out.h))
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				out.pix[y*out.w+x] = 255
			}
		}
	}
	return out
}

// joinAcrossPages continues a table broken by a page break: when a page
// ends with a table (short lines such as a page number aside) and the next
// begins with one of as many columns, the second is appended to the first.
// A first row with text but no value in its last column is the rest of
// the row the break cut (a label running on): its text joins that row's.
func joinAcrossPages(prev, next *pageResult) {
	last := -1
	for i := len(prev.blocks) - 1; i >= 0; i-- {
		b := prev.blocks[i]
		if b.Grid != nil {
			last = i
			break
		}
		if utf8.RuneCountInString(strings.TrimSpace(b.Text)) > 12 {
			return
		}
	}
	first := -1
	for i, b := range next.blocks {
		if b.Grid != nil {
			first = i
			break
		}
		if utf8.RuneCountInString(strings.TrimSpace(b.Text)) > 12 {
			return
		}
	}
	if last < 0 || first < 0 {
		return
	}
	a, b := prev.blocks[last].Grid, next.blocks[first].Grid
	if len(a.Rows) == 0 || len(b.Rows) == 0 || len(a.Rows[0]) != len(b.Rows[0]) {
		return
	}
	top := b.Rows[0]
	if strings.TrimSpace(top[len(top)-1].Text) == "" && !top[len(top)-1].Spanned {
		cont := false
		for _, c := range top {
			t := strings.TrimSpace(c.Text)
			if t != "" && !c.Spanned {
				if numericLike().MatchString(strings.ReplaceAll(t, " ", "")) {
					cont = false
					break
				}
				cont = true
			}
		}
		if cont {
			for j, c := range top {
				t := strings.TrimSpace(c.Text)
				if t == "" || c.Spanned {
					continue
				}
				// the origin of the cell above in this column
				k := len(a.Rows) - 1
				for k > 0 && a.Rows[k][j].Spanned && a.Rows[k][j].Pos == a.Rows[k-1][j].Pos {
					k--
				}
				o := &a.Rows[k][j]
				o.Text += t
				// spanned copies carry the origin's text
				for r := k + 1; r < len(a.Rows); r++ {
					if a.Rows[r][j].Spanned && a.Rows[r][j].Pos == o.Pos {
						a.Rows[r][j].Text = o.Text
					}
				}
			}
			b.Rows = b.Rows[1:]
		}
	}
	a.Rows = append(a.Rows, b.Rows...)
	next.blocks = append(next.blocks[:first], next.blocks[first+1:]...)
}
