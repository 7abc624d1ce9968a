package corpus

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/template"
)

// conflictRef is one side of a disagreeing cell, in the JSON form of
// audit.CellRef; Label names the source.
type conflictRef struct {
	ID       string           `json:"id"`
	Label    string           `json:"label"`
	Value    string           `json:"value"`
	Status   extract.Status   `json:"status"`
	Evidence extract.Evidence `json:"evidence"`
}

type cellValue struct {
	status, value string
	evidence      extract.Evidence
}

func (db *DB) sourceCells(ctx context.Context, x querier, source int64) (map[string]cellValue, []string, error) {
	rows, err := x.QueryContext(ctx, db.q(`SELECT cell_id, status, value, evidence FROM cells WHERE source_id = ? ORDER BY ord`), source)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	out := map[string]cellValue{}
	var order []string
	for rows.Next() {
		var id, ev string
		var v cellValue
		if err := rows.Scan(&id, &v.status, &v.value, &ev); err != nil {
			return nil, nil, err
		}
		json.Unmarshal([]byte(ev), &v.evidence)
		out[id] = v
		order = append(order, id)
	}
	return out, order, rows.Err()
}

// differ tells whether two readings of one cell contradict each other.
// A missing or ambiguous reading contradicts nothing (the other source
// fills the gap); blank and 0 agree (blank means 0 in most reports);
// numbers compare as numbers ("5" = "5.0").
func differ(a, b cellValue) bool {
	known := func(s string) bool { return s == string(extract.StatusOK) || s == string(extract.StatusBlank) }
	if !known(a.status) || !known(b.status) {
		return false
	}
	num := func(c cellValue) (*big.Rat, bool) {
		if c.status == string(extract.StatusBlank) {
			return new(big.Rat), true
		}
		return template.ParseExact(c.value)
	}
	x, okx := num(a)
	y, oky := num(b)
	if okx && oky {
		return x.Cmp(y) != 0
	}
	return a.value != b.value
}

// conflict compares the cells of source other with those of the primary
// source and returns a CONFLICT finding naming every cell on which they
// disagree (both sides), or nil.
func (db *DB) conflict(ctx context.Context, x querier, primary, other int64, ppath, opath, pgen, ogen string) (*Finding, error) {
	pc, order, err := db.sourceCells(ctx, x, primary)
	if err != nil {
		return nil, err
	}
	oc, _, err := db.sourceCells(ctx, x, other)
	if err != nil {
		return nil, err
	}
	var refs []conflictRef
	var ids []string
	tables := map[string]bool{}
	for _, id := range order {
		a := pc[id]
		b, ok := oc[id]
		if !ok || !differ(a, b) {
			continue
		}
		ids = append(ids, id)
		tables[strings.TrimPrefix(strings.SplitN(id, ".", 2)[0], "t")] = true
		refs = append(refs,
			conflictRef{ID: id, Label: ppath, Value: a.value, Status: extract.Status(a.status), Evidence: a.evidence},
			conflictRef{ID: id, Label: opath, Value: b.value, Status: extract.Status(b.status), Evidence: b.evidence})
	}
	if len(ids) == 0 && pgen == ogen {
		return nil, nil
	}
	f := &Finding{Rule: RuleConflict, Severity: string(extract.SevWarning), Verdict: "fail", Cells: json.RawMessage(mustJSON(nonNil(refs)))}
	if len(tables) == 1 {
		for t := range tables {
			f.Table = map[string]string{"2": "二", "3": "三", "4": "四"}[t]
		}
	}
	if pgen != ogen {
		f.MessageZH = fmt.Sprintf("同一报告的两个来源模板不同：%s 为 %s，%s 为 %s。", ppath, pgen, opath, ogen)
		f.MessageEN = fmt.Sprintf("Two sources of one report differ in generation: %s is %s, %s is %s.", ppath, pgen, opath, ogen)
	}
	if len(ids) > 0 {
		list := strings.Join(ids, ", ")
		f.MessageZH += fmt.Sprintf("同一报告的两个来源 %s 与 %s 有 %d 个单元格数值不一致：%s。", ppath, opath, len(ids), list)
		f.MessageEN += fmt.Sprintf("Two sources of one report, %s and %s, disagree on %d cells: %s.", ppath, opath, len(ids), list)
	}
	return f, nil
}
