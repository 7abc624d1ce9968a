package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/digest"
	"github.com/nianbao/nianbao/extract/docxread"
	"github.com/nianbao/nianbao/extract/htmlread"
	"github.com/nianbao/nianbao/extract/layout"
	tpl "github.com/nianbao/nianbao/extract/template"
)

// The evidence of a cell: where in the source its value was read. A PDF
// page is rendered to an image (pdftoppm, on request, cached) with the
// cell's word boxed (its box from pdftotext -bbox); HTML and Word sources
// are read again and the table shown with the cell marked; text sources
// are shown around the line.

type box struct{ X, Y, W, H float64 }

type pageImage struct {
	Src  string
	W, H float64 // page size in points
	Box  *box
}

type srcLine struct {
	No    int
	Parts []textPart
	Mark  bool
}

type docCell struct {
	Text             string
	Mark             bool
	RowSpan, ColSpan int
}

type docBlock struct {
	Text string
	Mark bool
	Rows [][]docCell
}

type evidenceData struct {
	Back, BackTitle string
	ID, RowLabel    string
	ColLabel        string
	Status, Value   string
	Unit            string
	Candidates      []string
	Note            string
	Ev              extract.Evidence
	Where           string
	Format          string
	Path            string
	Shown           string // the file name shown: the path, or an upload's name
	Problem         string
	Image           *pageImage
	Lines           []srcLine
	Blocks          []docBlock
	Findings        []findingView
	Legacy          bool
}

// evidence builds the page for the cell (?id=) or legacy row (?legacy=)
// of rec, whose source file is at path ("" when unknown); pageURL is the
// prefix of the page-image URLs.
func (s *Server) evidence(ctx context.Context, r *http.Request, rec *extract.Record, fs []findingView, path, back, pageURL string) (*evidenceData, error) {
	q := r.URL.Query()
	d := &evidenceData{Back: back, BackTitle: rec.Meta.Title, Format: string(rec.Source.Format), Path: path, Shown: rec.Source.Path}
	if d.BackTitle == "" {
		d.BackTitle = rec.Meta.Agency
	}
	var refID string
	switch {
	case q.Get("legacy") != "":
		i, err := strconv.Atoi(q.Get("legacy"))
		if err != nil || i < 0 || i >= len(rec.Legacy) {
			return nil, errNoCell
		}
		l := rec.Legacy[i]
		d.Legacy, d.ID, d.RowLabel, d.Status, d.Value, d.Unit = true, "legacy:"+strconv.Itoa(i), l.Label, string(l.Status), l.Year, l.Unit
		d.Candidates, d.Note, d.Ev = l.Candidates, l.Note, l.Evidence
		if l.Cumulative != "" {
			d.ColLabel = "本年度 / 历年累计 " + l.Cumulative
		}
		refID = d.ID + "."
	default:
		c := rec.Cell(q.Get("id"))
		if c == nil {
			return nil, errNoCell
		}
		d.ID, d.Status, d.Value, d.Unit, d.Candidates, d.Note, d.Ev = c.ID, string(c.Status), c.Value, c.Unit, c.Candidates, c.Note, c.Evidence
		if t, ok := tpl.Lookup(string(rec.Meta.Generation), c.ID); ok {
			d.RowLabel, d.ColLabel = t.TableLabel+" · "+t.RowLabel, t.ColLabel
		}
		refID = c.ID
	}
	d.Where = whereZH(d.Ev.Pos)
	for _, f := range fs {
		for _, c := range f.Cells {
			if (c.ID == refID || (d.Legacy && strings.HasPrefix(c.ID, refID))) && (c.Year == 0 || c.Year == rec.Meta.Year) {
				d.Findings = append(d.Findings, f)
				break
			}
		}
	}
	if d.Status == string(extract.StatusMissing) && d.Where == "" {
		d.Problem = "报告中没有印出这一格，因此没有出处可看。"
		return d, nil
	}
	if path == "" {
		d.Problem = "语料库没有记录这份报告的文件路径（只有网址），无法显示原文。"
		return d, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			d.Problem = fmt.Sprintf("源文件已不在入库时的位置（%s）：文件被移动或删除了。把文件放回原处，或重新入库后即可查看原文。", path)
		} else {
			d.Problem = fmt.Sprintf("无法读取源文件 %s：%v", path, err)
		}
		return d, nil
	}
	if rec.Source.SHA256 != "" && digest.Bytes(data) != rec.Source.SHA256 {
		d.Problem = fmt.Sprintf("源文件 %s 在入库后被修改过（内容与入库时不同），无法对照原文；请重新入库。", path)
		return d, nil
	}
	switch rec.Source.Format {
	case extract.FormatPDF:
		if d.Ev.Page <= 0 {
			d.Problem = "这一格没有记录页码。"
			return d, nil
		}
		img, err := s.render.locate(ctx, path, rec.Source.SHA256, d.Ev)
		if err != nil {
			d.Problem = "无法显示 PDF 页面：" + err.Error()
			return d, nil
		}
		img.Src = fmt.Sprintf("%s/%d", pageURL, d.Ev.Page)
		d.Image = img
	case extract.FormatText:
		lines, _, err := extract.TextLines(data, "")
		if err != nil {
			d.Problem = "无法重新读取源文件：" + err.Error()
			return d, nil
		}
		d.Lines = textLines(lines, d.Ev)
	case extract.FormatHTML, extract.FormatDOCX:
		doc, err := readDoc(ctx, data, rec.Source.Format, path, s.opt.ParseTimeout)
		if err != nil {
			d.Problem = "无法重新读取源文件：" + err.Error()
			return d, nil
		}
		d.Blocks = docBlocks(doc, d.Ev)
		if len(d.Blocks) == 0 {
			d.Lines = textLines(strings.Split(doc.Text(), "\n"), d.Ev)
		}
	default:
		d.Problem = "不认识的文件类型：" + string(rec.Source.Format)
	}
	return d, nil
}

var errNoCell = errors.New("no such cell")

// textLines returns, of a text report's lines (extract.TextLines), those around the evidence's line, that line
// marked (and its raw text within it).
func textLines(lines []string, ev extract.Evidence) []srcLine {
	at := ev.Line
	if at <= 0 || at > len(lines) {
		at = 0
		for i, l := range lines {
			if ev.Label != "" && strings.Contains(l, ev.Label) {
				at = i + 1
				break
			}
		}
	}
	if at == 0 {
		return nil
	}
	var out []srcLine
	for i := max(1, at-12); i <= min(len(lines), at+12); i++ {
		l := srcLine{No: i, Parts: []textPart{{Text: lines[i-1]}}}
		if i == at {
			l.Mark = true
			if ev.Raw != "" {
				from := min(max(ev.Offset, 0), len(lines[i-1]))
				if k := strings.Index(lines[i-1][from:], ev.Raw); k >= 0 {
					t := lines[i-1]
					l.Parts = []textPart{{Text: t[:from+k]}, {Text: ev.Raw, Class: "hit"}, {Text: t[from+k+len(ev.Raw):]}}
				}
			}
		}
		out = append(out, l)
	}
	return out
}

func readDoc(ctx context.Context, data []byte, kind extract.Format, path string, timeout time.Duration) (*layout.Document, error) {
	if kind == extract.FormatHTML {
		return htmlread.Read(bytes.NewReader(data), htmlread.Options{MaxSize: int64(len(data)) + 1})
	}
	if docxread.Sniff(data) == "docx" {
		return docxread.Read(bytes.NewReader(data), int64(len(data)), docxread.Options{})
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return docxread.ReadWordData(ctx, data, filepath.Base(path), docxread.Options{Timeout: timeout})
}

// docBlocks returns the table that holds the evidence cell (marked), or
// the paragraphs around the evidence paragraph.
func docBlocks(doc *layout.Document, ev extract.Evidence) []docBlock {
	if ev.Table > 0 {
		for _, b := range doc.Blocks {
			if b.Grid == nil || len(b.Grid.Rows) == 0 || len(b.Grid.Rows[0]) == 0 || b.Grid.Rows[0][0].Pos.Table != ev.Table {
				continue
			}
			db := docBlock{Rows: mergeSpans(b.Grid.Rows, ev)}
			return []docBlock{db}
		}
	}
	if ev.Paragraph > 0 {
		for i, b := range doc.Blocks {
			if b.Grid != nil || b.Pos.Paragraph != ev.Paragraph {
				continue
			}
			var out []docBlock
			for j := max(0, i-6); j <= min(len(doc.Blocks)-1, i+6); j++ {
				if doc.Blocks[j].Grid == nil {
					out = append(out, docBlock{Text: doc.Blocks[j].Text, Mark: j == i})
				}
			}
			return out
		}
	}
	return nil
}

// mergeSpans turns an expanded grid back into the table as printed: a
// cell that spans rows or columns once, with its rowspan and colspan, the
// evidence cell marked (a whole row when no column is known).
func mergeSpans(rows [][]layout.Cell, ev extract.Evidence) [][]docCell {
	out := make([][]docCell, len(rows))
	for r, row := range rows {
		for c, cell := range row {
			if cell.Spanned {
				continue
			}
			cs := 1
			for c+cs < len(row) && row[c+cs].Spanned && row[c+cs].Pos == cell.Pos {
				cs++
			}
			rs := 1
			for r+rs < len(rows) && c < len(rows[r+rs]) && rows[r+rs][c].Spanned && rows[r+rs][c].Pos == cell.Pos {
				rs++
			}
			mark := cell.Pos.Row == ev.Row && (cell.Pos.Col == ev.Col || ev.Col == 0)
			out[r] = append(out[r], docCell{Text: cell.Text, Mark: mark, RowSpan: rs, ColSpan: cs})
		}
	}
	return out
}

// renderer runs pdftoppm and pdftotext with a time limit, at most two at
// a time, and caches their output by file hash and page.
type renderer struct {
	ppm, totext string
	dir         string
	timeout     time.Duration
	sem         chan struct{}
	mu          sync.Mutex
	boxes       map[string]*pageWords
}

type pageWords struct {
	W, H  float64
	Words []word
}

type word struct {
	X0, Y0, X1, Y1 float64
	Text           string
}

func newRenderer(ppm, totext, dir string, timeout time.Duration) *renderer {
	if ppm == "" {
		ppm = "pdftoppm"
	}
	if totext == "" {
		totext = "pdftotext"
	}
	return &renderer{ppm: ppm, totext: totext, dir: dir, timeout: timeout, sem: make(chan struct{}, 2), boxes: map[string]*pageWords{}}
}

func (r *renderer) run(ctx context.Context, name string, args ...string) ([]byte, error) {
	bin, err := exec.LookPath(name)
	if err != nil {
		return nil, fmt.Errorf("没有安装 %s（Debian: apt-get install poppler-utils）", filepath.Base(name))
	}
	select {
	case r.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-r.sem }()
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() == context.DeadlineExceeded {
		return nil, fmt.Errorf("%s 超时（%s）", filepath.Base(name), r.timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v %s", filepath.Base(name), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

var (
	pageRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`) })
	wordRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	})
)

// words returns the page size and word boxes of one page (points, origin
// top left), from pdftotext -bbox.
func (r *renderer) words(ctx context.Context, path, sha string, page int) (*pageWords, error) {
	key := sha + ":" + strconv.Itoa(page)
	r.mu.Lock()
	pw := r.boxes[key]
	r.mu.Unlock()
	if pw != nil {
		return pw, nil
	}
	p := strconv.Itoa(page)
	out, err := r.run(ctx, r.totext, "-bbox", "-f", p, "-l", p, path, "-")
	if err != nil {
		return nil, err
	}
	m := pageRe().FindSubmatch(out)
	if m == nil {
		return nil, fmt.Errorf("第 %d 页不存在", page)
	}
	pw = &pageWords{}
	pw.W, _ = strconv.ParseFloat(string(m[1]), 64)
	pw.H, _ = strconv.ParseFloat(string(m[2]), 64)
	for _, w := range wordRe().FindAllSubmatch(out, -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(string(w[i+1]), 64)
		}
		pw.Words = append(pw.Words, word{v[0], v[1], v[2], v[3], html.UnescapeString(string(w[5]))})
	}
	r.mu.Lock()
	if len(r.boxes) > 2000 {
		r.boxes = map[string]*pageWords{}
	}
	r.boxes[key] = pw
	r.mu.Unlock()
	return pw, nil
}

// locate finds the box of the evidence on its page: the word nearest the
// recorded position (PDF user space, origin bottom left) whose text holds
// the raw value, else the nearest word.
func (r *renderer) locate(ctx context.Context, path, sha string, ev extract.Evidence) (*pageImage, error) {
	pw, err := r.words(ctx, path, sha, ev.Page)
	if err != nil {
		return nil, err
	}
	img := &pageImage{W: pw.W, H: pw.H}
	if ev.X == 0 && ev.Y == 0 {
		return img, nil
	}
	x, y := ev.X, pw.H-ev.Y
	raw := strings.Fields(ev.Raw)
	best, bestD := -1, math.Inf(1)
	for pass := 0; pass < 2 && best < 0; pass++ {
		for i, w := range pw.Words {
			if pass == 0 && (len(raw) == 0 || !strings.Contains(w.Text, raw[0]) && !strings.Contains(ev.Raw, w.Text)) {
				continue
			}
			// distance from the word's left baseline to the point
			dx, dy := w.X0-x, w.Y1-y
			if d := math.Hypot(dx, 2*dy); d < bestD {
				best, bestD = i, d
			}
		}
		if bestD > 60 {
			best = -1 // too far to be the same text
		}
	}
	if best >= 0 {
		w := pw.Words[best]
		img.Box = &box{X: w.X0 - 3, Y: w.Y0 - 3, W: w.X1 - w.X0 + 6, H: w.Y1 - w.Y0 + 6}
	} else {
		img.Box = &box{X: x - 3, Y: y - 12, W: 40, H: 16}
	}
	return img, nil
}

// png returns the path of the rendered page image, rendering it once.
func (r *renderer) png(ctx context.Context, path, sha string, page int) (string, error) {
	if err := os.MkdirAll(r.dir, 0o700); err != nil {
		return "", err
	}
	out := filepath.Join(r.dir, fmt.Sprintf("%s-%d.png", sha, page))
	if _, err := os.Stat(out); err == nil {
		return out, nil
	}
	tmp, err := os.MkdirTemp(r.dir, "render-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	p := strconv.Itoa(page)
	if _, err := r.run(ctx, r.ppm, "-png", "-r", "110", "-f", p, "-l", p, "-singlefile", path, filepath.Join(tmp, "page")); err != nil {
		return "", err
	}
	if err := os.Rename(filepath.Join(tmp, "page.png"), out); err != nil {
		return "", err
	}
	return out, nil
}

// servePage sends the rendered image of page n of the PDF at path.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, path, sha string, kind extract.Format, pageStr string, pages int) {
	n, err := strconv.Atoi(strings.TrimSuffix(pageStr, ".png"))
	if err != nil || n <= 0 || (pages > 0 && n > pages) || kind != extract.FormatPDF || path == "" {
		http.NotFound(w, r)
		return
	}
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		http.Error(w, "source file not found", http.StatusNotFound)
		return
	}
	png, err := s.render.png(r.Context(), path, sha, n)
	if err != nil {
		s.opt.Log.Printf("nianbao serve: render %s page %d: %v", path, n, err)
		http.Error(w, "cannot render the page", http.StatusInternalServerError)
		return
	}
	f, err := os.Open(png)
	if err != nil {
		http.Error(w, "cannot render the page", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=86400")
	io.Copy(w, f)
}

func (s *Server) reportCell(w http.ResponseWriter, r *http.Request) {
	id, rec, fs, ok := s.storedReport(w, r)
	if !ok {
		return
	}
	base := "/report/" + strconv.FormatInt(id, 10)
	d, err := s.evidence(r.Context(), r, rec, fromCorpus(fs), rec.Source.Path, base, base+"/page")
	if err != nil {
		s.notFound(w, r, "这份报告没有这一格。")
		return
	}
	s.page(w, r, "evidence", "出处："+d.ID, d)
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r, "id")
	if !ok {
		http.NotFound(w, r)
		return
	}
	rec, err := s.opt.DB.Record(r.Context(), id)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	s.servePage(w, r, rec.Source.Path, rec.Source.SHA256, rec.Source.Format, r.PathValue("n"), rec.Source.Pages)
}

func (s *Server) checkCell(w http.ResponseWriter, r *http.Request) {
	e, f, n := s.checkFile(w, r)
	if f == nil {
		return
	}
	base := fmt.Sprintf("/check/%s/%d", e.ID, n)
	d, err := s.evidence(r.Context(), r, f.Rec, f.Findings, f.Path, base, base+"/page")
	if err != nil {
		s.notFound(w, r, "这份报告没有这一格。")
		return
	}
	s.page(w, r, "evidence", "出处："+d.ID, d)
}

func (s *Server) checkPage(w http.ResponseWriter, r *http.Request) {
	_, f, _ := s.checkFile(w, r)
	if f == nil {
		return
	}
	s.servePage(w, r, f.Path, f.Rec.Source.SHA256, f.Rec.Source.Format, r.PathValue("p"), f.Rec.Source.Pages)
}
