package pdfread

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseCMap(t *testing.T) {
	src := `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Test-V def /WMode 1 def
2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
2 beginbfchar <41> <0042> <8140> <4E00> endbfchar
2 beginbfrange <8141> <8143> <4E01> <8150> <8151> [<0061> <D840DC00>] endbfrange
1 begincidrange <8160> <8170> 100 endcidrange
1 begincidchar <20> 7 endcidchar
/GBK-EUC-H usecmap
endcmap`
	m := parseCMap([]byte(src))
	if m.name != "Test-V" || m.wmode != 1 || m.use != "GBK-EUC-H" {
		t.Errorf("name %q wmode %d use %q", m.name, m.wmode, m.use)
	}
	for _, c := range []struct {
		code string
		n    int
		ok   bool
	}{{"\x41", 1, true}, {"\x81\x40", 2, true}, {"\x81", 1, false}, {"\x81\x20", 2, false}, {"\xff\x01", 1, false}} {
		if n, ok := m.codeLen(c.code); n != c.n || ok != c.ok {
			t.Errorf("codeLen(%q) = %d %v, want %d %v", c.code, n, ok, c.n, c.ok)
		}
	}
	uni := map[string]string{"\x41": "B", "\x81\x40": "一", "\x81\x42": "丂", "\x81\x43": "七", "\x81\x50": "a", "\x81\x51": "\U00020000"}
	for code, want := range uni {
		if got, ok := m.unicode(codeOf(code), len(code)); !ok || got != want {
			t.Errorf("unicode(%q) = %q %v, want %q", code, got, ok, want)
		}
	}
	if _, ok := m.unicode(0x8144, 2); ok {
		t.Error("code past the bfrange mapped")
	}
	if c, ok := m.cid(0x8165, 2); !ok || c != 105 {
		t.Errorf("cid(8165) = %d %v, want 105", c, ok)
	}
	if c, ok := m.cid(0x20, 1); !ok || c != 7 {
		t.Errorf("cid(20) = %d %v, want 7", c, ok)
	}
	if _, ok := m.cid(0x20, 2); ok {
		t.Error("<0020> is not <20>")
	}
}

func TestPredefined(t *testing.T) {
	cases := []struct {
		cmap, code, want string
	}{
		{"GBK-EUC-H", "\xb0\xa1", "啊"},
		{"GBK-EUC-H", "2", "2"},
		{"GB-EUC-V", "\xa3\xa8", "（"}, // a vertical variant CID, text of the character
		{"UniGB-UCS2-H", "\x5e\x74", "年"},
		{"UniGB-UTF16-V", "\x30\x01", "、"},
		{"Identity-V", "\x00\x01", ""},
	}
	for _, c := range cases {
		m := predefined(c.cmap)
		if m == nil {
			t.Errorf("%s: not bundled", c.cmap)
			continue
		}
		n, ok := m.codeLen(c.code)
		if !ok || n != len(c.code) {
			t.Errorf("%s: codeLen(%q) = %d %v", c.cmap, c.code, n, ok)
		}
		cid, ok := m.cid(codeOf(c.code), len(c.code))
		if !ok {
			t.Errorf("%s: no CID for %q", c.cmap, c.code)
			continue
		}
		if c.want != "" && gb1Text(cid) != c.want {
			t.Errorf("%s %q: CID %d text %q, want %q", c.cmap, c.code, cid, gb1Text(cid), c.want)
		}
		if strings.HasSuffix(c.cmap, "-V") != (m.wmode == 1) {
			t.Errorf("%s: wmode %d", c.cmap, m.wmode)
		}
	}
	if predefined("UniJIS-UCS2-H") != nil {
		t.Error("a Japanese CMap is not bundled")
	}
}

func TestGlyphNameText(t *testing.T) {
	cases := map[string]string{
		"uni5E74": "年", "uni5E7462A5": "年报", "u20087": "\U00020087", "gbB0A1": "啊",
		"afii10017": "А", "bullet": "•", "emdash": "—", "one.oldstyle": "1", "f_i": "fi",
		"g123": "", "uniD800": "", "gbZZZZ": "", "": "",
	}
	for name, want := range cases {
		if got := glyphNameText(name); got != want {
			t.Errorf("glyphNameText(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestEncodeCMaps(t *testing.T) {
	ms, ok := decodeCMaps(predefCMapsBin)
	if !ok || len(ms) < 10 {
		t.Fatalf("decodeCMaps: %d CMaps, ok %v", len(ms), ok)
	}
	if got := encodeCMaps(ms); string(got) != predefCMapsBin {
		t.Error("encode(decode(table)) differs from the table")
	}
	for i := 0; i < len(predefCMapsBin); i += 997 { // truncated tables fail cleanly
		decodeCMaps(predefCMapsBin[:i])
	}
}

// FuzzParseCMap: any CMap program parses without panicking, and lookups
// on the result do not panic.
func FuzzParseCMap(f *testing.F) {
	f.Add([]byte("1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange"))
	f.Add([]byte("2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange 1 begincidrange <8140> <817e> 100 endcidrange /X usecmap"))
	f.Add([]byte("1 beginbfrange <01> <05> [<0041> (B) /C] endbfrange 1 beginbfchar <01> /uni5E74 endbfchar /WMode 1 def"))
	for _, name := range []string{"GB-EUC-V", "UniGB-UCS2-V", "GBK-EUC-V"} { // real CMaps, when installed
		if b, err := os.ReadFile(filepath.Join(popplerCMapDir, name)); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m := parseCMap(b)
		for _, code := range []string{"\x00", "\x01", "\x81\x40", "\xff\xff", "\x00\x00\x00\x01"} {
			n, _ := m.codeLen(code)
			if n < 1 || n > 4 {
				t.Fatalf("codeLen %d", n)
			}
			m.unicode(codeOf(code), len(code))
			m.cid(codeOf(code), len(code))
		}
		decodeCMaps(string(b))
	})
}

func TestBfcharCount(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"2 beginbfchar <01> <0041> <02> <0042> endbfchar\n100\nbeginbfchar endbfchar", 102},
		{"beginbfchar <01> <0041> endbfchar", 0}, // no count
		{"1 begincodespacerange <00> <FF> endcodespacerange 3 beginbfrange", 0},
	} {
		if got := bfcharCount([]byte(c.in)); got != c.want {
			t.Errorf("bfcharCount(%q) = %d, want %d", c.in, got, c.want)
		}
	}
}
