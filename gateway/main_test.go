package gateway_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/outrigger/outrigger/internal/testenv"
)

// shared is one sidecar for the tests that need nothing special; each test uses
// keys and names of its own.
var shared *testenv.Sidecar

func TestMain(m *testing.M) {
	var err error
	shared, err = testenv.StartShared(testenv.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "start shared sidecar:", err)
		os.Exit(1)
	}
	code := m.Run()
	shared.Stop()
	os.RemoveAll(shared.DataDir)
	os.Exit(code)
}

// str reads a JSON field as a string ("" when absent).
func str(m map[string]any, key string) string {
	if v, ok := m[key].(string); ok {
		return v
	}
	return ""
}
