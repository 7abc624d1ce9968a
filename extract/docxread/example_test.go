package docxread_test

import (
	"archive/zip"
	"bytes"
	"fmt"

	"github.com/nianbao/nianbao/extract/docxread"
)

func ExampleRead() {
	// A DOCX whose table has a header cell spanning two columns and a
	// header broken over two lines.
	body := `<w:p><w:r><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p>` +
		`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>申请人情况</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p></w:tc>` +
		`<w:tc><w:p><w:r><w:t>5</w:t></w:r><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	fmt.Fprintf(w, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>`, body)
	zw.Close()

	doc, err := docxread.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), docxread.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range doc.Blocks {
		if b.Grid == nil {
			fmt.Printf("%v: %s\n", b.Pos, b.Text)
			continue
		}
		for _, row := range b.Grid.Rows {
			for _, c := range row {
				fmt.Printf("%v: %q spanned=%v\n", c.Pos, c.Text, c.Spanned)
			}
		}
	}
	// Output:
	// paragraph 1: 三、收到和处理政府信息公开申请情况
	// table 1 row 1 col 1: "申请人情况" spanned=false
	// table 1 row 1 col 1: "申请人情况" spanned=true
	// table 1 row 2 col 1: "商业企业" spanned=false
	// table 1 row 2 col 2: "53" spanned=false
}
