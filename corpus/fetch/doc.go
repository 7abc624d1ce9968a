// Package fetch downloads government information-disclosure annual reports
// (政府信息公开工作年度报告) into a directory, politely and resumably.
//
// Call sequence:
//
//	f := fetch.New(fetch.Options{Delay: time.Second})
//	sum, err := f.Run(ctx, "reports", []string{"https://www.example.gov.cn/zwgk/ndbg/"})
//	entries, err := manifest.Read("reports") // package corpus/fetch/manifest
//
// A starting URL may be a listing page, a report page or a file. From a
// listing page the fetcher follows pagination (下一页 and numbered links,
// TRS createPageHTML(pages, current, "index", "html") scripts, Hanweb
// jpage XML records in a <script> block and its data proxy) and takes the
// entries whose titles name an annual report (Options.Title). From a report
// page it keeps the page and downloads the PDF, DOC, DOCX, WPS, XLS(X) and
// OFD files it links to. It stays on the starting sites (a site being a
// registrable domain such as x.gov.cn) unless Options.AllowHosts says
// otherwise, and never follows a link that is not http or https.
//
// Layout of the directory:
//
//	manifest.jsonl                 one manifest.Entry per line, appended as work goes on
//	<host>/<url dirs>/<name>       report pages and attachments, as served
//	.listing/<host>/<url dirs>/... listing pages
//	.tmp/                          downloads in progress; emptied at the next Run
//
// The directories follow the URL path; the name is the URL's last element
// when its extension fits the content, else the Content-Disposition name
// (percent escapes, RFC 5987 and raw GBK decoded), made safe (one path
// element, nothing hidden, no reserved characters); a URL with a query gets
// a hash of the query added. Two different files wanting one name get part
// of their sha256 added. Identical content is stored once, under the path
// that sorts first (two entries may share a path; when a later URL brings
// a path that sorts first, the file moves and the earlier entries are
// written again), so the final directory does not depend on the order of
// the crawl. Files are written to .tmp and renamed when complete, so a
// killed run never leaves a half file under a final name; the next Run
// skips what the manifest shows complete and fetches the rest. Pages are
// stored as served, in their own charset, and manifest.Entry.ContentType
// keeps the header as sent. This package reads listing pages, and package
// extract reads the files (given the manifest's Content-Type), by one
// decoder, extract/textenc.Decode: a byte-order mark, the Content-Type's
// charset, the page's <meta> or XML declaration, else UTF-8 when the bytes
// are valid UTF-8 and GB18030 when not; a declaration the bytes contradict
// loses.
//
// Politeness: robots.txt is obeyed (RFC 9309: an unreachable robots.txt
// forbids everything, a missing one allows everything, Crawl-delay is
// honoured up to a minute), one request at a time per host with
// Options.Delay between them, an honest User-Agent, timeouts on connecting
// and on every wait for data, retries with doubling backoff on 429, 5xx,
// timeouts and network errors (a Retry-After header is honoured up to
// Options.MaxRetryAfter), and a size limit per file.
//
// The package never prints: progress goes to Options.Progress, and
// failures are returned in the Summary and written to the manifest.
//
// BUG(nianbao): Two Runs on one directory at the same time are not
// prevented and may interleave manifest lines and race on file names.
//
// BUG(nianbao): A report split by its CMS over several pages
// (t2021_123_1.html...) is kept as its first page only.
//
// BUG(nianbao): Hanweb listings are paged through the data proxy with GET
// parameters startrecord, endrecord and perpage; sites whose proxy accepts
// only POST yield only the first group of records.
package fetch
