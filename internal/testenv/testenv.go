// Package testenv starts real sidecars for tests: an embedded etcd member and the
// API on free loopback ports, in a temporary directory.
package testenv

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/outrigger/outrigger/gateway"
	"github.com/outrigger/outrigger/sidecar"
	clientv3 "go.etcd.io/etcd/client/v3"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// Options of a test sidecar.
type Options struct {
	APIToken         string
	ProgressInterval time.Duration
	SessionTTL       time.Duration
	DataDir          string // default: a new temporary directory
}

// Sidecar is a running test sidecar.
type Sidecar struct {
	S       *sidecar.Sidecar
	G       *gateway.Server
	URL     string // base URL of the JSON API
	Conn    *grpc.ClientConn
	Etcd    *clientv3.Client // a network client of the member, for compaction and checks
	DataDir string
	token   string
}

// Start starts a sidecar that stops when the test ends.
func Start(t testing.TB, opts Options) *Sidecar {
	t.Helper()
	if opts.DataDir == "" {
		opts.DataDir = t.TempDir()
	}
	s, err := start(opts)
	if err != nil {
		t.Fatalf("start sidecar: %v", err)
	}
	t.Cleanup(s.Stop)
	return s
}

// StartShared starts a sidecar for a whole package (from TestMain); the caller stops it.
func StartShared(opts Options) (*Sidecar, error) {
	if opts.DataDir == "" {
		dir, err := os.MkdirTemp("", "outrigger-test-")
		if err != nil {
			return nil, err
		}
		opts.DataDir = dir
	}
	return start(opts)
}

func start(opts Options) (*Sidecar, error) {
	if opts.ProgressInterval == 0 {
		opts.ProgressInterval = 500 * time.Millisecond
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := sidecar.Start(ctx, sidecar.Options{
		Name: "test", DataDir: opts.DataDir, EtcdClientURL: "http://127.0.0.1:0", PeerURL: "http://127.0.0.1:0",
		ProgressInterval: opts.ProgressInterval, SessionTTL: opts.SessionTTL, Logger: log, EtcdLogLevel: slog.LevelError,
	})
	if err != nil {
		return nil, err
	}
	g, err := gateway.Listen(s, gateway.Options{HTTPAddr: "127.0.0.1:0", GRPCAddr: "127.0.0.1:0", APIToken: opts.APIToken, Logger: log})
	if err != nil {
		s.Close()
		return nil, err
	}
	conn, err := grpc.NewClient(g.GRPCAddr(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	etcd, err := clientv3.New(clientv3.Config{Endpoints: []string{s.EtcdClientURL()}, DialTimeout: 5 * time.Second})
	if err != nil {
		return nil, err
	}
	return &Sidecar{S: s, G: g, URL: "http://" + g.HTTPAddr(), Conn: conn, Etcd: etcd, DataDir: opts.DataDir, token: opts.APIToken}, nil
}

// Stop stops the sidecar gracefully, as on SIGTERM.
func (s *Sidecar) Stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s.Etcd.Close()
	s.Conn.Close()
	s.S.ReleaseOwned(ctx)
	s.G.Stop(ctx)
	s.S.Close()
}

// Response is an answer of the JSON API.
type Response struct {
	Status int
	Body   []byte
}

// JSON decodes the body into a map.
func (r Response) JSON(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatalf("answer %d is not a JSON object: %v: %s", r.Status, err, r.Body)
	}
	return m
}

// Do calls the JSON API with the sidecar's token (if any); body is sent as is.
func (s *Sidecar) Do(t testing.TB, method, path, body string) Response {
	t.Helper()
	return s.DoWithToken(t, s.token, method, path, body)
}

// DoWithToken calls the JSON API with the given bearer token ("" sends none).
func (s *Sidecar) DoWithToken(t testing.TB, token, method, path, body string) Response {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, s.URL+path, bytes.NewBufferString(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read answer: %v", method, path, err)
	}
	return Response{Status: resp.StatusCode, Body: b}
}

// MustDo is Do that fails the test unless the status is want; it returns the JSON body.
func (s *Sidecar) MustDo(t testing.TB, want int, method, path, body string) map[string]any {
	t.Helper()
	r := s.Do(t, method, path, body)
	if r.Status != want {
		t.Fatalf("%s %s %s: status %d, want %d: %s", method, path, body, r.Status, want, r.Body)
	}
	return r.JSON(t)
}

// Compact compacts the member's history up to the current revision and returns it.
func (s *Sidecar) Compact(t testing.TB) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := s.Etcd.Get(ctx, "compact-probe")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Etcd.Compact(ctx, resp.Header.Revision, clientv3.WithCompactPhysical()); err != nil {
		t.Fatalf("compact at %d: %v", resp.Header.Revision, err)
	}
	return resp.Header.Revision
}

// Eventually retries cond until it returns nil or the deadline passes.
func Eventually(t testing.TB, within time.Duration, what string, cond func() error) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		err := cond()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not true after %s: %v", what, within, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Errorf is fmt.Errorf, for Eventually conditions.
var Errorf = fmt.Errorf
