package extract

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/extract/template"
)

// ReadCells reads a record back from the cells form of the spec (what
// `nianbao parse --format cells` writes and the gold files hold): meta
// lines, then cell lines, then legacy lines. Lines starting with # are
// skipped. Cells the form does not list are MISSING; a value "AMBIGUOUS"
// gives an ambiguous cell without candidates. Evidence records the line.
func ReadCells(r io.Reader, name string) (*Record, error) {
	rec := &Record{Source: Source{Path: name, Format: FormatText, Reader: "cells"}}
	values := map[string]string{}
	lines := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case f[0] == "meta.agency" && len(f) > 1:
			rec.Meta.Agency = f[1]
		case f[0] == "meta.year" && len(f) > 1:
			if f[1] != "" {
				y, err := strconv.Atoi(f[1])
				if err != nil {
					return nil, &ParseError{File: name, Pos: layout.Pos{Line: n}, Err: fmt.Errorf("bad year %q", f[1])}
				}
				rec.Meta.Year = y
			}
		case f[0] == "meta.generation" && len(f) > 1:
			rec.Meta.Generation = Generation(f[1])
		case f[0] == "legacy":
			for len(f) < 5 {
				f = append(f, "")
			}
			row := LegacyRow{Label: f[1], Unit: f[2], Year: f[3], Cumulative: f[4], Status: StatusOK, Parent: -1,
				Evidence: Evidence{Raw: line}}
			row.Evidence.Line = n
			if row.Year == "AMBIGUOUS" {
				row.Year, row.Status = "", StatusAmbiguous
			} else if row.Year == "" {
				row.Status = StatusBlank
			}
			rec.Legacy = append(rec.Legacy, row)
		case len(f) >= 2:
			values[f[0]] = f[1]
			lines[f[0]] = n
		default:
			return nil, &ParseError{File: name, Pos: layout.Pos{Line: n}, Err: fmt.Errorf("line is not cell<TAB>value: %q", line)}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &ParseError{File: name, Pos: layout.Pos{Line: n}, Err: err}
	}
	for _, def := range template.Cells(string(rec.Meta.Generation)) {
		c := Cell{ID: def.ID, Table: def.Table, Split: -1}
		v, ok := values[def.ID]
		c.Evidence.Line = lines[def.ID]
		c.Evidence.Raw = v
		switch {
		case !ok || v == "MISSING":
			c.Status = StatusMissing
		case v == "AMBIGUOUS":
			c.Status = StatusAmbiguous
		case v == "":
			c.Status = StatusBlank
		default:
			c.Status, c.Value = StatusOK, v
		}
		rec.Cells = append(rec.Cells, c)
	}
	return rec, nil
}
