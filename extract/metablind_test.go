package extract

import (
	"strings"
	"testing"
)

// blindCases were written after tuning on the metadata corpus had ended
// and measured once as they stood: agency right 31/32, year right 32/32.
// The one miss ("关闭窗口 滁州市南谯区人民政府…": page controls glued to
// the name) added page-control words to nameStops. TestMetaBlind scores
// them as their own set and keeps the rate.
var blindCases = []metaCase{
	{name: "blind: 由××办公室编制 in the introduction", file: "r.txt", agency: "广州市海珠区人民政府", year: 2023,
		doc: "广州市海珠区人民政府2023年政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由广州市海珠区人民政府办公室编制。\n" + stdIntro(2023) + metaBody},
	{name: "blind: archive header with 索引号 and 发布机构", file: "r.txt", agency: "广州市海珠区政务服务数据管理局", year: 2022,
		doc: "索引号：11440105MB2C12345X/2023-00012\n发布机构：广州市海珠区政务服务数据管理局\n成文日期：2023-01-16\n2022年政府信息公开工作年度报告\n根据《条例》规定，现公布我局2022年度政府信息公开工作年度报告。\n" + metaBody},
	{name: "blind: a city alone", file: "r.txt", agency: "苏州市", year: 2022,
		doc: "苏州市2022年政府信息公开工作年度报告\n" + stdIntro(2022) + metaBody},
	{name: "blind: 中华人民共和国 ministry", file: "r.txt", agency: "中华人民共和国财政部", year: 2021,
		doc: "中华人民共和国财政部2021年政府信息公开工作年度报告\n" + stdIntro(2021) + metaBody},
	{name: "blind: national administration", file: "r.txt", agency: "国家药品监督管理局", year: 2022,
		doc: "国家药品监督管理局2022年政府信息公开工作年度报告\n" + stdIntro(2022) + metaBody},
	{name: "blind: province city district", file: "r.txt", agency: "湖南省长沙市岳麓区人民政府", year: 2020,
		doc: "湖南省长沙市岳麓区人民政府2020年政府信息公开工作年度报告\n" + stdIntro(2020) + metaBody},
	{name: "blind: Tibet district, 年度", file: "r.txt", agency: "西藏自治区林芝市巴宜区人民政府", year: 2021,
		doc: "西藏自治区林芝市巴宜区人民政府2021年度政府信息公开工作年度报告\n" + stdIntro(2021) + metaBody},
	{name: "blind: html h1 year first, street", file: "r.html", agency: "深圳市南山区粤海街道办事处", year: 2023,
		doc: htmlPage("<title>粤海街道办事处</title>", "<h1>2023年度深圳市南山区粤海街道办事处政府信息公开工作年度报告</h1><div class=\"TRS_Editor\">"+paras(stdIntro(2023)+metaBody)+"</div>")},
	{name: "blind: 关于…年度报告 title, signature agency", file: "r.txt", agency: "昆明市五华区城市管理局", year: 2022,
		doc: "关于2022年度政府信息公开工作年度报告\n" + stdIntro(2022) + metaBody + "\n昆明市五华区城市管理局\n2023年1月28日\n"},
	{name: "blind: city and district without 人民政府", file: "r.txt", agency: "杭州市拱墅区", year: 2021,
		doc: "杭州市拱墅区2021年政府信息公开工作年度报告\n" + stdIntro(2021) + metaBody},
	{name: "blind: manifest title with a date before it", file: "r.txt", agency: "兰州市七里河区财政局", year: 2022, listing: "2023-01-31 兰州市七里河区财政局2022年政府信息公开工作年度报告",
		doc: "根据《中华人民共和国政府信息公开条例》规定，现公布我局2022年度政府信息公开工作年度报告。\n" + metaBody},
	{name: "blind: agency broken inside 办公室", file: "r.txt", agency: "青岛市黄岛区人民政府办公室", year: 2022,
		doc: "青岛市黄岛区人民政府办\n公室2022年政府信息公开工作年度报告\n" + stdIntro(2022) + metaBody},
	{name: "blind: town title, signature names its government", file: "r.txt", agency: "绍兴市柯桥区钱清镇", year: 2022,
		doc: "绍兴市柯桥区钱清镇2022年政府信息公开工作年度报告\n" + stdIntro(2022) + metaBody + "\n绍兴市柯桥区钱清镇人民政府\n2023年1月15日\n"},
	{name: "blind: 现将××…公布如下", file: "r.txt", agency: "温州市财政局", year: 2021,
		doc: "政府信息公开工作年度报告\n根据《条例》要求，现将温州市财政局2021年政府信息公开工作年度报告公布如下。\n" + metaBody},
	{name: "blind: 国有资产监督管理委员会", file: "r.txt", agency: "南京市人民政府国有资产监督管理委员会", year: 2022,
		doc: "南京市人民政府国有资产监督管理委员会2022年政府信息公开工作年度报告\n" + stdIntro(2022) + metaBody},
	{name: "blind: 支队", file: "r.txt", agency: "武汉市公安局交通管理局", year: 2021,
		doc: "武汉市公安局交通管理局2021年政府信息公开工作年度报告\n" + stdIntro(2021) + metaBody},
	{name: "blind: name with a bracketed second name", file: "r.txt", agency: "成都市金牛区行政审批局（成都市金牛区政务服务中心）", year: 2022,
		doc: "成都市金牛区行政审批局（成都市金牛区政务服务中心）2022年政府信息公开工作年度报告\n" + stdIntro(2022) + metaBody},
	{name: "blind: 国家林业和草原局, year in brackets", file: "r.txt", agency: "国家林业和草原局", year: 2021,
		doc: "国家林业和草原局政府信息公开工作年度报告（2021年）\n" + stdIntro(2021) + metaBody},
	{name: "blind: h1 is the site, title in a bold paragraph", file: "r.html", agency: "漳州市龙文区", year: 2022,
		doc: htmlPage("<title>漳州市龙文区人民政府</title>", "<h1>漳州市龙文区人民政府</h1><div class=\"content\"><p><strong>漳州市龙文区2022年政府信息公开工作年度报告</strong></p>"+paras(stdIntro(2022)+metaBody)+"</div>")},
	{name: "blind: flattened page with 字号 controls", file: "r.txt", agency: "滁州市南谯区人民政府", year: 2023,
		doc: "字号：大 中 小 打印本页 关闭窗口 滁州市南谯区人民政府2023年政府信息公开工作年度报告 " + strings.ReplaceAll(stdIntro(2023)+metaBody, "\n", " ")},
	{name: "blind: title year contradicts the data period", file: "r.txt", agency: "许昌市建安区人民政府", year: 2022,
		doc: "许昌市建安区人民政府2021年政府信息公开工作年度报告\n本年度报告中使用数据统计期限为2022年1月1日至2022年12月31日。\n" + metaBody},
	{name: "blind: 分局", file: "r.txt", agency: "宁波市生态环境局北仑分局", year: 2023,
		doc: "宁波市生态环境局北仑分局2023年度政府信息公开工作年度报告\n" + stdIntro(2023) + metaBody},
	{name: "blind: 我市 in the introduction, signature", file: "r.txt", agency: "宜春市人民政府办公室", year: 2022,
		doc: "2022年度政府信息公开工作年度报告\n现将我市2022年政府信息公开工作年度报告公布如下。\n" + metaBody + "\n宜春市人民政府办公室\n2023年1月20日\n"},
	{name: "blind: 发展和改革局, 年度报告 without 工作", file: "r.txt", agency: "大姚县发展和改革局", year: 2024,
		doc: "大姚县发展和改革局2024年政府信息公开年度报告\n" + stdIntro(2024) + metaBody},
	{name: "blind: ContentSource differs from the h1 agency", file: "r.html", agency: "衢州市", year: 2022,
		doc: htmlPage(`<meta name="ContentSource" content="衢州市人民政府办公室">`, "<h1>衢州市2022年政府信息公开工作年度报告</h1><div class=\"TRS_Editor\">"+paras(stdIntro(2022)+metaBody)+"</div>")},
	{name: "blind: 附件 line before the title", file: "r.txt", agency: "临沂市兰山区", year: 2022,
		doc: "附件\n\n临沂市兰山区2022年政府信息公开工作年度报告\n" + stdIntro(2022) + metaBody},
	{name: "blind: title in quotes", file: "r.txt", agency: "阜阳市颍州区", year: 2021,
		doc: "“阜阳市颍州区2021年政府信息公开工作年度报告”\n" + stdIntro(2021) + metaBody},
	{name: "blind: title on three lines", file: "r.txt", agency: "厦门市市场监督管理局", year: 2022,
		doc: "厦门市市场监督管理局\n2022年度政府信息公开\n工作年度报告\n" + stdIntro(2022) + metaBody},
	{name: "blind: （全文） after the title", file: "r.txt", agency: "珠海市香洲区人民政府", year: 2022,
		doc: "珠海市香洲区人民政府2022年政府信息公开工作年度报告（全文）\n" + stdIntro(2022) + metaBody},
	{name: "blind: Chinese-numeral year after the agency, 年度", file: "r.txt", agency: "银川市金凤区", year: 2023,
		doc: "银川市金凤区二〇二三年度政府信息公开工作年度报告\n" + stdIntro(2023) + metaBody},
	{name: "blind: Hanweb info table with 发布机构", file: "r.html", agency: "六安市金安区教育体育局", year: 2022,
		doc: htmlPage("<title>2022年政府信息公开工作年度报告_六安市金安区人民政府</title>", "<div class=\"info\">信息来源：六安市金安区教育体育局 发布日期：2023-01-12</div><div class=\"wzcon\">"+paras("根据《中华人民共和国政府信息公开条例》规定，现公布我局2022年度政府信息公开工作年度报告。\n"+metaBody)+"</div>")},
	{name: "blind: legacy 2014 report", file: "r.txt", agency: "惠州市惠城区人民政府", year: 2014,
		doc: "惠州市惠城区人民政府2014年政府信息公开工作年度报告\n本报告中所列数据的统计期限自2014年1月1日起至2014年12月31日止。\n一、概述\n本年度政府信息公开工作有序开展。\n二、主动公开政府信息情况\n主动公开信息356条。\n"},
}

func TestMetaBlind(t *testing.T) {
	agency, year := 0, 0
	for _, c := range blindCases {
		rec, err := Parse(strings.NewReader(c.doc), Options{Name: c.file, Input: Input{ListingTitle: c.listing}})
		a, y := "", 0
		if err == nil {
			a, y = rec.Meta.Agency, rec.Meta.Year
		}
		if a == c.agency {
			agency++
		}
		if y == c.year {
			year++
		}
		if (a != c.agency || y != c.year) && *showHeldOut {
			t.Logf("blind: %s: agency %q, year %d (err %v); want %q, %d", c.name, a, y, err, c.agency, c.year)
		}
	}
	n := len(blindCases)
	if agency*100 < n*90 || year*100 < n*95 {
		t.Errorf("blind set below its measured rates (agency 31/32, year 32/32 at first reading): run with -metaheldout to list the misses")
	}
	t.Logf("metadata blind set: %d reports, agency right %d/%d (%.1f%%), year right %d/%d (%.1f%%)", n, agency, n, 100*float64(agency)/float64(n), year, n, 100*float64(year)/float64(n))
}
