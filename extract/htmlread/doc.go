// Package htmlread reads a government information-disclosure annual
// report (政府信息公开工作年度报告) published as an HTML page into the
// reader-neutral layout.Document that package extract maps to cells.
//
// Call sequence:
//
//	if htmlread.Sniff(head) { // the first bytes of the file
//		doc, err := htmlread.Read(r, htmlread.Options{})
//		// doc.Blocks: paragraphs and table grids in reading order
//	}
//
// Read takes the page's bytes, never a URL: fetching is the caller's
// job. It
//
//  1. decodes the page to UTF-8 (see Encoding below);
//  2. parses it with golang.org/x/net/html, after tagging every start tag
//     with its source line (the parser keeps no positions), and queries
//     it with goquery;
//  3. reads the title (<h1>, the article-title element, the ArticleTitle
//     meta, or <title> cut at the site name) and the publication date
//     (<meta name="PubDate">, publishdate, firstpublishedtime, ... or a
//     "发布时间：2023-01-20 10:00" line), normalised to YYYY-MM-DD, and
//     keeps the page's statements of title and agency (<title>, the
//     ArticleTitle, ContentSource, SiteName … metas, a "来源：××局" line)
//     in Document.Metadata for the extractor to weigh, each with the
//     source line in its Pos where it has one;
//  4. finds the article (or takes the element Options.Body selects): a
//     known CMS container (.TRS_Editor, #zoom, .article_content,
//     .pages_content, .WordSection1, ...) holding all the page's tables
//     and at least 40% of its Chinese text, or else the
//     smallest element that holds all tables and 85% of the text; inside
//     it, hidden elements, link-dense menus, small <header>/<footer>s and
//     blocks classed as navigation, sharing, footer ... are dropped;
//  5. walks the article: one Text block per paragraph (<p>, <div> text,
//     each <br>-separated line), one Grid block per data table, its
//     <caption> a paragraph before it. A table that holds another table,
//     a long run of text, or a single column is a layout table: its cells
//     are read as paragraphs and the data tables inside it as grids. When
//     the page title is not at the start of the article it is put first
//     as a paragraph of its own.
//
// Grids expand rowspan and colspan exactly as browsers do: each row gets
// a cell for every column it covers, and the copies carry the origin's
// text and position with Spanned set. A blank cell (empty, &nbsp;) stays
// an empty cell; rows are never padded at the end, and a gap inside a row
// (no source cell covers the column) is filled with an empty cell and
// noted. Cell and paragraph text: white space collapses to one space,
// &nbsp; and U+3000 count as white space, zero-width characters go, and
// a line break (<br>, a paragraph inside a cell, a newline in the
// source) disappears next to a CJK character ("商业<br>企业" reads
// "商业企业") and becomes a space between two other characters. Text
// split across inline elements is joined ("<span>1</span><span>2</span>"
// reads "12").
//
// Positions: Pos.Line is the source line of the element's start tag
// (lines are the same in the raw and the decoded page); Pos.Paragraph
// counts text blocks, Pos.Table grids, Pos.Row and Pos.Col the expanded
// grid, all from 1.
//
// # Encoding
//
// golang.org/x/net/html expects UTF-8; the page is decoded first by
// extract/textenc.Decode, the one decoder of the text reader and the
// fetcher too. The order is: a byte-order mark (UTF-8, UTF-16);
// Options.Charset; Options.ContentType's charset; the page's
// declaration (<meta charset>, <meta http-equiv="Content-Type">, an XML
// declaration) in its first 8 KiB; sniffing. GB2312 and GBK declarations
// decode as GB18030, their superset. A declaration the bytes contradict
// loses: a page declared GBK whose bytes are valid UTF-8 is read as
// UTF-8, and a page declared UTF-8 whose bytes are not UTF-8 but valid
// GB18030 (or has fewer invalid sequences as GB18030) is read as
// GB18030. Undeclared pages are UTF-8 when valid, else GB18030 when
// valid, else whichever of the two has fewer invalid sequences (those
// read as U+FFFD). Document.Notes always says which encoding was used
// and why, with the declaration's line in the Note's Pos.
//
// # Errors
//
// Errors are *layout.Error values, with the line where known, wrapping
// layout.ErrEmpty (no bytes or only white space), layout.ErrTooLarge
// (over Options.MaxSize), layout.ErrUnsupported (binary data, an unknown
// forced charset), layout.ErrCorrupt (elements nested more than 512 deep,
// which golang.org/x/net/html refuses), or layout.ErrNotReport (no Chinese
// text; an Options.Body selector that matches nothing; or, unless
// Options.AnyPage, an article and title without any of 信息公开, 政务公开,
// 公开政府信息, 依申请公开, 年度报告).
// Depth is capped by Options.MaxDepth: deeper elements are read as plain
// text, with a note. Read never panics on any input (see FuzzRead).
//
// BUG(htmlread): UTF-16 pages without a byte-order mark are taken for
// binary data.
//
// BUG(htmlread): A <tr> without any cell is dropped before spans are
// expanded, so a rowspan that crosses it covers one row further than a
// browser would draw it.
//
// BUG(htmlread): Pos.Line is the line of an element's start tag; a
// paragraph's line is that of the innermost element holding its first
// character, and text directly after a nested block keeps that block's
// line. Column offsets are not recorded.
//
// BUG(htmlread): Reports split over several pages (分页, "下一页") are
// read one page at a time; joining them is the caller's job.
package htmlread
