// Command gencorpus writes a generated corpus for measuring `nianbao
// ingest`: variants of the sample reports (text, HTML, PDF, Word) for many
// agencies across the country and several years, their names, years and
// narrative figures changed.
//
//	go run ./corpus/internal/gencorpus -n 2000 -out /tmp/corpus
//
// The agencies are counties, cities and their bureaus taken from package
// division with a fixed seed; each agency gets consecutive years, so the
// cross-year rules run. The table values of the samples are kept (they must
// stay readable), the narrative's figures change.
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/corpus/division"
)

// template is a sample report and the agency name and year it prints.
type template struct {
	file, agency string
	year         int
}

var templates = []template{
	{"pingtan-2020.txt", "平潭综合实验区", 2020},
	{"pingtan-2021.txt", "平潭综合实验区", 2021},
	{"pingtan-2022.txt", "平潭综合实验区", 2022},
	{"pingtan-2015.txt", "平潭综合实验区", 2015},
	{"guyuan-kjj-2020.txt", "固原市科学技术局", 2020},
	{"pingtan-2021-page.html", "平潭综合实验区", 2021},
	{"pingtan-2022-page.html", "平潭综合实验区", 2022},
	{"huaian-2024-word.html", "淮安市人民政府", 2024},
	{"huaian-2024-plain.txt", "淮安市人民政府", 2024},
}

var narrativeFigure = regexp.MustCompile(`(\d+)(件|条|个|次|人次|篇)`)

func main() {
	log.SetFlags(0)
	n := flag.Int("n", 1000, "number of reports")
	out := flag.String("out", "", "output directory (created)")
	src := flag.String("samples", "testdata/reports", "directory of the sample reports")
	years := flag.Int("years", 4, "consecutive years per agency")
	seed := flag.Int64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" {
		log.Fatal("gencorpus: -out is required")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	rng := rand.New(rand.NewSource(*seed))
	var places []*division.Division
	for _, d := range division.All() {
		if (d.Level == division.County || d.Level == division.City) && !d.Placeholder() {
			places = append(places, d)
		}
	}
	bodies := []string{"人民政府", "人民政府办公室", "教育局", "财政局", "自然资源局", "卫生健康委员会"}
	samples := map[string]string{}
	for _, t := range templates {
		b, err := os.ReadFile(filepath.Join(*src, t.file))
		if err != nil {
			log.Fatal(err)
		}
		samples[t.file] = string(b)
	}
	for i := 0; i < *n; {
		d := places[rng.Intn(len(places))]
		agency := d.Path() + bodies[rng.Intn(len(bodies))]
		t := templates[rng.Intn(len(templates))]
		first := 2019 + rng.Intn(3)
		for k := 0; k < *years && i < *n; k, i = k+1, i+1 {
			year := first + k
			body := variant(samples[t.file], t, agency, year, rng)
			// Every file distinct (a sample without figures to vary would
			// otherwise repeat): a trailing line or comment with its number.
			if strings.HasSuffix(t.file, ".html") {
				body += fmt.Sprintf("\n<!-- %d -->\n", i)
			} else {
				body += fmt.Sprintf("\n（%d）\n", i)
			}
			name := fmt.Sprintf("r%06d%s", i, filepath.Ext(t.file))
			if err := os.WriteFile(filepath.Join(*out, name), []byte(body), 0o644); err != nil {
				log.Fatal(err)
			}
		}
	}
	log.Printf("gencorpus: %d reports in %s", *n, *out)
}

// variant rewrites a sample for another agency and year: the agency's
// name, every year shifted by the difference, and the narrative figures
// changed (by up to ±30%).
func variant(s string, t template, agency string, year int, rng *rand.Rand) string {
	s = strings.ReplaceAll(s, t.agency, agency)
	delta := year - t.year
	s = regexp.MustCompile(`(19|20)\d\d(年)`).ReplaceAllStringFunc(s, func(m string) string {
		y, _ := strconv.Atoi(m[:4])
		return strconv.Itoa(y+delta) + m[4:]
	})
	return narrativeFigure.ReplaceAllStringFunc(s, func(m string) string {
		sub := narrativeFigure.FindStringSubmatch(m)
		v, _ := strconv.Atoi(sub[1])
		if v > 0 {
			v += rng.Intn(v*3/5+1) - v*3/10
		}
		return strconv.Itoa(v) + sub[2]
	})
}
