package segment

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
	"github.com/yanyiwu/gojieba"
)

// TestPieceEnd: pieces are non-empty, at most max bytes, cover the text,
// end on a rune boundary, and end after a separator whenever the second
// half of their window holds one.
func TestPieceEnd(t *testing.T) {
	for _, text := range []string{
		strings.Repeat("为进一步推进政务公开工作", 50),                           // no separator
		strings.Repeat("公开工作，", 40) + "x" + strings.Repeat("政务", 70), // separators, then a run
		strings.Repeat("a b\n", 60),
		strings.Repeat("条例。", 3),
	} {
		const max = 64
		for start := 0; start < len(text); {
			end := pieceEnd(text, start, max)
			piece := text[start:end]
			switch {
			case end <= start || end-start > max:
				t.Fatalf("piece [%d,%d) of a %d-byte text, max %d", start, end, len(text), max)
			case !utf8.ValidString(piece):
				t.Fatalf("piece %q is cut inside a character", piece)
			}
			window := text[start:min(start+max, len(text))]
			sepInHalf := len(window) == max && strings.ContainsAny(window[max/2:], " \t\n，。")
			last, _ := utf8.DecodeLastRuneInString(piece)
			if sepInHalf && !strings.ContainsRune(" \t\n，。", last) {
				t.Errorf("piece %q does not end at a separator of its window %q", piece, window)
			}
			start = end
		}
	}
}

// TestTagPieces: text given to gojieba in pieces tags as in one call, and
// a long run without separators loses no byte.
func TestTagPieces(t *testing.T) {
	s := seg(t)
	var b strings.Builder
	for _, name := range []string{"pingtan-2021.txt", "pingtan-2022.txt", "pingtan-2015.txt", "huaian-2024-plain.txt", "guyuan-kjj-2020.txt"} {
		b.WriteString(reportText(t, name))
	}
	for b.Len() < 3*maxCall {
		b.WriteString(reportText(t, "pingtan-2020.txt"))
	}
	text := Normalize(b.String())
	var whole []string
	s.with(func(jb *gojieba.Jieba) { whole = jb.Tag(text) })
	if got := s.tagPieces(text); !slices.Equal(got, whole) {
		t.Errorf("tagged in pieces: %d words, in one call: %d", len(got), len(whole))
	}
	run := strings.Repeat("为进一步推进政务公开工作", 3*maxCall/36)
	if got := strings.Join(s.Cut(run), ""); got != run {
		t.Errorf("a %d-byte run without separators came back as %d bytes", len(run), len(got))
	}
}

// TestAnnotateMaxSection: a section over the limit is read up to it, with
// one SECTION_TRUNCATED warning (also after a second Annotate); what lies
// beyond gives no field, the start of the section the same fields as
// without the padding.
func TestAnnotateMaxSection(t *testing.T) {
	s := seg(t)
	plain := record(t, "pingtan-2022.txt")
	if err := s.Annotate(plain); err != nil {
		t.Fatal(err)
	}
	rec := record(t, "pingtan-2022.txt")
	sec := &rec.Sections[1]
	if sec.Number != 1 {
		t.Fatalf("section 1 is %d", sec.Number)
	}
	body := sec.Text
	sec.Text += strings.Repeat("为进一步推进政务公开工作，我区认真贯彻落实条例要求。\n", defaultMaxSection/70) +
		"全年共收到政府信息公开申请7777件。"
	for range 2 {
		if err := s.Annotate(rec); err != nil {
			t.Fatal(err)
		}
	}
	var warns []extract.Warning
	for _, w := range rec.Warnings {
		if w.Code == CodeSectionTruncated {
			warns = append(warns, w)
		}
	}
	want := fmt.Sprintf("%s: %s of text; narrative fields and keywords taken from its first ", sec.Heading, sizeText(len(sec.Text)))
	if len(warns) != 1 || !strings.HasPrefix(warns[0].Message, want) {
		t.Errorf("warnings %+v, want one starting %q", warns, want)
	}
	for _, f := range fieldsOf(rec, "quantity", 1) {
		if f.Number == 7777 {
			t.Errorf("a field from beyond the limit: %+v", f)
		}
		if f.Offset >= len(body) {
			t.Errorf("a quantity from the padding: %+v", f)
		}
	}
	if got, want := fieldsOf(rec, "quantity", 1), fieldsOf(plain, "quantity", 1); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("section 1's quantities with padding:\n%v\nwithout:\n%v", got, want)
	}
	if len(fieldsOf(plain, "quantity", 1)) == 0 {
		t.Error("section 1 of pingtan-2022.txt has no quantity: the test checks nothing")
	}
}
