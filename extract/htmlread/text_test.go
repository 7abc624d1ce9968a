package htmlread

import "testing"

// TestTextBuf covers the text rules; in the inputs "⏎" stands for a
// line break (a <br> or a block boundary).
func TestTextBuf(t *testing.T) {
	cases := []struct{ in, want string }{
		{"商业⏎企业", "商业企业"},
		{"商业\n企业", "商业企业"},
		{"商业 \n  企业", "商业企业"},
		{"商业 企业", "商业 企业"},
		{"商业\u00a0\u00a0企业", "商业 企业"},
		{"\u3000\u3000本年度", "本年度"},
		{"1⏎2", "1 2"},
		{"12\n345", "12 345"},
		{"收到⏎21件", "收到21件"},
		{"（单位：⏎万元）", "（单位：万元）"},
		{"“三安全⏎一稳定”", "“三安全一稳定”"},
		{"In⏎force", "In force"},
		{"a\tb\t\tc", "a b c"},
		{"零\u200b宽\ufeff字\u00ad符", "零宽字符"},
		{"控\x01制\x7f符", "控制符"},
		{" \n 前后 \n ", "前后"},
		{"⏎⏎", ""},
	}
	for _, c := range cases {
		var b textBuf
		for _, part := range splitBreaks(c.in) {
			if part == "⏎" {
				b.lineBreak()
			} else {
				b.text(part)
			}
		}
		if got := b.String(); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

func splitBreaks(s string) []string {
	var out []string
	cur := ""
	for _, r := range s {
		if r == '⏎' {
			out = append(out, cur, "⏎")
			cur = ""
			continue
		}
		cur += string(r)
	}
	return append(out, cur)
}
