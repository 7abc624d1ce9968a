package segment

import (
	"fmt"
	"regexp"
	"sync"

	"github.com/nianbao/nianbao/extract"
)

// Dates: 2021年1月1日, 2021-01-01, 2021.1.1, 2021/1/1, and 2021年12月.
var (
	dateCN = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月(?:\s*([0-9]{1,2})\s*日)?`)
	})
	dateISO = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`((?:19|20)[0-9]{2})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})`)
	})
	// Years: 2021年, 2021年度, 二〇二一年.
	yearRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`((?:19|20)[0-9]{2}|[一二][〇零○九][〇零○一二三四五六七八九]{2})\s*年`)
	})
)

// dates appends the dates and years stated in one sentence. Subject holds
// a date's ISO form (YYYY-MM-DD, or YYYY-MM without a day); Number holds
// a year. seen drops repeats within the section.
func dates(fs []extract.Field, sec int, text string, sp span, seen map[string]bool) []extract.Field {
	sent := text[sp.start:sp.end]
	var covered []span
	add := func(m []int, y, mo, d string) {
		covered = append(covered, span{m[0], m[1]})
		iso := fmt.Sprintf("%s-%02d", y, atoi(mo))
		if d != "" {
			iso += fmt.Sprintf("-%02d", atoi(d))
		}
		if atoi(mo) < 1 || atoi(mo) > 12 || (d != "" && (atoi(d) < 1 || atoi(d) > 31)) {
			return
		}
		if seen["date "+sent[m[0]:m[1]]] {
			return
		}
		seen["date "+sent[m[0]:m[1]]] = true
		fs = append(fs, extract.Field{Kind: "date", Subject: iso, Text: sent[m[0]:m[1]], Section: sec,
			Offset: sp.start, Sentence: sent})
	}
	for _, m := range dateCN().FindAllStringSubmatchIndex(sent, -1) {
		d := ""
		if m[6] >= 0 {
			d = sent[m[6]:m[7]]
		}
		add(m, sent[m[2]:m[3]], sent[m[4]:m[5]], d)
	}
	for _, m := range dateISO().FindAllStringSubmatchIndex(sent, -1) {
		if m[0] > 0 && isAlnum(sent[m[0]-1]) {
			continue
		}
		add(m, sent[m[2]:m[3]], sent[m[4]:m[5]], sent[m[6]:m[7]])
	}
	for _, m := range yearRe().FindAllStringSubmatchIndex(sent, -1) {
		if m[0] > 0 && isAlnum(sent[m[0]-1]) {
			continue // a longer number: 12021年
		}
		y, ok := parseNumber(sent[m[2]:m[3]])
		if !ok || y < 1949 || y > 2100 {
			continue
		}
		key := fmt.Sprintf("year %d", int(y))
		if seen[key] {
			continue
		}
		seen[key] = true
		fs = append(fs, extract.Field{Kind: "year", Text: sent[m[0]:m[1]], Number: y, Section: sec,
			Offset: sp.start, Sentence: sent})
	}
	return fs
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// channels maps the words for publication channels (kept whole by our
// user dictionary) to a stable id, which goes in Field.Subject.
var channels = map[string]string{
	"政府网站": "website", "政府门户网站": "website", "门户网站": "website", "官网": "website",
	"政务微博": "weibo", "微博": "weibo",
	"微信公众号": "wechat", "微信公众平台": "wechat", "公众号": "wechat", "微信": "wechat",
	"政府公报": "gazette", "公报": "gazette",
	"新闻发布会": "press_conference", "发布会": "press_conference",
	"政务新媒体": "new_media", "新媒体": "new_media",
	"政务服务网":  "service_portal",
	"政务服务中心": "service_centre", "行政服务中心": "service_centre", "政务服务大厅": "service_centre", "网上办事大厅": "service_centre",
	"12345热线": "hotline", "政务热线": "hotline", "热线": "hotline",
	"报刊": "press", "报纸": "press", "电视": "broadcast", "广播": "broadcast", "电视广播": "broadcast",
	"宣传栏": "notice_board", "公开栏": "notice_board", "公示栏": "notice_board", "电子显示屏": "notice_board", "LED屏": "notice_board",
	"档案馆": "reading_point", "图书馆": "reading_point", "政府信息查阅点": "reading_point", "查阅点": "reading_point",
	"在线访谈": "online_interview", "听证会": "hearing",
	"政务APP": "app", "APP": "app", "客户端": "app", "小程序": "mini_program",
	"政务公开专栏": "website_column", "信息公开专栏": "website_column", "政府信息公开专栏": "website_column", "政务公开专区": "website_column",
}

// adminSuffix words turn a place name into a division: 平潭+综合实验区.
var adminSuffix = map[string]bool{"省": true, "市": true, "区": true, "县": true, "镇": true, "乡": true,
	"州": true, "盟": true, "旗": true, "村": true, "街道": true, "新区": true, "开发区": true, "片区": true,
	"综合实验区": true, "自治区": true, "自治州": true, "自治县": true, "经济技术开发区": true,
	"高新区": true, "高新技术产业开发区": true}

// agencyHead words (tagged nt by our dictionary, or generic) make an
// agency name; the generic ones are not agencies on their own.
var genericAgency = map[string]bool{"人民政府": true, "政府": true, "管委会": true, "党工委": true,
	"政府办公室": true, "政府办公厅": true, "管委会办公室": true, "办公室": true, "委员会": true}

func oneOf(w string, list ...string) bool {
	for _, x := range list {
		if w == x {
			return true
		}
	}
	return false
}
