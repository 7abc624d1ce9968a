package fetch

import (
	"strings"
	"testing"
)

func TestReadURLs(t *testing.T) {
	got, err := ReadURLs(strings.NewReader("# reports\nhttp://a/1\n\n  http://a/2  \n"))
	if err != nil || len(got) != 2 || got[1] != "http://a/2" {
		t.Errorf("got %q, %v", got, err)
	}
}
