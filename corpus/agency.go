package corpus

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/nianbao/nianbao/corpus/division"
	"github.com/nianbao/nianbao/extract"
)

// Agencies turns agency names as printed into one key per agency, so that
// 全称 and 简称 of the same body, or a name with and without its 管委会
// suffix, meet in one series. The rules (AgencyKey) cover the regular
// variation; an alias file covers the rest. The zero value applies the
// rules only.
type Agencies struct {
	alias  map[string]string // rule key of a variant → canonical name
	region map[string]string // key of a canonical name → region
}

// LoadAliasFile reads an alias file: one "variant<TAB>canonical name" line
// per alias, optionally followed by "<TAB>region"; "=" may stand for the
// tab; blank lines and lines starting with # are skipped. The canonical
// name of a variant decides its key (AgencyKey of the canonical name).
func (a *Agencies) LoadAliasFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return a.LoadAliases(f, path)
}

// LoadAliases reads aliases in the form of LoadAliasFile from r; name is
// used in errors.
func (a *Agencies) LoadAliases(r io.Reader, name string) error {
	if a.alias == nil {
		a.alias, a.region = map[string]string{}, map[string]string{}
	}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var f []string
		if strings.Contains(line, "\t") {
			f = strings.Split(line, "\t")
		} else {
			f = strings.Split(line, "=")
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if len(f) < 2 || f[0] == "" || f[1] == "" {
			return fmt.Errorf("%s:%d: want variant<TAB>canonical[<TAB>region], got %q", name, n, line)
		}
		a.alias[AgencyKey(f[0])] = f[1]
		a.alias[AgencyKey(f[1])] = f[1]
		if len(f) > 2 && f[2] != "" {
			a.region[AgencyKey(f[1])] = f[2]
		}
	}
	return sc.Err()
}

// Resolve returns the key, the canonical name and the region (where known)
// of an agency name as printed or typed: Report's resolution with the name
// alone.
func (a *Agencies) Resolve(printed string) (key, name, region string) {
	r := a.Report(division.Evidence{Name: printed})
	return r.Key, r.Name, r.Region
}

// AgencyInfo is who published a report: its key (reports of one key form
// one series), canonical name, region, and its place on the national map.
type AgencyInfo struct {
	Key    string
	Name   string // canonical name (淮安市洪泽区人民政府); the printed name when unresolved
	Region string // from the alias file, else the leading 省/市 of the name
	// Code is the division's GB/T 2260 code (a township's 9-digit
	// statistics code); empty when unresolved.
	Code                   string
	Province, City, County string
	Type                   string // division.Government, GovOffice, Department, …
	Organ                  string // a department's own name (科学技术局)
	Basis                  string // what decided the division
	// Problem says why the division is not resolved (a shared name the
	// report does not settle, or no division in the name); stored as an
	// AGENCY finding.
	Problem string
}

// Report resolves a report's publisher. An alias applies first (it
// settles what the data cannot); the name then goes through
// division.Resolve with the title, text and URL as context: 淮安市洪泽区人民政府
// and 洪泽区人民政府 get one division, type, canonical name and key. An
// unresolved name keeps the key of its printed form (AgencyKey): a name
// shared by several places is never merged with one of them by guess.
func (a *Agencies) Report(ev division.Evidence) AgencyInfo {
	printed := strings.TrimSpace(ev.Name)
	info := AgencyInfo{Name: printed, Key: AgencyKey(printed)}
	if canon, ok := a.alias[info.Key]; ok {
		info.Name, info.Key = canon, AgencyKey(canon)
	}
	aliasKey := info.Key
	ev.Name = info.Name
	res := division.Resolve(ev)
	info.Type, info.Organ, info.Basis, info.Problem = res.Type, res.Organ, res.Basis, res.Problem
	if d := res.Division; d != nil {
		info.Name, info.Key = res.Canonical, AgencyKey(res.Canonical)
		info.Code, info.Province, info.City, info.County = d.Code(), d.ProvinceName(), d.CityName(), d.CountyName()
	}
	info.Region = a.region[aliasKey]
	if info.Region == "" {
		info.Region = regionOf(info.Name)
	}
	return info
}

// agencyOf resolves the publisher of rec.
func (a *Agencies) agencyOf(rec *extract.Record) AgencyInfo {
	var text strings.Builder
	for _, s := range rec.Sections {
		text.WriteString(s.Heading)
		text.WriteByte('\n')
		text.WriteString(s.Text)
		text.WriteByte('\n')
	}
	return a.Report(division.Evidence{Name: rec.Meta.Agency, Title: rec.Meta.Title, Text: text.String(), URL: rec.Source.URL})
}

var (
	yearPrefix   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d{4}年度?`) })
	reportSuffix = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(关于)?\d{0,4}年?度?(政府)?信息公开(工作)?(年度)?(报告|年报).*$`)
	})
	regionPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(.{2,7}?(省|自治区|市))`) })
)

// keyFolds are spelling variants folded into one form, in order.
var keyFolds = strings.NewReplacer(
	"管理委员会", "管委会",
	"人民政府", "政府",
	"（", "(", "）", ")",
)

// AgencyKey is the normalised key of an agency name: full-width letters
// and digits folded, spaces and punctuation dropped, a report title's
// tail (…政府信息公开工作年度报告) cut, 管理委员会 → 管委会 and 人民政府 →
// 政府, and a trailing 管委会 dropped (a zone's 管委会 is its government).
func AgencyKey(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E && r != 0xFF08 && r != 0xFF09:
			r -= 0xFEE0 // full-width ASCII
		case r == 0x3000:
			continue
		}
		if unicode.IsSpace(r) || r == '·' || r == '•' || r == '"' || r == '“' || r == '”' || r == '《' || r == '》' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	k := keyFolds.Replace(b.String())
	k = yearPrefix().ReplaceAllString(k, "")
	if loc := reportSuffix().FindStringIndex(k); loc != nil && loc[0] > 0 {
		k = k[:loc[0]]
	}
	if t := strings.TrimSuffix(k, "管委会"); t != "" {
		k = t
	}
	return k
}

func regionOf(name string) string {
	m := regionPattern().FindString(name)
	if m == "" || m == name {
		return ""
	}
	return m
}
