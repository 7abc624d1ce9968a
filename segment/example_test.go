package segment_test

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/segment"
)

func ExampleSegmenter_Cut() {
	s, err := segment.Shared()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Join(s.Cut("依申请公开办结69件，收取信息处理费0元"), "/"))
	// Output: 依申请公开/办结/69/件/，/收取/信息处理费/0/元
}

func ExampleSegmenter_Annotate() {
	s, err := segment.Shared()
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := &extract.Record{Sections: []extract.Section{{Number: 1, Heading: "一、总体情况",
		Text: "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。"}}}
	if err := s.Annotate(rec); err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range rec.Fields {
		if f.Kind == "quantity" {
			fmt.Println(f.Subject, f.Number, f.Unit, f.Offset)
		}
	}
	// Output:
	// received 70 件 0
	// completed 69 件 0
	// carried_forward 1 件 0
}
