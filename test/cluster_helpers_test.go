package test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/outrigger/outrigger/internal/proctest"
)

// member is one sidecar of a test cluster, with fixed ports so it can restart.
type member struct {
	name string
	node
	proc  *proctest.Proc
	extra []string
}

func (m *member) args() []string {
	a := append([]string{"run", "--name", m.name, "--data-dir", m.dir,
		"--http-addr", fmt.Sprintf("127.0.0.1:%d", m.http), "--grpc-addr", fmt.Sprintf("127.0.0.1:%d", m.grpc),
		"--etcd-client-url", fmt.Sprintf("http://127.0.0.1:%d", m.etcd), "--peer-url", fmt.Sprintf("%s://127.0.0.1:%d", m.peerScheme(), m.peer),
		"--progress-interval", "500ms"}, m.extra...)
	return a
}

func (m *member) peerScheme() string {
	for _, a := range m.extra {
		if strings.HasPrefix(a, "--peer-cert-file") || a == "--peer-auto-tls" {
			return "https"
		}
	}
	return "http"
}

func (m *member) start(t *testing.T) {
	t.Helper()
	m.proc = proctest.Start(t, nil, m.args()...)
}

func newMember(t *testing.T, name string, extra ...string) *member {
	return &member{name: name, node: newNode(t), extra: extra}
}

// staticCluster starts n members bootstrapped with --initial-cluster, at once.
func staticCluster(t *testing.T, n int, extra ...string) []*member {
	t.Helper()
	ms := make([]*member, n)
	var initial []string
	for i := range ms {
		ms[i] = newMember(t, fmt.Sprintf("n%d", i+1), extra...)
		initial = append(initial, fmt.Sprintf("%s=%s://127.0.0.1:%d", ms[i].name, ms[i].peerScheme(), ms[i].peer))
	}
	for _, m := range ms {
		m.extra = append(m.extra, "--initial-cluster", strings.Join(initial, ","))
		m.proc = proctest.StartNoWait(t, nil, m.args()...)
	}
	for _, m := range ms {
		m.proc.WaitReady(t, time.Minute)
	}
	return ms
}

// roles counts the members of each role as node m sees them.
func roles(t *testing.T, m *member) (voters, learners int, names []string) {
	t.Helper()
	st := mustCall(t, 200, m.url(), "GET", "/v1/cluster", "")
	for _, x := range st["members"].([]any) {
		mm := x.(map[string]any)
		names = append(names, mm["name"].(string))
		if mm["learner"] == true {
			learners++
		} else {
			voters++
		}
	}
	return voters, learners, names
}

// callQuiet calls the JSON API and returns status 0 on a transport error.
func callQuiet(base, method, path, body string) (int, map[string]any) {
	return callWithin(5*time.Second, base, method, path, body)
}

// callWithin is callQuiet with a deadline of d.
func callWithin(d time.Duration, base, method, path, body string) (int, map[string]any) {
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		return 0, nil
	}
	resp, err := (&http.Client{Timeout: d}).Do(req)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

func removeAll(dir string) error { return os.RemoveAll(dir) }

// watchEvent is one event of a config watch.
type watchEvent struct {
	rev, typ, key, value string
}

// watchStream reads a config watch stream line by line.
type watchStream struct {
	lines chan map[string]any
	body  io.Closer
}

// openWatch opens GET /v1/config:watch on base; it is closed when the test ends.
func openWatch(t *testing.T, base, prefix string, start int64) *watchStream {
	t.Helper()
	resp, err := http.Get(fmt.Sprintf("%s/v1/config:watch?prefix=%s&startRevision=%d", base, prefix, start))
	if err != nil {
		t.Fatal(err)
	}
	w := &watchStream{lines: make(chan map[string]any, 4096), body: resp.Body}
	go func() {
		defer close(w.lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) == nil {
				w.lines <- m
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	if _, ok := w.next(t, 10*time.Second)["progressRevision"]; !ok {
		t.Fatal("watch did not start with a progress line")
	}
	return w
}

// next returns the next line; nil when the stream ended.
func (w *watchStream) next(t *testing.T, d time.Duration) map[string]any {
	t.Helper()
	select {
	case m := <-w.lines:
		return m
	case <-time.After(d):
		t.Fatalf("no watch line within %s", d)
	}
	return nil
}

// nextEvent skips to the next event.
func (w *watchStream) nextEvent(t *testing.T) watchEvent {
	t.Helper()
	for {
		m := w.next(t, 10*time.Second)
		if m == nil {
			t.Fatal("watch stream ended")
		}
		if evs, ok := m["events"].([]any); ok && len(evs) > 0 {
			e := evs[0].(map[string]any)
			return watchEvent{rev: str(m, "revision"), typ: str(e, "type"), key: str(e, "key"), value: str(e, "value")}
		}
	}
}
