package docxread

// Test helpers for the external tests of package docxread_test.
var (
	OLEOf  = oleOf
	DocxOf = docxOf
	Para   = para
)
