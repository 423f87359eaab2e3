package robustness

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/outrigger/outrigger/internal/proctest"
	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
)

var netDialer = net.Dialer{Timeout: 2 * time.Second}

const (
	sessionTTL = 10 * time.Second // the sidecars' own sessions (--session-ttl)
)

// member is one sidecar of the cluster, with fixed ports so that it can restart,
// and the proxy in front of its peer listener.
type member struct {
	name                   string
	dir                    string
	http, grpc, etcd, peer int
	px                     *proxy
	id                     string // etcd member id, hex, as in X-Server-From

	mu    sync.Mutex
	proc  *proctest.Proc
	state string // up, killed, paused, stopped
	// faulted: a fault hit this sidecar in this scenario (its registrations may go)
	faulted bool
	json    *jsonAPI
	g       *grpcAPI
}

func (m *member) httpAddr() string { return fmt.Sprintf("127.0.0.1:%d", m.http) }
func (m *member) etcdURL() string  { return fmt.Sprintf("http://127.0.0.1:%d", m.etcd) }

type cluster struct {
	t       *testing.T
	members []*member
	initial string
	log     *eventLog
}

func (c *cluster) args(m *member) []string {
	return []string{"run", "--name", m.name, "--data-dir", m.dir,
		"--http-addr", m.httpAddr(), "--grpc-addr", fmt.Sprintf("127.0.0.1:%d", m.grpc),
		"--etcd-client-url", m.etcdURL(), "--peer-url", fmt.Sprintf("http://127.0.0.1:%d", m.peer),
		"--advertise-peer-url", "http://" + m.px.addr(), "--initial-cluster", c.initial,
		"--progress-interval", "500ms", "--session-ttl", sessionTTL.String(), "--dead-member-timeout", "5m"}
}

// startCluster starts three sidecars by static bootstrap, every peer link through a proxy.
func startCluster(t *testing.T, seed int64, log *eventLog) *cluster {
	t.Helper()
	c := &cluster{t: t, log: log}
	port := func() int { return proctest.FreePort(t) }
	var initial []string
	for i := 0; i < 3; i++ {
		m := &member{name: fmt.Sprintf("n%d", i+1), dir: t.TempDir(), http: port(), grpc: port(), etcd: port(), peer: port()}
		px, err := newProxy(fmt.Sprintf("127.0.0.1:%d", m.peer), seed+int64(i))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(px.close)
		m.px = px
		m.json = newJSONAPI(m.name, m.httpAddr())
		g, err := newGRPCAPI(m.name, fmt.Sprintf("127.0.0.1:%d", m.grpc))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { g.conn.Close() })
		m.g = g
		c.members = append(c.members, m)
		initial = append(initial, fmt.Sprintf("%s=http://%s", m.name, px.addr()))
	}
	c.initial = strings.Join(initial, ",")
	for _, m := range c.members {
		m.proc = proctest.StartNoWait(t, nil, c.args(m)...)
		m.state = "up"
	}
	for _, m := range c.members {
		m.proc.WaitReady(t, time.Minute)
	}
	// Learn the member ids, to tell the proxies whose connections to cut.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := c.members[0].g.cluster.Status(ctx, &pb.ClusterStatusRequest{})
	if err != nil {
		t.Fatalf("cluster status: %v", err)
	}
	for _, pm := range st.Members {
		for _, m := range c.members {
			if m.name == pm.Name {
				m.id = strconv.FormatUint(pm.Id, 16)
			}
		}
	}
	for _, m := range c.members {
		if m.id == "" {
			t.Fatalf("member %s not in %v", m.name, st.Members)
		}
	}
	return c
}

func (c *cluster) byName(name string) *member {
	for _, m := range c.members {
		if m.name == name {
			return m
		}
	}
	return nil
}

// leader asks the members that are up which member leads, until one knows.
func (c *cluster) leader(ctx context.Context) (*member, error) {
	for ctx.Err() == nil {
		for _, m := range c.members {
			if m.getState() != "up" {
				continue
			}
			cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			st, err := m.g.cluster.Status(cctx, &pb.ClusterStatusRequest{})
			cancel()
			if err != nil {
				continue
			}
			for _, pm := range st.Members {
				if pm.Leader {
					if l := c.byName(pm.Name); l != nil {
						return l, nil
					}
				}
			}
		}
		sleepCtx(ctx, 200*time.Millisecond)
	}
	return nil, fmt.Errorf("no leader: %v", ctx.Err())
}

func (m *member) getState() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.state
}

func (m *member) setState(s string) {
	m.mu.Lock()
	m.state = s
	if s != "up" {
		m.faulted = true
	}
	m.mu.Unlock()
}

func (m *member) wasFaulted() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.faulted
}

func (m *member) markFaulted() {
	m.mu.Lock()
	m.faulted = true
	m.mu.Unlock()
}

func (c *cluster) kill(m *member) {
	c.log.add("kill -9 %s", m.name)
	m.setState("killed")
	m.proc.Kill()
}

func (c *cluster) stop(m *member) {
	c.log.add("SIGTERM %s", m.name)
	m.setState("stopped")
	m.proc.Stop(c.t)
}

func (c *cluster) pause(m *member) {
	c.log.add("SIGSTOP %s (at %s)", m.name, time.Now().UTC().Format("15:04:05.000"))
	m.setState("paused")
	m.proc.Pause()
}

func (c *cluster) resume(m *member) {
	c.log.add("SIGCONT %s (at %s)", m.name, time.Now().UTC().Format("15:04:05.000"))
	m.proc.Resume()
	m.setState("up")
}

// restart starts a stopped or killed member again with its data, and waits for it.
func (c *cluster) restart(m *member) {
	c.log.add("restart %s", m.name)
	m.proc = proctest.StartNoWait(c.t, nil, c.args(m)...)
	m.proc.WaitReady(c.t, time.Minute)
	m.setState("up")
	c.log.add("%s ready again", m.name)
}

// waitReady waits until every member answers /readyz with 200.
func (c *cluster) waitReady(ctx context.Context) error {
	hc := &http.Client{Timeout: 2 * time.Second}
	for _, m := range c.members {
		for {
			resp, err := hc.Get("http://" + m.httpAddr() + "/readyz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					break
				}
			}
			if ctx.Err() != nil {
				return fmt.Errorf("%s not ready: %v", m.name, ctx.Err())
			}
			sleepCtx(ctx, 200*time.Millisecond)
		}
	}
	return nil
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// eventLog is the timeline of faults, for the test log and the report.
type eventLog struct {
	mu    sync.Mutex
	start time.Time
	lines []string
	t     testing.TB
}

func (l *eventLog) add(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := fmt.Sprintf("%6.2fs "+format, append([]any{time.Since(l.start).Seconds()}, args...)...)
	l.lines = append(l.lines, s)
	l.t.Log(s)
}
