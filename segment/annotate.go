package segment

import (
	"strings"

	"github.com/nianbao/nianbao/extract"
)

// Annotate fills rec.Fields from the narrative of rec.Sections, replacing
// what was there: quantities, dates, years, agencies, places, channels,
// the problems and measures of section 五, and each section's keywords.
// Every field names its section and the byte offset of its sentence in the
// section text (an invalid byte or NUL in the text counts as one byte, as
// printed). A section longer than Options.MaxSectionText is read up to a
// separator before that limit (pieceEnd), with a SECTION_TRUNCATED warning in
// rec.Warnings (an earlier Annotate's are removed first). It returns
// ErrClosed after Close.
//
// Annotate does not recover from a panic in its own code: that is a bug,
// which FuzzAnnotate looks for, and a batch contains it per file
// (extract.Contain: the record is kept with a NARRATIVE warning). A crash
// inside gojieba's C++ code cannot be recovered at all, which is why input
// is normalised before it gets there.
func (s *Segmenter) Annotate(rec *extract.Record) error {
	_, err := s.annotate(rec, false)
	return err
}

// Sentence is one sentence of a section with the words it was cut into:
// what a full-text index of the narrative stores.
type Sentence struct {
	Section int    // the section's number
	Text    string // the sentence, lines broken inside it joined (as Annotate reads it)
	// Words are gojieba's words (HMM on, as Cut) that start in the
	// sentence, punctuation and spaces included: they concatenate to
	// Text unless the last one runs past its end.
	Words []string
}

// AnnotateSentences is Annotate that also returns the sentences of every
// section with their words, from the segmentation Annotate makes anyway:
// an index of the narrative need not cut the text a second time. The
// sentences are those the fields' Offset and Sentence point into (they end
// after 。！？!? or a line break, and are at most 1,200 bytes); of a
// section over Options.MaxSectionText, those of the part that was read.
func (s *Segmenter) AnnotateSentences(rec *extract.Record) ([]Sentence, error) {
	return s.annotate(rec, true)
}

func (s *Segmenter) annotate(rec *extract.Record, index bool) ([]Sentence, error) {
	if rec == nil {
		return nil, nil
	}
	var ix *[]Sentence
	var out []Sentence
	if index {
		ix = &out
	}
	var fs []extract.Field
	rec.Warnings = withoutTruncated(rec.Warnings)
	for i := range rec.Sections {
		sec := &rec.Sections[i]
		kw := 0
		if narrative(rec, i) {
			kw = s.keywords
		}
		text := sec.Text
		if n := sectionLimit(text, s.maxSection); n < len(text) {
			text = text[:n]
			rec.Warnings = append(rec.Warnings, truncatedWarning(*sec, n))
		}
		f, ok := s.section(sec.Number, sec.Heading, text, kw, ix)
		if !ok {
			return nil, ErrClosed
		}
		fs = append(fs, f...)
	}
	rec.Fields = fs
	return out, nil
}

// section annotates one section text, appending its sentences to ix when
// ix is not nil; ok is false after Close.
func (s *Segmenter) section(num int, heading, raw string, kw int, ix *[]Sentence) (fs []extract.Field, ok bool) {
	given := blank(raw)
	if strings.TrimSpace(given) == "" {
		return nil, s.open()
	}
	text, idx := unwrap(given)
	defer func() { remap(fs, given, idx) }()
	ss := sentences(text)
	counted := map[string]bool{}
	seen := map[string]bool{}
	for _, sp := range ss {
		fs = quantities(fs, num, text, sp, counted)
		fs = dates(fs, num, text, sp, seen)
	}
	toks := s.tag(text)
	if toks == nil && !s.open() {
		return nil, false
	}
	if ix != nil {
		*ix = appendSentences(*ix, num, text, ss, toks)
	}
	fs, nameSpans := names(fs, num, text, ss, toks, seen)
	if problemSection(num, heading) {
		fs = problemsMeasures(fs, num, text)
	}
	if kw > 0 {
		for _, k := range s.topKeywords(text, toks, nameSpans, kw) {
			at := 0
			if i := sentenceAt(ss, k.at); i >= 0 {
				at = ss[i].start
			}
			fs = append(fs, extract.Field{Kind: "keyword", Text: k.Word, Number: k.Weight, Section: num, Offset: at})
		}
	}
	return fs, s.open()
}

// open reports whether the segmenter has not been closed.
func (s *Segmenter) open() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.jb != nil
}

// problemSection tells the section of problems and improvements: 五 in
// the 2019 and 2021 templates (under any heading, or none), and in legacy
// reports whichever section's heading names 问题 with 改进 or 措施 (四 in
// some, 六 in others).
func problemSection(num int, heading string) bool {
	if strings.Contains(heading, "问题") && (strings.Contains(heading, "改进") || strings.Contains(heading, "措施")) {
		return true
	}
	return num == 5 && (heading == "" || strings.Contains(heading, "问题") || strings.Contains(heading, "改进"))
}

// narrative reports whether section i of rec is prose the agency wrote
// about its work, the sections keywords come from: 一, 五 and 六 (and any
// after) of the 2019 and 2021 templates, whose 二 to 四 are tables; every
// numbered section of a pre-2019 report but its statistical table; never
// the preamble (title, basis, period, contact), unless the report has no
// other section.
func narrative(rec *extract.Record, i int) bool {
	sec := rec.Sections[i]
	if sec.Number == 0 {
		return len(rec.Sections) == 1
	}
	if strings.Contains(sec.Heading, "统计表") || strings.Contains(sec.Heading, "统计数据") {
		return false
	}
	if rec.Meta.Generation == extract.GenLegacy {
		return true
	}
	return sec.Number == 1 || sec.Number >= 5
}

// appendSentences appends the sentences ss of text with their words: the
// tokens that start inside each.
func appendSentences(out []Sentence, num int, text string, ss []span, toks []Token) []Sentence {
	k := 0
	for _, sp := range ss {
		var words []string
		for ; k < len(toks) && toks[k].Start < sp.end; k++ {
			if toks[k].Start >= sp.start {
				words = append(words, toks[k].Word)
			}
		}
		out = append(out, Sentence{Section: num, Text: text[sp.start:sp.end], Words: words})
	}
	return out
}
