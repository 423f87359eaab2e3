package test

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/outrigger/outrigger/internal/proctest"
)

const cliWait = 30 * time.Second

func TestCLIConfigServicesMembersHealth(t *testing.T) {
	n := newNode(t)
	proctest.Start(t, nil, n.args()...)
	env := []string{fmt.Sprintf("OUTRIGGER_ADDR=127.0.0.1:%d", n.grpc), fmt.Sprintf("OUTRIGGER_HTTP_ADDR=127.0.0.1:%d", n.http)}
	run := func(want int, args ...string) string {
		t.Helper()
		out, code := proctest.Run(t, cliWait, env, args...)
		if code != want {
			t.Fatalf("outrigger %s: exit %d, want %d:\n%s", strings.Join(args, " "), code, want, out)
		}
		return out
	}
	if out := run(0, "config", "put", "app/greeting", "hello world"); !strings.Contains(out, "app/greeting = hello world") {
		t.Fatalf("put: %s", out)
	}
	if out := run(0, "config", "get", "app/greeting"); out != "hello world\n" {
		t.Fatalf("get: %q", out)
	}
	if out := run(0, "config", "get", "app/greeting", "-o", "json"); !strings.Contains(out, `"value":"hello world"`) && !strings.Contains(out, `"value": "hello world"`) {
		t.Fatalf("get -o json: %q", out)
	}
	run(1, "config", "put", "app/greeting", "x", "--if-revision", "0")
	run(0, "config", "put", "app/other", "2")
	if out := run(0, "config", "ls", "app/"); out != "app/greeting = hello world\napp/other = 2\n" {
		t.Fatalf("ls: %q", out)
	}
	if out := run(1, "config", "get", "nope"); !strings.Contains(out, "not found") {
		t.Fatalf("get of a missing key: %q", out)
	}
	run(0, "config", "rm", "app/", "--prefix")
	run(1, "config", "get", "app/greeting")
	run(2, "config", "frobnicate")

	mustCall(t, 200, n.url(), "PUT", "/v1/services/web/instances/i1", `{"address":"127.0.0.1","port":8080,"metadata":{"zone":"a"}}`)
	if out := run(0, "services"); out != "web\n" {
		t.Fatalf("services: %q", out)
	}
	if out := run(0, "services", "web"); !strings.Contains(out, "i1\t127.0.0.1:8080") || !strings.Contains(out, "zone=a") {
		t.Fatalf("services web: %q", out)
	}
	if out := run(0, "members"); !strings.Contains(out, "n1") || !strings.Contains(out, "voter") {
		t.Fatalf("members: %q", out)
	}
	run(0, "health")
	if out, code := proctest.Run(t, cliWait, nil, "health", "--http-addr", fmt.Sprintf("127.0.0.1:%d", proctest.FreePort(t))); code != 1 {
		t.Fatalf("health of nothing: %d %s", code, out)
	}
}

func TestCLIConfigWatch(t *testing.T) {
	n := newNode(t)
	proctest.Start(t, nil, n.args()...)
	addr := fmt.Sprintf("127.0.0.1:%d", n.grpc)
	mustCall(t, 200, n.url(), "PUT", "/v1/config/w/a", `{"value":"1"}`)
	w := proctest.StartNoWait(t, nil, "config", "watch", "w/", "--addr", addr, "--start-revision", "1")
	deadline := time.Now().Add(cliWait)
	for !strings.Contains(w.Log(), "PUT w/a = 1") {
		if time.Now().After(deadline) {
			t.Fatalf("watch output: %q", w.Log())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestCLILockRunsCommandWithFencingToken(t *testing.T) {
	n := newNode(t)
	proctest.Start(t, nil, n.args()...)
	addr := fmt.Sprintf("127.0.0.1:%d", n.grpc)
	out, code := proctest.Run(t, cliWait, nil, "lock", "job", "--addr", addr, "--", "sh", "-c", `echo token=$OUTRIGGER_FENCING_TOKEN; exit 7`)
	if code != 7 || !strings.Contains(out, "token=") || strings.Contains(out, "token=\n") {
		t.Fatalf("lock: exit %d, output %q", code, out)
	}
	mustCall(t, 404, n.url(), "GET", "/v1/locks/job", "") // released after the command
}

func TestCLILockStopsCommandWhenLockLost(t *testing.T) {
	n := newNode(t)
	proctest.Start(t, nil, n.args()...)
	addr := fmt.Sprintf("127.0.0.1:%d", n.grpc)
	holder := proctest.StartNoWait(t, nil, "lock", "job", "--addr", addr, "--ttl", "3", "--", "sleep", "60")
	var lock map[string]any
	deadline := time.Now().Add(cliWait)
	for {
		code, m := call(t, n.url(), "GET", "/v1/locks/job", "")
		if code == 200 {
			lock = m
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the lock was never taken: %s", holder.Log())
		}
		time.Sleep(50 * time.Millisecond)
	}
	start := time.Now()
	mustCall(t, 200, n.url(), "DELETE", "/v1/sessions/"+str(lock, "sessionId"), "")
	done := make(chan error, 1)
	go func() { done <- holder.Wait() }()
	select {
	case err := <-done:
		if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
			t.Fatalf("lock command exit: %v", err)
		}
		if !strings.Contains(holder.Log(), "lost") {
			t.Fatalf("no word of the loss: %s", holder.Log())
		}
		t.Logf("command stopped %s after its session was deleted", time.Since(start).Round(time.Millisecond))
	case <-time.After(cliWait):
		t.Fatalf("the command still runs %s after the lock was lost", cliWait)
	}
}
