package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestBadFlagOnce: a bad flag or flag value is reported once on stderr,
// after the command's name, with exit status 2, and without the usage
// dump the flag package would print; -h still prints the usage. The
// commands run in a child process through run, as from a shell.
func TestBadFlagOnce(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"parse", "-ocr", "bogus", "x.pdf"}, `nianbao parse: invalid value "bogus" for flag -ocr: want auto, always or never (-h for usage)`},
		{[]string{"parse", "-nosuch", "x.pdf"}, `nianbao parse: flag provided but not defined: -nosuch (-h for usage)`},
		{[]string{"ingest", "-ocr", "bogus", "x.pdf"}, `nianbao ingest: invalid value "bogus" for flag -ocr: want auto, always or never (-h for usage)`},
	} {
		cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, c.args...)...)
		cmd.Env = append(os.Environ(), mainEnv+"=1")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 2 {
			t.Errorf("%q: %v, want exit status 2", c.args, err)
		}
		if got := stderr.String(); got != c.want+"\n" {
			t.Errorf("%q: stderr\n%q\nwant once\n%q", c.args, got, c.want+"\n")
		}
		if stdout.Len() > 0 {
			t.Errorf("%q: stdout %q", c.args, stdout.String())
		}
	}

	var errb bytes.Buffer
	err := (&parseCommand{stdout: &bytes.Buffer{}, stderr: &errb}).Run(context.Background(), []string{"-h"})
	if !errors.Is(err, flagHelp) || !strings.HasPrefix(errb.String(), "usage: nianbao parse") || !strings.Contains(errb.String(), "-ocr never") {
		t.Errorf("-h: %v, stderr %q", err, errb.String())
	}
}
