package segment

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
)

// numUnit finds a number followed by a counting unit: "70件", "5500 余条",
// "3,940元", "两起", "1.2万条" (group 1 is 万, group 2 the unit).
var numUnit = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千]+)\s*(?:余|多)?\s*(万)?\s*(?:余|多)?\s*(元|人次|批次|条|件|起|篇|项|个|次|场|期|家|份|例|轮)`)
})

// A rule says what a number counts. The rule whose trigger stands
// nearest the number wins: first in the text before it (within its
// clause, back to the previous number), else in the text after it
// (within its clause, up to the next number).
type rule struct {
	subject string
	trigger *regexp.Regexp
	units   string         // accepted units, "|"-separated
	need    *regexp.Regexp // must also occur in the context (nil: no need)
	not     *regexp.Regexp // must not occur in the context
	veto    *regexp.Regexp // must not occur in the sentence
}

// Vetoes for applications: windows, approvals and hotlines also "receive"
// and "complete" things.
var notDisclosure = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`窗口|审批|诉求|热线|办件|投诉|政务服务|信访|12345`)
})

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

// rules, in priority order for triggers that end at the same place.
var rules = sync.OnceValue(func() []rule {
	return []rule{
		{subject: "carried_over", trigger: re(`上一?年度?结转`), units: "件"},
		{subject: "carried_forward", trigger: re(`结转|顺延|转入下一?年度?`), units: "件"},
		{subject: "received", trigger: re(`收到|受理|新收|接收|共收`), units: "件", need: re(`申请`), veto: notDisclosure()},
		{subject: "completed", trigger: re(`办结|答复|办理完毕|处理完毕|予以回复`), units: "件", veto: notDisclosure()},
		{subject: "admin_review", trigger: re(`行政复议|复议`), units: "件|起|个|例"},
		{subject: "litigation", trigger: re(`行政诉讼|诉讼|起诉`), units: "件|起|个|例"},
		{subject: "fee", trigger: re(`信息处理费|处理费`), units: "元"},
		{subject: "interpretation", trigger: re(`解读`), units: "篇|项|个|条|次|期|份|件"},
		{subject: "proactive_published", trigger: re(`主动公开|(?:公开|公布|发布)[^，。；]{0,6}政府信息`), units: "条|件",
			// 政府信息 somewhere, or 主动公开信息 just before the number; not
			// 主动公开政府采购项目信息 (one kind of information).
			need: re(`政府信息|主动公开了?(?:各类|各项)?信息[^|，。；]{0,4}\|`)},
		{subject: "press_conference", trigger: re(`新闻发布会|发布会`), units: "场|次|期|个"},
		{subject: "new_media_closed", trigger: re(`关停|注销|关闭|清理整合`), units: "个|家", need: re(`新媒体|公众号|微博`)},
		{subject: "new_media", trigger: re(`政务新媒体|新媒体`), units: "个|家", not: re(`关停|注销|关闭|清理整合`)},
		{subject: "inspection", trigger: re(`检查|督查|抽查|巡查|测评`), units: "次|轮|期"},
		{subject: "training", trigger: re(`培训`), units: "次|场|期|人次|轮"},
		{subject: "gazette", trigger: re(`公报`), units: "期"},
		{subject: "online_interview", trigger: re(`在线访谈`), units: "期|次|场"},
	}
})

// beforeDelims end the context before a number; afterDelims the context
// after it (a list with 、 still belongs to the number before it: "对29项
// 涉及…、…的政策文件进行解读").
const (
	beforeDelims = "，,。；;：:！？!?（）()、\n"
	afterDelims  = "，,。；;：:！？!?（）()\n"
)

// quantities finds the counts stated in one sentence (text[sp.start:
// sp.end]) and appends them. seen holds, per subject, whether the section
// already stated it: a later count of the same subject after 其中, or
// followed by a share (占…%), is a part and gets the suffix "_part".
func quantities(fs []extract.Field, sec int, text string, sp span, seen map[string]bool) []extract.Field {
	sent := text[sp.start:sp.end]
	stated := map[string]bool{}
	ms := numUnit().FindAllStringSubmatchIndex(sent, -1)
	for i, m := range ms {
		if m[0] > 0 {
			// An ordinal (第二十条) or a number glued to letters or digits
			// (an ID, a phone number) counts nothing.
			r, _ := utf8.DecodeLastRuneInString(sent[:m[0]])
			if r == '第' || r == '.' || r == '-' || r == '/' || (r < utf8.RuneSelf && isAlnum(byte(r))) {
				continue
			}
		}
		prevEnd, nextStart := 0, len(sent)
		if i > 0 {
			prevEnd = ms[i-1][1]
		}
		if i+1 < len(ms) {
			nextStart = ms[i+1][0]
		}
		before := sent[max(prevEnd, lastDelim(sent[:m[0]], beforeDelims)):m[0]]
		after := sent[m[1]:min(nextStart, m[1]+firstDelim(sent[m[1]:], afterDelims))]
		unit := sent[m[4]:m[5]]
		numEnd := m[4]
		if m[2] >= 0 {
			numEnd = m[2]
		}
		numText := strings.TrimRight(sent[m[0]:numEnd], " \t余多")
		exp := 0
		if m[2] >= 0 {
			exp = 4 // 1.2万条, 3.5万元: Number is in the unit itself
		}
		n, ok := parseScaled(strings.TrimSpace(numText), exp)
		if !ok {
			continue
		}
		if !verbal(unit) && timeNoun().MatchString(after) {
			continue // 四个季度, 3个月: counts periods
		}
		r := pick(before, after, unit, sent)
		if r == nil {
			continue
		}
		subject := r.subject
		if seen[subject] && (strings.Contains(sent[:m[0]], "其中") || sharesNext(sent[m[1]:])) {
			subject += "_part"
		}
		seen[r.subject] = true
		stated[r.subject] = true
		fs = append(fs, extract.Field{Kind: "quantity", Subject: subject, Text: sent[m[0]:m[1]],
			Number: n, Unit: unit, Section: sec, Offset: sp.start, Sentence: sent})
	}
	return zeros(fs, sec, text, sp, stated)
}

// timeNoun at the start of the text after a number means the number
// counts periods of time, not what a nearby word names.
var timeNoun = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(?:季度|月|工作日|日|天|小时|周|年)`)
})

// verbal units count events (4次季度检查 counts inspections).
func verbal(unit string) bool { return unit == "次" || unit == "轮" || unit == "场" }

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// sharesNext reports whether the next clause gives a share: "，占71.3%".
func sharesNext(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	for _, p := range []string{"，", ",", "（", "("} {
		if strings.HasPrefix(rest, p) {
			return strings.HasPrefix(strings.TrimLeft(rest[len(p):], " "), "占")
		}
	}
	return false
}

// pick returns the rule that says what the number counts, or nil.
func pick(before, after, unit, sentence string) *rule {
	ctx := before + "|" + after
	var best *rule
	bestEnd, bestStart := -1, 0
	rules := rules()
	for i := range rules {
		r := &rules[i]
		if !r.fits(unit, ctx, sentence) {
			continue
		}
		if loc := lastMatch(r.trigger, before); loc != nil {
			// Nearest end wins; at the same end, the longer match.
			if loc[1] > bestEnd || (loc[1] == bestEnd && loc[0] < bestStart) {
				best, bestEnd, bestStart = r, loc[1], loc[0]
			}
		}
	}
	if best != nil {
		return best
	}
	bestStart = len(after) + 1
	for i := range rules {
		r := &rules[i]
		if !r.fits(unit, ctx, sentence) {
			continue
		}
		if loc := r.trigger.FindStringIndex(after); loc != nil && loc[0] < bestStart {
			best, bestStart = r, loc[0]
		}
	}
	return best
}

func (r *rule) fits(unit, ctx, sentence string) bool {
	if !hasUnit(r.units, unit) {
		return false
	}
	if r.need != nil && !r.need.MatchString(ctx) {
		return false
	}
	if r.not != nil && r.not.MatchString(ctx) {
		return false
	}
	return r.veto == nil || !r.veto.MatchString(sentence)
}

func hasUnit(units, u string) bool {
	for units != "" {
		var x string
		x, units, _ = strings.Cut(units, "|")
		if x == u {
			return true
		}
	}
	return false
}

// lastMatch returns the position of the last match of re in s.
func lastMatch(re *regexp.Regexp, s string) []int {
	all := re.FindAllStringIndex(s, -1)
	if len(all) == 0 {
		return nil
	}
	return all[len(all)-1]
}

// lastDelim returns the offset just after the last delimiter in s, or 0.
func lastDelim(s, delims string) int {
	i := strings.LastIndexAny(s, delims)
	if i < 0 {
		return 0
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return i + n
}

// firstDelim returns the offset of the first delimiter in s, or len(s).
func firstDelim(s, delims string) int {
	i := strings.IndexAny(s, delims)
	if i < 0 {
		return len(s)
	}
	return i
}
