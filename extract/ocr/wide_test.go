package ocr

import (
	"testing"
	"unicode"
)

// TestWideCoversHan: wide, which decides where OCR'd words join without
// a space, holds for every Han character (the range it tests is wider on
// purpose, for full-width punctuation) and not for Latin letters or
// ASCII digits.
func TestWideCoversHan(t *testing.T) {
	for _, r16 := range unicode.Han.R16 {
		if !wide(rune(r16.Lo)) {
			t.Errorf("wide(%U) false for a Han character", r16.Lo)
		}
	}
	for _, r := range "，（）０年" {
		if !wide(r) {
			t.Errorf("wide(%q) false", r)
		}
	}
	for _, r := range "aZ09 %" {
		if wide(r) {
			t.Errorf("wide(%q) true", r)
		}
	}
}
