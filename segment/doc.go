// Package segment reads the narrative of government information-disclosure
// annual reports: it segments the prose with gojieba
// (github.com/yanyiwu/gojieba v1.4.7) and a user dictionary of the
// field's terms, and annotates a parsed extract.Record with tagged fields.
//
// Call sequence:
//
//	s, err := segment.Shared() // loads once per process (~0.6 s, ~140 MB RSS measured)
//	if err != nil { ... }      // the dictionaries could not be written or loaded
//	rec, err := extract.ParseFile(path, extract.Options{})
//	err = s.Annotate(rec)      // fills rec.Fields from rec.Sections
//
// Load the segmenter only when narrative fields are needed (parse --format
// json, audit, ingest), never for output that does not use them.
//
// Work is bounded on large inputs: text reaches gojieba in pieces of at
// most 32 KiB, cut at its own separators (space, tab, line break, ，。) so
// the words are those of one call (in one call its C++ side held about
// 90 bytes per byte of text: 1.4 GB for a 15 MB section), and Annotate
// reads at most Options.MaxSectionText (512 KiB) of a section, adding a
// SECTION_TRUNCATED warning to the record when it cuts one.
//
// # Fields
//
// Annotate adds, per section, with the section number and the byte offset
// of the sentence in the section text (Field.Offset) and the sentence:
//
//   - quantity: a count stated in the prose, as Subject, Number, Unit.
//     Subjects used by the audit's D7 rule: proactive_published (主动公开
//     政府信息 N 条), received (收到/受理…申请 N 件), completed (办结/答复 N 件),
//     carried_forward (结转下年度, 顺延 N 件), carried_over (上年结转 N 件),
//     admin_review (行政复议 N 件/起), litigation (行政诉讼 N 件/起), fee
//     (信息处理费 N 元; 万 is multiplied out: 0.5万元 gives 5000 元), interpretation (解读 N 篇/项/个). Others:
//     press_conference, new_media, new_media_closed, inspection, training,
//     gazette, online_interview. A later count of a subject already stated
//     in the section, after 其中 or followed by a share (占…%), gets the
//     suffix "_part". Statements that nothing happened (未收到…申请,
//     未发生…行政复议, 未收取信息处理费) give Number 0 and no Unit.
//     A narrative "received" is as stated: it may count new applications or
//     new plus carried-over ones (spec, D7); this package does not decide.
//   - date (Subject is the ISO form YYYY-MM-DD or YYYY-MM) and year (Number
//     is the year), each distinct one once per section.
//   - agency and place: whole names, the longest the text supports (see
//     names.go): a chain of places (a full name of the national divisions,
//     package corpus/division: 西乡塘区 that gojieba cuts 西乡/塘区; gojieba's
//     ns; a proper name before an administrative suffix: 淮安市+洪泽+区)
//     then the organ (nt words,
//     人民政府, 办公室, a noun + 局/厅/委, 交通与建设局), so 淮安市洪泽区人民政府
//     and 国务院办公厅秘书局, never 区人民政府 or 国务院 cut from them; a
//     one-rune level before an organ is kept (区行政审批局). Not agencies:
//     references to many (各乡镇人民政府), ideas (法治政府), addresses. A name
//     run into a website is a channel field (…管委会政府门户网站).
//   - channel: the publication channels and platforms named (Subject is a
//     stable id: website, weibo, wechat, gazette, press_conference,
//     new_media, service_portal, service_centre, hotline, press, broadcast,
//     notice_board, reading_point, online_interview, hearing, app,
//     mini_program, website_column).
//   - problem and measure: section 五 (in legacy reports the section whose
//     heading names 问题 with 改进 or 措施, often 四 or 六) split into its items (一是/二是, 1./2.,
//     （一）/（二）, 第一/第二, else ；, else sentences), problems before the
//     turn to measures (（二）改进措施, 下一步, 针对…问题, 20XX年，我局将…).
//   - keyword: in the narrative sections only (一, 五, 六 and after of the
//     2019 and 2021 templates; every numbered section of a legacy report
//     but its statistical table; the preamble only when it is the whole
//     text). Candidates are phrases (phrase.go): the field's terms kept
//     whole where gojieba splits them, short quoted terms (“一事一审”),
//     two nouns side by side twice in the section, and a noun that never
//     stands free joined to its head (过堂式培训) or dropped as a fragment
//     (产品 of 政策解读产品); then nouns, verbal nouns and abbreviations of
//     two runes or more (not idioms, set phrases, verbs, names, division
//     words, stop words), an HMM-made word only when seen twice. Left out
//     of the text: the templates' fixed text (dict/fixed.gen.utf8:
//     dict/template.utf8, the cells.tsv labels, phrases the sample
//     preambles share; IsFixed), URLs, document numbers, contact and
//     period lines, page furniture and site footers, names. Weight:
//     (1 + ln count) × general IDF × rarity across reports (DF, embedded
//     from the sample reports or $NIANBAO_IDF; `nianbao idf` builds one
//     from a corpus), the rarity smoothed by the general IDF as a prior
//     (DF.rarity); a word gojieba's IDF lacks weighs the mean of its
//     parts. A keyword inside a heavier one, or around one, is dropped.
//     Number is the weight; Offset is the sentence of the first
//     occurrence, Sentence is left empty.
//
// # Layout
//
// Text read from a PDF or a copied page breaks lines inside sentences,
// words and numbers ("答\n复3050件", "行政复议351\n件"). Annotate works on
// the section text with such wraps joined (a break after a line of 15 or
// more runes that does not end with 。！？；： and holds no tab, before a line
// that does not open an item) and maps every offset back to the text as
// given; field Text is taken from the joined text.
//
// # Encoding
//
// Text must be UTF-8 (decode GBK pages before). Cut, Tag and Keywords
// replace invalid UTF-8 with U+FFFD and drop NUL (see Normalize); Annotate
// turns each invalid byte and NUL into a space, so offsets stay byte
// offsets into the section text as given.
//
// # Dictionaries
//
// The dictionaries are embedded (package dict) and written once to
// $NIANBAO_DICT_DIR, else to a versioned directory under the user cache
// directory (e.g. ~/.cache/nianbao/jieba-v1.4.7-<hash>/; under os.TempDir
// when that cannot be written), and passed to
// gojieba by explicit path. A binary needs no module cache and no source
// tree; it needs cgo to build.
//
// # Concurrency
//
// A Segmenter is safe for concurrent use: cppjieba's Cut, Tag and Extract
// are const methods on dictionaries that nothing changes after loading
// (this package never calls AddWord). TestConcurrentAnnotate checks that
// many goroutines get the same fields as one.
//
// BUG(segment): gojieba's traps, measured by the team, and how this
// package avoids them: (1) it looks for its dictionaries under the
// compile-time path of its module and panics in NewJieba if they are
// missing: we embed them and pass explicit paths, and recover the panic
// into an error; cppjieba aborts the process (uncatchable) on a malformed
// dictionary, so dict.Write checks every file byte for byte before use.
// (2) v1.4.6 grows to a ~450 MB plateau when instances are created and
// freed repeatedly; go.mod pins v1.4.7, and Shared keeps one instance for
// the life of the process. (3) An instance that becomes unreachable is
// freed by a finalizer even while a C call runs, a crash recover() cannot
// catch: every call holds the Segmenter's read lock and keeps the instance
// alive (runtime.KeepAlive), and Close waits for running calls. (4) AddWord
// during a concurrent Cut segfaults: our words come from the user
// dictionary file at load time and AddWord is never called. (5) Invalid
// UTF-8 gives an empty result and a NUL truncates the input: input is
// normalised first. (6) With the HMM off, "2020" is split into digits:
// Cut always passes hmm=true. (7) It needs cgo: CGO_ENABLED=0 and `go mod
// vendor` both break the build of any package importing this one.
// (8) cppjieba splits the user dictionary path on '|' and ';': a
// dictionary directory containing either is refused.
//
// BUG(segment): the rules are tuned on a dozen reports from two provinces;
// unusual phrasing yields no field rather than a wrong one where we could
// tell, but a count may still be given the wrong subject. Every field
// carries its sentence so that a reader can check it.
package segment
