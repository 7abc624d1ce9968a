package pdfread_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract/pdfread"
	"github.com/nianbao/nianbao/extract/template"
	"golang.org/x/text/unicode/norm"
)

// The WPS case of issue 10: table 三 with its vertical label
// 三、本年度办理结果 set in a second copy of the font with Identity-V,
// beside the row labels. Every cell of the gold must be read.

var groupItem = regexp.MustCompile(`^(（[一二三四五六七]）[^ 0-9]*)\s*([0-9]+\..*)?$`)

// wrap cuts s into lines of at most n characters.
func wrap(s string, n int) []string {
	rs := []rune(s)
	var out []string
	for len(rs) > n {
		out = append(out, string(rs[:n]))
		rs = rs[n:]
	}
	return append(out, string(rs))
}

// wpsTablePDF lays out table 三 of a gold file the way WPS prints it.
func wpsTablePDF(t *testing.T, gen string, want map[string]string) []byte {
	w := newPDFWriter()
	ids := newGlyphIDs()
	var c strings.Builder
	const size = 7.0
	text := func(s string, x, y float64) {
		fmt.Fprintf(&c, "BT /H %g Tf 1 0 0 1 %s %s Tm %s Tj ET\n", size, ftoa1(x), ftoa1(y), hexCodes(ids.codes(s)))
	}
	lines := func(ls []string, x, yTop, rowH float64) { // centred in the row
		y := yTop - rowH/2 + float64(len(ls))*(size+2)/2 - size
		for _, l := range ls {
			text(l, x, y)
			y -= size + 2
		}
	}
	y := 800.0
	text("三、收到和处理政府信息公开申请情况", 60, y)
	y -= 20
	valX := func(k int) float64 { return 250 + float64(k)*45 }
	text("申请人情况", valX(3), y-6)
	y -= 16
	text("自然人", valX(0), y-10)
	text("法人或其他组织", valX(2), y-6)
	text("总计", valX(6), y-10)
	y -= 14
	for k, h := range []string{"商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"} {
		lines(wrap(h, 4), valX(1+k), y, 16)
	}
	y -= 18
	const rowH = 18.0
	var resTop, resBottom float64
	group := ""
	for _, r := range template.Rows(gen) {
		if r.Table != "三" {
			continue
		}
		label := r.Label
		if strings.HasPrefix(label, "三、本年度办理结果") {
			label = strings.TrimPrefix(label, "三、本年度办理结果")
			resTop = y
		}
		switch m := groupItem.FindStringSubmatch(label); {
		case m == nil: // 一、 二、 四、: across the label columns
			lines(wrap(label, 24), 40, y, rowH)
		case m[2] == "": // (一) (二) (七): across columns 1 and 2
			lines(wrap(m[1], 24), 65, y, rowH)
			resBottom = y - rowH
		default:
			if m[1] != group && len([]rune(m[1])) > 3 {
				lines(wrap(m[1], 4), 65, y, rowH) // the group label, on its first row
			}
			lines(wrap(m[2], 16), 105, y, rowH)
		}
		if m := groupItem.FindStringSubmatch(label); m != nil {
			group = m[1][:len("（三）")]
		}
		for k, cell := range r.Cells {
			text(want[cell.ID], valX(k), y-rowH/2-size/2)
		}
		y -= rowH
	}
	// the vertical label, centred on the rows it spans
	vs := "三、本年度办理结果"
	vcodes := ids.codes(vs)
	top := (resTop+resBottom)/2 + float64(len([]rune(vs)))*size/2
	fmt.Fprintf(&c, "BT /V %g Tf 1 0 0 1 48 %s Tm %s Tj ET\n", size, ftoa1(top), hexCodes(vcodes))
	tu := toUnicodeCMap(ids.rev)
	h := w.type0Font("ABCDEE+SimSun", "Identity-H", "Identity", " /W "+ids.widthsW(), tu)
	v := w.type0Font("ABCDEF+SimSun", "Identity-V", "Identity", " /W "+ids.widthsW(), tu)
	w.page(c.String(), map[string]int{"H": h, "V": v})
	return w.bytes()
}

func TestWPSVerticalLabel(t *testing.T) {
	gen, all := readGold(t, "../../testdata/reports/gold/huaian-2024.tsv")
	dir := t.TempDir()
	var gold strings.Builder
	fmt.Fprintf(&gold, "meta.generation\t%s\n", gen)
	want := map[string]string{}
	for k, v := range all {
		if strings.HasPrefix(k, "t3.") {
			want[k] = v
			fmt.Fprintf(&gold, "%s\t%s\n", k, v)
		}
	}
	data := wpsTablePDF(t, gen, want)
	pdf, goldPath := filepath.Join(dir, "wps.pdf"), filepath.Join(dir, "wps.tsv")
	if err := os.WriteFile(pdf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(goldPath, []byte(gold.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	checkGold(t, pdf, goldPath, pdfread.Read)
	doc, err := pdfread.Read(bytes.NewReader(data), int64(len(data)), pdfread.Options{NoFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.Text(), "三、本年度办理结果") {
		t.Error("the vertical label does not read top to bottom as one label")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return
	}
	out, err := exec.Command("pdftotext", "-q", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if m, e, ms, es := textDiff(norm.NFKC.String(ownText(doc)), norm.NFKC.String(string(out))); m+e > 0 {
		t.Errorf("pdftotext and we differ: we lack %q, have more %q", ms, es)
	}
}
