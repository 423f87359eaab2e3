// Package test holds the cross-process suites: real outrigger processes on
// loopback ports, driven over their APIs and CLI.
package test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/outrigger/outrigger/internal/proctest"
)

// node is the flags of one single-node sidecar with fixed ports, so that a restart
// serves on the same addresses.
type node struct {
	dir                    string
	http, grpc, etcd, peer int
}

func newNode(t *testing.T) node {
	return node{dir: t.TempDir(), http: proctest.FreePort(t), grpc: proctest.FreePort(t),
		etcd: proctest.FreePort(t), peer: proctest.FreePort(t)}
}

func (n node) args(extra ...string) []string {
	return append([]string{"run", "--name", "n1", "--data-dir", n.dir,
		"--http-addr", fmt.Sprintf("127.0.0.1:%d", n.http), "--grpc-addr", fmt.Sprintf("127.0.0.1:%d", n.grpc),
		"--etcd-client-url", fmt.Sprintf("http://127.0.0.1:%d", n.etcd), "--peer-url", fmt.Sprintf("http://127.0.0.1:%d", n.peer)},
		extra...)
}

func (n node) url() string { return fmt.Sprintf("http://127.0.0.1:%d", n.http) }

// call calls the JSON API and decodes the answer.
func call(t *testing.T, base, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	return resp.StatusCode, m
}

func mustCall(t *testing.T, want int, base, method, path, body string) map[string]any {
	t.Helper()
	code, m := call(t, base, method, path, body)
	if code != want {
		t.Fatalf("%s %s %s: %d, want %d: %v", method, path, body, code, want, m)
	}
	return m
}

func str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}
