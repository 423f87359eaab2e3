// Package proc runs the processes a benchmark measures: outrigger sidecars built
// from this repository, on free loopback ports, with their data in a temporary
// directory. Everything it starts is stopped, and every directory it made is
// removed, by Manager.Close, also when the harness fails or is interrupted.
package proc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Manager owns a temporary directory and every process started in it.
type Manager struct {
	Root string // temporary directory: binaries and data dirs
	mu   sync.Mutex
	all  []*Node
	// Retries counts sidecars started again because they exited before ready.
	Retries atomic.Int64
}

// NewManager makes the temporary directory (under parent, or the system's temp dir).
func NewManager(parent string) (*Manager, error) {
	if parent != "" {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return nil, err
		}
	}
	dir, err := os.MkdirTemp(parent, "outrigger-bench-")
	if err != nil {
		return nil, err
	}
	return &Manager{Root: dir}, nil
}

// Close kills every process still running and removes the temporary directory.
func (m *Manager) Close() {
	m.mu.Lock()
	nodes := append([]*Node(nil), m.all...)
	m.mu.Unlock()
	for _, n := range nodes {
		n.Kill()
	}
	os.RemoveAll(m.Root)
}

// Build compiles a main package of the repository at repoRoot into the temp dir.
func (m *Manager) Build(ctx context.Context, repoRoot, pkg, name string) (string, error) {
	out := filepath.Join(m.Root, "bin", name)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	cmd.Dir = repoRoot
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
	}
	return out, nil
}

// DataDir makes a new empty data directory.
func (m *Manager) DataDir(name string) (string, error) {
	return os.MkdirTemp(m.Root, "data-"+name+"-")
}

// Node is one running sidecar process.
type Node struct {
	Name    string
	DataDir string
	Args    []string
	HTTP    string        // JSON API address (host:port)
	GRPC    string        // gRPC API address
	EtcdURL string        // the member's etcd client URL
	PeerURL string        // the member's peer URL
	Took    time.Duration // start-to-ready as the sidecar logs it ("took=")
	Wall    time.Duration // exec to ready line, as the harness sees it

	cmd     *exec.Cmd
	mu      sync.Mutex
	log     bytes.Buffer
	ready   chan map[string]string
	done    chan struct{}
	waitErr error
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

var attr = regexp.MustCompile(`([\w-]+)=("[^"]*"|\S+)`)

// Spec says how to start a sidecar.
type Spec struct {
	Binary  string
	Name    string
	DataDir string   // "" makes a new one
	Extra   []string // more flags (e.g. --initial-cluster, --session-ttl)
	PeerURL string   // "" picks a free port
	Env     []string
}

// Start runs `binary run` with loopback-only, port-0 addresses, and waits up to
// timeout for its ready line.
// A sidecar that exits before it is ready is started once more (this machine is
// shared; an outside signal must not sink a whole section); Retries counts those.
func (m *Manager) Start(ctx context.Context, s Spec, timeout time.Duration) (*Node, error) {
	var err error
	for attempt := 0; attempt < 2; attempt++ {
		var n *Node
		n, err = m.StartNoWait(s)
		if err != nil {
			return nil, err
		}
		if err = n.WaitReady(ctx, timeout); err == nil {
			return n, nil
		}
		n.Kill()
		if ctx.Err() != nil || n.Running() {
			break
		}
		m.Retries.Add(1)
	}
	return nil, err
}

// StartNoWait starts a sidecar without waiting for it to be ready.
func (m *Manager) StartNoWait(s Spec) (*Node, error) {
	if s.DataDir == "" {
		d, err := m.DataDir(s.Name)
		if err != nil {
			return nil, err
		}
		s.DataDir = d
	}
	if s.PeerURL == "" {
		s.PeerURL = "http://127.0.0.1:0"
	}
	args := []string{"run", "--name", s.Name, "--data-dir", s.DataDir,
		"--http-addr", "127.0.0.1:0", "--grpc-addr", "127.0.0.1:0",
		"--etcd-client-url", "http://127.0.0.1:0", "--peer-url", s.PeerURL}
	args = append(args, s.Extra...)
	n := &Node{Name: s.Name, DataDir: s.DataDir, Args: args, ready: make(chan map[string]string, 1), done: make(chan struct{})}
	n.cmd = exec.Command(s.Binary, args...)
	n.cmd.Env = append(os.Environ(), s.Env...)
	// Own process group (a terminal's Ctrl-C reaches the harness, which stops
	// its nodes itself), and killed if the harness dies without cleaning up.
	n.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	stderr, err := n.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	n.cmd.Stdout = writerFunc(func(b []byte) (int, error) {
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.log.Len() < 1<<20 {
			n.log.Write(b)
		}
		return len(b), nil
	})
	start := time.Now()
	if err := n.cmd.Start(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	m.all = append(m.all, n)
	m.mu.Unlock()
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			n.mu.Lock()
			if n.log.Len() < 1<<20 {
				n.log.WriteString(line + "\n")
			}
			n.mu.Unlock()
			if strings.Contains(line, `msg="outrigger ready"`) {
				f := map[string]string{"wall": time.Since(start).String()}
				for _, m := range attr.FindAllStringSubmatch(line, -1) {
					f[m[1]] = strings.Trim(m[2], `"`)
				}
				select {
				case n.ready <- f:
				default:
				}
			}
		}
		n.waitErr = n.cmd.Wait()
		close(n.done)
	}()
	return n, nil
}

// WaitReady waits for the ready line and records what it says.
func (n *Node) WaitReady(ctx context.Context, timeout time.Duration) error {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case f := <-n.ready:
		n.HTTP, n.GRPC, n.EtcdURL, n.PeerURL = f["http"], f["grpc"], f["etcd-client"], f["peer"]
		n.Took, _ = time.ParseDuration(f["took"])
		n.Wall, _ = time.ParseDuration(f["wall"])
		return nil
	case <-n.done:
		return fmt.Errorf("outrigger %s exited before ready (%v):\n%s", n.Name, n.waitErr, n.Log())
	case <-t.C:
		return fmt.Errorf("outrigger %s not ready after %s:\n%s", n.Name, timeout, n.Log())
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Log is what the process wrote so far (its first MiB).
func (n *Node) Log() string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.log.String()
}

// Pid is the process id.
func (n *Node) Pid() int { return n.cmd.Process.Pid }

// Running reports whether the process has not exited.
func (n *Node) Running() bool {
	select {
	case <-n.done:
		return false
	default:
		return true
	}
}

// Stop sends SIGTERM and waits up to 20s for a graceful stop, then kills.
func (n *Node) Stop() error {
	if !n.Running() {
		return nil
	}
	n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-n.done:
		var ee *exec.ExitError
		if n.waitErr != nil && !errors.As(n.waitErr, &ee) {
			return n.waitErr
		}
		if n.waitErr != nil {
			return fmt.Errorf("outrigger %s: %v", n.Name, n.waitErr)
		}
		return nil
	case <-time.After(20 * time.Second):
		n.Kill()
		return fmt.Errorf("outrigger %s did not stop within 20s after SIGTERM; killed", n.Name)
	}
}

// Kill sends SIGKILL and waits for the process to go.
func (n *Node) Kill() {
	if !n.Running() {
		return
	}
	n.cmd.Process.Kill()
	select {
	case <-n.done:
	case <-time.After(5 * time.Second):
	}
}

// RSS is the resident set size of the process in bytes (0 if unknown).
func (n *Node) RSS() int64 { return RSS(n.Pid()) }

// CPU is the user+system CPU time the process used so far.
func (n *Node) CPU() time.Duration { return CPU(n.Pid()) }

// RSS reads VmRSS of a process from /proc.
func RSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// clockTicks is USER_HZ, 100 on every Linux we run on.
const clockTicks = 100

// CPU reads utime+stime of a process from /proc.
func CPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	// After the command: state(0) ppid(1) ... utime(11) stime(12).
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+st) * time.Second / clockTicks
}

// Sampler records the peak RSS of a process while it runs.
type Sampler struct {
	stop chan struct{}
	done chan struct{}
	peak int64
}

// SampleRSS samples the RSS of pid every interval until Stop.
func SampleRSS(pid int, every time.Duration) *Sampler {
	s := &Sampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if r := RSS(pid); r > s.peak {
				s.peak = r
			}
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// Stop ends sampling and returns the peak RSS seen.
func (s *Sampler) Stop() int64 {
	close(s.stop)
	<-s.done
	return s.peak
}
