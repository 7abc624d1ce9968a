package segment

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/segment/dict"
)

// EnvDF names the environment variable that, when set, gives a document
// frequency file (written by `nianbao idf`, see WriteDF) that Shared uses
// instead of the embedded one.
const EnvDF = "NIANBAO_IDF"

// DF is a document-frequency list over annual reports: in how many of
// Docs reports each word occurs. Keywords weigh a word by how rare it is
// across reports (see Segmenter.KeywordWeights); the embedded list
// (dict/df.gen.utf8) was built by `go generate` from the sample reports,
// and `nianbao idf` builds one from a corpus.
type DF struct {
	Docs   int            // reports counted
	Source string         // what the counts were built from (the file's comment)
	Count  map[string]int // word → reports it occurs in
}

// ErrDF is wrapped by the errors of ReadDF.
var ErrDF = errors.New("document frequency file")

// ReadDF reads a file written by WriteDF: comment lines ("# …"; one
// "# docs N" line gives the number of reports), then "word<TAB>count"
// lines. name is used in errors.
func ReadDF(r io.Reader, name string) (*DF, error) {
	d := &DF{Count: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var src []string
	for line := 1; sc.Scan(); line++ {
		l := sc.Text()
		if rest, ok := strings.CutPrefix(l, "# docs "); ok {
			n, err := strconv.Atoi(strings.TrimSpace(rest))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%w %s: line %d: bad document count %q", ErrDF, name, line, rest)
			}
			d.Docs = n
			continue
		}
		if rest, ok := strings.CutPrefix(l, "#"); ok {
			src = append(src, strings.TrimSpace(rest))
			continue
		}
		if strings.TrimSpace(l) == "" {
			continue
		}
		w, c, ok := strings.Cut(l, "\t")
		n, err := strconv.Atoi(c)
		if !ok || err != nil || n < 0 || w == "" {
			return nil, fmt.Errorf("%w %s: line %d: want word<TAB>count, got %q", ErrDF, name, line, l)
		}
		d.Count[w] = n
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w %s: %v", ErrDF, name, err)
	}
	if d.Docs <= 0 {
		return nil, fmt.Errorf("%w %s: no \"# docs N\" line", ErrDF, name)
	}
	d.Source = strings.Join(src, " ")
	return d, nil
}

// WriteDF writes d in the form ReadDF reads, words by falling count then
// word, with d.Source as the comment.
func WriteDF(w io.Writer, d *DF) error {
	bw := bufio.NewWriter(w)
	for _, l := range strings.Split(d.Source, "\n") {
		fmt.Fprintf(bw, "# %s\n", l)
	}
	fmt.Fprintf(bw, "# docs %d\n", d.Docs)
	words := make([]string, 0, len(d.Count))
	for w := range d.Count {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if d.Count[words[i]] != d.Count[words[j]] {
			return d.Count[words[i]] > d.Count[words[j]]
		}
		return words[i] < words[j]
	})
	for _, x := range words {
		fmt.Fprintf(bw, "%s\t%d\n", x, d.Count[x])
	}
	return bw.Flush()
}

// AddDoc counts the distinct words of one report (from DocWords).
func (d *DF) AddDoc(words []string) {
	if d.Count == nil {
		d.Count = map[string]int{}
	}
	d.Docs++
	seen := map[string]bool{}
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			d.Count[w]++
		}
	}
}

// priorDocs is how many reports the general-language prior counts as in
// rarity: with the eight sample reports of the embedded list, as much as
// they; with a corpus of hundreds, little.
const priorDocs = 8

// rarity is the weight of a word across reports, in (0, 1]: 1 for a word
// no report has and that is rare in general text, falling to near 0 for
// a word every report has. The reports counted are few (the embedded
// list has eight), so the count is smoothed by a prior from general
// Chinese: idf, the word's general IDF (gojieba's idf.utf8, built as
// ln(texts/texts with the word)), gives the share exp(-idf) of texts
// that have it, and that share of priorDocs pseudo-reports is added to
// the count. A word common in any text (地方, 合作) then sinks even when
// the sample reports lack it, and a word the samples happen to lack is
// not taken for a rare one on their word alone:
//
//	ln((N+P+1)/(df+P·exp(-idf)+0.5)) / ln((N+P+1)/0.5)
func (d *DF) rarity(w string, idf float64) float64 {
	n := float64(d.Docs + priorDocs)
	c := float64(d.Count[w]) + priorDocs*math.Exp(-idf)
	return math.Log((n+1)/(c+0.5)) / math.Log((n+1)/0.5)
}

// DocWords returns the words of a whole report (every section, tables
// included) as counted for document frequencies: the keyword candidates
// before the filters that depend on the report (see keywordCandidates).
func (s *Segmenter) DocWords(rec *extract.Record) []string {
	var out []string
	for _, sec := range rec.Sections {
		text, _ := unwrap(blank(sec.Text))
		for _, t := range s.phrases(text, s.tag(text)) {
			if countable(t.Word) && t.Tag != tagBound {
				out = append(out, t.Word)
			}
		}
	}
	return out
}

// embeddedDF is the list built by go generate from the sample reports.
var embeddedDF = sync.OnceValues(readEmbeddedDF)

func readEmbeddedDF() (*DF, error) {
	b, err := dict.ReadFile("df.gen.utf8")
	if err != nil {
		return nil, err
	}
	return ReadDF(strings.NewReader(string(b)), "dict/df.gen.utf8")
}

// defaultDF is $NIANBAO_IDF's file when set, else the embedded list.
func defaultDF() (*DF, error) {
	path := os.Getenv(EnvDF)
	if path == "" {
		return embeddedDF()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w (%s): %v", ErrDF, EnvDF, err)
	}
	defer f.Close()
	return ReadDF(f, path)
}
