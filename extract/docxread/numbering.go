package docxread

import (
	"encoding/xml"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// Automatic numbering: Word can print "一、" before a heading or "1." in a
// cell from word/numbering.xml instead of the text. The numbers are
// worked out here as Word counts them, so that "一、总体情况" reads the same
// typed or numbered.

// level is one w:lvl of an abstract numbering definition.
type level struct {
	Ilvl  int       `xml:"ilvl,attr"`
	Start valInt    `xml:"start"`
	Fmt   valStr    `xml:"numFmt"`
	Text  valStr    `xml:"lvlText"`
	IsLgl *struct{} `xml:"isLgl"`
}

type valInt struct {
	Val *int `xml:"val,attr"`
}

type valStr struct {
	Val *string `xml:"val,attr"`
}

type numberingXML struct {
	Abstract []struct {
		ID     int     `xml:"abstractNumId,attr"`
		Levels []level `xml:"lvl"`
	} `xml:"abstractNum"`
	Num []struct {
		ID       int    `xml:"numId,attr"`
		Abstract valInt `xml:"abstractNumId"`
		Override []struct {
			Ilvl  int    `xml:"ilvl,attr"`
			Start valInt `xml:"startOverride"`
		} `xml:"lvlOverride"`
	} `xml:"num"`
}

type stylesXML struct {
	Style []struct {
		ID      string `xml:"styleId,attr"`
		BasedOn valStr `xml:"basedOn"`
		PPr     struct {
			NumPr *numPrXML `xml:"numPr"`
		} `xml:"pPr"`
	} `xml:"style"`
}

type numPrXML struct {
	Ilvl  valInt `xml:"ilvl"`
	NumID valInt `xml:"numId"`
}

// numbering holds the list definitions and the running counters.
type numbering struct {
	abstract  map[int][9]level
	num       map[int]int         // numId -> abstractNumId
	overrides map[int]map[int]int // numId -> ilvl -> start
	started   map[int]bool        // numIds whose overrides were applied
	count     map[int]*counters   // abstractNumId -> counters
	styles    map[string]styleNum
}

// counters are a list's current number at each level.
type counters struct {
	v    [9]int
	used [9]bool
}

// set makes level l's current number v and forgets the deeper levels.
func (c *counters) set(l, v int) {
	c.v[l], c.used[l] = v, true
	for d := l + 1; d < 9; d++ {
		c.used[d] = false
	}
}

type styleNum struct {
	basedOn      string
	numID, ilvl  int
	hasNum, hasL bool
}

func newNumbering(numXML, stylesData []byte) (*numbering, error) {
	n := &numbering{abstract: map[int][9]level{}, num: map[int]int{}, overrides: map[int]map[int]int{},
		started: map[int]bool{}, count: map[int]*counters{}, styles: map[string]styleNum{}}
	if numXML != nil {
		var x numberingXML
		if err := xml.Unmarshal(numXML, &x); err != nil {
			return nil, fmt.Errorf("numbering part: %v", err)
		}
		for _, a := range x.Abstract {
			var lv [9]level
			for _, l := range a.Levels {
				if l.Ilvl >= 0 && l.Ilvl < 9 {
					lv[l.Ilvl] = l
				}
			}
			n.abstract[a.ID] = lv
		}
		for _, m := range x.Num {
			if m.Abstract.Val == nil {
				continue
			}
			n.num[m.ID] = *m.Abstract.Val
			for _, o := range m.Override {
				if o.Start.Val != nil && o.Ilvl >= 0 && o.Ilvl < 9 {
					if n.overrides[m.ID] == nil {
						n.overrides[m.ID] = map[int]int{}
					}
					n.overrides[m.ID][o.Ilvl] = *o.Start.Val
				}
			}
		}
	}
	if stylesData != nil {
		var s stylesXML
		if err := xml.Unmarshal(stylesData, &s); err != nil {
			return nil, fmt.Errorf("styles part: %v", err)
		}
		for _, st := range s.Style {
			sn := styleNum{}
			if st.BasedOn.Val != nil {
				sn.basedOn = *st.BasedOn.Val
			}
			if np := st.PPr.NumPr; np != nil {
				if np.NumID.Val != nil {
					sn.numID, sn.hasNum = *np.NumID.Val, true
				}
				if np.Ilvl.Val != nil {
					sn.ilvl, sn.hasL = *np.Ilvl.Val, true
				}
			}
			n.styles[st.ID] = sn
		}
	}
	return n, nil
}

// paraNum is what a paragraph's w:pPr says about numbering.
type paraNum struct {
	style        string
	numID, ilvl  int
	hasNum, hasL bool
}

// label returns the number Word prints before a paragraph with these
// properties, and advances the counters; "" for an unnumbered paragraph.
func (n *numbering) label(p paraNum) string {
	// the paragraph's own numPr wins over its style's, level and list
	// separately; styles inherit through basedOn
	seen := 0
	for s := p.style; s != "" && seen < 16 && (!p.hasNum || !p.hasL); seen++ {
		st, ok := n.styles[s]
		if !ok {
			break
		}
		if !p.hasNum && st.hasNum {
			p.numID, p.hasNum = st.numID, true
		}
		if !p.hasL && st.hasL {
			p.ilvl, p.hasL = st.ilvl, true
		}
		s = st.basedOn
	}
	if !p.hasNum || p.numID == 0 || p.ilvl < 0 || p.ilvl > 8 {
		return ""
	}
	abs, ok := n.num[p.numID]
	if !ok {
		return ""
	}
	levels := n.abstract[abs]
	c := n.count[abs]
	if c == nil {
		c = &counters{}
		n.count[abs] = c
	}
	if !n.started[p.numID] {
		n.started[p.numID] = true
		for l, start := range n.overrides[p.numID] {
			c.set(l, start-1)
		}
	}
	if !c.used[p.ilvl] {
		c.set(p.ilvl, startOf(levels[p.ilvl])-1)
	}
	c.set(p.ilvl, c.v[p.ilvl]+1)
	lv := levels[p.ilvl]
	if lv.Text.Val == nil {
		return ""
	}
	format := strings.TrimSpace(strVal(lv.Fmt))
	if format == "bullet" || format == "none" {
		return ""
	}
	var b strings.Builder
	t := *lv.Text.Val
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			l := int(t[i+1] - '1')
			v := c.v[l]
			if !c.used[l] {
				v = startOf(levels[l])
			}
			f := strVal(levels[l].Fmt)
			if lv.IsLgl != nil {
				f = "decimal"
			}
			b.WriteString(formatNumber(v, f))
			i++
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

func startOf(l level) int {
	if l.Start.Val != nil {
		return *l.Start.Val
	}
	return 1
}

func strVal(v valStr) string {
	if v.Val == nil {
		return ""
	}
	return *v.Val
}

// formatNumber renders n in a w:numFmt.
func formatNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting":
		if s := chineseNumber(n, []rune("〇一二三四五六七八九")); s != "" {
			return s
		}
	case "chineseLegalSimplified":
		if s := chineseNumber(n, []rune("零壹贰叁肆伍陆柒捌玖")); s != "" {
			return strings.ReplaceAll(s, "十", "拾")
		}
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune(0x2460 + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, r := range strconv.Itoa(n) {
			b.WriteRune(r - '0' + '０')
		}
		return b.String()
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "lowerLetter", "upperLetter":
		if n >= 1 {
			s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
			if format == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	case "lowerRoman", "upperRoman":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

// chineseNumber writes 1..99 the way chineseCounting does (十, 十一, 二十一);
// "" outside that range.
func chineseNumber(n int, digits []rune) string {
	switch {
	case n >= 1 && n <= 9:
		return string(digits[n])
	case n >= 10 && n <= 99:
		s := ""
		if n/10 > 1 {
			s = string(digits[n/10])
		}
		s += "十"
		if n%10 > 0 {
			s += string(digits[n%10])
		}
		return s
	}
	return ""
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// partTargets reads the main part's relationships and returns the
// numbering and styles parts' names (defaults beside the main part).
func (p *pkg) partTargets(main string) (numPart, stylesPart string) {
	dir, file := path.Split(main)
	numPart, stylesPart = dir+"numbering.xml", dir+"styles.xml"
	f := p.file(dir + "_rels/" + file + ".rels")
	if f == nil {
		return numPart, stylesPart
	}
	data, err := p.readSmall(f)
	if err != nil {
		return numPart, stylesPart
	}
	var rels relationships
	if xml.Unmarshal(data, &rels) != nil {
		return numPart, stylesPart
	}
	for _, r := range rels.Rel {
		target := strings.TrimPrefix(path.Clean("/"+path.Join(dir, r.Target)), "/")
		if strings.HasPrefix(r.Target, "/") {
			target = strings.TrimPrefix(path.Clean(r.Target), "/")
		}
		switch {
		case strings.HasSuffix(r.Type, "/numbering"):
			numPart = target
		case strings.HasSuffix(r.Type, "/styles"):
			stylesPart = target
		}
	}
	return numPart, stylesPart
}
