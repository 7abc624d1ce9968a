package corpus

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// Cross-year settlement. A run of digits the report alone leaves open (a
// table 二 row "693665": 6|93|665 or 69|3|665) is often settled by last
// year's report: D8 (现行有效 = last year's 现行有效 + 制发 − 废止), D9 (上一年项目数量
// = last year's + its 增/减) and D4 (上年结转 = last year's 结转下年度). For
// each open split of a report whose agency has last year's report in the
// corpus, every division is tried with CheckPair; the divisions that break
// a D4, D8 or D9 equation over the split's own cells are dropped, and when
// exactly one remains it is taken: the cells become ok, with a note naming
// the rule and last year's report, and the split records the choice. The
// settlement is stored (table settlements) and undone before the
// cross-year rules run again for the agency, so it follows last year's
// report when that report is replaced or goes.

// SettleRules are the cross-year rules that may settle a split (those
// Ingester.CheckSettle is asked to run).
var SettleRules = []string{"D4", "D8", "D9"}

var settleRules = map[string]bool{"D4": true, "D8": true, "D9": true}

const settleNote = "cross-year: "

// settle tries the open splits of cur against prev. base is
// CheckPair(prev, cur). A rule instance that passes (no finding) or fails
// over every combination of the open splits does the same for each
// candidate alone: so a split is tried only where a settling rule is
// unverifiable over its cells and none fails over them (one failing
// breaks every candidate), and each candidate is checked with those
// unverifiable rules only. It returns the settled splits: split index →
// (candidate index, rules).
func (g *Ingester) settle(prev, cur *extract.Record, base []Finding) map[int]settled {
	out := map[int]settled{}
	check := g.CheckSettle
	if check == nil {
		check = func(prev, cur *extract.Record, _ ...string) []Finding { return g.CheckPair(prev, cur) }
	}
	for si, sp := range cur.Splits {
		if sp.Chosen >= 0 || len(sp.Candidates) < 2 {
			continue
		}
		in := map[string]bool{}
		for _, id := range sp.Cells {
			in[id] = true
		}
		open, failed := settleVerdicts(base, in)
		if len(open) == 0 || failed {
			continue
		}
		keep, rules := -1, map[string]bool{}
		n := 0
		for ci, cand := range sp.Candidates {
			broke := false
			for _, f := range check(prev, withCandidate(cur, si, cand), open...) {
				if !settleRules[f.Rule] || f.Verdict != "fail" || !touches(f, in) {
					continue
				}
				broke, rules[f.Rule] = true, true
			}
			if !broke {
				keep = ci
				n++
			}
		}
		if n == 1 && len(rules) > 0 {
			var rs []string
			for _, r := range []string{"D4", "D8", "D9"} {
				if rules[r] {
					rs = append(rs, r)
				}
			}
			out[si] = settled{cand: keep, rules: strings.Join(rs, "+")}
		}
	}
	return out
}

// settleVerdicts lists the settling rules of fs that are unverifiable
// over one of the cells ids (in SettleRules order), and tells whether one
// fails over them.
func settleVerdicts(fs []Finding, ids map[string]bool) (open []string, failed bool) {
	seen := map[string]bool{}
	for _, f := range fs {
		if !settleRules[f.Rule] || !touches(f, ids) {
			continue
		}
		switch f.Verdict {
		case "fail":
			failed = true
		case "unverifiable":
			seen[f.Rule] = true
		}
	}
	for _, r := range SettleRules {
		if seen[r] {
			open = append(open, r)
		}
	}
	return open, failed
}

type settled struct {
	cand  int
	rules string
}

// withCandidate is a copy of rec whose split si takes cand.
func withCandidate(rec *extract.Record, si int, cand []string) *extract.Record {
	cp := *rec
	cp.Cells = append([]extract.Cell(nil), rec.Cells...)
	applyCandidate(&cp, si, cand, "")
	return &cp
}

// applyCandidate sets the cells of split si to cand (ok, or blank for "").
func applyCandidate(rec *extract.Record, si int, cand []string, note string) {
	pos := map[string]int{}
	for i, id := range rec.Splits[si].Cells {
		pos[id] = i
	}
	for i := range rec.Cells {
		c := &rec.Cells[i]
		k, ok := pos[c.ID]
		if !ok || k >= len(cand) {
			continue
		}
		switch v := cand[k]; v {
		case "":
			c.Status, c.Value = extract.StatusBlank, ""
		case "MISSING":
			c.Status, c.Value = extract.StatusMissing, ""
		default:
			c.Status, c.Value = extract.StatusOK, v
		}
		if note != "" {
			c.Note = note
		}
	}
}

func touches(f Finding, ids map[string]bool) bool {
	var refs []struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(f.Cells, &refs) != nil {
		return false
	}
	for _, r := range refs {
		if ids[r.ID] {
			return true
		}
	}
	return false
}

// unsettle undoes the settlements stored for a source: its cells get back
// their stored state and its splits their choice.
func (db *DB) unsettle(ctx context.Context, tx *txn, source int64) error {
	type old struct {
		cell, status, value, note string
		split                     int
	}
	var olds []old
	err := db.scanRows(ctx, tx, `SELECT cell_id, old_status, old_value, old_note, split FROM settlements WHERE source_id = ?`, source,
		func(r *sql.Rows) error {
			var o old
			if err := r.Scan(&o.cell, &o.status, &o.value, &o.note, &o.split); err != nil {
				return err
			}
			olds = append(olds, o)
			return nil
		})
	if err != nil || len(olds) == 0 {
		return err
	}
	for _, o := range olds {
		if _, err := tx.ExecContext(ctx, db.q(`UPDATE cells SET status = ?, value = ?, note = ? WHERE source_id = ? AND cell_id = ?`),
			o.status, o.value, o.note, source, o.cell); err != nil {
			return err
		}
	}
	err = db.editSplits(ctx, tx, source, func(sp []extract.Split) {
		for _, o := range olds {
			if o.split >= 0 && o.split < len(sp) {
				sp[o.split].Chosen = -1
				sp[o.split].Rules = dropCrossYear(sp[o.split].Rules)
			}
		}
	})
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, db.q(`DELETE FROM settlements WHERE source_id = ?`), source)
	return err
}

func dropCrossYear(rules []string) []string {
	var out []string
	for _, r := range rules {
		if !strings.HasPrefix(r, settleNote) {
			out = append(out, r)
		}
	}
	return out
}

// storeSettlements applies the settlements to cur and to its source's rows,
// recording the old state of each cell.
func (db *DB) storeSettlements(ctx context.Context, tx *txn, source, prevReport int64, prevYear int, cur *extract.Record, st map[int]settled) error {
	if len(st) == 0 {
		return nil
	}
	for si, s := range st {
		sp := cur.Splits[si]
		note := fmt.Sprintf("%s%s with the %d report (report %d) among %d divisions", settleNote, s.rules, prevYear, prevReport, len(sp.Candidates))
		in := map[string]bool{}
		for _, id := range sp.Cells {
			in[id] = true
		}
		for _, c := range cur.Cells {
			if !in[c.ID] {
				continue
			}
			if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO settlements (source_id, cell_id, split, prev_report_id, rule, old_status, old_value, old_note)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`), source, c.ID, si, prevReport, s.rules, string(c.Status), c.Value, c.Note); err != nil {
				return err
			}
		}
		applyCandidate(cur, si, sp.Candidates[s.cand], note)
		cur.Splits[si].Chosen = s.cand
		cur.Splits[si].Rules = append(cur.Splits[si].Rules, settleNote+s.rules)
		for _, c := range cur.Cells {
			if in[c.ID] {
				if _, err := tx.ExecContext(ctx, db.q(`UPDATE cells SET status = ?, value = ?, note = ? WHERE source_id = ? AND cell_id = ?`),
					string(c.Status), c.Value, c.Note, source, c.ID); err != nil {
					return err
				}
			}
		}
	}
	return db.editSplits(ctx, tx, source, func(sp []extract.Split) { copy(sp, cur.Splits) })
}

// editSplits rewrites a source's stored splits with edit.
func (db *DB) editSplits(ctx context.Context, tx *txn, source int64, edit func([]extract.Split)) error {
	var raw string
	if err := tx.QueryRowContext(ctx, db.q(`SELECT splits FROM sources WHERE id = ?`), source).Scan(&raw); err != nil {
		return err
	}
	var sp []extract.Split
	if err := json.Unmarshal([]byte(raw), &sp); err != nil {
		return err
	}
	edit(sp)
	_, err := tx.ExecContext(ctx, db.q(`UPDATE sources SET splits = ? WHERE id = ?`), mustJSON(nonNil(sp)), source)
	return err
}
