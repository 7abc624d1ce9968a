package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// Read queries for browsing the corpus (the web application of `nianbao
// serve`): reports with their finding counts, the rules that fail most,
// the values of filters, one report by id, and one field across the
// agencies of a year in one query.

// OverviewFilter selects reports for Overview and RuleCounts. Zero fields
// select everything.
type OverviewFilter struct {
	Region     string
	Year       int
	Generation string
	Rule       string // reports with at least one finding of this rule
	AgencyKey  string
	Province   string // the province name of the publisher's division
	AgencyType string
}

// ReportSummary is a report with the number of its findings by severity
// (primary source, cross-year and conflict findings).
type ReportSummary struct {
	Report
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// where returns the SQL conditions (on reports r) and arguments of f.
func (f OverviewFilter) where() (string, []any) {
	var w []string
	var args []any
	if f.Region != "" {
		w, args = append(w, "r.region = ?"), append(args, f.Region)
	}
	if f.Year != 0 {
		w, args = append(w, "r.year = ?"), append(args, f.Year)
	}
	if f.Generation != "" {
		w, args = append(w, "r.generation = ?"), append(args, f.Generation)
	}
	if f.AgencyKey != "" {
		w, args = append(w, "r.agency_key = ?"), append(args, f.AgencyKey)
	}
	if f.Province != "" {
		w, args = append(w, "r.province = ?"), append(args, f.Province)
	}
	if f.AgencyType != "" {
		w, args = append(w, "r.agency_type = ?"), append(args, f.AgencyType)
	}
	if f.Rule != "" {
		w, args = append(w, "r.id IN (SELECT x.report_id FROM findings x WHERE x.rule = ?)"), append(args, f.Rule)
	}
	if len(w) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(w, " AND "), args
}

// countedFindings is the join that keeps the findings a report shows:
// those of its primary source, and those of no source (cross-year,
// conflict).
const countedFindings = `findings f ON f.report_id = r.id AND (f.source_id IS NULL OR f.source_id = r.primary_source)`

// Overview returns the reports f selects, by agency key and year, with
// their finding counts.
func (db *DB) Overview(ctx context.Context, f OverviewFilter) ([]ReportSummary, error) {
	where, args := f.where()
	q := `SELECT r.id, r.agency, r.agency_key, r.region, r.year, r.generation, r.title, r.published,
		COALESCE(SUM(CASE WHEN f.severity = 'error' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN f.severity = 'warning' THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN f.severity = 'info' THEN 1 ELSE 0 END), 0)
		FROM reports r LEFT JOIN ` + countedFindings + where + `
		GROUP BY r.id, r.agency, r.agency_key, r.region, r.year, r.generation, r.title, r.published
		ORDER BY r.agency_key, r.year`
	var out []ReportSummary
	err := db.scanRows(ctx, db.sql, q, args, func(rows *sql.Rows) error {
		var s ReportSummary
		if err := rows.Scan(&s.ID, &s.Agency, &s.AgencyKey, &s.Region, &s.Year, &s.Generation, &s.Title, &s.Published,
			&s.Errors, &s.Warnings, &s.Infos); err != nil {
			return err
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// RuleCount is how often a rule was found over the selected reports.
type RuleCount struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"` // the worst severity it was found with
	Findings int    `json:"findings"`
	Reports  int    `json:"reports"`
}

// RuleCounts returns the rules found in the reports f selects, the most
// reports first (then the most findings, then the rule id); at most limit
// (<= 0: all).
func (db *DB) RuleCounts(ctx context.Context, f OverviewFilter, limit int) ([]RuleCount, error) {
	where, args := f.where()
	q := `SELECT f.rule, MIN(CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END), COUNT(*), COUNT(DISTINCT r.id)
		FROM reports r JOIN ` + countedFindings + where + ` GROUP BY f.rule`
	var out []RuleCount
	err := db.scanRows(ctx, db.sql, q, args, func(rows *sql.Rows) error {
		var c RuleCount
		var sev int
		if err := rows.Scan(&c.Rule, &sev, &c.Findings, &c.Reports); err != nil {
			return err
		}
		c.Severity = []string{"error", "warning", "info"}[min(max(sev, 0), 2)]
		out = append(out, c)
		return nil
	})
	out = RankRuleCounts(out, limit)
	return out, err
}

// Facets are the values the corpus holds for the overview's filters.
type Facets struct {
	Regions     []string `json:"regions"`
	Years       []int    `json:"years"` // newest first
	Generations []string `json:"generations"`
	Rules       []string `json:"rules"`
	Provinces   []string `json:"provinces"`
	AgencyTypes []string `json:"agency_types"`
}

// Facets lists the distinct regions, years, generations and rules.
func (db *DB) Facets(ctx context.Context) (*Facets, error) {
	fc := &Facets{}
	strs := func(q string, dst *[]string) error {
		return db.scanRows(ctx, db.sql, q, []any{}, func(rows *sql.Rows) error {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			if s != "" {
				*dst = append(*dst, s)
			}
			return nil
		})
	}
	if err := strs(`SELECT DISTINCT region FROM reports ORDER BY region`, &fc.Regions); err != nil {
		return nil, err
	}
	if err := strs(`SELECT DISTINCT generation FROM reports ORDER BY generation`, &fc.Generations); err != nil {
		return nil, err
	}
	if err := strs(`SELECT DISTINCT rule FROM findings ORDER BY rule`, &fc.Rules); err != nil {
		return nil, err
	}
	err := db.scanRows(ctx, db.sql, `SELECT DISTINCT year FROM reports ORDER BY year DESC`, []any{}, func(rows *sql.Rows) error {
		var y int
		if err := rows.Scan(&y); err != nil {
			return err
		}
		fc.Years = append(fc.Years, y)
		return nil
	})
	return fc, err
}

// ReportByID returns one report; ErrNotFound when there is none.
func (db *DB) ReportByID(ctx context.Context, id int64) (Report, error) {
	var r Report
	err := db.sql.QueryRowContext(ctx, db.q(`SELECT r.id, r.agency, r.agency_key, r.region, r.division_code, r.province, r.city, r.county,
		r.agency_type, r.agency_field, r.year, r.generation, r.title, r.published,
		CASE WHEN s.url <> '' THEN s.url ELSE s.path END, (SELECT COUNT(*) FROM sources x WHERE x.report_id = r.id)
		FROM reports r JOIN sources s ON s.id = r.primary_source WHERE r.id = ?`), id).
		Scan(&r.ID, &r.Agency, &r.AgencyKey, &r.Region, &r.Code, &r.Province, &r.City, &r.County, &r.AgencyType, &r.AgencyOrgan,
			&r.Year, &r.Generation, &r.Title, &r.Published, &r.Source, &r.Sources)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("%w: report %d", ErrNotFound, id)
	}
	return r, err
}

// AgencyReports returns the reports of an agency key by year.
func (db *DB) AgencyReports(ctx context.Context, key string) ([]Report, error) {
	return db.reports(ctx, Filter{AgencyKey: key})
}

// AcrossRegion is Across limited to a region ("" for all), reading the
// cells of every report of the year in one query instead of one per
// report.
func (db *DB) AcrossRegion(ctx context.Context, field string, year int, region string) ([]AcrossRow, error) {
	f, ok := LookupColumn(field)
	if !ok {
		return nil, fmt.Errorf("%w: no comparison column %q", ErrNotFound, field)
	}
	reps, err := db.reports(ctx, Filter{Year: year})
	if err != nil {
		return nil, err
	}
	vals := map[int64]*reportValues{}
	var kept []Report
	for _, r := range reps {
		if region != "" && r.Region != region {
			continue
		}
		kept = append(kept, r)
		vals[r.ID] = &reportValues{gen: r.Generation, cells: map[string]extract.Cell{}}
	}
	ids := map[string]bool{}
	legacy := false
	for gen, t := range f.terms {
		if gen == string(extract.GenLegacy) {
			legacy = true
		}
		for _, c := range t.cells {
			ids[c] = true
		}
	}
	if len(ids) > 0 {
		args := []any{year}
		ph := make([]string, 0, len(ids))
		for id := range ids {
			args, ph = append(args, id), append(ph, "?")
		}
		sort.Strings(ph)
		err := db.scanRows(ctx, db.sql, `SELECT r.id, c.cell_id, c.status, c.value FROM reports r JOIN cells c ON c.source_id = r.primary_source
			WHERE r.year = ? AND c.cell_id IN (`+strings.Join(ph, ",")+`)`, args, func(rows *sql.Rows) error {
			var id int64
			var c extract.Cell
			var st string
			if err := rows.Scan(&id, &c.ID, &st, &c.Value); err != nil {
				return err
			}
			c.Status = extract.Status(st)
			if v := vals[id]; v != nil {
				v.cells[c.ID] = c
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if legacy {
		err := db.scanRows(ctx, db.sql, `SELECT r.id, l.label, l.year_value, l.status FROM reports r JOIN legacy_rows l ON l.source_id = r.primary_source
			WHERE r.year = ? AND r.generation = ? ORDER BY r.id, l.ord`, []any{year, string(extract.GenLegacy)}, func(rows *sql.Rows) error {
			var id int64
			var l extract.LegacyRow
			var st string
			if err := rows.Scan(&id, &l.Label, &l.Year, &st); err != nil {
				return err
			}
			l.Status = extract.Status(st)
			if v := vals[id]; v != nil {
				v.legacy = append(v.legacy, l)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]AcrossRow, 0, len(kept))
	for _, r := range kept {
		out = append(out, AcrossRow{Report: r, Value: f.value(vals[r.ID])})
	}
	return out, nil
}

// ReportRule is how many findings of a rule and severity a report shows
// (primary source, cross-year and conflict findings).
type ReportRule struct {
	Report   int64
	Rule     string
	Severity string
	Count    int
}

// ReportRules returns the finding counts of every report by rule and
// severity, for callers that filter and count in memory.
func (db *DB) ReportRules(ctx context.Context) ([]ReportRule, error) {
	var out []ReportRule
	err := db.scanRows(ctx, db.sql, `SELECT f.report_id, f.rule, f.severity, COUNT(*) FROM reports r JOIN `+countedFindings+`
		GROUP BY f.report_id, f.rule, f.severity`, []any{}, func(rows *sql.Rows) error {
		var x ReportRule
		if err := rows.Scan(&x.Report, &x.Rule, &x.Severity, &x.Count); err != nil {
			return err
		}
		out = append(out, x)
		return nil
	})
	return out, err
}

// AllReports returns every report (without its source), by agency key and
// year.
func (db *DB) AllReports(ctx context.Context) ([]Report, error) {
	var out []Report
	err := db.scanRows(ctx, db.sql, `SELECT r.id, r.agency, r.agency_key, r.region, r.division_code, r.province, r.city, r.county,
		r.agency_type, r.agency_field, r.year, r.generation, r.title, r.published
		FROM reports r ORDER BY r.agency_key, r.year`, []any{}, func(rows *sql.Rows) error {
		var r Report
		if err := rows.Scan(&r.ID, &r.Agency, &r.AgencyKey, &r.Region, &r.Code, &r.Province, &r.City, &r.County, &r.AgencyType, &r.AgencyOrgan,
			&r.Year, &r.Generation, &r.Title, &r.Published); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// Fingerprint changes whenever reports or findings are added, replaced or
// removed: a cheap test of whether what a reader cached is still current.
func (db *DB) Fingerprint(ctx context.Context) (string, error) {
	var n, fmax, fn int64
	var upd sql.NullString
	if err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*), MAX(updated_at) FROM reports`).Scan(&n, &upd); err != nil {
		return "", err
	}
	if err := db.sql.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0), COUNT(*) FROM findings`).Scan(&fmax, &fn); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d/%s/%d/%d", n, upd.String, fmax, fn), nil
}

// RankRuleCounts sorts rule counts most-failing first (by reports, then
// findings, then rule id) and keeps the first limit (all when limit <= 0).
func RankRuleCounts(out []RuleCount, limit int) []RuleCount {
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Reports != b.Reports {
			return a.Reports > b.Reports
		}
		if a.Findings != b.Findings {
			return a.Findings > b.Findings
		}
		return a.Rule < b.Rule
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}
