package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/corpus"
	"github.com/nianbao/nianbao/corpus/corpustest"
)

// childEnv makes the test binary run one `nianbao ingest` (the args after
// "--") instead of the tests: TestSharedPostgres starts several at once.
const childEnv = "NIANBAO_TEST_INGEST_CHILD"

// mainEnv makes the test binary run as nianbao itself with the args after
// "--" (as main does): TestPeakMemory measures such processes.
const mainEnv = "NIANBAO_TEST_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		defaultGC()
		os.Exit(run(argsAfterDashes(os.Args[1:])))
	}
	if os.Getenv(childEnv) == "1" {
		if err := (&ingestCommand{}).Run(context.Background(), argsAfterDashes(os.Args[1:])); err != nil {
			fmt.Fprintln(os.Stderr, "child ingest:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// argsAfterDashes returns the args after the first "--".
func argsAfterDashes(args []string) []string {
	for i, a := range args {
		if a == "--" {
			return args[i+1:]
		}
	}
	return args
}

// TestSharedPostgres starts four `nianbao ingest` processes at once into
// one PostgreSQL database, each with every file (in a different order),
// and compares the result with a single-process ingest of the same files:
// the same export, the same cross-year findings, no duplicate report.
func TestSharedPostgres(t *testing.T) {
	if corpustest.PostgresURL() == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NIANBAO_TEST_POSTGRES unset under CI")
		}
		t.Skip("NIANBAO_TEST_POSTGRES unset: needs a PostgreSQL database")
	}
	files, err := filepath.Glob("../../testdata/reports/*")
	if err != nil {
		t.Fatal(err)
	}
	var ins []string
	for _, f := range files {
		if ext := filepath.Ext(f); ext == ".txt" || ext == ".html" {
			ins = append(ins, f)
		}
	}
	ins = append(ins, hongzeVariants(t)...)
	single, shared := corpustest.Schema(t, "nbshared"), corpustest.Schema(t, "nbshared")
	start := time.Now()
	var errb bytes.Buffer
	if err := (&ingestCommand{stdout: &bytes.Buffer{}, stderr: &errb}).Run(context.Background(), append([]string{"-db", single, "-quiet"}, ins...)); err != nil {
		t.Fatalf("single ingest: %v\n%s", err, errb.String())
	}
	t.Logf("one process: %s", time.Since(start))
	// Make the schema first, so the four race on reports, not migrations
	// (those are covered by the corpus tests).
	db, err := corpus.Open(context.Background(), shared)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	outs := make([]bytes.Buffer, 4)
	for k := 0; k < 4; k++ {
		order := append(append([]string(nil), ins[k*len(ins)/4:]...), ins[:k*len(ins)/4]...)
		if k%2 == 1 {
			for i, j := 0, len(order)-1; i < j; i, j = i+1, j-1 {
				order[i], order[j] = order[j], order[i]
			}
		}
		cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--", "-db", shared, "-quiet", "-j", "1"}, order...)...)
		cmd.Env = append(os.Environ(), childEnv+"=1")
		cmd.Stdout, cmd.Stderr = &outs[k], &outs[k]
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			errs[k] = cmd.Run()
		}(k)
	}
	wg.Wait()
	t.Logf("one process then four at once: %s", time.Since(start))
	for k, err := range errs {
		if err != nil {
			t.Fatalf("process %d: %v\n%s", k, err, outs[k].String())
		}
	}
	exp := func(dsn string, args ...string) string {
		var out bytes.Buffer
		if err := (&exportCommand{stdout: &out}).Run(context.Background(), append([]string{"-db", dsn}, args...)); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	for _, args := range [][]string{{"-format", "jsonl"}, {"-wide", "-format", "jsonl"}} {
		a, b := exp(single, args...), exp(shared, args...)
		if a != b {
			al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
			for i := range al {
				if i < len(bl) && al[i] != bl[i] {
					t.Errorf("export %v differs at line %d:\none process: %s\nfour:        %s", args, i+1, al[i], bl[i])
					break
				}
			}
		}
	}
	if n := strings.Count(exp(shared, "-wide", "-format", "jsonl"), "\n"); n < 10 {
		t.Errorf("only %d reports", n)
	}
	findings := func(dsn string) string {
		db, err := corpus.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var all []string
		for _, name := range []string{"平潭综合实验区", "洪泽区人民政府"} {
			key, err := db.ResolveAgency(context.Background(), nil, name)
			if err != nil {
				t.Fatal(err)
			}
			cmp, err := db.Compare(context.Background(), key, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(cmp.Findings)
			all = append(all, string(b))
		}
		return strings.Join(all, "\n")
	}
	fa, fb := findings(single), findings(shared)
	if fa != fb {
		t.Errorf("cross-year findings differ:\none process: %s\nfour: %s", fa, fb)
	}
	if !strings.Contains(fa, `"rule":"D4"`) && !strings.Contains(fa, `"cross_year"`) {
		t.Errorf("no cross-year finding among the samples: the test would not see a lost check")
	}
}
