package segment

import (
	"regexp"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract"
)

// zeroRules recognise statements that something did not happen: "未收到
// 政府信息公开申请", "未发生…行政复议、行政诉讼", "无收取信息处理费". They give
// a quantity of 0 with no unit, unless the sentence states a number for
// the same subject.
//
// need lists words one of which every match holds: a sentence without
// any is not searched (most sentences have none, and the patterns are
// costly to run over every sentence of every report).
var zeroRules = sync.OnceValue(func() []zeroRule {
	return []zeroRule{
		{"received", re(`(?:未|没有|无)(?:收到|受理|接到)[^，。；]{0,16}申请`), re(`复议|诉讼`), []string{"申请"}},
		{"admin_review", re(`(?:(?:未|没有|无)(?:发生|产生|出现|收到|接到|受理|有)[^，。；\t]{0,16}|无(?:政府信息公开)?)行政复议`), nil, []string{"行政复议"}},
		{"litigation", re(`(?:(?:未|没有|无)(?:发生|产生|出现|收到|接到|受理|有)[^，。；\t]{0,24}|无(?:政府信息公开)?)(?:行政诉讼|起诉)`), nil, []string{"行政诉讼", "起诉"}},
		{"fee", re(`(?:未|没有|无|不|暂不)[^，。；]{0,6}收取[^，。；]{0,14}(?:信息处理费|费用)|(?:暂不|未|不予?|无)收费`), nil, []string{"收取", "收费"}},
	}
})

// zeroRule is one kind of zero statement.
type zeroRule struct {
	subject string
	re      *regexp.Regexp
	not     *regexp.Regexp
	need    []string
}

// negation holds the words every zero rule's match begins with.
var negation = []string{"未", "没有", "无", "不"}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// zeros appends the zero statements of one sentence.
func zeros(fs []extract.Field, sec int, text string, sp span, stated map[string]bool) []extract.Field {
	sent := text[sp.start:sp.end]
	if !containsAny(sent, negation) {
		return fs
	}
	for _, z := range zeroRules() {
		if !containsAny(sent, z.need) {
			continue
		}
		loc := z.re.FindStringIndex(sent)
		if loc == nil || (loc[0] > 0 && strings.HasSuffix(sent[:loc[0]], "尚")) {
			continue
		}
		m := sent[loc[0]:loc[1]]
		if stated[z.subject] || (z.not != nil && z.not.MatchString(m)) {
			continue
		}
		fs = append(fs, extract.Field{Kind: "quantity", Subject: z.subject, Text: m, Section: sec,
			Offset: sp.start, Sentence: sent})
	}
	return fs
}
