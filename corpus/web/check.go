package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/audit"
)

// Checking a submitted report: the upload is parsed and audited with the
// code of `nianbao parse` and `nianbao audit`, shown as a report page,
// and kept in memory (and a temporary directory) until it is stored or
// dropped. Nothing is written to the corpus unless the user asks.

// allowedExt are the file types a check accepts (by name; the content
// decides the reader).
var allowedExt = map[string]bool{".pdf": true, ".html": true, ".htm": true, ".shtml": true, ".doc": true,
	".docx": true, ".wps": true, ".rtf": true, ".txt": true}

const (
	maxChecks = 50            // uploads kept at once; the oldest go first
	checkTTL  = 6 * time.Hour // an upload is dropped after this
)

type checkedFile struct {
	Name     string // as uploaded, for display
	Path     string // where it is kept
	Rec      *extract.Record
	Findings []findingView
	Err      string
	NotRep   bool // the file is not an annual report
	Counts   map[string]int
	PairWith string // what the cross-year rules compared it with
	Stored   *corpus.Result
}

type checkEntry struct {
	ID      string
	Dir     string
	Files   []*checkedFile
	Created time.Time
	mu      sync.Mutex // held while storing
}

type checkStore struct {
	mu    sync.Mutex
	m     map[string]*checkEntry
	order []string
}

func newCheckStore() *checkStore { return &checkStore{m: map[string]*checkEntry{}} }

func (c *checkStore) add(e *checkEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[e.ID] = e
	c.order = append(c.order, e.ID)
	for len(c.order) > maxChecks || (len(c.order) > 0 && time.Since(c.m[c.order[0]].Created) > checkTTL) {
		old := c.m[c.order[0]]
		delete(c.m, old.ID)
		os.RemoveAll(old.Dir)
		c.order = c.order[1:]
	}
}

func (c *checkStore) get(id string) *checkEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[id]
}

func (c *checkStore) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.m {
		os.RemoveAll(e.Dir)
	}
	c.m, c.order = map[string]*checkEntry{}, nil
}

type checkFormData struct {
	MaxMB    int64
	MaxFiles int
	Exts     string
	Error    string
	CanStore bool
}

func (s *Server) checkFormData(msg string) *checkFormData {
	var exts []string
	for e := range allowedExt {
		exts = append(exts, e)
	}
	sort.Strings(exts)
	return &checkFormData{MaxMB: s.opt.MaxUpload >> 20, MaxFiles: s.opt.MaxFiles, Exts: strings.Join(exts, ","), Error: msg,
		CanStore: s.opt.Uploads && s.opt.Ingester != nil}
}

func (s *Server) checkForm(w http.ResponseWriter, r *http.Request) {
	s.page(w, r, "check", "检查报告", s.checkFormData(""))
}

// cleanName keeps a file name for display and for the kept copy: its base
// name, printable characters only, at most 80 runes.
func cleanName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	var b strings.Builder
	n := 0
	for _, r := range name {
		if !unicode.IsPrint(r) || r == '/' || r == '\\' || n >= 80 {
			continue
		}
		b.WriteRune(r)
		n++
	}
	s := strings.TrimLeft(b.String(), ".")
	if s == "" {
		s = "upload"
	}
	return s
}

func (s *Server) checkUpload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		s.page(w, r, "check", "检查报告", s.checkFormData("请选择要检查的报告文件再提交。"))
		return
	}
	dir, err := os.MkdirTemp("", "nianbao-check-")
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "无法保存上传的文件。", err)
		return
	}
	e := &checkEntry{ID: randomHex(12), Dir: dir, Created: time.Now()}
	bad := func(code int, msg string) {
		os.RemoveAll(dir)
		w.WriteHeader(code)
		s.page(w, r, "check", "检查报告", s.checkFormData(msg))
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				bad(http.StatusRequestEntityTooLarge, fmt.Sprintf("上传的文件太大：一次最多 %d MB。", s.opt.MaxUpload>>20))
				return
			}
			bad(http.StatusBadRequest, "上传中断或格式不对，请重试。")
			return
		}
		if part.FormName() != "files" || part.FileName() == "" {
			part.Close()
			continue
		}
		if len(e.Files) >= s.opt.MaxFiles {
			bad(http.StatusRequestEntityTooLarge, fmt.Sprintf("文件太多：一次最多 %d 个。", s.opt.MaxFiles))
			return
		}
		name := cleanName(part.FileName())
		ext := strings.ToLower(filepath.Ext(name))
		if !allowedExt[ext] {
			part.Close()
			e.Files = append(e.Files, &checkedFile{Name: name, NotRep: true,
				Err: fmt.Sprintf("不支持的文件类型 %q：请上传 PDF、HTML、Word（DOC/DOCX/WPS）或文本文件。", ext)})
			continue
		}
		path := filepath.Join(dir, fmt.Sprintf("%02d%s", len(e.Files), ext))
		if err := saveTo(path, part); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				bad(http.StatusRequestEntityTooLarge, fmt.Sprintf("上传的文件太大：一次最多 %d MB。", s.opt.MaxUpload>>20))
				return
			}
			bad(http.StatusBadRequest, "上传中断，请重试。")
			return
		}
		e.Files = append(e.Files, &checkedFile{Name: name, Path: path})
	}
	if len(e.Files) == 0 {
		bad(http.StatusBadRequest, "请选择要检查的报告文件再提交。")
		return
	}
	s.checkFiles(r.Context(), e)
	s.checks.add(e)
	target := "/check/" + e.ID
	if len(e.Files) == 1 && e.Files[0].Rec != nil {
		target += "/0"
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func saveTo(path string, r io.Reader) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// checkFiles parses and audits the files of an upload (in parallel, each
// within the parse time limit), then runs the cross-year rules between
// uploaded files of one agency in consecutive years, and against last
// year's report in the corpus.
func (s *Server) checkFiles(ctx context.Context, e *checkEntry) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, f := range e.Files {
		if f.Path == "" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			s.parseOne(ctx, f)
		}()
	}
	wg.Wait()
	byKey := map[string]*checkedFile{}
	for _, f := range e.Files {
		if f.Rec != nil {
			byKey[corpus.AgencyKey(f.Rec.Meta.Agency)+"\x00"+strconv.Itoa(f.Rec.Meta.Year)] = f
		}
	}
	for _, f := range e.Files {
		if f.Rec == nil {
			continue
		}
		fs := audit.Check(f.Rec)
		prevKey := corpus.AgencyKey(f.Rec.Meta.Agency) + "\x00" + strconv.Itoa(f.Rec.Meta.Year-1)
		if p := byKey[prevKey]; p != nil {
			fs = append(fs, audit.CheckPair(p.Rec, f.Rec)...)
			f.PairWith = p.Name
		} else if prev, err := s.opt.DB.RecordOf(ctx, nil, f.Rec.Meta.Agency, f.Rec.Meta.Year-1); err == nil {
			fs = append(fs, audit.CheckPair(prev, f.Rec)...)
			f.PairWith = fmt.Sprintf("语料库中的 %d 年报告", f.Rec.Meta.Year-1)
		}
		audit.Sort(fs)
		f.Findings = fromAudit(fs)
		for i := range f.Findings {
			for _, c := range f.Findings[i].Cells {
				if c.Year != 0 && c.Year != f.Rec.Meta.Year {
					f.Findings[i].Scope = corpus.ScopeCrossYear
					break
				}
			}
		}
		f.Counts = map[string]int{}
		for _, x := range fs {
			f.Counts[string(x.Severity)]++
		}
	}
}

func (s *Server) parseOne(ctx context.Context, f *checkedFile) {
	ctx, cancel := context.WithTimeout(ctx, s.opt.ParseTimeout)
	defer cancel()
	type result struct {
		rec *extract.Record
		err error
	}
	ch := make(chan result, 1)
	go func() {
		var res result
		if err := extract.Contain(f.Path, func() { res.rec, res.err = s.opt.Parse(ctx, extract.Input{Path: f.Path}) }); err != nil {
			res = result{nil, err}
		}
		ch <- res
	}()
	var res result
	select {
	case res = <-ch:
	case <-ctx.Done():
		f.Err = fmt.Sprintf("解析超时：超过 %s 仍未读完，已放弃。", s.opt.ParseTimeout)
		return
	}
	var ie *extract.InternalError
	switch {
	case errors.As(res.err, &ie):
		// a bug: the stack goes to the log, the page says what to do
		s.opt.Log.Printf("check %s: %v", f.Name, res.err)
		f.Err = fmt.Sprintf("程序内部错误（nianbao 的缺陷，请连同此文件报告给开发者）：%v", ie.Value)
	case res.err != nil:
		f.Err, f.NotRep = parseErrorZH(res.err, f.Path, f.Name)
	case res.rec == nil:
		f.Err = "没有读出任何内容。"
	default:
		f.Rec = res.rec
		f.Rec.Source.Path = f.Name
	}
}

// parseErrorZH explains a parse error in Chinese, with the English
// message (the file's temporary name replaced by the uploaded name).
func parseErrorZH(err error, path, name string) (string, bool) {
	en := strings.ReplaceAll(err.Error(), path, name)
	switch {
	case errors.Is(err, extract.ErrNotReport):
		return "这不是一份政府信息公开工作年度报告：没有找到年报的标题、章节或模板表格。（" + en + "）", true
	case errors.Is(err, extract.ErrEmpty):
		return "文件是空的。（" + en + "）", true
	case errors.Is(err, extract.ErrUnsupported):
		return "无法识别的文件格式：请上传 PDF、HTML、Word 或文本文件。（" + en + "）", true
	case errors.Is(err, extract.ErrEncrypted):
		return "文件已加密，无法读取。（" + en + "）", false
	case errors.Is(err, extract.ErrImageOnly), errors.Is(err, extract.ErrGarbledText):
		return "文件没有可读的文字层（扫描件或字体缺少映射），需要先做 OCR。（" + en + "）", false
	case errors.Is(err, extract.ErrTooLarge):
		return "文件超过大小限制。（" + en + "）", false
	case errors.Is(err, extract.ErrTimeout):
		return "读取时间过长，已放弃。（" + en + "）", false
	case errors.Is(err, extract.ErrCorrupt):
		return "文件已损坏或不完整。（" + en + "）", false
	}
	return "无法读取：" + en, false
}

type checkResultData struct {
	E        *checkEntry
	CanStore bool
	Stored   bool
	Storable bool // a readable file not stored yet
	Base     string
}

func (s *Server) checkEntryOf(w http.ResponseWriter, r *http.Request) *checkEntry {
	e := s.checks.get(r.PathValue("cid"))
	if e == nil {
		s.notFound(w, r, "这次上传已不在服务器上（已过期或服务已重启），请重新上传。")
	}
	return e
}

func (s *Server) checkResult(w http.ResponseWriter, r *http.Request) {
	e := s.checkEntryOf(w, r)
	if e == nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	d := &checkResultData{E: e, CanStore: s.opt.Uploads && s.opt.Ingester != nil, Base: "/check/" + e.ID}
	for _, f := range e.Files {
		d.Stored = d.Stored || f.Stored != nil
		d.Storable = d.Storable || (f.Rec != nil && f.Stored == nil)
	}
	s.page(w, r, "checked", "检查结果", d)
}

func (s *Server) checkFile(w http.ResponseWriter, r *http.Request) (*checkEntry, *checkedFile, int) {
	e := s.checkEntryOf(w, r)
	if e == nil {
		return nil, nil, 0
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(e.Files) || e.Files[n].Rec == nil {
		s.notFound(w, r, "这次上传中没有这个文件。")
		return nil, nil, 0
	}
	return e, e.Files[n], n
}

func (s *Server) checkReport(w http.ResponseWriter, r *http.Request) {
	e, f, n := s.checkFile(w, r)
	if f == nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	v := buildReport(f.Rec, append([]findingView(nil), f.Findings...), fmt.Sprintf("/check/%s/%d", e.ID, n))
	v.Region = regionOfName(f.Rec.Meta.Agency)
	v.CheckID, v.FileName, v.PairWith, v.StoredAs = e.ID, f.Name, f.PairWith, f.Stored
	v.CanStore = s.opt.Uploads && s.opt.Ingester != nil
	s.page(w, r, "report", "检查："+f.Name, v)
}

func regionOfName(name string) string {
	_, _, region := (&corpus.Agencies{}).Resolve(name)
	return region
}

// checkStore stores the files of an upload in the corpus (only with
// uploads enabled): each file is moved to UploadDir under its SHA-256 and
// ingested from there, so that the evidence view finds it later.
func (s *Server) checkStore(w http.ResponseWriter, r *http.Request) {
	if !s.opt.Uploads || s.opt.Ingester == nil {
		s.fail(w, r, http.StatusForbidden, "本服务以只读方式运行：要把检查过的报告存入语料库，请用 nianbao serve -uploads 启动。", nil)
		return
	}
	e := s.checkEntryOf(w, r)
	if e == nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := os.MkdirAll(s.opt.UploadDir, 0o755); err != nil {
		s.fail(w, r, http.StatusInternalServerError, "无法创建上传目录。", err)
		return
	}
	var inputs []extract.Input
	var files []*checkedFile
	for _, f := range e.Files {
		if f.Rec == nil || f.Stored != nil {
			continue
		}
		dst := filepath.Join(s.opt.UploadDir, f.Rec.Source.SHA256+strings.ToLower(filepath.Ext(f.Name)))
		if err := moveFile(f.Path, dst); err != nil {
			s.fail(w, r, http.StatusInternalServerError, "无法保存上传的文件。", err)
			return
		}
		f.Path = dst
		abs, err := filepath.Abs(dst)
		if err == nil {
			f.Path = abs
		}
		inputs = append(inputs, extract.Input{Path: f.Path})
		files = append(files, f)
	}
	if len(inputs) > 0 {
		sum, err := s.opt.Ingester.Ingest(r.Context(), inputs)
		if err != nil && sum == nil {
			s.fail(w, r, http.StatusInternalServerError, "存入语料库时出错。", err)
			return
		}
		for i, f := range files {
			res := sum.Results[i]
			if res.Err == nil && res.Report == 0 {
				// Unchanged: the same bytes were stored before.
				res.Report = s.reportIDOf(r.Context(), f.Rec)
			}
			f.Stored = &res
		}
	}
	http.Redirect(w, r, "/check/"+e.ID, http.StatusSeeOther)
}

func moveFile(src, dst string) error {
	if err := os.Rename(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := saveTo(dst, in); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	return os.Remove(src)
}

// reportIDOf finds the stored report of a record's agency and year (0:
// none).
func (s *Server) reportIDOf(ctx context.Context, rec *extract.Record) int64 {
	ag := s.opt.Ingester.Agencies
	if ag == nil {
		ag = &corpus.Agencies{}
	}
	key, _, _ := ag.Resolve(rec.Meta.Agency)
	sums, err := s.opt.DB.Overview(ctx, corpus.OverviewFilter{AgencyKey: key, Year: rec.Meta.Year})
	if err != nil || len(sums) == 0 {
		return 0
	}
	return sums[0].ID
}
