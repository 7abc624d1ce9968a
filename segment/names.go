package segment

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/corpus/division"
	"github.com/nianbao/nianbao/extract"
)

// Names of agencies and places are read as whole names, the longest the
// text supports: a chain of places (福建+省, 淮安市+洪泽区, 平潭+综合实验区),
// then the organ (人民政府办公室, 科学技术局, 管委会办公室), so that
// 淮安市洪泽区人民政府 is one agency and not 区人民政府, and 国务院办公厅 not
// 国务院. gojieba's tags are a hint, not the rule: it tags 洪泽 as a person
// name and 人民 as a noun in 淮安市洪泽区人民政府办公室.

// agencyEnds are the endings of an agency's name (公共交通 is tagged nt
// too, and does not end like one).
var agencyEnds = []string{"局", "厅", "委", "办", "院", "部", "署", "会", "室", "府", "处", "科", "所", "站", "中心", "小组", "组", "队", "社", "行", "庭"}

func hasAgencyEnd(w string) bool {
	for _, e := range agencyEnds {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// websiteNext reports whether rest (the text after an agency-like name)
// starts with the name of a website: 中国政府采购网, 平潭政府采购信息网.
func websiteNext(rest string) bool {
	for {
		r := rest
		for _, p := range []string{"采购", "信息", "门户", "政务"} {
			r = strings.TrimPrefix(r, p)
		}
		if r == rest {
			return strings.HasPrefix(rest, "网")
		}
		rest = r
	}
}

var provinces = "北京天津河北山西内蒙古辽宁吉林黑龙江上海江苏浙江安徽福建江西山东河南湖北湖南广东广西海南重庆四川贵州云南西藏陕西甘肃青海宁夏新疆香港澳门台湾"

// placeEnd are the characters that end a division's name.
const placeEnd = "省市区县州盟旗镇乡村"

// determiners before a name make it a reference to many (各乡镇人民政府,
// 全省各级政府): not a name.
var determiners = map[string]bool{"各": true, "全": true, "本": true, "该": true, "我": true, "其他": true,
	"相关": true, "有关": true, "各级": true, "各地": true, "所属": true, "下属": true, "各类": true}

// stopNoun are nouns that never begin or make up an agency name.
var stopNoun = map[string]bool{"工作": true, "情况": true, "信息": true, "部门": true, "单位": true, "机关": true,
	"要求": true, "政府信息": true, "政务公开": true, "问题": true, "年度": true, "报告": true, "文件": true, "通知": true}

// isPlaceTok reports whether toks[i] is a place name by itself: tagged ns,
// or a proper name or a word the HMM made, of three or more runes ending
// like a division (青秀区 tagged nr, 敖东镇 x: townships the division data
// lacks); not one that begins with a determiner (各乡镇).
func isPlaceTok(toks []Token, i int) bool {
	t := toks[i]
	first, _ := utf8.DecodeRuneInString(t.Word)
	if strings.ContainsRune("各全本该我", first) {
		return false
	}
	if t.Tag == "ns" && utf8.RuneCountInString(t.Word) >= 2 {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(t.Word)
	return utf8.RuneCountInString(t.Word) >= 3 && strings.ContainsRune(placeEnd, last) && oneOf(t.Tag, "nr", "nrt", "nz", "x")
}

// placeUnit returns the end (token index) of the place that starts at
// toks[i], or i: a place word, or a two-rune proper name that gojieba
// tagged as a person's (洪泽/nr), followed by administrative suffixes
// (洪泽+区, 平潭+综合实验区).
func placeUnit(toks []Token, text string, i int) int {
	if i >= len(toks) {
		return i
	}
	j := i
	if e := divisionEnd(toks, text, i); e > i {
		j = e
	} else if isPlaceTok(toks, i) {
		j = i + 1
	} else if oneOf(toks[i].Tag, "nr", "nrt", "nz") && utf8.RuneCountInString(toks[i].Word) == 2 &&
		i+1 < len(toks) && adminSuffix[toks[i+1].Word] && adjacent(toks, i+1) {
		j = i + 1
	} else {
		return i
	}
	for j < len(toks) && adminSuffix[toks[j].Word] && adjacent(toks, j) {
		j++
	}
	return j
}

// divisionNames are the full names of China's divisions of three runes
// or more (package corpus/division: 西乡塘区, 上城区, 敖东镇, 建外街道),
// for the places gojieba cuts up or does not know (西乡/塘区, 上/城区,
// 敖东镇/x). Two-rune names (城区, 郊区, 矿区) are ordinary words too.
var divisionNames = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, d := range division.All() {
		if !d.Placeholder() && utf8.RuneCountInString(d.Name) >= 3 {
			out[d.Name] = true
		}
	}
	return out
})

// divisionEnd returns the end (token index) of the longest division's
// full name that begins with toks[i] and ends with a token, or i.
func divisionEnd(toks []Token, text string, i int) int {
	var names map[string]bool
	best := i
	for j := i; j < len(toks) && j-i < 6; j++ {
		if j > i && !adjacent(toks, j) {
			break
		}
		w := text[toks[i].Start:toks[j].End]
		if len(w) > 16*3 {
			break
		}
		if last, _ := utf8.DecodeLastRuneInString(w); !strings.ContainsRune(placeEnd+"道", last) {
			continue
		}
		if names == nil {
			names = divisionNames()
		}
		if names[w] {
			best = j + 1
		}
	}
	return best
}

// adjacent reports whether toks[j] follows toks[j-1] with nothing between.
func adjacent(toks []Token, j int) bool { return j > 0 && toks[j].Start == toks[j-1].End }

// organWords end the organ of an agency when gojieba does not tag them nt.
var organWords = []string{"街道办事处", "办事处", "人民政府办公厅", "人民政府办公室", "办公厅", "办公室", "委员会", "管委会", "管理委员会", "党工委", "领导小组办公室"}

// organSingle are the one-rune organs that end a name after a noun
// (科学技术+局, 交通运输+厅).
const organSingle = "局厅委办院署处科所站队"

// concepts are nt words that name an idea of government, not an organ.
var concepts = map[string]bool{"法治政府": true, "责任政府": true, "服务型政府": true, "数字政府": true, "阳光政府": true,
	"透明政府": true, "廉洁政府": true, "诚信政府": true, "人民政府": true, "政府": true, "领导小组": true, "小组": true}

// organTok reports whether t is an organ (nt, a generic organ, a word
// ending in 办公室/委员会/…, or a one-rune organ) or a noun that may sit
// inside a name (人民, 科学技术, 公共资源).
func organTok(t Token) (organ, body bool) {
	if _, ok := channels[t.Word]; ok {
		return false, false // 网上办事大厅, 政务服务中心: places to go, not organs
	}
	if (t.Tag == "nt" && !concepts[t.Word]) || genericAgency[t.Word] {
		return true, false
	}
	for _, w := range organWords {
		if strings.HasSuffix(t.Word, w) {
			return true, false
		}
	}
	if utf8.RuneCountInString(t.Word) == 1 && strings.Contains(organSingle, t.Word) {
		return true, false
	}
	// 教育局/n, 工商局/j, 发展局/l: gojieba does not tag every bureau nt.
	if last, _ := utf8.DecodeLastRuneInString(t.Word); utf8.RuneCountInString(t.Word) >= 3 &&
		strings.ContainsRune("局厅委署", last) && oneOf(t.Tag, "n", "nz", "j", "l") {
		return true, false
	}
	if oneOf(t.Tag, "n", "nz", "j", "vn") && !stopNoun[t.Word] && !determiners[t.Word] && !hasAgencyEnd(t.Word) &&
		!oneOf(t.Word, "省", "市", "区", "县") {
		return false, true
	}
	return false, false
}

// nameAt parses the agency or place name that starts at toks[i]: it
// returns the end of the place chain (pe) and of the agency (ae, 0 when
// there is none).
func nameAt(toks []Token, text string, i int) (pe, ae int) {
	p := i
	for {
		q := placeUnit(toks, text, p)
		if q == p || (p > i && !adjacent(toks, p)) {
			break
		}
		p = q
	}
	pe = p
	// 区行政审批局, 省财政厅, 市政府办公室: a one-rune division before an
	// organ is the agency's own level.
	q := p
	if p == i && oneOf(toks[p].Word, "省", "市", "区", "县") {
		q++
	}
	organs, bodies := 0, 0
	for k := q; k < len(toks) && k-q < 8; k++ {
		if k > i && !adjacent(toks, k) {
			break
		}
		organ, body := organTok(toks[k])
		// 交通与建设局, 环境与国土资源局, 保密与电子政务处: 与 between
		// two nouns of one organ.
		if toks[k].Word == "与" && k > q && k+1 < len(toks) && organs == 0 {
			if o, b := organTok(toks[k+1]); o || b {
				continue
			}
		}
		if !organ && !body {
			break
		}
		if organ {
			organs++
		} else if organs == 0 {
			bodies++
		}
		if organs > 0 && hasAgencyEnd(toks[k].Word) {
			ae = k + 1
		}
	}
	if ae == 0 {
		return pe, 0
	}
	name := text[toks[i].Start:toks[ae-1].End]
	if genericAgency[name] || concepts[name] {
		return pe, 0
	}
	if pe == i && q == i {
		// No place and no level before it: the name must hold an organ
		// that gojieba knows (nt) after at most two nouns, and a
		// one-rune organ must follow a noun.
		hasNT := false
		for k := i; k < ae; k++ {
			o, _ := organTok(toks[k])
			hasNT = hasNT || (o && utf8.RuneCountInString(toks[k].Word) >= 3 && (!genericAgency[toks[k].Word] || bodies > 0))
		}
		if !hasNT || bodies > 2 || (bodies > 0 && !prefixNoun(toks[i])) || utf8.RuneCountInString(name) < 3 {
			return pe, 0
		}
	}
	if utf8.RuneCountInString(toks[ae-1].Word) == 1 && ae-1 == q {
		return pe, 0 // a lone 局 or 办
	}
	return pe, ae
}

// prefixNoun reports whether tok may begin an agency name that has no
// place before it: a common noun of two or more runes (公共资源+交易中心).
func prefixNoun(tok Token) bool {
	return oneOf(tok.Tag, "n", "nz", "j") && utf8.RuneCountInString(tok.Word) >= 2 && !stopNoun[tok.Word]
}

// names appends the agencies, places and channels named in tokens (one
// field per distinct name per section, at its first sentence) and returns
// the byte spans of the names, which keywords leave out.
func names(fs []extract.Field, sec int, text string, ss []span, toks []Token, seen map[string]bool) ([]extract.Field, []span) {
	var spans []span
	add := func(kind, subject string, start, end int) {
		if kind != "channel" {
			spans = append(spans, span{start, end}) // channels are words of the work
		}
		name := text[start:end]
		if seen[kind+" "+name] {
			return
		}
		i := sentenceAt(ss, start)
		if i < 0 {
			return
		}
		seen[kind+" "+name] = true
		fs = append(fs, extract.Field{Kind: kind, Subject: subject, Text: name, Section: sec,
			Offset: ss[i].start, Sentence: text[ss[i].start:ss[i].end]})
	}
	// An address (地址：…金井湾片区管委会大楼) names places, not agencies.
	var contact []span
	for _, m := range furniture()[1].FindAllStringIndex(text, -1) {
		contact = append(contact, span{m[0], m[1]})
	}
	inContact := func(at int) bool {
		for _, c := range contact {
			if at >= c.start && at < c.end {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if inContact(t.Start) {
			continue
		}
		if id, ok := channels[t.Word]; ok {
			add("channel", id, t.Start, t.End)
			continue
		}
		if i > 0 && adjacent(toks, i) && determiners[toks[i-1].Word] {
			pe, ae := nameAt(toks, text, i) // 各片区管理局: skip the whole reference
			i = max(pe, ae, i+1) - 1
			continue
		}
		pe, ae := nameAt(toks, text, i)
		end := max(pe, ae)
		if end == i {
			continue
		}
		if ae > 0 {
			start, stop := t.Start, toks[ae-1].End
			// 平潭政府采购信息网, 淮安市人民政府门户网站: the site's owner,
			// named with the site; the site is the channel.
			if id, ok := channelAfter(toks, ae); ok {
				add("channel", id, start, toks[ae].End)
				i = ae
				continue
			}
			if websiteNext(text[stop:]) {
				i = ae - 1
				continue
			}
			add("agency", "", start, stop)
		}
		if pe > i {
			stop := toks[pe-1].End
			// 淮安/ns 市人民政府/nt: the division's suffix went to the organ.
			if pe < len(toks) && adjacent(toks, pe) && utf8.RuneCountInString(toks[pe].Word) > 1 &&
				strings.ContainsRune("省市区县", []rune(toks[pe].Word)[0]) {
				stop += len("市")
			}
			place := text[t.Start:stop]
			last, _ := utf8.DecodeLastRuneInString(place)
			if pe > i+1 || ae > pe || strings.ContainsRune(placeEnd, last) && utf8.RuneCountInString(place) >= 3 ||
				strings.Contains(provinces, place) || strings.HasSuffix(place, "综合实验区") {
				add("place", "", t.Start, stop)
			}
		}
		i = end - 1
	}
	return fs, spans
}

// channelAfter reports whether toks[k] is a website or another channel
// word that an agency's name runs into.
func channelAfter(toks []Token, k int) (string, bool) {
	if k >= len(toks) || !adjacent(toks, k) {
		return "", false
	}
	id, ok := channels[toks[k].Word]
	if ok && (id == "website" || id == "website_column" || id == "wechat" || id == "weibo") {
		return id, true
	}
	return "", false
}
