package division

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// Agency types (Agency.Type).
const (
	Government      = "人民政府"    // a province's, city's or county's people's government
	GovOffice       = "人民政府办公室" // its general office (办公室 or 办公厅)
	Department      = "部门"      // a 局/委/办/厅 of a government; Agency.Organ names it
	StreetOffice    = "街道办事处"   // a street (街道) office
	TownGovernment  = "镇人民政府"   // a town's government
	TownshipGov     = "乡人民政府"   // a township's (乡, 苏木) government
	ZoneCommittee   = "开发区管委会"  // a development zone's, new area's or pilot zone's administrative committee
	OtherAgencyType = "其他"      // a body the name does not classify
)

// Evidence is what a report says about who published it.
type Evidence struct {
	Name  string // the agency as printed (the report's meta.agency, after aliases)
	Title string // the report's title
	Text  string // the report's text: its opening and its signature block are read
	URL   string // the page or file it was fetched from: its host's pinyin (Site) and any place its text names
}

// Agency is a resolved publisher.
type Agency struct {
	// Division is the deepest division the evidence supports; nil when
	// the name names none, or names one shared by several places that
	// the context does not settle (Candidates then lists them).
	Division   *Division
	Type       string // Government, GovOffice, Department, …; "" when Division is nil and the name says nothing
	Organ      string // for a Department or OtherAgencyType: its name without the place (科学技术局)
	Canonical  string // the canonical name: the division's path and the body (淮安市洪泽区人民政府); a zone's name as printed, without the places above it and 管委会; the printed name when unresolved
	Basis      string // what decided, for the record
	Candidates []*Division
	// Problem is set when the agency is not resolved to a division: the
	// name names no division, or a shared name the context does not settle.
	Problem string
}

// parsed is a name cut into its places and its body.
type parsed struct {
	cands []*Division // deepest divisions matched, all consistent with the earlier ones
	place string      // the printed place part
	body  string      // what follows the places (人民政府, 科学技术局, …)
	short bool        // the deepest place was matched by a short name
}

const maxNameRunes = 24

// parseName cuts name into a chain of divisions from the left, each one a
// descendant of the one before, taking the longest name at each step.
// Township names must be written in full; a county's short name is taken
// only before a government body, a zone or another division.
func parseName(name string) parsed {
	p := parsed{}
	pos := 0
	for pos < len(name) {
		var best []*Division
		bestEnd, bestShort := 0, false
		for end := pos; end < len(name) && utf8.RuneCountInString(name[pos:end]) <= maxNameRunes; {
			_, w := utf8.DecodeRuneInString(name[end:])
			end += w
			s := name[pos:end]
			ds := Named(s)
			if len(ds) == 0 {
				continue
			}
			var keep []*Division
			short := false
			for _, d := range ds {
				isShort := d.Name != s
				if isShort && d.Level == Township {
					continue
				}
				if !descendsFromAny(d, p.cands) {
					continue
				}
				keep = append(keep, d)
				short = short || isShort
			}
			if len(keep) > 0 {
				best, bestEnd, bestShort = keep, end, short
			}
		}
		if best == nil {
			break
		}
		if bestShort && best[0].Level >= County && len(p.cands) == 0 && !shortCountyFollower(name[bestEnd:]) {
			break
		}
		p.cands, p.short = best, bestShort
		// 延边州, 长阳县: an autonomous area's short name with its level.
		if bestShort {
			for _, lv := range []string{"州", "县", "旗", "区"} {
				if strings.HasPrefix(name[bestEnd:], lv) && strings.HasSuffix(best[0].Name, "自治"+lv) {
					bestEnd += len(lv)
					break
				}
			}
		}
		p.place += name[pos:bestEnd]
		pos = bestEnd
	}
	p.body = name[pos:]
	return p
}

// descendsFromAny reports whether d is a strict descendant of one of
// anc (true when anc is empty).
func descendsFromAny(d *Division, anc []*Division) bool {
	if len(anc) == 0 {
		return true
	}
	for _, a := range anc {
		if a != d && a.Contains(d) {
			return true
		}
	}
	return false
}

var (
	govBody    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(人民)?政府$`) })
	officeBody = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(人民)?政府办公[室厅]$`) })
	streetBody = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(街道)?办事处$|^街道办$`) })
	zoneBody   = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(管理委员会|管委会|开发区|高新区|实验区|试验区|示范区|新区|园区|保税区|合作区)$`)
	})
	townInBody = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(\p{Han}{1,8}?)(镇|乡|街道|苏木)((人民)?政府|办事处)?$`)
	})
	departmentBody = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(局|委员会|委|办公室|办|厅|署|中心|院)$`)
	})
	shortFollower = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(人民)?政府`) })
)

func shortCountyFollower(rest string) bool {
	return rest == "" || shortFollower().MatchString(rest) || zoneBody().MatchString(rest)
}

// Resolve finds the division, type and canonical name of a report's
// publisher: from its printed name, completed by its title's and
// signature block's names; a name shared by several places is settled
// by the places the report mentions, else by the site it was fetched from
// (Site), or left unresolved (Problem, with the Candidates), never
// guessed; a name that says no place is placed by its site when the
// site's host spells one division.
func Resolve(ev Evidence) Agency {
	name := normalize(ev.Name)
	p := parseName(name)
	basis := "name"
	// A title or signature naming a deeper place that continues the
	// name's (淮安市洪泽区人民政府 for 洪泽区人民政府) is taken.
	for _, alt := range []struct{ what, text string }{{"title", agencyPart(ev.Title)}, {"signature", signature(ev.Text)}} {
		if alt.text == "" {
			continue
		}
		q := parseName(normalize(alt.text))
		if len(q.cands) == 0 || !sameBody(q.body, p.body) {
			continue
		}
		if len(p.cands) == 0 && p.place == "" && p.body != "" && q.body == p.body {
			p, basis = q, alt.what
			continue
		}
		if narrowed := within(q.cands, p.cands); len(narrowed) > 0 && len(narrowed) < len(p.cands) {
			p.cands, basis = narrowed, basis+"+"+alt.what
		}
	}
	// A name that says no place at all (教育局) is placed by the site it
	// was fetched from when the site's host spells exactly one division.
	if len(p.cands) == 0 && p.place == "" && p.body != "" {
		if site := Site(ev.URL); len(site) == 1 {
			p.cands, p.short, basis = site, false, "site"
		}
	}
	a := Agency{Canonical: strings.TrimSpace(ev.Name)}
	a.Type, a.Organ = classify(p)
	switch len(p.cands) {
	case 0:
		a.Problem = fmt.Sprintf("agency %q names no division of %s %s", ev.Name, Dataset, DatasetVersion)
		return a
	case 1:
		a.Division = p.cands[0]
	default:
		d, why := byContext(p.cands, ev)
		if d == nil {
			d, why = bySite(p.cands, ev.URL)
		}
		if d == nil {
			a.Candidates = p.cands
			var names []string
			for _, c := range p.cands {
				names = append(names, c.Path()+" "+c.Code())
			}
			a.Problem = fmt.Sprintf("agency %q: %q is the name of %d places (%s); nothing in the report tells which",
				ev.Name, p.place, len(p.cands), strings.Join(names, ", "))
			return a
		}
		a.Division, basis = d, basis+"+"+why
	}
	a.Basis = basis
	a.Canonical = canonical(a, p)
	return a
}

// within keeps the divisions of qs that lie in one of ps.
func within(qs, ps []*Division) []*Division {
	var out []*Division
	for _, q := range qs {
		for _, p := range ps {
			if p.Contains(q) || q.Contains(p) {
				d := q
				if q.Contains(p) {
					d = p
				}
				out = appendOnce(out, d)
			}
		}
	}
	return out
}

func appendOnce(ds []*Division, d *Division) []*Division {
	for _, x := range ds {
		if x == d {
			return ds
		}
	}
	return append(ds, d)
}

// sameBody reports whether two bodies name the same kind of body
// (政府 and 人民政府 alike; an empty body matches any).
func sameBody(a, b string) bool {
	f := func(s string) string {
		return strings.ReplaceAll(strings.ReplaceAll(s, "人民政府", "政府"), "管理委员会", "管委会")
	}
	return a == "" || b == "" || f(a) == f(b)
}

// byContext settles a name shared by several places by the places the
// report mentions: the one candidate whose city or province (full or
// short name) appears in the title, the opening, the signature block or
// the URL, when no other candidate's does.
func byContext(cands []*Division, ev Evidence) (*Division, string) {
	ctx := ev.Title + "\n" + head(ev.Text, 3000) + "\n" + signature(ev.Text) + "\n" + ev.URL
	var hit *Division
	var why string
	n := 0
	for _, c := range cands {
		for x := c.Parent; x != nil; x = x.Parent {
			if x.Placeholder() {
				continue
			}
			if mentions(ctx, x) && !sharedAncestor(x, cands) {
				hit, why = c, "context: "+x.Name
				n++
				break
			}
		}
	}
	if n == 1 {
		return hit, why
	}
	return nil, ""
}

// bySite settles a name shared by several places by the site the report
// was fetched from: the one candidate that lies within, or is, a division
// the site's host spells (www.njgl.gov.cn: 南京 + 鼓楼; www.nanjing.gov.cn).
func bySite(cands []*Division, rawURL string) (*Division, string) {
	site := Site(rawURL)
	var hit *Division
	for _, c := range cands {
		for _, u := range site {
			if u.Contains(c) || c.Contains(u) {
				if hit != nil && hit != c {
					return nil, ""
				}
				hit = c
			}
		}
	}
	if hit == nil {
		return nil, ""
	}
	return hit, "site"
}

func sharedAncestor(x *Division, cands []*Division) bool {
	k := 0
	for _, c := range cands {
		if x.Contains(c) {
			k++
		}
	}
	return k > 1
}

func mentions(text string, d *Division) bool {
	if strings.Contains(text, d.Name) {
		return true
	}
	return d.Short != "" && utf8.RuneCountInString(d.Short) >= 2 && strings.Contains(text, d.Short)
}

// classify tells the agency type from the body that follows the places.
func classify(p parsed) (typ, field string) {
	body := p.body
	var deepest *Division
	if len(p.cands) > 0 {
		deepest = p.cands[0]
	}
	switch {
	case body == "" && deepest == nil:
		return "", ""
	case officeBody().MatchString(body):
		return GovOffice, ""
	case zoneBody().MatchString(body):
		return ZoneCommittee, ""
	case deepest != nil && deepest.Level == Township && (body == "" || govBody().MatchString(body) || streetBody().MatchString(body)):
		return townType(deepest.Name), ""
	case body == "" || govBody().MatchString(body):
		return Government, ""
	case streetBody().MatchString(body):
		return StreetOffice, ""
	}
	if m := townInBody().FindStringSubmatch(body); m != nil {
		return townType(m[1] + m[2]), ""
	}
	if departmentBody().MatchString(body) {
		return Department, body
	}
	return OtherAgencyType, body
}

func townType(name string) string {
	switch {
	case strings.HasSuffix(name, "街道"):
		return StreetOffice
	case strings.HasSuffix(name, "镇"):
		return TownGovernment
	default:
		return TownshipGov
	}
}

// canonical is the division's path and the body in its canonical
// spelling: 淮安市洪泽区人民政府, 固原市科学技术局, 淮安市洪泽区高良涧街道办事处.
func canonical(a Agency, p parsed) string {
	d := a.Division
	path := d.Path()
	switch a.Type {
	case Government:
		return path + "人民政府"
	case GovOffice:
		return path + strings.Replace(strings.Replace(p.body, "人民政府", "政府", 1), "政府", "人民政府", 1)
	case TownGovernment, TownshipGov:
		if d.Level == Township {
			return path + "人民政府"
		}
		return path + strings.TrimSuffix(strings.TrimSuffix(p.body, "人民政府"), "政府") + "人民政府"
	case StreetOffice:
		if d.Level == Township {
			return path + "办事处"
		}
		return path + strings.TrimSuffix(strings.TrimSuffix(p.body, "办事处"), "街道") + "街道办事处"
	case ZoneCommittee:
		// A zone keeps its printed name, without the places above it
		// (淮安市洪泽经济开发区 and 洪泽经济开发区 are one); its 管委会 is its
		// government.
		zone := strings.ReplaceAll(p.place+p.body, "管理委员会", "管委会")
		for _, l := range []Level{Province, City, County} {
			if x := d.Parent.Ancestor(l); x != nil && x != d {
				zone = strings.TrimPrefix(strings.TrimPrefix(zone, x.Path()), x.Name)
			}
		}
		if t := strings.TrimSuffix(zone, "管委会"); t != "" {
			zone = t
		}
		return zone
	}
	return path + p.body
}

// normalize drops spaces and folds full-width brackets.
func normalize(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000':
			return -1
		case '（':
			return '('
		case '）':
			return ')'
		}
		return r
	}, s)
	return s
}

var titleTail = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(关于)?[0-9０-９]{4}\s*年.*$|(政府)?信息公开.*$`)
})

// agencyPart is the agency printed before a title's year: 淮安市洪泽区人民政府
// of 淮安市洪泽区人民政府2024年度政府信息公开工作年度报告.
func agencyPart(title string) string {
	t := titleTail().ReplaceAllString(strings.TrimSpace(title), "")
	return t
}

var signatureLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\p{Han}{2,30}(人民政府|办公室|办公厅|局|委员会|办事处|管委会|管理委员会)$`)
})

// signature is the agency printed in the report's signature block: the
// last line of its last 400 bytes that is an agency name alone.
func signature(text string) string {
	tail := text
	if len(tail) > 400 {
		tail = tail[len(tail)-400:]
		for len(tail) > 0 && !utf8.RuneStart(tail[0]) {
			tail = tail[1:]
		}
	}
	lines := strings.Split(tail, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := normalize(lines[i])
		if signatureLine().MatchString(l) {
			return l
		}
	}
	return ""
}

func head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
