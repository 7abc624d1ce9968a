package segment

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yanyiwu/gojieba"

	"github.com/nianbao/nianbao/segment/dict"
)

// ErrLoad is wrapped by every error about loading the dictionaries.
var ErrLoad = errors.New("segment: cannot load the dictionaries")

// ErrClosed is returned by the methods of a Segmenter after Close.
var ErrClosed = errors.New("segment: segmenter closed")

// Options configure New. The zero value is what Shared uses.
type Options struct {
	// Dir is the directory the embedded dictionaries are written to and
	// loaded from. Empty means dict.Dir(): $NIANBAO_DICT_DIR, else a
	// versioned directory under the user cache directory.
	Dir string
	// KeywordsPerSection is how many TF-IDF keywords Annotate adds per
	// narrative section. Zero means 10; a negative value adds none.
	KeywordsPerSection int
	// DF is the document-frequency list keywords are weighed with. Nil
	// means the file named by $NIANBAO_IDF when set (New fails if it
	// cannot be read), else the list embedded from the sample reports.
	DF *DF
	// MaxSectionText is the most bytes of one section Annotate reads; a
	// longer section is read up to a sentence end before it and the
	// record gets a SECTION_TRUNCATED warning. Zero means 512 KiB; a
	// negative value reads every section whole.
	MaxSectionText int
}

// Segmenter segments report prose and annotates records. It wraps one
// gojieba instance (about 140 MB of C++ memory, ~0.6 s to load here).
//
// All methods are safe for concurrent use: after construction, cppjieba's
// segmentation, tagging and keyword extraction only read the dictionary
// tries (they are const methods), and no method of Segmenter adds words.
// A read lock is held for each call so that Close cannot free the
// instance while a call runs.
type Segmenter struct {
	mu       sync.RWMutex
	jb       *gojieba.Jieba // nil once closed
	keywords int
	// maxSection is Options.MaxSectionText (negative: no limit).
	maxSection int
	dir        string
	df         *DF // nil: the embedded list, loaded on first use
}

var (
	sharedOnce sync.Once
	shared     *Segmenter
	sharedErr  error
)

// Shared returns the process-wide Segmenter, loading it on first use from
// Options{} (see Options.Dir for where the dictionaries go). It is never
// closed: the package variable keeps it referenced for the life of the
// process. A failed load is remembered and returned on every call.
func Shared() (*Segmenter, error) {
	sharedOnce.Do(func() {
		shared, sharedErr = New(Options{})
	})
	return shared, sharedErr
}

// Cut segments text with the shared Segmenter.
func Cut(text string) ([]string, error) {
	s, err := Shared()
	if err != nil {
		return nil, err
	}
	return s.Cut(text), nil
}

// New writes the dictionaries (if needed) and loads a new gojieba
// instance from explicit paths. Prefer Shared: every instance costs about
// 140 MB and 0.6 s. Call Close when done with an instance from New.
func New(o Options) (s *Segmenter, err error) {
	df := o.DF
	if df == nil && os.Getenv(EnvDF) != "" {
		if df, err = defaultDF(); err != nil {
			return nil, err
		}
	}
	p, err := dict.Write(o.Dir)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrLoad, err)
	}
	// gojieba panics (instead of returning an error) when a file is
	// missing; cppjieba aborts the process on a malformed one, which
	// dict.Write rules out by checking the content.
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("%w: %v", ErrLoad, r)
		}
	}()
	jb := gojieba.NewJieba(p.List()...)
	k := o.KeywordsPerSection
	if k == 0 {
		k = 10
	}
	ms := o.MaxSectionText
	if ms == 0 {
		ms = defaultMaxSection
	}
	return &Segmenter{jb: jb, keywords: k, maxSection: ms, dir: p.Dict[:len(p.Dict)-len("jieba.dict.utf8")], df: df}, nil
}

// docFreq returns the document-frequency list keywords are weighed with
// (nil only if the embedded list is broken, which its test rules out).
func (s *Segmenter) docFreq() *DF {
	if s.df != nil {
		return s.df
	}
	df, _ := embeddedDF()
	return df
}

// Dir returns the directory the dictionaries were loaded from (with a
// trailing separator).
func (s *Segmenter) Dir() string { return s.dir }

// Close frees the gojieba instance. It waits for running calls; later
// calls return nothing (Annotate returns ErrClosed). Never close the
// Segmenter returned by Shared.
func (s *Segmenter) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.jb != nil {
		s.jb.Free()
		s.jb = nil
	}
	return nil
}

// with runs f on the live gojieba instance under the read lock and keeps
// the instance referenced until f returns. It reports false after Close.
func (s *Segmenter) with(f func(jb *gojieba.Jieba)) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	jb := s.jb
	if jb == nil {
		return false
	}
	f(jb)
	runtime.KeepAlive(jb)
	return true
}

// Normalize returns text as gojieba needs it: invalid UTF-8 replaced by
// U+FFFD (gojieba returns nothing for invalid UTF-8) and NUL removed (a
// NUL ends the C string early).
func Normalize(text string) string {
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	if strings.IndexByte(text, 0) >= 0 {
		text = strings.ReplaceAll(text, "\x00", "")
	}
	return text
}

// blank is the length-preserving variant of Normalize used by Annotate:
// every invalid byte and NUL becomes a space, so byte offsets into the
// result are byte offsets into text.
func blank(text string) string {
	if utf8.ValidString(text) && strings.IndexByte(text, 0) < 0 {
		return text
	}
	b := []byte(text)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == 0 || (r == utf8.RuneError && n == 1) {
			b[i] = ' '
		}
		i += n
	}
	return string(b)
}

// Cut segments text (normalised first) with the HMM on: with it off,
// gojieba splits numbers such as "2020" into single digits. The words
// concatenate to the normalised text, punctuation and spaces included.
func (s *Segmenter) Cut(text string) []string {
	text = Normalize(text)
	return s.cutPieces(text)
}

// Token is a word with its part-of-speech tag (gojieba's tag set: n, v,
// ns place, nt organisation, nr person, m numeral, x other, ...) and its
// byte offsets in the normalised text.
type Token struct {
	Word       string
	Tag        string
	Start, End int
}

// Tag segments and tags text (normalised first).
func (s *Segmenter) Tag(text string) []Token {
	return s.tag(Normalize(text))
}

// tag tags text, which must be valid UTF-8 without NUL. gojieba's Tag
// returns "word/tag" strings; the words are contiguous, so offsets are
// recovered by walking text.
func (s *Segmenter) tag(text string) []Token {
	raw := s.tagPieces(text)
	toks := make([]Token, 0, len(raw))
	off := 0
	for _, wt := range raw {
		i := strings.LastIndexByte(wt, '/')
		if i < 0 {
			continue
		}
		w, t := wt[:i], wt[i+1:]
		start := off
		if !strings.HasPrefix(text[off:], w) {
			j := strings.Index(text[off:], w)
			if j < 0 {
				continue
			}
			start = off + j
		}
		off = start + len(w)
		toks = append(toks, Token{Word: w, Tag: t, Start: start, End: off})
	}
	return toks
}

// Keyword is a word and its TF-IDF weight.
type Keyword struct {
	Word   string
	Weight float64
}

// Keywords returns the n words of text with the highest weight (see
// keyword.go: count × general IDF × rarity across reports), highest
// first, ties in word order: nouns and terms of two or more characters,
// not numbers, stop words, the templates' fixed text or URLs.
func (s *Segmenter) Keywords(text string, n int) []string {
	kw := s.KeywordWeights(text, n)
	out := make([]string, len(kw))
	for i, k := range kw {
		out[i] = k.Word
	}
	return out
}

// KeywordWeights is Keywords with the weights.
func (s *Segmenter) KeywordWeights(text string, n int) []Keyword {
	var out []Keyword
	text = Normalize(text)
	for _, k := range s.topKeywords(text, s.tag(text), nil, n) {
		out = append(out, k.Keyword)
	}
	return out
}
