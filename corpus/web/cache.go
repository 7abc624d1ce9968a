package web

import (
	"context"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/nianbao/nianbao/corpus"
)

// The overview, the filters and the rule counts read every report and
// every finding: with 10,000 reports that is too slow to do per request.
// A snapshot holds the reports and their finding counts by rule in
// memory; it is rebuilt when the corpus's fingerprint changes (checked at
// most once a second), and built when the server starts.

type snapshot struct {
	fp      string
	reports []corpus.Report        // by agency key, year
	sums    []corpus.ReportSummary // the reports with their counts, in the same order
	rules   map[int64][]corpus.ReportRule
	facets  *corpus.Facets
}

type snapCache struct {
	mu      sync.Mutex
	cur     *snapshot
	checked time.Time
}

// recheck is how long a snapshot is used without asking the database
// whether it changed.
const recheck = time.Second

func (s *Server) snapshot(ctx context.Context) (*snapshot, error) {
	c := &s.snaps
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != nil && time.Since(c.checked) < recheck {
		return c.cur, nil
	}
	fp, err := s.opt.DB.Fingerprint(ctx)
	if err != nil {
		return nil, err
	}
	if c.cur != nil && c.cur.fp == fp {
		c.checked = time.Now()
		return c.cur, nil
	}
	snap, err := s.buildSnapshot(ctx, fp)
	if err != nil {
		return nil, err
	}
	c.cur, c.checked = snap, time.Now()
	return snap, nil
}

func (s *Server) buildSnapshot(ctx context.Context, fp string) (*snapshot, error) {
	reps, err := s.opt.DB.AllReports(ctx)
	if err != nil {
		return nil, err
	}
	rr, err := s.opt.DB.ReportRules(ctx)
	if err != nil {
		return nil, err
	}
	snap := &snapshot{fp: fp, reports: reps, rules: map[int64][]corpus.ReportRule{}, facets: &corpus.Facets{}}
	rules := map[string]bool{}
	for _, x := range rr {
		snap.rules[x.Report] = append(snap.rules[x.Report], x)
		rules[x.Rule] = true
	}
	snap.sums = make([]corpus.ReportSummary, len(reps))
	for i, r := range reps {
		sum := corpus.ReportSummary{Report: r}
		for _, x := range snap.rules[r.ID] {
			switch x.Severity {
			case "error":
				sum.Errors += x.Count
			case "warning":
				sum.Warnings += x.Count
			default:
				sum.Infos += x.Count
			}
		}
		snap.sums[i] = sum
	}
	regions, years, gens := map[string]bool{}, map[int]bool{}, map[string]bool{}
	provinces, types := map[string]bool{}, map[string]bool{}
	for _, r := range reps {
		if r.Province != "" {
			provinces[r.Province] = true
		}
		if r.AgencyType != "" {
			types[r.AgencyType] = true
		}
		if r.Region != "" {
			regions[r.Region] = true
		}
		years[r.Year] = true
		if r.Generation != "" {
			gens[r.Generation] = true
		}
	}
	f := snap.facets
	f.Regions, f.Generations, f.Rules = sortedKeys(regions), sortedKeys(gens), sortedKeys(rules)
	f.Provinces, f.AgencyTypes = sortedKeys(provinces), sortedKeys(types)
	for y := range years {
		f.Years = append(f.Years, y)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(f.Years)))
	return snap, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// summaries returns the reports f selects with their finding counts, by
// agency key and year.
func (snap *snapshot) summaries(f corpus.OverviewFilter) []corpus.ReportSummary {
	var out []corpus.ReportSummary
	for i := range snap.sums {
		r := &snap.sums[i]
		if (f.Region != "" && r.Region != f.Region) || (f.Year != 0 && r.Year != f.Year) ||
			(f.Generation != "" && r.Generation != f.Generation) || (f.AgencyKey != "" && r.AgencyKey != f.AgencyKey) ||
			(f.Province != "" && r.Province != f.Province) || (f.AgencyType != "" && r.AgencyType != f.AgencyType) {
			continue
		}
		if f.Rule != "" && !slices.ContainsFunc(snap.rules[r.ID], func(x corpus.ReportRule) bool { return x.Rule == f.Rule }) {
			continue
		}
		out = append(out, *r)
	}
	return out
}

// ruleCounts counts the rules found in the given reports, the most
// reports first; at most limit.
func (snap *snapshot) ruleCounts(sums []corpus.ReportSummary, limit int) []corpus.RuleCount {
	byRule := map[string]*corpus.RuleCount{}
	for _, sum := range sums {
		for _, x := range snap.rules[sum.ID] {
			c := byRule[x.Rule]
			if c == nil {
				c = &corpus.RuleCount{Rule: x.Rule, Severity: x.Severity}
				byRule[x.Rule] = c
			} else if sevRank[x.Severity] < sevRank[c.Severity] {
				c.Severity = x.Severity
			}
			c.Findings += x.Count
		}
		seen := map[string]bool{}
		for _, x := range snap.rules[sum.ID] {
			if !seen[x.Rule] {
				seen[x.Rule] = true
				byRule[x.Rule].Reports++
			}
		}
	}
	out := make([]corpus.RuleCount, 0, len(byRule))
	for _, c := range byRule {
		out = append(out, *c)
	}
	return corpus.RankRuleCounts(out, limit)
}
