package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestSearchCommand(t *testing.T) {
	dsn := ingested(t)
	var out bytes.Buffer
	if err := (&searchCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-json", "信息处理费"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for _, l := range lines {
		var h struct {
			Agency, Sentence string
			Year, Section    int
		}
		if err := json.Unmarshal([]byte(l), &h); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(h.Sentence, "信息处理费") || h.Section == 0 {
			t.Errorf("hit %+v", h)
		}
	}
	err := (&searchCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "量子纠缠"})
	var ee *exitError
	if !errors.As(err, &ee) || ee.Code != 1 {
		t.Errorf("no hit: %v", err)
	}
}

// TestSearchKind looks up the problems of section 五 that segment tagged
// at ingest: every hit is a problem holding the words; a bad kind is a
// usage error.
func TestSearchKind(t *testing.T) {
	dsn := ingested(t)
	var out bytes.Buffer
	if err := (&searchCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-json", "-kind", "problem", "政策解读"}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for _, l := range lines {
		var h struct {
			Kind, Text string
			Section    int
		}
		if err := json.Unmarshal([]byte(l), &h); err != nil {
			t.Fatal(err)
		}
		if h.Kind != "problem" || !strings.Contains(h.Text, "政策解读") || h.Section == 0 {
			t.Errorf("hit %+v", h)
		}
	}
	if len(lines) == 0 {
		t.Error("no problem mentions 政策解读")
	}
	err := (&searchCommand{stdout: &out}).Run(context.Background(), []string{"-db", dsn, "-kind", "nonsense", "x"})
	var ee *exitError
	if !errors.As(err, &ee) || ee.Code != 2 {
		t.Errorf("bad kind: %v", err)
	}
}
