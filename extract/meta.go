package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract/layout"
)

// A report states its agency and year in several places: its title (in
// any word order), its statistical period, its introduction ("现公布××
// 2022年政府信息公开工作年度报告"), its signature block (agency and date
// at the end), the page's metadata (<title>, ArticleTitle, ContentSource,
// a 来源 line) and the fetch manifest. findMeta reads each of them as a
// claim and takes, for each field, the first claim in order of trust;
// Meta.TitleFrom, AgencyFrom and YearFrom say which. The statistical
// period decides the year over the title (a title year that contradicts
// it is warned about: YEAR_CONFLICT).

var metaRes = sync.OnceValue(func() (r struct{ period, pubLine, header, source, date, byAgency *regexp.Regexp }) {
	r.period = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?`)
	r.pubLine = regexp.MustCompile(`(发布时间|发布日期|发文日期|成文日期|日期)\s*[:：]\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})`)
	r.header = regexp.MustCompile(`(?m)^(标题|原文链接|发布机构)\s*[:：][ \t]*(.*)$`)
	r.source = regexp.MustCompile(`(来源|信息来源|发布机构|发布单位|发文机关)\s*[:：]\s*([^\s:：]{2,40})`)
	r.date = regexp.MustCompile(`(\d{4}|[〇零○一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(\d{1,2}|[一二三四五六七八九十]{1,3})日)?$`)
	r.byAgency = regexp.MustCompile(`由(.{2,80}?)(?:负责)?(?:编制|制作|汇总|起草|编写)`)
	return r
})

// claim is what one place of the report says about it.
type claim struct {
	from   string // where: "title, line 3", "meta ContentSource", …
	title  string
	agency string
	self   bool // names its agency only as 我局, 本机关, …
	year   int
}

// findMeta fills the metadata from the document's text and metadata.
func findMeta(d *docText, doc *layout.Document, format Format) (Meta, []Warning, string) {
	var m Meta
	var warns []Warning
	re := metaRes()
	text := d.text
	head := text[:cut(text, 6000)]
	where := func(off int) string { return d.posAt(off).String() }

	var titles, others []claim
	url := ""
	for _, h := range re.header.FindAllStringSubmatchIndex(head, -1) {
		name, val := head[h[2]:h[3]], strings.TrimSpace(head[h[4]:h[5]])
		switch name {
		case "标题":
			if tp, ok := parseTitle(val); ok {
				titles = append(titles, claim{from: "标题 line, " + where(h[0]), title: val, agency: tp.agency, self: tp.self, year: tp.year})
			}
		case "原文链接":
			url = val
		case "发布机构":
			if val != "" {
				others = append(others, sourceClaim("发布机构 line, "+where(h[0]), val))
			}
		}
	}
	if c, ok := findTitle(d); ok {
		titles = append(titles, c)
	}
	if doc.Title != "" {
		if tp, ok := parseTitle(doc.Title); ok {
			titles = append(titles, claim{from: string(format) + " document title", title: doc.Title, agency: tp.agency, self: tp.self, year: tp.year})
		}
	}
	for _, t := range doc.Metadata {
		if isSourceTag(t.Name) {
			continue
		}
		if tp, ok := parseTitle(t.Value); ok {
			titles = append(titles, claim{from: t.From(), title: tp.title, agency: tp.agency, self: tp.self, year: tp.year})
		}
	}

	spans := findSections(text)
	preEnd := cut(text, 6000)
	if len(spans) > 0 && spans[0].start < preEnd {
		preEnd = spans[0].start
	}
	intro := introClaims(d, text[:preEnd], where)
	sig, signed := signature(d)

	for _, h := range re.source.FindAllStringSubmatchIndex(head, -1) {
		others = append(others, sourceClaim(head[h[2]:h[3]]+" line, "+where(h[0]), head[h[4]:h[5]]))
	}
	for _, t := range doc.Metadata {
		if isSourceTag(t.Name) {
			others = append(others, sourceClaim(t.From(), t.Value))
		}
	}

	// title: the first one read
	if len(titles) > 0 {
		m.Title, m.TitleFrom = titles[0].title, titles[0].from
	}
	// agency: the first whole name, in order of trust
	all := append(append(append(append([]claim{}, titles...), intro...), sig...), others...)
	for _, c := range all {
		if c.agency != "" {
			m.Agency, m.AgencyFrom = c.agency, c.from
			break
		}
	}

	// year: the statistical period, else the titles, the introduction,
	// a period not marked as the statistical one, the signature date
	per, strong := findPeriod(text, preEnd)
	if per.ok {
		m.PeriodStart, m.PeriodEnd = per.start, per.end
	}
	if strong {
		m.Year, m.YearFrom = per.year, "statistical period, "+where(per.off)
	}
	for _, c := range append(append([]claim{}, titles...), intro...) {
		if m.Year == 0 && c.year > 0 {
			m.Year, m.YearFrom = c.year, c.from
		}
	}
	if m.Year == 0 && per.ok {
		m.Year, m.YearFrom = per.year, "period, "+where(per.off)
	}
	if m.Year == 0 && signed.year > 0 {
		m.Year, m.YearFrom = signed.year-1, signed.from
		warns = append(warns, Warning{Code: "YEAR_FROM_DATE", Severity: SevWarning,
			Message: fmt.Sprintf("no title or statistical period states the report year: taken as the year before the signature date (%s)", signed.from)})
	}
	var disagree []string
	for _, c := range append(append([]claim{}, titles...), intro...) {
		if c.year > 0 && c.year != m.Year {
			disagree = append(disagree, fmt.Sprintf("%d (%s)", c.year, c.from))
		}
	}
	if len(disagree) > 0 {
		warns = append(warns, Warning{Code: "YEAR_CONFLICT", Severity: SevWarning,
			Message: fmt.Sprintf("the sources disagree on the report year: %s say %s; %d (%s) is kept", strings.Join(disagree, ", "), plural(len(disagree)), m.Year, m.YearFrom)})
	}

	if p := re.pubLine.FindStringSubmatchIndex(head); p != nil {
		m.Published = ymd(head[p[4]:p[5]], head[p[6]:p[7]], head[p[8]:p[9]])
		m.PublishedFrom = head[p[2]:p[3]] + " line, " + where(p[0])
	}
	if m.Title == "" {
		warns = append(warns, Warning{Code: "NO_TITLE", Severity: SevWarning, Message: "no report title (…年…政府信息公开工作年度报告) found"})
	}
	if m.Agency == "" {
		msg := "no agency name found in the title, introduction, signature or page metadata"
		for _, c := range all {
			if c.self {
				msg += fmt.Sprintf(" (%s names it only as 我局/本机关)", c.from)
				break
			}
		}
		warns = append(warns, Warning{Code: "NO_AGENCY", Severity: SevWarning, Message: msg})
	}
	if m.Year == 0 {
		warns = append(warns, Warning{Code: "NO_YEAR", Severity: SevWarning, Message: "report year not found in the title, the statistical period, the introduction or the signature"})
	}
	return m, warns, url
}

func plural(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// cut returns n, or less so as not to split a UTF-8 character, or len(s).
func cut(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return n
}

// isSourceTag tells metadata naming the publishing agency (ContentSource,
// a 来源 line, the site's name) from metadata holding a title.
func isSourceTag(name string) bool {
	l := strings.ToLower(name)
	for _, w := range []string{"contentsource", "source", "来源", "发布机构", "publisher", "sitename", "site_name", "author"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

func sourceClaim(from, val string) claim {
	c := claim{from: from}
	if names := agencyIn(val); len(names) > 0 {
		c.agency = names[0]
	}
	return c
}

// findTitle looks for the report title in the first lines; a title broken
// over two or three lines ("…2020 年政府信息" / "公开工作年度报告",
// "2019年上海市人民政府办公厅" / "政府信息公开工作年度报告") is joined.
func findTitle(d *docText) (claim, bool) {
	type line struct {
		s   string
		off int
	}
	var lines []line
	off := 0
	for _, l := range strings.SplitAfter(d.text, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			lines = append(lines, line{t, off})
			if len(lines) == 40 {
				break
			}
		}
		off += len(l)
	}
	title := func(s string) (titleParts, bool) {
		tp, ok := parseTitle(s)
		return tp, ok && !tp.intro && (tp.year > 0 || tp.agency != "" || tp.self)
	}
	for i, l := range lines {
		tp, ok := title(l.s)
		if !ok && i+1 < len(lines) && !furniture(l.s) {
			// the next line is a whole title itself: take it there
			if n, ok := title(lines[i+1].s); ok && n.year > 0 && n.agency != "" {
				continue
			}
			joined := l.s
			for k := i + 1; k < len(lines) && k <= i+2 && !ok; k++ {
				joined += lines[k].s
				tp, ok = title(joined)
			}
		}
		if ok {
			return claim{from: "title, " + d.posAt(l.off).String(), title: tp.title, agency: tp.agency, self: tp.self, year: tp.year}, true
		}
	}
	return claim{}, false
}

// furnitureWords mark a line of the site around a report (a header, a
// breadcrumb, an info bar), which never begins a title broken over lines.
var furnitureWords = []string{"网站", "门户", "首页", "位置", "来源", "发布", "时间", "日期", "浏览", "点击", "打印", "字号", "分享", "索引号", "文号"}

func furniture(line string) bool {
	for _, w := range furnitureWords {
		if strings.Contains(line, w) {
			return true
		}
	}
	return false
}

// introClaims reads the introduction's sentences: "现公布××2022年政府信息
// 公开工作年度报告", "本报告由××编制".
func introClaims(d *docText, pre string, where func(int) string) []claim {
	var out []claim
	start := 0
	for start < len(pre) {
		end := len(pre)
		if i := strings.IndexAny(pre[start:], "。；;"); i >= 0 {
			end = start + i + 1
		}
		sent := pre[start:end]
		for _, tp := range parseTitles(sent) {
			if tp.intro {
				out = append(out, claim{from: "introduction, " + where(start), title: tp.title, agency: tp.agency, self: tp.self, year: tp.year})
			}
		}
		if strings.Contains(sent, "报告") {
			if mm := metaRes().byAgency.FindStringSubmatch(blankBookTitles(collapse(sent))); mm != nil {
				name, self := lastAgency(mm[1])
				out = append(out, claim{from: "introduction, " + where(start), agency: name, self: self})
			}
		}
		start = end
	}
	return out
}

// signature reads the signature block: an agency name alone on a line
// followed by a date line (or both on one line), among the last lines.
// The second result carries the date's year in year, for a report that
// states its year nowhere else.
func signature(d *docText) ([]claim, claim) {
	re := metaRes()
	lines := strings.Split(strings.TrimRight(d.text, "\n \t"), "\n")
	offs := make([]int, len(lines))
	o := 0
	for i, l := range lines {
		offs[i] = o
		o += len(l) + 1
	}
	seen := 0
	for i := len(lines) - 1; i >= 0 && seen < 15; i-- {
		l := lines[i]
		if strings.TrimSpace(l) == "" {
			continue
		}
		seen++
		if len(l) > 240 {
			continue // a paragraph, not a signature line
		}
		l = collapse(l)
		dm := re.date.FindStringSubmatchIndex(l)
		if dm == nil {
			continue
		}
		date := claim{from: "signature date, " + d.posAt(offs[i]).String(), year: yearOf(l[dm[2]:dm[3]])}
		name := l[:dm[0]]
		at := i
		if name == "" {
			// the name on the line above
			for k := i - 1; k >= 0 && k >= i-2; k-- {
				if p := collapse(lines[k]); p != "" {
					name, at = p, k
					break
				}
			}
		}
		if agencyName(name) {
			return []claim{{from: "signature, " + d.posAt(offs[at]).String(), agency: name}}, date
		}
		return nil, date
	}
	return nil, claim{}
}

// period is a stated statistical period.
type period struct {
	ok         bool
	start, end string
	year       int
	off        int
}

// periodMarks are words before a period that make it the statistical one.
var periodMarks = []string{"统计", "期限", "时限", "期间", "所列数据", "数据"}

// findPeriod returns the statistical period, read in the first 12000
// bytes of the text: a period after one of
// periodMarks, else the first whole calendar year in the preamble (both
// strong: they decide the year), else the first period with both dates
// (weak: it gives the year only if nothing else does).
func findPeriod(text string, preEnd int) (p period, strong bool) {
	var weak period
	text = text[:cut(text, 12000)] // the period is stated near the start
	for _, loc := range metaRes().period.FindAllStringSubmatchIndex(text, -1) {
		g := func(i int) string {
			if loc[2*i] < 0 {
				return ""
			}
			return text[loc[2*i]:loc[2*i+1]]
		}
		y1, m1, d1, y2, m2, d2 := g(1), g(2), g(3), g(4), g(5), g(6)
		if y2 == "" {
			y2 = y1
		}
		if d1 == "" {
			d1 = "1"
		}
		if d2 == "" {
			d2 = strconv.Itoa(lastDay(y2, m2))
		}
		c := period{ok: true, start: ymd(y1, m1, d1), end: ymd(y2, m2, d2), off: loc[0]}
		c.year, _ = strconv.Atoi(y2)
		if c.start == "" || c.end == "" || c.end < c.start || yearOf(y2) == 0 {
			continue
		}
		before := text[max(0, loc[0]-45):loc[0]]
		for _, w := range periodMarks {
			if strings.Contains(before, w) {
				return c, true
			}
		}
		if loc[0] < preEnd && strings.HasSuffix(c.start, "-01-01") && strings.HasSuffix(c.end, "-12-31") && c.start[:4] == c.end[:4] {
			return c, true
		}
		if !weak.ok && g(3) != "" && g(4) != "" && g(6) != "" {
			weak = c
		}
	}
	return weak, false
}

func lastDay(y, m string) int {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	switch mi {
	case 2:
		if yi%4 == 0 && (yi%100 != 0 || yi%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// collapse removes spaces between CJK characters and digits ("固原市科学技术局 2020 年" →
// "固原市科学技术局2020年") but keeps the text otherwise.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func ymd(y, m, d string) string {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if yi < 1990 || yi > 2100 || mi < 1 || mi > 12 || di < 1 || di > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di)
}

// reportShaped reports whether a record whose template is unknown is
// still a report: it has a report title and at least two of the six
// numbered sections. Such a text (its tables cut off, no year stated) is
// given with its metadata and sections, not refused as "not a report".
func reportShaped(rec *Record) bool {
	n := 0
	for _, s := range rec.Sections {
		if s.Number > 0 {
			n++
		}
	}
	return rec.Meta.Title != "" && n >= 2
}

// unknownGeneration gives a text whose template cannot be told (no
// table labels, no cited notice, no year) its sections, and says why it
// has no cells.
func unknownGeneration(rec *Record, d *docText) {
	rec.Sections = buildSections(d, findSections(d.text))
	if reportShaped(rec) {
		rec.Warnings = append(rec.Warnings, Warning{Code: "NO_GENERATION", Severity: SevWarning,
			Message: "a report title and numbered sections, but no table label, no cited notice and no year tell its template (fmt2019 or fmt2021): no cells are given"})
	}
}
