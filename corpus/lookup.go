package corpus

import (
	"context"
	"fmt"

	"github.com/nianbao/nianbao/extract"
)

// RecordOf returns the stored record (primary source) of an agency's
// report for a year, the agency named as printed or by its key (aliases
// of ag apply; ag may be nil). ErrNotFound when the corpus has none.
// `nianbao audit -db` uses it to run the cross-year rules against last
// year's report.
func (db *DB) RecordOf(ctx context.Context, ag *Agencies, agency string, year int) (*extract.Record, error) {
	if ag == nil {
		ag = &Agencies{}
	}
	key, _, _ := ag.Resolve(agency)
	rs, err := db.reports(ctx, Filter{AgencyKey: key, Year: year})
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("%w: no %d report of %s", ErrNotFound, year, agency)
	}
	return db.Record(ctx, rs[0].ID)
}
