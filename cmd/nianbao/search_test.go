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
