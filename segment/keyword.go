package segment

//go:generate go run ./internal/gendf -reports ../testdata/reports -dict dict

import (
	"index/suffixarray"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract/layout"
	"github.com/nianbao/nianbao/segment/dict"
)

// Keywords are the words that tell what an agency did, from the prose it
// wrote: not the template's fixed sentences, the tables, the contact and
// period lines, page furniture or URLs, and not the names of agencies and
// places (those are fields of their own). A word's weight is
//
//	count in the section × general IDF × rarity across reports
//
// where the general IDF is gojieba's (dict idf.utf8, general Chinese text;
// the median for a word it does not list) and the rarity comes from a
// document-frequency list over annual reports (DF.rarity): a word in
// every report (公开, 信息, 工作) weighs near nothing, a word in few
// (政务新媒体, 12345热线) keeps most of its weight.

// fixedText is the template's fixed text (dict/fixed.gen.utf8) with
// digits removed, and its 4-rune grams.
type fixedText struct {
	blob  string
	idx   *suffixarray.Index // of blob: IsFixed is asked for every token
	grams map[string]bool
}

const gramLen = 4

var fixed = sync.OnceValue(loadFixed)

func loadFixed() *fixedText {
	f := &fixedText{grams: map[string]bool{}}
	b, _ := dict.ReadFile("fixed.gen.utf8") // embedded: cannot fail
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		l = stripDigits(strings.TrimSpace(l))
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		lines = append(lines, l)
		r := []rune(l)
		for i := 0; i+gramLen <= len(r); i++ {
			f.grams[string(r[i:i+gramLen])] = true
		}
	}
	f.blob = strings.Join(lines, "\n")
	f.idx = suffixarray.New([]byte(f.blob))
	return f
}

// IsFixed reports whether w occurs in the fixed text of the templates
// (dict/fixed.gen.utf8): such a word is never a keyword.
func IsFixed(w string) bool {
	w = stripDigits(w)
	if w == "" {
		return true // strings.Contains(blob, "")
	}
	return len(fixed().idx.Lookup([]byte(w), 1)) > 0
}

func stripDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == ' ' || r == '\t' || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

// terms are the field's multi-word terms (our user dictionary), kept
// whole by mergeTerms where gojieba splits them.
var terms = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	b, _ := dict.ReadFile("nianbao.dict.utf8")
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			out[f[0]] = true
		}
	}
	return out
})

// generalIDF is gojieba's IDF table (general Chinese text) and its
// median, the weight of a word it does not list.
type idfTable struct {
	idf    map[string]float32
	median float64 // to 0.1
}

var generalIDF = sync.OnceValue(loadGeneralIDF)

func loadGeneralIDF() *idfTable {
	b, _ := dict.ReadFile("idf.utf8")
	// One string for the whole file: the keys are substrings of it, so
	// the table costs one allocation per map bucket, not one per word.
	text := string(b)
	t := &idfTable{idf: make(map[string]float32, strings.Count(text, "\n")+1)}
	hist := make([]int, 256) // idf values in 0.1 steps, for the median
	for len(text) > 0 {
		line := text
		if k := strings.IndexByte(text, '\n'); k >= 0 {
			line, text = text[:k], text[k+1:]
		} else {
			text = ""
		}
		sp := strings.LastIndexByte(line, ' ')
		if sp <= 0 {
			continue
		}
		x, err := strconv.ParseFloat(line[sp+1:], 32)
		if err != nil {
			continue
		}
		t.idf[line[:sp]] = float32(x)
		hist[min(max(int(x*10), 0), 255)]++
	}
	for k, seen := 0, 0; k < len(hist); k++ {
		if seen += hist[k]; seen*2 >= len(t.idf) {
			t.median = float64(k) / 10
			break
		}
	}
	return t
}

// stopWords are gojieba's stop words and the words every report uses to
// refer to itself, its agency and its page (我局, 全区, 链接, 目录, …),
// which say nothing about the work.
var stopWords = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	b, _ := dict.ReadFile("stop_words.utf8")
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out[l] = true
		}
	}
	for _, w := range strings.Fields(`我局 我区 我市 我县 我省 我委 我厅 我办 我院 我部 我镇 我乡 我司 本局 本区 本市 本县 本委 本厅
		本机关 本单位 本部门 本系统 本报告 本年 本年度 全区 全市 全县 全省 全镇 全局 全委 全厅 全年 今年 去年 上年 上年度 明年 年度 年底
		各级 各类 各地 各部门 各单位 部门 单位 机关 工作 情况 方面 有关 相关 问题 不足 要求 方式 形式 内容 事项 领域 渠道 平台 水平 能力
		链接 目录 附件 下载 点击 查看 打印 关闭 返回 网址 页面 正文 标题 栏目 发布时间 来源 字号 索引号 文号 分享 收藏
		贯彻落实 认真贯彻 积极探索 比较突出 全会精神 决策部署 有序推进 扎实推进 稳步推进 取得成效 不断完善 新时代 新要求 新期待
		充分利用 利用 运用 助力 着力
		地方 合作 规定 专门 场所 载体 内涵 生动 频率 总责 差距 新台阶 落地 方案 效力 人次 模块 季度 属性 透明度
		工作人员 干部职工 业务水平 考核 监测 检查 培训 督促 管理 服务 建设 发展 宣传 监督 保障 落实 规范 实效
		总体 整体 全面 成效 成绩 措施 举措 机制 制度 意识 力度 质量 效果 效率 经验 进展 基础 重点 目标 任务 作用`) {
		out[w] = true
	}
	return out
})

// keywordTags are the gojieba tags a keyword may have: nouns, verbal and
// adjectival nouns, abbreviations, and words the HMM found (x). Set
// phrases and idioms (l, i: 圆满完成, 各项任务, 取得实效, 参差不齐) are the
// register of every report. Names (ns, nt, nr) are fields of their own; verbs,
// adjectives and adverbs (推进, 及时, 进一步) say how, not what.
var keywordTags = map[string]bool{"n": true, "nz": true, "vn": true, "an": true, "j": true, "x": true}

// mergeTerms joins runs of up to four tokens whose text is one of the
// field's terms (依申请公开 + 答复书 + 模板, 12345 + 热线) into one token
// tagged n.
func (s *Segmenter) mergeTerms(toks []Token) []Token {
	ts := terms()
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		k := 0
		for n := min(4, len(toks)-i); n >= 2; n-- {
			var b strings.Builder
			ok := true
			for j := i; j < i+n; j++ {
				if j > i && toks[j].Start != toks[j-1].End {
					ok = false
					break
				}
				b.WriteString(toks[j].Word)
			}
			if ok && ts[b.String()] {
				k = n
				out = append(out, Token{Word: b.String(), Tag: "n", Start: toks[i].Start, End: toks[i+n-1].End})
				break
			}
		}
		if k == 0 {
			out = append(out, toks[i])
		} else {
			i += k - 1
		}
	}
	return out
}

// countable reports whether w is counted at all: two or more runes with
// a Han character, and no Latin letter or digit unless it is one of the
// field's terms (12345热线, APP).
func countable(w string) bool {
	if utf8.RuneCountInString(w) < 2 {
		return false
	}
	han, ascii := false, false
	for _, r := range w {
		if layout.IsHan(r) {
			han = true
		} else if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) || unicode.IsDigit(r) {
			ascii = true
		}
	}
	if ascii {
		return terms()[w]
	}
	return han
}

// keywordCandidate reports whether token t may be a keyword.
func keywordCandidate(t Token) bool {
	if !countable(t.Word) || stopWords()[t.Word] || IsFixed(t.Word) {
		return false
	}
	if t.Tag == "nt" || t.Tag == "ns" || organName(t.Word) || divisionWord(t.Word) {
		return false // 县政府, 教育局, 管委会, 区县, 实验区: names, not the work
	}
	if terms()[t.Word] {
		return true
	}
	// Words that the HMM made up (x), set phrases (l) and abbreviations
	// (j) of two or three runes are mostly fragments: 对拟, 四是, 顺延到, 闽财.
	if minRunes[t.Tag] > 0 && utf8.RuneCountInString(t.Word) < minRunes[t.Tag] {
		return false
	}
	return keywordTags[t.Tag]
}

// divisionWord reports whether w is a kind of division (实验区, 开发区)
// or a short name of one (综合实验区)
// or made of the characters of division levels only (区县, 省市, 乡镇).
func divisionWord(w string) bool {
	if adminSuffix[w] || strings.HasSuffix(w, "实验区") || strings.HasSuffix(w, "开发区") {
		return true
	}
	for _, r := range w {
		if !strings.ContainsRune("省市县区乡镇村街", r) {
			return false
		}
	}
	return true
}

// organName reports whether w ends like the name of an organ.
func organName(w string) bool {
	last, _ := utf8.DecodeLastRuneInString(w)
	if strings.ContainsRune("局厅委办院署府", last) {
		return true
	}
	for _, e := range []string{"处室", "科室", "委员会", "管委会", "党工委", "小组"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// minRunes is the shortest keyword of a tag, where it is not 2.
var minRunes = map[string]int{"x": 3, "l": 4, "j": 3}

// Lazily compiled patterns of what is not the agency's prose.
var furniture = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{
		// URLs, e-mail addresses, paths and domain names.
		regexp.MustCompile(`(?i)(?:https?://|www\.)[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|[A-Za-z0-9_-]+(?:[./][A-Za-z0-9_-]+)+`),
		// Contact details: 地址：…；邮编：…
		regexp.MustCompile(`(?:联系|通讯|办公)?(?:地址|邮编|邮政编码|电话|传真|电子邮箱|邮箱|网址)\s*[:：/][^；;。\n]*`),
		// A scraped page's header lines and page furniture lines.
		regexp.MustCompile(`(?m)^\s*(?:标题|发布时间|发布日期|文号|发布机构|栏目|原文链接|本地目录|页面链接|索引号|主题分类|发文日期|成文日期|来源|字号|浏览次数)\s*[:：].*$`),
		regexp.MustCompile(`(?m)^\s*(?:第\s*[0-9]+\s*页.*|[-－—]\s*[0-9]+\s*[-－—]|[0-9]+\s*/\s*[0-9]+|[0-9]+|=+.*=+)\s*$`),
		// A site's footer: who runs it, its registration numbers (run
		// only on a text that has one of the words: see footerWords).
		regexp.MustCompile(`(?:` + strings.Join(footerWords, "|") + `)[^。\n]*`),
	}
})

// footerWords begin the lines of a site's footer.
var footerWords = []string{"主办单位", "承办单位", "主办", "承办", "版权所有", "网站标识码", "标识码", "备案号", "ICP备", "公网安备", "技术支持", "网站地图", "联系我们", "维护单位"}

// docNumber finds the year and number of a document number: the 〔2021〕1号
// of 闽财非税函〔2021〕1号 or 国办发[2019]60号; docNumbers adds the
// issuer's code before it.
var docNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[〔\[［【(（]\s*(?:19|20)[0-9]{2}\s*[〕\]］】)）]\s*[0-9]+\s*号`)
})

// docNumbers returns the byte ranges of the document numbers in text,
// each with the run of up to twelve Han characters or letters before it
// (闽财非税函).
func docNumbers(text string) [][]int {
	ms := docNumber().FindAllStringIndex(text, -1)
	for _, m := range ms {
		for n := 0; n < 12 && m[0] > 0; n++ {
			r, size := utf8.DecodeLastRuneInString(text[:m[0]])
			if !layout.IsHan(r) && !(r < utf8.RuneSelf && unicode.IsLetter(r)) {
				break
			}
			m[0] -= size
		}
	}
	return ms
}

// furnitureNeeds returns, for pattern i of furniture, words one of which
// every match of it holds (nil: none): a text without any is not scanned.
// A URL, address or path holds '.', '/' or '@'; a contact detail names
// its kind; a footer line begins with a footer word. (The contact
// pattern, scanned over every narrative section, was most of notProse's
// time.)
func furnitureNeeds(i int) []string {
	switch i {
	case 0:
		return []string{".", "/", "@"}
	case 1:
		return []string{"地址", "邮编", "邮政编码", "电话", "传真", "邮箱", "网址"}
	case len(furniture()) - 1:
		return footerWords
	}
	return nil
}

// periodLine finds the sentence that states the statistical period.
var periodLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`统计(?:期限|时限|期间|时间)|[0-9]+\s*日起?\s*至\s*[0-9]+\s*年\s*[0-9]+\s*月\s*[0-9]+\s*日`)
})

// notProse marks the bytes of text that are not what the agency wrote
// about its work: URLs, contact and period lines, page furniture, the
// spans in names, and the template's fixed text — every sentence mostly
// made of it, and every run of six or more runes of it inside a sentence.
// Words are cut from the whole text and those touching a marked byte
// dropped, so that a mark never leaves a fragment of a word behind.
func notProse(text string, names []span) []bool {
	b := make([]bool, len(text))
	blankSpan := func(i, j int) {
		for k := i; k < j; k++ {
			b[k] = true
		}
	}
	for i, re := range furniture() {
		if need := furnitureNeeds(i); need != nil && !containsAny(text, need) {
			continue // no match possible: skip the scan
		}
		for _, m := range re.FindAllStringIndex(text, -1) {
			blankSpan(m[0], m[1])
		}
	}
	for _, m := range docNumbers(text) {
		blankSpan(m[0], m[1])
	}
	for _, sp := range names {
		blankSpan(sp.start, sp.end)
	}
	fx := fixed()
	for _, sp := range sentences(text) {
		sent := text[sp.start:sp.end]
		if periodLine().MatchString(sent) {
			blankSpan(sp.start, sp.end)
			continue
		}
		// Runes of the sentence (digits and spaces skipped) covered by a
		// gram of the fixed text.
		type ru struct {
			r       rune
			at, end int
		}
		var rs []ru
		for i, r := range sent {
			if r >= '0' && r <= '9' || unicode.IsSpace(r) {
				continue
			}
			rs = append(rs, ru{r, sp.start + i, sp.start + i + utf8.RuneLen(r)})
		}
		if len(rs) == 0 {
			continue
		}
		cov := make([]bool, len(rs))
		g := make([]rune, gramLen)
		for i := 0; i+gramLen <= len(rs); i++ {
			for k := range g {
				g[k] = rs[i+k].r
			}
			if fx.grams[string(g)] {
				for k := i; k < i+gramLen; k++ {
					cov[k] = true
				}
			}
		}
		n := 0
		for _, c := range cov {
			if c {
				n++
			}
		}
		if n*10 >= len(rs)*6 {
			blankSpan(sp.start, sp.end)
			continue
		}
		for i := 0; i < len(rs); {
			if !cov[i] {
				i++
				continue
			}
			j := i
			for j < len(rs) && cov[j] {
				j++
			}
			if j-i >= 6 {
				blankSpan(rs[i].at, rs[j-1].end)
			}
			i = j
		}
	}
	return b
}

// topKeywords returns the n heaviest keyword candidates among toks (the
// tagged words of text) outside the spans in names, heaviest first, ties
// in word order, each with the byte offset of its first occurrence.
func (s *Segmenter) topKeywords(text string, toks []Token, names []span, n int) []keywordAt {
	if n <= 0 {
		return nil
	}
	mask := notProse(text, names)
	count := map[string]int{}
	first := map[string]int{}
	tag := map[string]string{}
outer:
	for _, t := range s.phrases(text, toks) {
		if !keywordCandidate(t) {
			continue
		}
		for k := t.Start; k < t.End; k++ {
			if mask[k] {
				continue outer
			}
		}
		if _, ok := count[t.Word]; !ok {
			first[t.Word] = t.Start
			tag[t.Word] = t.Tag
		}
		count[t.Word]++
	}
	gen := generalIDF()
	df := s.docFreq()
	out := make([]keywordAt, 0, len(count))
	for w, c := range count {
		if tag[w] == "x" && c < 2 {
			continue // a word the HMM made once: mostly a fragment (办来岚)
		}
		var idf float64
		if x, ok := gen.idf[w]; ok {
			idf = float64(x)
		} else {
			idf = s.unseenIDF(w, gen)
		}
		weight := (1 + math.Log(float64(c))) * idf
		if df != nil {
			weight *= df.rarity(w, idf)
		}
		out = append(out, keywordAt{Keyword{w, weight}, first[w]})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Weight != out[j].Weight {
			return out[i].Weight > out[j].Weight
		}
		return out[i].Word < out[j].Word
	})
	// A word inside a heavier keyword, or around one, says it again.
	kept := out[:0]
	for _, k := range out {
		if len(kept) == n {
			break
		}
		dup := false
		for _, h := range kept {
			dup = dup || strings.Contains(h.Word, k.Word) || strings.Contains(k.Word, h.Word)
		}
		if !dup {
			kept = append(kept, k)
		}
	}
	return kept
}

// keywordAt is a keyword and the byte offset of its first occurrence.
type keywordAt struct {
	Keyword
	at int
}
