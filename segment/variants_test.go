package segment

import (
	"flag"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
)

var heldOut = flag.Bool("heldout", false, "score the held-out variants (other agencies and other boilerplate) instead of the development ones")

// A variant set: the agencies put in the reports, and the boilerplate
// (period, site, contact, page furniture) put around and inside the
// narrative. The development set was used while writing the rules; the
// held-out set (go test ./segment -run Variants -heldout -v) was not.
type variantSet struct {
	agencies []string
	period   []string // %d is the year
	site     []string // %s the agency
	contact  []string // %s the agency
	furn     []string
	opener   []string // %s the agency
}

var devSet = variantSet{
	agencies: []string{"淮安市洪泽区人民政府", "南京市江宁区市场监督管理局", "广西壮族自治区南宁市青秀区人民政府", "福建省财政厅", "国务院办公厅"},
	period:   []string{"本报告中所列数据的统计期限自%d年1月1日起至%[1]d年12月31日止。", "本报告所列数据的统计期限自%d年1月1日至%[1]d年12月31日。"},
	site:     []string{"本报告电子版可在%s门户网站（http://www.hongze.gov.cn/zwgk/zfxxgk/zfxxgknb/）查阅或下载。"},
	contact:  []string{"如对本报告有疑问，请与%s联系（地址：洪泽区东七街1号；邮编：223100；电话：0517-87220000；电子邮箱：hzzwgk@163.com）。"},
	furn:     []string{"第 2 页 共 6 页", "- 3 -"},
	opener:   []string{"%d年，%s认真贯彻落实《中华人民共和国政府信息公开条例》，扎实做好政务公开各项工作。"},
}

var heldOutSet = variantSet{
	agencies: []string{"浙江省杭州市西湖区人民政府办公室", "四川省成都市武侯区教育局", "江苏省苏州市吴中区人民政府", "湖北省武汉市江汉区卫生健康委员会",
		"山东省青岛市市南区人民政府", "云南省昆明市五华区住房和城乡建设局", "河南省郑州市金水区人民政府办公室", "安徽省合肥市蜀山区生态环境局"},
	period:  []string{"本年度报告中使用数据统计期限为%d年1月1日至%[1]d年12月31日。", "报告统计时限：%d年1月1日至%[1]d年12月31日。"},
	site:    []string{"本报告电子版可在%s网站（https://www.example.gov.cn/col/col1229000000/index.html）“政府信息公开”专栏查阅。", "链接：www.wuhou.gov.cn/zwgk/xxgkml"},
	contact: []string{"联系地址：%s（人民路100号），邮政编码：610041，联系电话：028-85550000，传真：028-85550001。"},
	furn:    []string{"—4—", "3/8", "第3页"},
	opener:  []string{"%d年，在上级的正确领导下，%s坚持以公开为常态、不公开为例外，全面推进政务公开。"},
}

// variant builds a report from a sample: the agency replaced, an opener
// naming the agency at the start of section 一, page furniture between
// its paragraphs, and the period, site and contact lines in random order
// at the start of 一 or the end of 六. inserted is the boilerplate put in.
func variant(rec *extract.Record, set variantSet, rng *rand.Rand) (v *extract.Record, agency string, inserted []string) {
	agency = set.agencies[rng.Intn(len(set.agencies))]
	pick := func(l []string) string { return l[rng.Intn(len(l))] }
	year := rec.Meta.Year
	opener := fmt.Sprintf(pick(set.opener), year, agency)
	lines := []string{fmt.Sprintf(pick(set.period), year), fmt.Sprintf(pick(set.site), agency), fmt.Sprintf(pick(set.contact), agency)}
	if !strings.Contains(lines[1], "%") {
		lines[1] = strings.ReplaceAll(lines[1], "%!(EXTRA string="+agency+")", "")
	}
	rng.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	furn := pick(set.furn)
	inserted = append([]string{opener, furn}, lines...)
	v = &extract.Record{Meta: rec.Meta}
	v.Meta.Agency = agency
	atStart := rng.Intn(2) == 0
	for _, sec := range rec.Sections {
		text := strings.ReplaceAll(sec.Text, rec.Meta.Agency, agency)
		switch sec.Number {
		case 1:
			paras := strings.Split(text, "\n")
			mid := len(paras) / 2
			text = opener + "\n" + strings.Join(paras[:mid], "\n") + "\n" + furn + "\n" + strings.Join(paras[mid:], "\n")
			if atStart {
				text = strings.Join(lines, "\n") + "\n" + text
			}
		case 6:
			if !atStart {
				text += "\n" + strings.Join(lines, "\n")
			}
		}
		sec.Text = text
		v.Sections = append(v.Sections, sec)
	}
	return v, agency, inserted
}

// TestVariants scores keywords and agency names on variants of the
// samples: a keyword is bad when it comes only from the boilerplate put
// in (its words are not in the sample); the agency is found when the
// whole name is an agency field, and fragmented when a proper part of it
// is one; stability is the overlap of the top ten keywords of 一 and 五
// with the sample's.
func TestVariants(t *testing.T) {
	s := seg(t)
	set, label := devSet, "development"
	if *heldOut {
		set, label = heldOutSet, "held-out"
	}
	var n, bad, kws, found, fragments, both int
	var overlap float64
	for _, name := range []string{"pingtan-2020.txt", "pingtan-2021.txt", "pingtan-2022.txt", "guyuan-kjj-2020.txt", "huaian-2024.pdf"} {
		base, err := extract.ParseFile(filepath.Join("..", "testdata", "reports", name), extract.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Annotate(base); err != nil {
			t.Fatal(err)
		}
		baseKW := map[int]map[string]bool{}
		all := ""
		for _, sec := range base.Sections {
			all += sec.Text
		}
		for _, f := range base.Fields {
			if f.Kind == "keyword" {
				if baseKW[f.Section] == nil {
					baseKW[f.Section] = map[string]bool{}
				}
				baseKW[f.Section][f.Text] = true
			}
		}
		seed := int64(1)
		if *heldOut {
			seed = 1000
		}
		rng := rand.New(rand.NewSource(seed + int64(len(name))))
		for i := 0; i < 8; i++ {
			v, agency, inserted := variant(base, set, rng)
			if err := s.Annotate(v); err != nil {
				t.Fatal(err)
			}
			n++
			ins := strings.ReplaceAll(strings.Join(inserted, "\n"), agency, "")
			gotWhole, gotFrag := false, false
			vKW := map[int]map[string]bool{}
			for _, f := range v.Fields {
				switch f.Kind {
				case "keyword":
					kws++
					if strings.Contains(ins, f.Text) && !strings.Contains(all, f.Text) {
						bad++
						t.Logf("%s variant %d §%d: keyword %q from the boilerplate", name, i, f.Section, f.Text)
					}
					if vKW[f.Section] == nil {
						vKW[f.Section] = map[string]bool{}
					}
					vKW[f.Section][f.Text] = true
				case "agency":
					if f.Text == agency {
						gotWhole = true
					} else if strings.Contains(agency, f.Text) && !strings.Contains(all, f.Text) {
						gotFrag = true
						t.Logf("%s variant %d: agency fragment %q of %q", name, i, f.Text, agency)
					}
				}
			}
			if gotWhole {
				found++
			} else {
				t.Logf("%s variant %d: agency %q not found whole", name, i, agency)
			}
			if gotFrag {
				fragments++
			}
			for _, sec := range []int{1, 5} {
				a, b := baseKW[sec], vKW[sec]
				inter, union := 0, len(a)
				for w := range b {
					if a[w] {
						inter++
					} else {
						union++
					}
				}
				if union > 0 {
					overlap += float64(inter) / float64(union)
					both++
				}
			}
		}
	}
	t.Logf("%s variants: %d reports; keywords from the boilerplate %d of %d (%.1f%%); agency found whole %d/%d (%.0f%%), fragments in %d; top-ten keyword overlap with the sample (Jaccard, §一 and §五) %.2f",
		label, n, bad, kws, 100*float64(bad)/float64(kws), found, n, 100*float64(found)/float64(n), fragments, overlap/float64(both))
	if !*heldOut && (bad > 0 || found < n || fragments > 0) {
		t.Errorf("development variants: %d boilerplate keywords, %d/%d agencies whole, %d with fragments", bad, found, n, fragments)
	}
}
