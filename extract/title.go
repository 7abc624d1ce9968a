package extract

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// A report title names the report (政府信息公开工作年度报告, 政务公开年报,
// 政府信息公开工作情况的报告, …) after an agency and a year in either order
// ("上海市人民政府办公厅2019年…", "2019年上海市人民政府办公厅…",
// "…关于2022年度…的报告", "…年度报告（2022年）"). parseTitle reads one such
// phrase out of a line or a sentence; the same reading gives the
// introduction's "现公布××2022年政府信息公开工作年度报告".

// titleRes are compiled on first use, not at start-up.
var titleRes = sync.OnceValue(func() (r struct{ anchor, year, after, suffixYear *regexp.Regexp }) {
	r.anchor = regexp.MustCompile(`(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:(\d{4}|[〇零○一二三四五六七八九]{4})年度?)?(?:年度|工作|情况|的){0,4}(?:报告|年报)`)
	r.year = regexp.MustCompile(`(\d{4}|[〇零○一二三四五六七八九]{4})年度?`)
	// a notice about reports, not a report ("…年度报告有关事项的通知")
	r.after = regexp.MustCompile(`^(?:有关|的通知|通知|编制|格式|编写|模板|工作的|发布|公开工作|汇总)`)
	r.suffixYear = regexp.MustCompile(`^[（(](\d{4}|[〇零○一二三四五六七八九]{4})年度?[）)]`)
	return r
})

// titleParts is what a title (or an introduction's sentence) says.
type titleParts struct {
	title  string // the phrase from the agency or year to 报告, as found (spaces removed)
	agency string // "" unless a whole agency name stands before the year or 报告
	self   bool   // the agency is named only as 我局, 本机关, …
	year   int    // 0 if none
	// intro is true when words of a sentence (现公布, 根据, 本报告…) stand
	// before the phrase: an introduction, not a title line.
	intro bool
}

// introWords make a phrase part of a sentence.
var introWords = []string{"公布", "根据", "依据", "按照", "现将", "本报告", "特向", "做好", "印发", "发布了", "，", "。", ",", "；"}

// parseTitle finds the first report-title phrase in s that names an
// agency or a year (or, failing that, the first one: a breadcrumb's
// 政府信息公开年报 names neither). ok is false when s holds none.
func parseTitle(s string) (tp titleParts, ok bool) {
	all := parseTitles(s)
	for _, tp := range all {
		if tp.year > 0 || tp.agency != "" || tp.self {
			return tp, true
		}
	}
	if len(all) > 0 {
		return all[0], true
	}
	return tp, false
}

// parseTitles reads every report-title phrase in s, in order.
func parseTitles(s string) []titleParts {
	if !strings.Contains(s, "报") {
		return nil
	}
	s = collapse(s)
	if !strings.Contains(s, "信息公开") && !strings.Contains(s, "政务公开") {
		return nil // spare the regexps
	}
	re := titleRes()
	s = blankBookTitles(foldDigits(s))
	var out []titleParts
	for _, loc := range re.anchor.FindAllStringSubmatchIndex(s, -1) {
		var tp titleParts
		if re.after.MatchString(s[loc[1]:]) {
			continue
		}
		end := loc[1]
		prefix := s[:loc[0]]
		if i := strings.LastIndexAny(prefix, "。！？；;!?"); i >= 0 {
			prefix = prefix[i+1:]
		}
		start := len(s[:loc[0]]) - len(prefix)
		// the year: in the phrase itself, else the last one before it,
		// else in brackets after it
		slot := prefix
		yearAt := -1
		if loc[2] >= 0 {
			tp.year = yearOf(s[loc[2]:loc[3]])
		} else if ys := re.year.FindAllStringSubmatchIndex(prefix, -1); len(ys) > 0 {
			y := ys[len(ys)-1]
			tp.year = yearOf(prefix[y[2]:y[3]])
			yearAt = start + y[0]
			slot = prefix[:y[0]] + "｜" + prefix[y[1]:]
		} else if m := re.suffixYear.FindStringSubmatch(s[end:]); m != nil {
			tp.year = yearOf(m[1])
			end += len(m[0])
		}
		// the agency: the last run of name characters before the year
		// or the phrase (only stop words and separators follow it)
		if segs := nameSegments(slot); len(segs) > 0 {
			tp.agency = longestName(segs[len(segs)-1])
		}
		_, tp.self = selfRef(lastPart(slot))
		from := loc[0]
		if tp.agency != "" {
			if i := strings.LastIndex(s[:loc[0]], tp.agency); i >= 0 {
				from = i
			}
		}
		if yearAt >= 0 && yearAt < from {
			from = yearAt
		}
		tp.title = s[from:end]
		for _, w := range introWords {
			if strings.Contains(s[start:from], w) {
				tp.intro = true
			}
		}
		out = append(out, tp)
	}
	return out
}

// lastPart is what follows the last separator of s: the words right
// before a year or a title.
func lastPart(s string) string {
	s = strings.TrimRight(collapse(s), "｜")
	if i := strings.LastIndexAny(s, "｜，,：:>》»|/"); i >= 0 {
		return s[i:]
	}
	return s
}

// yearOf reads "2022" or "二〇二二" as a year from 2000 to 2099; 0 otherwise.
func yearOf(s string) int {
	var n int
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		n, _ = strconv.Atoi(s)
	} else {
		for _, r := range s {
			d := -1
			for i, c := range []rune("〇一二三四五六七八九") {
				if c == r {
					d = i
				}
			}
			switch r {
			case '零', '○':
				d = 0
			}
			if d < 0 {
				return 0
			}
			n = n*10 + d
		}
	}
	if n < 2000 || n > 2099 {
		return 0
	}
	return n
}

// foldDigits turns full-width digits into ASCII ones.
func foldDigits(s string) string {
	if !strings.ContainsAny(s, "０１２３４５６７８９") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

// blankBookTitles empties the titles of documents cited in 《》 (the
// notices an introduction cites, "《…关于做好2015年政府信息公开工作年度报告
// 有关事项的通知》"), unless the whole of s is one: a title printed in 《》.
func blankBookTitles(s string) string {
	if strings.HasPrefix(s, "《") && strings.HasSuffix(s, "》") && strings.Count(s, "《") == 1 {
		return s[len("《") : len(s)-len("》")]
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "《")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "》")
		if j < 0 || j > 300 {
			b.WriteString(s[:i+len("《")])
			s = s[i+len("《"):]
			continue
		}
		b.WriteString(s[:i] + "《》")
		s = s[i+j+len("》"):]
	}
	b.WriteString(s)
	return b.String()
}
