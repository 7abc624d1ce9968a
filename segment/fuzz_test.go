package segment

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
)

// FuzzAnnotate checks, on any text, that Annotate returns no error, that
// every field's offset points at its sentence in the section text, and
// that Cut covers its normalised input. Run it with a short minimisation
// time, as each call goes through cgo and seeds are whole sections:
//
//	go test ./segment -run XXX -fuzz FuzzAnnotate -fuzztime 20s -fuzzminimizetime 1s
func FuzzAnnotate(f *testing.F) {
	for _, name := range []string{"pingtan-2021.txt", "pingtan-2022.txt", "guyuan-kjj-2020.txt"} {
		text := reportText(f, name)
		for _, sec := range recordFromText(text).Sections {
			f.Add(sec.Text)
		}
	}
	f.Add("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。")
	f.Add("（一）存在的问题\n1.公开不全面。\n2.解读单一。\n（二）改进措施\n1.加强培训。")
	f.Add("收到\xff申请\x0070件，二〇二一年12月31日，第二十条，3,119件，１２件")
	s := seg(f)
	f.Fuzz(func(t *testing.T, text string) {
		rec := &extract.Record{Sections: []extract.Section{{Number: 1, Text: text}, {Number: 5, Text: text}}}
		if err := s.Annotate(rec); err != nil {
			t.Fatal(err)
		}
		b := blank(text)
		for _, fd := range rec.Fields {
			if fd.Offset < 0 || fd.Offset+len(fd.Sentence) > len(b) || b[fd.Offset:fd.Offset+len(fd.Sentence)] != fd.Sentence {
				t.Fatalf("%s %q: offset %d does not point at %q", fd.Kind, fd.Text, fd.Offset, fd.Sentence)
			}
			if !utf8.ValidString(fd.Text) || !utf8.ValidString(fd.Sentence) {
				t.Fatalf("%s: invalid UTF-8 in %q", fd.Kind, fd.Text)
			}
			if len(fd.Sentence) > maxSentence && fd.Kind != "problem" && fd.Kind != "measure" {
				t.Fatalf("%s: sentence of %d bytes", fd.Kind, len(fd.Sentence))
			}
		}
		words := s.Cut(text)
		if got, want := strings.Join(words, ""), Normalize(text); got != want {
			t.Fatalf("Cut(%q) covers %q, want %q", text, got, want)
		}
	})
}

// TestSentences checks the sentence splitter, including the cap on
// sentence length.
func TestSentences(t *testing.T) {
	text := " 一是公开。二是解读！（三）“回应。”\n\n四是" + strings.Repeat("长", 1000)
	var got []string
	for _, sp := range sentences(text) {
		got = append(got, text[sp.start:sp.end])
	}
	want := []string{"一是公开。", "二是解读！", "（三）“回应。”", "四是" + strings.Repeat("长", 398), strings.Repeat("长", 400), strings.Repeat("长", 202)}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
}

// TestSentenceLimit checks runs just below, at and above maxSentence.
func TestSentenceLimit(t *testing.T) {
	for _, tt := range []struct{ bytes, pieces int }{{maxSentence - 3, 1}, {maxSentence, 1}, {maxSentence + 3, 2}, {3 * maxSentence, 3}} {
		text := strings.Repeat("长", tt.bytes/3)
		ss := sentences(text)
		if len(ss) != tt.pieces {
			t.Errorf("%d bytes: %d sentences, want %d", tt.bytes, len(ss), tt.pieces)
		}
		for _, sp := range ss {
			if sp.end-sp.start > maxSentence || !utf8.ValidString(text[sp.start:sp.end]) {
				t.Errorf("%d bytes: piece %d:%d", tt.bytes, sp.start, sp.end)
			}
		}
	}
}

// TestParseNumber covers the number spellings the quantity rules read.
func TestParseNumber(t *testing.T) {
	tests := map[string]float64{"70": 70, "3,119": 3119, "１２": 12, "21.5": 21.5, "两": 2, "十二": 12,
		"二十一": 21, "一百零五": 105, "三千": 3000, "二〇二一": 2021, "十": 10}
	for in, want := range tests {
		if got, ok := parseNumber(in); !ok || got != want {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "abc", "1.2.3", "十x"} {
		if got, ok := parseNumber(in); ok {
			t.Errorf("parseNumber(%q) = %v, want not ok", in, got)
		}
	}
}

// TestUnwrap checks which line breaks are taken for layout wraps.
func TestUnwrap(t *testing.T) {
	tests := []struct{ in, want string }{
		{"全市共受理政府信息公开申请3119件，答\n复3050件。", "全市共受理政府信息公开申请3119件，答复3050件。"},
		{"本年度政府信息公开行政复议351 \n  件，其中结果维持72件。", "本年度政府信息公开行政复议351件，其中结果维持72件。"},
		{"一、总体情况\n2024年，我市坚持以习近平新时代中国特色社会主义思想为指导。", "一、总体情况\n2024年，我市坚持以习近平新时代中国特色社会主义思想为指导。"},
		{"结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n0\t0\t0\t0\t0", "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n0\t0\t0\t0\t0"},
		{"还有一些需要加强和改进的地方主要表现在以下\n一是解读不足", "还有一些需要加强和改进的地方主要表现在以下\n一是解读不足"},
		{"还存在一些问题和不足，需要在下一年度加以改进：\n政策解读不足。", "还存在一些问题和不足，需要在下一年度加以改进：\n政策解读不足。"},
		{"没有换行", "没有换行"},
	}
	for _, tt := range tests {
		got, idx := unwrap(tt.in)
		if got != tt.want {
			t.Errorf("unwrap(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for i := range idx {
			if got[i] != tt.in[idx[i]] {
				t.Errorf("unwrap(%q): byte %d maps to %d", tt.in, i, idx[i])
			}
		}
	}
	// Fields found across a wrap point at the sentence as given.
	text := "2024年，全市共受理政府信息公开申请3119件，答\n复3050件（含上年度结转申请34件），均在法定期限内予以答复。"
	rec := &extract.Record{Sections: []extract.Section{{Number: 1, Text: text}}}
	if err := seg(t).Annotate(rec); err != nil {
		t.Fatal(err)
	}
	checkQuantities(t, rec, []quantity{{1, "received", 3119, "件"}, {1, "completed", 3050, "件"}, {1, "carried_over", 34, "件"}}, nil)
	for _, f := range rec.Fields {
		if f.Sentence != "" && text[f.Offset:f.Offset+len(f.Sentence)] != f.Sentence {
			t.Errorf("%s %q: sentence not at offset %d", f.Kind, f.Text, f.Offset)
		}
	}
}
