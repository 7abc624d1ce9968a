package corpus

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"unicode"
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
// of an agency name as printed. Without an alias the canonical name is the
// printed name, and the region is the leading 省/市 of the name, if any.
func (a *Agencies) Resolve(printed string) (key, name, region string) {
	name = strings.TrimSpace(printed)
	key = AgencyKey(name)
	if canon, ok := a.alias[key]; ok {
		name, key = canon, AgencyKey(canon)
	}
	region = a.region[key]
	if region == "" {
		region = regionOf(name)
	}
	return key, name, region
}

var (
	yearPrefix    = regexp.MustCompile(`^\d{4}年度?`)
	reportSuffix  = regexp.MustCompile(`(关于)?\d{0,4}年?度?(政府)?信息公开(工作)?(年度)?(报告|年报).*$`)
	regionPattern = regexp.MustCompile(`^(.{2,7}?(省|自治区|市))`)
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
	k = yearPrefix.ReplaceAllString(k, "")
	if loc := reportSuffix.FindStringIndex(k); loc != nil && loc[0] > 0 {
		k = k[:loc[0]]
	}
	if t := strings.TrimSuffix(k, "管委会"); t != "" {
		k = t
	}
	return k
}

func regionOf(name string) string {
	m := regionPattern.FindString(name)
	if m == "" || m == name {
		return ""
	}
	return m
}
