// Package proctest runs real outrigger processes for cross-process tests: it
// builds the binary once, starts sidecars on free loopback ports and stops them
// (and removes their data) when the test ends, even when it fails.
package proctest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/outrigger/outrigger/internal/freeport"
)

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// Binary is the path of the outrigger binary: $OUTRIGGER_BIN, or one built from
// this repository into a temporary directory.
func Binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if bin := os.Getenv("OUTRIGGER_BIN"); bin != "" {
			binary = bin
			return
		}
		_, file, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(file), "..", "..")
		dir, err := os.MkdirTemp("", "outrigger-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "outrigger")
		cmd := exec.Command("go", "build", "-o", binary, "./cmd/outrigger")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v: %s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binary
}

// FreePort returns a free loopback port, never one it returned before.
func FreePort(t testing.TB) int {
	t.Helper()
	port, err := freeport.Pick()
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// Proc is a running outrigger process.
type Proc struct {
	Args  []string
	HTTP  string // JSON API address, from the ready line
	GRPC  string
	cmd   *exec.Cmd
	mu    sync.Mutex
	log   bytes.Buffer
	ready chan map[string]string
	done  chan struct{}
	err   error
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

var attr = regexp.MustCompile(`([\w-]+)=("[^"]*"|\S+)`)

// Start runs `outrigger args...` and waits (up to a minute) for its ready line.
// The process is stopped when the test ends.
func Start(t testing.TB, env []string, args ...string) *Proc {
	t.Helper()
	p := StartNoWait(t, env, args...)
	p.WaitReady(t, time.Minute)
	return p
}

// StartNoWait runs `outrigger args...` without waiting for it to be ready.
func StartNoWait(t testing.TB, env []string, args ...string) *Proc {
	t.Helper()
	return StartProgram(t, env, Binary(t), args...)
}

// StartProgram runs program with args (a wrapper that runs outrigger, such as
// `ip netns exec NS outrigger ...`), without waiting for it to be ready.
func StartProgram(t testing.TB, env []string, program string, args ...string) *Proc {
	t.Helper()
	p := &Proc{Args: args, ready: make(chan map[string]string, 1), done: make(chan struct{})}
	p.cmd = exec.Command(program, args...)
	p.cmd.Env = append(os.Environ(), env...)
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	p.cmd.Stdout = writerFunc(func(b []byte) (int, error) {
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.log.Write(b)
	})
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			p.mu.Lock()
			p.log.WriteString(line + "\n")
			p.mu.Unlock()
			if strings.Contains(line, `msg="outrigger ready"`) {
				fields := map[string]string{}
				for _, m := range attr.FindAllStringSubmatch(line, -1) {
					fields[m[1]] = strings.Trim(m[2], `"`)
				}
				p.ready <- fields
			}
		}
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.Kill()
		if t.Failed() {
			t.Logf("outrigger %s log:\n%s", strings.Join(args, " "), p.Log())
		}
	})
	return p
}

// WaitReady waits for the ready line and records the addresses it gives.
func (p *Proc) WaitReady(t testing.TB, d time.Duration) map[string]string {
	t.Helper()
	select {
	case f := <-p.ready:
		p.HTTP, p.GRPC = f["http"], f["grpc"]
		return f
	case <-p.done:
		t.Fatalf("outrigger exited before ready (%v):\n%s", p.err, p.Log())
	case <-time.After(d):
		t.Fatalf("outrigger not ready after %s:\n%s", d, p.Log())
	}
	return nil
}

// Log is everything the process wrote so far.
func (p *Proc) Log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.String()
}

// Stop sends SIGTERM and waits up to 30s for the process to exit; it returns the exit error.
func (p *Proc) Stop(t testing.TB) error {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
		return p.err
	case <-time.After(30 * time.Second):
		p.Kill()
		t.Fatalf("outrigger did not stop within 30s of SIGTERM:\n%s", p.Log())
	}
	return nil
}

// Kill ends the process at once (SIGKILL) and waits for it.
func (p *Proc) Kill() {
	if p.cmd.Process != nil {
		p.cmd.Process.Kill()
	}
	<-p.done
}

// Signal sends sig to the process.
func (p *Proc) Signal(sig os.Signal) { p.cmd.Process.Signal(sig) }

// Run runs `outrigger args...` to completion (up to d) and returns its output and exit code.
func Run(t testing.TB, d time.Duration, env []string, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	cmd := exec.CommandContext(ctx, Binary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("outrigger %s: not done within %s:\n%s", strings.Join(args, " "), d, out)
	}
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// Wait waits for the process to exit by itself and returns its exit error.
func (p *Proc) Wait() error {
	<-p.done
	return p.err
}
