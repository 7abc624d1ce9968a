package segment

import (
	"regexp"
	"sync"
	"unicode/utf8"

	"github.com/yanyiwu/gojieba"
)

// Phrases: the terms a reader reads as one where gojieba cuts them in
// pieces. Keywords and document frequencies count phrases, not tokens:
//
//   - the field's terms (our user dictionary: 依申请公开 + 答复书 + 模板);
//   - a short term in quotation marks (“一事一审”, “传帮带”): the agency
//     marked it as one;
//   - two nouns that stand side by side at least twice in the section
//     (信息 + 同源 twice: 信息同源);
//   - a noun that never stands on its own in the section, joined to the
//     head noun after it (系统性 + 排查, 过堂 + 式 + 培训 → 过堂式培训), or
//     dropped (产品 in 政策解读产品, 公开属性 inside 政府信息公开属性源头认定
//     机制): a fragment is not a keyword.

// nounTags are the tags of words that make noun phrases: nouns, proper
// nouns, verbal and adjectival nouns, bound nouns and attributives
// (服务型, 保障性).
var nounTags = map[string]bool{"n": true, "nz": true, "vn": true, "an": true, "ng": true, "b": true}

// maxPhrase is the longest phrase joined from two words, in runes; a
// joint through 式 (调研式培训) may have one more.
const maxPhrase = 6

// tagBound marks a word that only occurs inside a longer noun phrase
// that is too long to be a keyword: it is counted for nothing.
const tagBound = "bound"

// quoted finds short terms in quotation marks: three to eight Han
// characters, no punctuation.
var quoted = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[“「『"]([\p{Han}]{3,8})[”」』"]`)
})

// phrases returns toks (the tagged words of text) with the phrases
// joined, each into one token tagged n (nz for a quoted term).
func (s *Segmenter) phrases(text string, toks []Token) []Token {
	j := joiner{}
	toks = mergeQuoted(text, s.mergeTerms(toks))
	toks = j.mergePairs(toks)
	return j.mergeBound(toks)
}

// joiner remembers which words may be joined (IsFixed searches the
// fixed text: once per word, not once per token).
type joiner map[string]bool

// mergeQuoted joins the tokens that exactly cover a quoted term.
func mergeQuoted(text string, toks []Token) []Token {
	ms := quoted().FindAllStringSubmatchIndex(text, -1)
	if len(ms) == 0 {
		return toks
	}
	out := toks[:0:0]
	m := 0
	for i := 0; i < len(toks); i++ {
		for m < len(ms) && ms[m][2] < toks[i].Start {
			m++
		}
		if m < len(ms) && ms[m][2] == toks[i].Start {
			j := i
			for j < len(toks) && toks[j].End < ms[m][3] {
				j++
			}
			if j < len(toks) && toks[j].End == ms[m][3] {
				out = append(out, Token{Word: text[ms[m][2]:ms[m][3]], Tag: "nz", Start: toks[i].Start, End: toks[j].End})
				i = j
				continue
			}
		}
		out = append(out, toks[i])
	}
	return out
}

// joinable reports whether t may be part of a joined noun phrase.
func (j joiner) joinable(t Token) bool {
	if !nounTags[t.Tag] {
		return false
	}
	ok, seen := j[t.Word]
	if !seen {
		ok = countable(t.Word) && !terms()[t.Word] && !IsFixed(t.Word)
		j[t.Word] = ok
	}
	return ok
}

func runes(s string) int { return utf8.RuneCountInString(s) }

// mergePairs joins two adjacent nouns that stand side by side at least
// twice in toks into one phrase of at most maxPhrase runes.
func (j joiner) mergePairs(toks []Token) []Token {
	pair := func(i int) (string, bool) {
		a, b := toks[i], toks[i+1]
		if !adjacent(toks, i+1) || !j.joinable(a) || !j.joinable(b) || stopWords()[a.Word] || stopWords()[b.Word] {
			return "", false
		}
		w := a.Word + b.Word
		return w, runes(w) <= maxPhrase
	}
	count := map[string]int{}
	for i := 0; i+1 < len(toks); i++ {
		if w, ok := pair(i); ok {
			count[w]++
		}
	}
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		if i+1 < len(toks) {
			if w, ok := pair(i); ok && count[w] >= 2 {
				out = append(out, Token{Word: w, Tag: "n", Start: toks[i].Start, End: toks[i+1].End})
				i++
				continue
			}
		}
		out = append(out, toks[i])
	}
	return out
}

// leansOn reports whether toks[j] is a noun (or the suffix 式) that
// toks[i], next to it, leans on.
func leansOn(toks []Token, i, j int) bool {
	if j < 0 || j >= len(toks) {
		return false
	}
	if !adjacent(toks, max(i, j)) {
		return false
	}
	t := toks[j]
	return t.Tag == "k" || nounTags[t.Tag] && countable(t.Word)
}

// mergeBound joins each noun of up to four runes that never stands free
// in toks (it always has a noun next to it) to the head noun after it, through 式 when that
// is what follows (过堂 式 培训), when the two are the whole noun chain. A phrase longer than maxPhrase, or with
// a stop word, a term or fixed text for head (个别 + 单位, 季度 + 政务公开),
// is not made, and the word is tagged tagBound instead; so is a noun that
// leans on the one before it (政策解读 + 产品, 充分利用 + 图标): gojieba
// tags many verbs n, and the head alone is not what the agency did.
func (j joiner) mergeBound(toks []Token) []Token {
	free := map[string]bool{}
	for i, t := range toks {
		if j.joinable(t) && !leansOn(toks, i, i-1) && !leansOn(toks, i, i+1) {
			free[t.Word] = true
		}
	}
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !j.joinable(t) || stopWords()[t.Word] || free[t.Word] ||
			runes(t.Word) >= 5 && (i+1 >= len(toks) || toks[i+1].Tag != "k") {
			// A word of five runes or more is whole (保障性住房); one of
			// four is often a verb gojieba tags n (认真学习, 充分发挥).
			out = append(out, t)
			continue
		}
		// After it: a noun, or 式 and a noun.
		// Only a chain of exactly two nouns is joined: in a longer one
		// (图书馆 公众 信息 查询 场所) the word after is not the head.
		if !leansOn(toks, i, i-1) && leansOn(toks, i, i+1) && (toks[i+1].Tag == "k" || j.headWord(toks[i+1])) {
			n := toks[i+1]
			end := i + 1
			// Through 式 the head may be a generic word: 过堂式培训.
			if n.Tag == "k" && leansOn(toks, i+1, i+2) && nounTags[toks[i+2].Tag] && countable(toks[i+2].Word) {
				end = i + 2
			}
			if w := joinWords(toks[i : end+1]); (n.Tag != "k" || end == i+2) && !leansOn(toks, end, end+1) {
				if runes(w) <= maxPhrase+end-i-1 {
					out = append(out, Token{Word: w, Tag: "n", Start: t.Start, End: toks[end].End})
					i = end
					continue
				}
			}
		}
		t.Tag = tagBound
		out = append(out, t)
	}
	return out
}

// headWord reports whether t may be the head of a phrase, joined to the
// noun before it: a noun, not an attributive (服务型), a stop word (单位,
// 问题), one of the field's terms or the fixed text.
func (j joiner) headWord(t Token) bool {
	return (t.Tag == "n" || t.Tag == "nz" || t.Tag == "vn") && j.joinable(t) && !stopWords()[t.Word]
}

func joinWords(toks []Token) string {
	w := ""
	for _, t := range toks {
		w += t.Word
	}
	return w
}

// unseenIDF is the general IDF of a word gojieba's table does not have
// (a phrase, a term of ours, a word the HMM made): the mean over the
// words gojieba cuts it into, a word the table lacks counting as the
// table's median.
func (s *Segmenter) unseenIDF(w string, gen *idfTable) float64 {
	var parts []string
	s.with(func(jb *gojieba.Jieba) { parts = jb.Cut(w, false) })
	if len(parts) <= 1 {
		return gen.median
	}
	sum := 0.0
	for _, p := range parts {
		if x, ok := gen.idf[p]; ok {
			sum += float64(x)
		} else {
			sum += gen.median
		}
	}
	return sum / float64(len(parts))
}
