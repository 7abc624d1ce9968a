package web

import (
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

// agenciesPerPage is the overview's page size.
const agenciesPerPage = 50

type agencyRow struct {
	Key, Name, Region string
	Place, Type       string                  // province · city · county, agency type (where the corpus knows them)
	Cells             []*corpus.ReportSummary // one per overview year, nil where none
	Errors, Warnings  int
}

type overviewData struct {
	F                         corpus.OverviewFilter
	Facets                    *corpus.Facets
	Years                     []int
	Rows                      []agencyRow
	Reports, Agencies         int
	Errors, Warnings, Clean   int
	Rules                     []corpus.RuleCount
	RuleMax                   int
	Page, Pages               int
	PrevURL, NextURL, BaseURL string
}

func filterOf(r *http.Request) corpus.OverviewFilter {
	q := r.URL.Query()
	y, _ := strconv.Atoi(q.Get("year"))
	return corpus.OverviewFilter{Region: q.Get("region"), Year: y, Generation: q.Get("gen"), Rule: q.Get("rule"),
		Province: q.Get("province"), AgencyType: q.Get("type")}
}

func (f overviewQuery) url(page int) string {
	v := url.Values{}
	if f.Region != "" {
		v.Set("region", f.Region)
	}
	if f.Year != 0 {
		v.Set("year", strconv.Itoa(f.Year))
	}
	if f.Generation != "" {
		v.Set("gen", f.Generation)
	}
	if f.Rule != "" {
		v.Set("rule", f.Rule)
	}
	if f.Province != "" {
		v.Set("province", f.Province)
	}
	if f.AgencyType != "" {
		v.Set("type", f.AgencyType)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/"
	}
	return "/?" + v.Encode()
}

type overviewQuery struct{ corpus.OverviewFilter }

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := filterOf(r)
	snap, err := s.snapshot(ctx)
	if err != nil {
		s.dbFail(w, r, err)
		return
	}
	sums := snap.summaries(f)
	facets, rules := snap.facets, snap.ruleCounts(sums, 12)
	d := &overviewData{F: f, Facets: facets, Rules: rules, Reports: len(sums)}
	for _, rc := range rules {
		d.RuleMax = max(d.RuleMax, rc.Reports)
	}
	years := map[int]bool{}
	for _, x := range sums {
		years[x.Year] = true
		if x.Errors > 0 {
			d.Errors++
		} else if x.Warnings > 0 {
			d.Warnings++
		} else {
			d.Clean++
		}
	}
	for y := range years {
		d.Years = append(d.Years, y)
	}
	sort.Ints(d.Years)
	if len(d.Years) > 10 {
		d.Years = d.Years[len(d.Years)-10:] // the ten latest; older years through the year filter
	}
	col := map[int]int{}
	for i, y := range d.Years {
		col[y] = i
	}
	// sums come by agency key, then year.
	var rows []agencyRow
	for i := range sums {
		x := &sums[i]
		if n := len(rows); n == 0 || rows[n-1].Key != x.AgencyKey {
			rows = append(rows, agencyRow{Key: x.AgencyKey, Cells: make([]*corpus.ReportSummary, len(d.Years))})
		}
		row := &rows[len(rows)-1]
		row.Name, row.Region = x.Agency, x.Region // the latest year's spelling
		row.Place, row.Type = placeOf(x.Report), x.AgencyType
		row.Errors += x.Errors
		row.Warnings += x.Warnings
		if c, ok := col[x.Year]; ok {
			row.Cells[c] = x
		}
	}
	d.Agencies = len(rows)
	d.Pages = max(1, (len(rows)+agenciesPerPage-1)/agenciesPerPage)
	d.Page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	d.Page = min(max(d.Page, 1), d.Pages)
	d.Rows = rows[min((d.Page-1)*agenciesPerPage, len(rows)):min(d.Page*agenciesPerPage, len(rows))]
	oq := overviewQuery{f}
	d.BaseURL = oq.url(1)
	if d.Page > 1 {
		d.PrevURL = oq.url(d.Page - 1)
	}
	if d.Page < d.Pages {
		d.NextURL = oq.url(d.Page + 1)
	}
	s.page(w, r, "overview", "总览", d)
}

func pathID(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id, err == nil && id > 0
}

// storedReport reads the report of the path's id with its findings; on
// failure it has written the error page.
func (s *Server) storedReport(w http.ResponseWriter, r *http.Request) (int64, *extract.Record, []corpus.Finding, bool) {
	ctx := r.Context()
	id, ok := pathID(r, "id")
	if !ok {
		s.notFound(w, r, "没有这份报告。")
		return 0, nil, nil, false
	}
	rec, err := s.opt.DB.Record(ctx, id)
	if err != nil {
		s.dbFail(w, r, err)
		return 0, nil, nil, false
	}
	fs, err := s.opt.DB.Findings(ctx, id)
	if err != nil {
		s.dbFail(w, r, err)
		return 0, nil, nil, false
	}
	return id, rec, fs, true
}

func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	id, rec, fs, ok := s.storedReport(w, r)
	if !ok {
		return
	}
	rep, err := s.opt.DB.ReportByID(r.Context(), id)
	if err != nil {
		s.dbFail(w, r, err)
		return
	}
	v := buildReport(rec, fromCorpus(fs), "/report/"+strconv.FormatInt(id, 10))
	v.Stored, v.Region, v.Agency = &rep, placeOf(rep), rep.AgencyKey
	s.page(w, r, "report", fmt.Sprintf("%s %d", rep.Agency, rep.Year), v)
}

// chartFields are the main figures charted on the agency page.
var chartFields = []struct{ ID, Label string }{
	{"t3.new_received.total", "本年新收申请"},
	{"t3.results_total.total", "办理结果总计"},
	{"t3.granted.total", "予以公开"},
	{"t3.denied.total", "不予公开"},
	{"t4.admin_review.total", "行政复议"},
	{"t4.litigation.total", "行政诉讼"},
}

type agencyData struct {
	Key, Name, Region string
	Type              string
	Cmp               *corpus.Comparison
	Findings          []findingView
	Chart             *lineChart
	Summaries         map[int]corpus.ReportSummary
}

func (s *Server) agency(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	key := r.URL.Query().Get("key")
	if key == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	cmp, err := s.opt.DB.Compare(ctx, key, 0, 0)
	if err != nil {
		s.dbFail(w, r, err)
		return
	}
	snap, err := s.snapshot(ctx)
	if err != nil {
		s.dbFail(w, r, err)
		return
	}
	sums := snap.summaries(corpus.OverviewFilter{AgencyKey: key})
	last := cmp.Reports[len(cmp.Reports)-1]
	d := &agencyData{Key: key, Name: last.Agency, Region: placeOf(last), Type: last.AgencyType, Cmp: cmp, Findings: fromCorpus(cmp.Findings),
		Summaries: map[int]corpus.ReportSummary{}}
	for _, x := range sums {
		d.Summaries[x.Year] = x
	}
	ch := &lineChart{}
	for _, rep := range cmp.Reports {
		ch.X = append(ch.X, strconv.Itoa(rep.Year))
	}
	for _, cf := range chartFields {
		for _, row := range cmp.Rows {
			if row.Column != cf.ID {
				continue
			}
			ser := series{Name: cf.Label}
			for _, v := range row.Values {
				ser.Y = append(ser.Y, numeric(v))
			}
			ch.Series = append(ch.Series, ser)
		}
	}
	d.Chart = ch.layout()
	s.page(w, r, "agency", d.Name, d)
}

// numeric is a value as a number, or nil when it is not a number (blank
// counts as nothing drawn, not as 0).
func numeric(v corpus.Value) *float64 {
	if v.Status != "ok" {
		return nil
	}
	r, ok := template.ParseExact(v.Value)
	if !ok {
		return nil
	}
	f, _ := r.Float64()
	return &f
}

type compareRow struct {
	Rank   int
	Report corpus.Report
	Value  corpus.Value
	Num    *float64
}

type compareData struct {
	Column, Region  string
	Year            int
	ColumnLabel     string
	Columns         []*corpus.Column
	Facets          *corpus.Facets
	Rows            []compareRow
	Chart           *barChart
	CSV             string
	Total           float64
	Numbered, Blank int
}

func (s *Server) compareRows(r *http.Request) (*compareData, error) {
	ctx := r.Context()
	q := r.URL.Query()
	d := &compareData{Column: q.Get("field"), Region: q.Get("region"), Columns: corpus.Columns()}
	if d.Column == "" {
		d.Column = "t3.new_received.total"
	}
	f, ok := corpus.LookupColumn(d.Column)
	if !ok {
		return nil, fmt.Errorf("%w: no comparison column %q", corpus.ErrNotFound, d.Column)
	}
	d.ColumnLabel = f.Label
	snap, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	facets := snap.facets
	d.Facets = facets
	d.Year, _ = strconv.Atoi(q.Get("year"))
	if d.Year == 0 && len(facets.Years) > 0 {
		d.Year = facets.Years[0]
	}
	rows, err := s.opt.DB.AcrossRegion(ctx, d.Column, d.Year, d.Region)
	if err != nil {
		return nil, err
	}
	for _, x := range rows {
		cr := compareRow{Report: x.Report, Value: x.Value, Num: numeric(x.Value)}
		if cr.Num != nil {
			d.Numbered++
			d.Total += *cr.Num
		} else {
			d.Blank++
		}
		d.Rows = append(d.Rows, cr)
	}
	sort.SliceStable(d.Rows, func(i, j int) bool {
		a, b := d.Rows[i].Num, d.Rows[j].Num
		switch {
		case a != nil && b != nil:
			if *a != *b {
				return *a > *b
			}
			return d.Rows[i].Report.AgencyKey < d.Rows[j].Report.AgencyKey
		case a != nil:
			return true
		case b != nil:
			return false
		}
		return d.Rows[i].Report.AgencyKey < d.Rows[j].Report.AgencyKey
	})
	rank := 0
	for i := range d.Rows {
		if d.Rows[i].Num == nil {
			continue
		}
		if i == 0 || d.Rows[i-1].Num == nil || *d.Rows[i-1].Num != *d.Rows[i].Num {
			rank = i + 1
		}
		d.Rows[i].Rank = rank
	}
	v := url.Values{"field": {d.Column}, "year": {strconv.Itoa(d.Year)}}
	if d.Region != "" {
		v.Set("region", d.Region)
	}
	d.CSV = "/compare.csv?" + v.Encode()
	return d, nil
}

// compareChartMax is the most bars drawn; the table lists every agency.
const compareChartMax = 25

func (s *Server) compare(w http.ResponseWriter, r *http.Request) {
	d, err := s.compareRows(r)
	if err != nil {
		s.dbFail(w, r, err)
		return
	}
	bc := &barChart{}
	for _, x := range d.Rows {
		if x.Num == nil || len(bc.Bars) >= compareChartMax {
			continue
		}
		bc.Bars = append(bc.Bars, bar{Label: x.Report.Agency, Value: *x.Num, Href: "/report/" + strconv.FormatInt(x.Report.ID, 10)})
	}
	d.Chart = bc.layout()
	s.page(w, r, "compare", "比较", d)
}

func (s *Server) compareCSV(w http.ResponseWriter, r *http.Request) {
	d, err := s.compareRows(r)
	if err != nil {
		if errors.Is(err, corpus.ErrNotFound) {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		s.opt.Log.Printf("nianbao serve: %s: %v", r.URL.Path, err)
		return
	}
	name := fmt.Sprintf("nianbao-%s-%d.csv", strings.ReplaceAll(d.Column, ".", "_"), d.Year)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write([]byte("\ufeff")) // spreadsheets read UTF-8 with a BOM
	cw := csv.NewWriter(w)
	cw.Write([]string{"rank", "agency", "agency_key", "region", "year", "generation", "field", "value", "status", "quality", "report_id", "source"})
	for _, x := range d.Rows {
		rank := ""
		if x.Rank > 0 {
			rank = strconv.Itoa(x.Rank)
		}
		cw.Write(corpus.SpreadsheetSafeRow([]string{rank, x.Report.Agency, x.Report.AgencyKey, x.Report.Region, strconv.Itoa(x.Report.Year),
			x.Report.Generation, d.Column, x.Value.Value, x.Value.Status, x.Value.Quality, strconv.FormatInt(x.Report.ID, 10), x.Report.Source}))
	}
	cw.Flush()
}

type hitView struct {
	corpus.Hit
	Parts []textPart
}

type searchData struct {
	Q         string
	Hits      []hitView
	NoCut     bool
	Limit     int
	Truncated bool
}

// searchLimit is the most sentences a search shows.
const searchLimit = 100

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	d := &searchData{Q: q, NoCut: s.opt.Cut == nil, Limit: searchLimit}
	if q != "" && s.opt.Cut != nil {
		hits, err := s.opt.DB.Search(r.Context(), q, s.opt.Cut, searchLimit+1)
		if err != nil {
			s.dbFail(w, r, err)
			return
		}
		if len(hits) > searchLimit {
			hits, d.Truncated = hits[:searchLimit], true
		}
		words := s.opt.Cut(q)
		for _, h := range hits {
			d.Hits = append(d.Hits, hitView{Hit: h, Parts: highlight(h.Sentence, words)})
		}
	}
	s.page(w, r, "search", "搜索", d)
}

// highlight marks the occurrences of words in text.
func highlight(text string, words []string) []textPart {
	var ws []string
	for _, w := range words {
		if w = strings.TrimSpace(w); w != "" {
			ws = append(ws, w)
		}
	}
	sort.Slice(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	var parts []textPart
	plain := 0
	for i := 0; i < len(text); {
		hit := ""
		for _, w := range ws {
			if strings.HasPrefix(text[i:], w) {
				hit = w
				break
			}
		}
		if hit == "" {
			i++
			continue
		}
		if i > plain {
			parts = append(parts, textPart{Text: text[plain:i]})
		}
		parts = append(parts, textPart{Text: hit, Class: "hit"})
		i += len(hit)
		plain = i
	}
	if plain < len(text) {
		parts = append(parts, textPart{Text: text[plain:]})
	}
	return parts
}

// placeOf names where a report's publisher is: province, city, county as
// the corpus knows them, else the region read from the name.
func placeOf(r corpus.Report) string {
	var parts []string
	for _, p := range []string{r.Province, r.City, r.County} {
		if p != "" && (len(parts) == 0 || parts[len(parts)-1] != p) {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return r.Region
	}
	return strings.Join(parts, " · ")
}
