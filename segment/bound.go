package segment

import (
	"fmt"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/extract/layout"
	"github.com/yanyiwu/gojieba"
)

// Bounds on the work one text may cause. gojieba copies the text it is
// given several times on its C++ side (about 90 bytes per input byte at
// its peak, out of sight of the Go memory limit): a 15 MB one-line section
// handed to it in one call took 1.4 GB there. So text reaches gojieba in
// pieces of at most maxCall bytes, and Annotate reads at most
// Options.MaxSectionText bytes of each section.
const (
	// maxCall is the most bytes of text passed to one gojieba call.
	maxCall = 32 << 10
	// defaultMaxSection is Options.MaxSectionText's default: the longest
	// section of the sample reports is about 6 KB.
	defaultMaxSection = 512 << 10
)

// CodeSectionTruncated is the code of the warning Annotate adds to a
// record when it read only the start of a section (Options.MaxSectionText).
const CodeSectionTruncated = "SECTION_TRUNCATED"

// pieceEnd returns where the piece of text starting at start ends: text's
// end if that is at most max bytes away, else after the last of gojieba's
// own separators (space, tab, line break, ，and 。: cppjieba's
// SPECIAL_SEPARATORS, where it splits its input before segmenting) in the
// second half of the window, so that the words found are the same as in
// one call; only a run of over max/2 bytes without a separator is cut
// elsewhere (at a rune boundary).
func pieceEnd(text string, start, max int) int {
	return layout.CutBefore(text, start, max, " \t\n，。")
}

// tagPieces runs gojieba's Tag over text in pieces of at most maxCall
// bytes and returns its "word/tag" strings in order (nil after Close).
func (s *Segmenter) tagPieces(text string) []string {
	return s.pieces(text, func(jb *gojieba.Jieba, p string) []string { return jb.Tag(p) })
}

// cutPieces is tagPieces for Cut (HMM on).
func (s *Segmenter) cutPieces(text string) []string {
	return s.pieces(text, func(jb *gojieba.Jieba, p string) []string { return jb.Cut(p, true) })
}

func (s *Segmenter) pieces(text string, f func(jb *gojieba.Jieba, piece string) []string) []string {
	var out []string
	s.with(func(jb *gojieba.Jieba) {
		out = []string{}
		for start := 0; start < len(text); {
			end := pieceEnd(text, start, maxCall)
			out = append(out, f(jb, text[start:end])...)
			start = end
		}
	})
	return out
}

// sectionLimit returns how many bytes of a section text Annotate reads:
// all of it when it is at most max bytes (or max <= 0), else up to a
// separator before max (pieceEnd).
func sectionLimit(text string, max int) int {
	if max <= 0 || len(text) <= max {
		return len(text)
	}
	return pieceEnd(text, 0, max)
}

// truncatedWarning is the warning for a section of which Annotate read
// only the first n bytes.
func truncatedWarning(sec extract.Section, n int) extract.Warning {
	name := sec.Heading
	if name == "" {
		name = fmt.Sprintf("section %d", sec.Number)
	}
	return extract.Warning{Code: CodeSectionTruncated, Severity: extract.SevWarning, Pos: sec.Pos,
		Message: fmt.Sprintf("%s: %s of text; narrative fields and keywords taken from its first %s only",
			name, sizeText(len(sec.Text)), sizeText(n))}
}

// sizeText renders a byte count as KB or MB with one decimal.
func sizeText(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
}

// withoutTruncated returns ws without the warnings of an earlier Annotate.
func withoutTruncated(ws []extract.Warning) []extract.Warning {
	out := ws[:0]
	for _, w := range ws {
		if w.Code != CodeSectionTruncated {
			out = append(out, w)
		}
	}
	return out
}
