package test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/outrigger/outrigger/internal/proctest"
)

// The README's curl walkthrough runs as written against a fresh sidecar (on the
// test's ports instead of the default ones).
func TestReadmeWalkthrough(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "<!-- walkthrough:start -->\n```sh\n")
	block, _, ok2 := strings.Cut(block, "```\n<!-- walkthrough:end -->")
	if !ok || !ok2 {
		t.Fatal("README has no walkthrough block")
	}
	n := newNode(t)
	proctest.Start(t, nil, n.args()...)
	script := strings.NewReplacer(
		"localhost:7400", fmt.Sprintf("127.0.0.1:%d", n.http),
		"go run ./cmd/outrigger", proctest.Binary(t),
	).Replace(block)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-euo", "pipefail", "-c", script)
	cmd.Env = append(os.Environ(), fmt.Sprintf("OUTRIGGER_ADDR=127.0.0.1:%d", n.grpc))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("walkthrough failed: %v\n%s", err, out)
	}
	for _, want := range []string{
		`"key":"app/greeting","value":"hello"`, `"code":10`, `"succeeded":false`,
		`"events":[{"type":"PUT","key":"app/greeting","value":"hello again"`,
		`"acquired":true`, `"key":"jobs/nightly/last-run"`, `"released":true`,
		`"service":"web","id":"web-1"`, `"role":"voter"`, "app/greeting = hello again",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("walkthrough output lacks %s:\n%s", want, out)
		}
	}
}
