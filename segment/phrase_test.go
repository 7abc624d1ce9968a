package segment

import (
	"strings"
	"testing"
)

// TestPhrases checks the phrases keywords count: quoted terms, nouns that
// stand together twice, a noun joined to its head or dropped as a
// fragment, and what is never joined.
func TestPhrases(t *testing.T) {
	s := seg(t)
	for _, tt := range []struct {
		in       string
		want     []string // phrases that must be keyword candidates
		fragment []string // words that must not be
	}{
		{"坚持“先审查、后公开”“一事一审”工作原则。", []string{"一事一审"}, []string{"一审"}},
		{"创新开展调研式培训、过堂式培训，不断提高能力。", []string{"过堂式培训", "开展调研式培训"}, []string{"过堂"}},
		{"开发更多可读、可视、可感的政策解读产品，积极回应需求。", []string{"政策解读"}, []string{"产品", "政策解读产品"}},
		{"注重对政策背景、出台目的进行解读。", nil, []string{"背景"}},
		// Two nouns together twice; a noun leaning on a word of the fixed
		// text is a fragment (信息 同源).
		{"推进保障性住房分配，公开保障性住房名单。", []string{"保障性住房"}, []string{"保障性", "住房"}},
		{"推动信息同源管理，确保信息同源。", nil, []string{"同源"}},
		{"开展系统性排查，及时更新。", []string{"系统性排查"}, []string{"系统性"}},
		// A longer noun chain is not joined, and its words lean on one
		// another: none is counted.
		{"开放档案馆和图书馆公众信息查询场所。", []string{"档案馆"}, []string{"图书馆公众", "公众"}},
		// A term of the field is never joined to its neighbour.
		{"按季度开展政务新媒体专项检查。", []string{"政务新媒体"}, []string{"季度政务新媒体"}},
		// 个别 + 单位: a stop word is not a head.
		{"个别单位政策解读内容简单。", nil, []string{"个别单位", "个别"}},
	} {
		text := Normalize(tt.in)
		got := map[string]bool{}
		var all []string
		for _, tok := range s.phrases(text, s.tag(text)) {
			all = append(all, tok.Word+"/"+tok.Tag)
			if keywordCandidate(tok) {
				got[tok.Word] = true
			}
		}
		for _, w := range tt.want {
			if !got[w] {
				t.Errorf("%s: %q not a phrase: %s", tt.in, w, strings.Join(all, " "))
			}
		}
		for _, w := range tt.fragment {
			if got[w] {
				t.Errorf("%s: fragment %q counted: %s", tt.in, w, strings.Join(all, " "))
			}
		}
	}
}
