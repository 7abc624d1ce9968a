package corpus

import (
	"context"
	"fmt"
)

// Comparison is one agency's figures side by side by year.
type Comparison struct {
	AgencyKey string       `json:"agency_key"`
	Reports   []Report     `json:"reports"` // by year
	Rows      []CompareRow `json:"rows"`    // comparison columns with a value in some year
	// Findings are the cross-year findings and the conflicts between
	// sources of these reports.
	Findings []Finding `json:"findings"`
}

// CompareRow is one comparison column across the years of a Comparison.
type CompareRow struct {
	Column string  `json:"field"` // a Column id
	Label  string  `json:"label"`
	Values []Value `json:"values"` // one per report, in the order of Reports
}

// Compare returns the reports of agency key in years from..to (0: open),
// with every comparison column that has a value in one of them.
func (db *DB) Compare(ctx context.Context, key string, from, to int) (*Comparison, error) {
	reps, err := db.reports(ctx, Filter{AgencyKey: key, From: from, To: to})
	if err != nil {
		return nil, err
	}
	if len(reps) == 0 {
		return nil, fmt.Errorf("%w: no report of %s in the years asked", ErrNotFound, key)
	}
	cmp := &Comparison{AgencyKey: key, Reports: reps}
	vals := make([]*reportValues, len(reps))
	for i, r := range reps {
		if vals[i], _, err = db.values(ctx, r); err != nil {
			return nil, err
		}
		fs, err := db.Findings(ctx, r.ID, ScopeCrossYear, ScopeConflict)
		if err != nil {
			return nil, err
		}
		cmp.Findings = append(cmp.Findings, fs...)
	}
	for _, f := range Columns() {
		row := CompareRow{Column: f.ID, Label: f.Label}
		any := false
		for _, v := range vals {
			fv := f.value(v)
			any = any || fv.Status != ""
			row.Values = append(row.Values, fv)
		}
		if any {
			cmp.Rows = append(cmp.Rows, row)
		}
	}
	return cmp, nil
}

// AcrossRow is one agency's value of a column in a year.
type AcrossRow struct {
	Report Report `json:"report"`
	Value  Value  `json:"value"`
}

// Across returns one comparison column for every agency reporting for year.
func (db *DB) Across(ctx context.Context, field string, year int) ([]AcrossRow, error) {
	return db.AcrossIn(ctx, field, Filter{Year: year})
}

// AcrossIn returns one comparison column for every report f selects (a
// year and a region, say).
func (db *DB) AcrossIn(ctx context.Context, field string, flt Filter) ([]AcrossRow, error) {
	f, ok := LookupColumn(field)
	if !ok {
		return nil, fmt.Errorf("%w: no comparison column %q", ErrNotFound, field)
	}
	reps, err := db.reports(ctx, flt)
	if err != nil {
		return nil, err
	}
	out := make([]AcrossRow, 0, len(reps))
	for _, r := range reps {
		v, _, err := db.values(ctx, r)
		if err != nil {
			return nil, err
		}
		out = append(out, AcrossRow{Report: r, Value: f.value(v)})
	}
	return out, nil
}
