package corpus

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoCgoDeps checks that programs reading the corpus do not link the
// segmenter: the package takes its stages as functions (cmd/nianbao wires
// segment and audit).
func TestNoCgoDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasSuffix(dep, "/segment") || strings.Contains(dep, "/segment/") || strings.Contains(dep, "gojieba") ||
			strings.HasSuffix(dep, "/extract/audit") {
			t.Errorf("corpus depends on %s", dep)
		}
	}
}
