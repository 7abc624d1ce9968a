package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestServeCommand(t *testing.T) {
	dsn := ingested(t)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	var errb bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- (&serveCommand{stderr: &errb, ready: ready}).Run(ctx, []string{"-db", dsn, "-addr", "127.0.0.1:0"})
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve stopped: %v\n%s", err, errb.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	for path, want := range map[string]string{
		"/": "平潭综合实验区",
		"/search?q=" + url.QueryEscape("信息处理费"): `<mark class="hit">`,
		"/compare?field=t3.new_received.total":  "名次",
	} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("GET %s: %d, body lacks %q", path, resp.StatusCode, want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve after cancel: %v", err)
	}
	if !strings.Contains(errb.String(), "read-only") {
		t.Errorf("startup line: %q", errb.String())
	}
}

func TestServeNeedsTokenOffLoopback(t *testing.T) {
	t.Setenv("NIANBAO_TOKEN", "")
	var errb bytes.Buffer
	err := (&serveCommand{stderr: &errb}).Run(context.Background(), []string{"-db", "unused.db", "-addr", "0.0.0.0:0"})
	var ee *exitError
	if !errors.As(err, &ee) || ee.Code != 2 || !strings.Contains(err.Error(), "token") {
		t.Errorf("0.0.0.0 without token: %v", err)
	}
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true,
		"0.0.0.0:8080": false, ":8080": false, "192.0.2.1:80": false, "nonsense": false} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v", addr, got)
		}
	}
}
