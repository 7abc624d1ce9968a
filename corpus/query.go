package corpus

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/corpus/division"
	"github.com/nianbao/nianbao/extract"
)

// Report is one (agency, year) of the corpus as the queries return it.
type Report struct {
	ID        int64  `json:"id"`
	Agency    string `json:"agency"`
	AgencyKey string `json:"agency_key"`
	Region    string `json:"region,omitempty"`
	// The division the publisher belongs to (package division): its code,
	// the names of its province, city and county, and the agency type.
	Code        string `json:"code,omitempty"`
	Province    string `json:"province,omitempty"`
	City        string `json:"city,omitempty"`
	County      string `json:"county,omitempty"`
	AgencyType  string `json:"agency_type,omitempty"`
	AgencyOrgan string `json:"agency_field,omitempty"` // division.Agency.Organ
	Printed     string `json:"printed,omitempty"`      // the agency as the primary source prints it
	Year        int    `json:"year"`
	Generation  string `json:"generation"`
	Title       string `json:"title,omitempty"`
	Published   string `json:"published,omitempty"`
	Source      string `json:"source"`  // URL or path of the primary source
	Sources     int    `json:"sources"` // how many sources the report has
}

// Filter selects reports. Zero fields select everything.
type Filter struct {
	AgencyKey string
	From, To  int // years, inclusive
	Year      int
	// Region is a division code (GB/T 2260, or the dataset's short form:
	// 32 or 320000 a province, 3208 or 320800 a city): the reports of
	// that division and every division within it.
	Region string
}

func (db *DB) reports(ctx context.Context, f Filter) ([]Report, error) {
	var where []string
	var args []any
	if f.AgencyKey != "" {
		where, args = append(where, "r.agency_key = ?"), append(args, f.AgencyKey)
	}
	if f.Region != "" {
		where, args = append(where, "r.division_code LIKE ?"), append(args, division.Normalize(f.Region)+"%")
	}
	if f.Year != 0 {
		where, args = append(where, "r.year = ?"), append(args, f.Year)
	}
	if f.From != 0 {
		where, args = append(where, "r.year >= ?"), append(args, f.From)
	}
	if f.To != 0 {
		where, args = append(where, "r.year <= ?"), append(args, f.To)
	}
	q := `SELECT r.id, r.agency, r.agency_key, r.region, r.division_code, r.province, r.city, r.county, r.agency_type, r.agency_field,
		s.agency, r.year, r.generation, r.title, r.published,
		CASE WHEN s.url <> '' THEN s.url ELSE s.path END, (SELECT COUNT(*) FROM sources x WHERE x.report_id = r.id)
		FROM reports r JOIN sources s ON s.id = r.primary_source`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY r.agency_key, r.year"
	rows, err := db.sql.QueryContext(ctx, db.q(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Report
	for rows.Next() {
		var r Report
		if err := rows.Scan(&r.ID, &r.Agency, &r.AgencyKey, &r.Region, &r.Code, &r.Province, &r.City, &r.County, &r.AgencyType, &r.AgencyOrgan, &r.Printed, &r.Year, &r.Generation, &r.Title, &r.Published, &r.Source, &r.Sources); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// values reads the cells and legacy rows of a report's primary source.
func (db *DB) values(ctx context.Context, r Report) (*reportValues, []extract.Cell, error) {
	v := &reportValues{gen: r.Generation, cells: map[string]extract.Cell{}}
	var cells []extract.Cell
	err := db.scanRows(ctx, db.sql, `SELECT c.cell_id, c.tbl, c.status, c.value, c.unit FROM cells c JOIN reports r ON r.primary_source = c.source_id
		WHERE r.id = ? ORDER BY c.ord`, r.ID, func(rows *sql.Rows) error {
		var c extract.Cell
		var st string
		if err := rows.Scan(&c.ID, &c.Table, &st, &c.Value, &c.Unit); err != nil {
			return err
		}
		c.Status = extract.Status(st)
		cells = append(cells, c)
		v.cells[c.ID] = c
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = db.scanRows(ctx, db.sql, `SELECT l.label, l.unit, l.year_value, l.cumulative, l.status, l.parent FROM legacy_rows l JOIN reports r ON r.primary_source = l.source_id
		WHERE r.id = ? ORDER BY l.ord`, r.ID, func(rows *sql.Rows) error {
		var l extract.LegacyRow
		var st string
		if err := rows.Scan(&l.Label, &l.Unit, &l.Year, &l.Cumulative, &st, &l.Parent); err != nil {
			return err
		}
		l.Status = extract.Status(st)
		v.legacy = append(v.legacy, l)
		return nil
	})
	return v, cells, err
}

// Findings returns the findings stored for a report, within-report ones
// of its primary source first, then cross-year and conflict findings.
// scopes limits the scopes returned (none: all).
func (db *DB) Findings(ctx context.Context, report int64, scopes ...string) ([]Finding, error) {
	q := `SELECT f.scope, f.rule, f.severity, f.tbl, f.verdict, f.message_zh, f.message_en, f.arithmetic, f.cells,
		r.year, COALESCE(p.year, 0), COALESCE(s.path, '')
		FROM findings f JOIN reports r ON r.id = f.report_id
		LEFT JOIN reports p ON p.id = f.prev_report_id LEFT JOIN sources s ON s.id = f.source_id
		WHERE f.report_id = ? AND (f.source_id IS NULL OR f.source_id = r.primary_source)`
	args := []any{report}
	if len(scopes) > 0 {
		q += " AND f.scope IN (" + strings.TrimSuffix(strings.Repeat("?,", len(scopes)), ",") + ")"
		for _, s := range scopes {
			args = append(args, s)
		}
	}
	q += ` ORDER BY CASE f.scope WHEN 'report' THEN 0 WHEN 'cross_year' THEN 1 ELSE 2 END, f.id`
	rows, err := db.sql.QueryContext(ctx, db.q(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Finding
	for rows.Next() {
		var f Finding
		var cells string
		if err := rows.Scan(&f.Scope, &f.Rule, &f.Severity, &f.Table, &f.Verdict, &f.MessageZH, &f.MessageEN, &f.Arithmetic, &cells,
			&f.Year, &f.PrevYear, &f.Source); err != nil {
			return nil, err
		}
		f.Cells = []byte(cells)
		out = append(out, f)
	}
	return out, rows.Err()
}

// ResolveAgency finds the agency key for a name as a user types it: the
// key the name resolves to (aliases, then its division: 洪泽区人民政府 finds
// the reports printed 淮安市洪泽区人民政府), else the key of the name as
// typed, else the one agency whose name or key contains it. No match, or
// several, is an error that lists them.
func (db *DB) ResolveAgency(ctx context.Context, ag *Agencies, name string) (string, error) {
	if ag == nil {
		ag = &Agencies{}
	}
	key, _, _ := ag.Resolve(name)
	plain := AgencyKey(name)
	for _, k := range []string{key, plain} {
		var n int
		if err := db.sql.QueryRowContext(ctx, db.q(`SELECT COUNT(*) FROM reports WHERE agency_key = ?`), k).Scan(&n); err != nil {
			return "", err
		}
		if n > 0 {
			return k, nil
		}
	}
	var keys []string
	err := db.scanRows(ctx, db.sql, `SELECT DISTINCT agency_key FROM reports WHERE agency_key LIKE ? OR agency_key LIKE ? OR agency LIKE ? ORDER BY agency_key`,
		[]any{"%" + key + "%", "%" + plain + "%", "%" + strings.TrimSpace(name) + "%"}, func(r *sql.Rows) error {
			var k string
			if err := r.Scan(&k); err != nil {
				return err
			}
			keys = append(keys, k)
			return nil
		})
	if err != nil {
		return "", err
	}
	switch len(keys) {
	case 0:
		return "", fmt.Errorf("%w: no agency matches %q", ErrNotFound, name)
	case 1:
		return keys[0], nil
	}
	return "", fmt.Errorf("corpus: %q matches %d agencies: %s", name, len(keys), strings.Join(keys, ", "))
}
