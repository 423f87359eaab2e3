package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/outrigger/outrigger/bench/internal/proc"
	"github.com/outrigger/outrigger/bench/internal/stats"
	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// configRoot is where Outrigger keeps config keys in etcd (docs/api.md), so the
// direct etcd client reads and writes the very keys the API serves.
const configRoot = "/outrigger/config/"

// conns are the three ways to one sidecar.
type conns struct {
	node *proc.Node
	etcd *clientv3.Client
	grpc *grpc.ClientConn
	http *http.Client
	base string // http://host:port

	stopOnce sync.Once
}

func dial(n *proc.Node, maxConns int) (*conns, error) {
	etcd, err := newEtcd(n.EtcdURL)
	if err != nil {
		return nil, fmt.Errorf("etcd client: %w", err)
	}
	g, err := dialGRPC(n.GRPC)
	if err != nil {
		etcd.Close()
		return nil, fmt.Errorf("grpc client: %w", err)
	}
	return &conns{node: n, etcd: etcd, grpc: g, http: httpClient(maxConns), base: "http://" + n.HTTP}, nil
}

func httpClient(maxConns int) *http.Client {
	return &http.Client{Transport: &http.Transport{
		MaxIdleConns: maxConns + 16, MaxIdleConnsPerHost: maxConns + 16, IdleConnTimeout: time.Minute,
		DisableCompression: true, ForceAttemptHTTP2: false,
	}}
}

func (c *conns) Close() {
	c.etcd.Close()
	c.grpc.Close()
	c.http.CloseIdleConnections()
}

// startSingle starts one fresh sidecar and dials it.
func (b *bench) startSingle(ctx context.Context, name string, maxConns int, extra ...string) (*conns, error) {
	n, err := b.mgr.Start(ctx, proc.Spec{Binary: b.binary, Name: name, Extra: extra}, time.Minute)
	if err != nil {
		return nil, err
	}
	c, err := dial(n, maxConns)
	if err != nil {
		n.Kill()
		return nil, err
	}
	return c, nil
}

func (c *conns) stop() {
	c.stopOnce.Do(func() {
		c.Close()
		c.node.Stop()
	})
}

// kvClient is one transport's put and get.
type kvClient interface {
	put(ctx context.Context, key, value string) error
	get(ctx context.Context, key string, serializable bool) error
}

type etcdKV struct{ c *clientv3.Client }

func (e etcdKV) put(ctx context.Context, key, value string) error {
	_, err := e.c.Put(ctx, configRoot+key, value)
	return err
}

func (e etcdKV) get(ctx context.Context, key string, serializable bool) error {
	var opts []clientv3.OpOption
	if serializable {
		opts = append(opts, clientv3.WithSerializable())
	}
	resp, err := e.c.Get(ctx, configRoot+key, opts...)
	if err == nil && len(resp.Kvs) == 0 {
		err = fmt.Errorf("key %q not found", key)
	}
	return err
}

type grpcKV struct{ c pb.ConfigServiceClient }

func (g grpcKV) put(ctx context.Context, key, value string) error {
	_, err := g.c.Put(ctx, &pb.PutConfigRequest{Key: key, Value: value})
	return err
}

func (g grpcKV) get(ctx context.Context, key string, serializable bool) error {
	_, err := g.c.Get(ctx, &pb.GetConfigRequest{Key: key, Serializable: serializable})
	return err
}

type jsonKV struct {
	c    *http.Client
	base string
}

func (j jsonKV) do(ctx context.Context, method, url string, body []byte) error {
	var r io.Reader
	if body != nil {
		r = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := j.c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s: %s", method, url, resp.Status, b)
	}
	return nil
}

func (j jsonKV) put(ctx context.Context, key, value string) error {
	body, _ := json.Marshal(map[string]string{"value": value})
	return j.do(ctx, http.MethodPut, j.base+"/v1/config/"+key, body)
}

func (j jsonKV) get(ctx context.Context, key string, serializable bool) error {
	url := j.base + "/v1/config/" + key
	if serializable {
		url += "?serializable=true"
	}
	return j.do(ctx, http.MethodGet, url, nil)
}

// transports in the order they are reported: the baseline first.
var transports = []string{"etcd", "grpc", "json"}

var transportTitle = map[string]string{
	"etcd": "etcd client, direct", "grpc": "Outrigger gRPC", "json": "Outrigger JSON",
}

func (c *conns) kv(transport string) kvClient {
	switch transport {
	case "etcd":
		return etcdKV{c.etcd}
	case "grpc":
		return grpcKV{pb.NewConfigServiceClient(c.grpc)}
	default:
		return jsonKV{c.http, c.base}
	}
}

// kvOps: put, linearizable get, serializable get.
var kvOps = []string{"put", "get", "sget"}

var opTitle = map[string]string{"put": "put", "get": "linearizable get", "sget": "serializable get"}

func kvOp(cl kvClient, op string, value string) func(ctx context.Context, key string) error {
	switch op {
	case "put":
		return func(ctx context.Context, key string) error { return cl.put(ctx, key, value) }
	case "get":
		return func(ctx context.Context, key string) error { return cl.get(ctx, key, false) }
	default:
		return func(ctx context.Context, key string) error { return cl.get(ctx, key, true) }
	}
}

func benchKey(i int) string { return fmt.Sprintf("bench/kv/%06d", i) }

func randomValue(n int) string {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	var sb strings.Builder
	for range n {
		sb.WriteByte(letters[rand.IntN(len(letters))])
	}
	return sb.String()
}

// preload writes n keys with values of size bytes straight to etcd, in batches.
func preload(ctx context.Context, c *clientv3.Client, n, size int, key func(int) string) error {
	value := randomValue(size)
	const batch = 100
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	var firstErr atomic.Value
	for start := 0; start < n; start += batch {
		sem <- struct{}{}
		wg.Add(1)
		go func(start int) {
			defer func() { <-sem; wg.Done() }()
			var ops []clientv3.Op
			for i := start; i < min(start+batch, n); i++ {
				ops = append(ops, clientv3.OpPut(configRoot+key(i), value))
			}
			cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			if _, err := c.Txn(cctx).Then(ops...).Commit(); err != nil {
				firstErr.CompareAndSwap(nil, err)
			}
		}(start)
	}
	wg.Wait()
	if err, ok := firstErr.Load().(error); ok {
		return err
	}
	return ctx.Err()
}

// closedLoop runs op from conc workers back to back for d and returns what it saw.
func closedLoop(ctx context.Context, conc int, d time.Duration, op func(ctx context.Context, worker, i int) error) stats.Summary {
	var rec stats.Recorder
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, 1024)
			for i := 0; ctx.Err() == nil; i++ {
				t := time.Now()
				if !t.Before(deadline) {
					break
				}
				octx, cancel := context.WithTimeout(ctx, 10*time.Second)
				err := op(octx, w, i)
				cancel()
				if err == errDone {
					break
				}
				if err != nil {
					rec.Err(err)
					continue
				}
				lat = append(lat, time.Since(t))
			}
			rec.AddAll(lat)
		}()
	}
	wg.Wait()
	return rec.Summary(time.Since(start))
}

// openLoop starts op rate times a second for d, each in its own goroutine so a
// slow answer never delays the next request (no coordinated omission), and
// records each operation's own latency.
func openLoop(ctx context.Context, rate int, d time.Duration, op func(ctx context.Context, i int) error) stats.Summary {
	var rec stats.Recorder
	n := int(float64(rate) * d.Seconds())
	interval := time.Second / time.Duration(rate)
	sem := make(chan struct{}, 4096)
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < n && ctx.Err() == nil; i++ {
		if wait := time.Until(start.Add(time.Duration(i) * interval)); wait > 0 {
			time.Sleep(wait)
		}
		select {
		case sem <- struct{}{}:
		default:
			rec.Err(fmt.Errorf("more than %d requests outstanding", cap(sem)))
			continue
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			octx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			t := time.Now()
			if err := op(octx, i); err != nil {
				rec.Err(err)
				return
			}
			rec.Add(time.Since(t))
		}()
	}
	wg.Wait()
	return rec.Summary(time.Since(start))
}

// kvResult is one cell of the key-value matrix.
type kvResult struct {
	op, transport string
	conc          int
	s             stats.Summary
}

// kv runs the key-value matrix: put, linearizable get and serializable get, at
// each concurrency, over each transport, against one sidecar.
func (b *bench) kv(ctx context.Context) error {
	maxConc := 0
	for _, c := range b.cfg.concs {
		maxConc = max(maxConc, c)
	}
	c, err := b.startSingle(ctx, "kv", maxConc)
	if err != nil {
		return err
	}
	defer c.stop()
	if err := preload(ctx, c.etcd, b.cfg.keys, b.cfg.valueSize, benchKey); err != nil {
		return fmt.Errorf("preload: %w", err)
	}
	value := randomValue(b.cfg.valueSize)
	rss := proc.SampleRSS(c.node.Pid(), 100*time.Millisecond)
	cpu0, t0 := c.node.CPU(), time.Now()
	var results []kvResult
	// Each cell runs in rounds, the transports taking turns round by round, so
	// that load from elsewhere on the machine falls on all of them alike; the
	// samples of a cell's rounds are pooled.
	rounds := b.cfg.rounds
	for _, op := range kvOps {
		for _, conc := range b.cfg.concs {
			parts := map[string][]stats.Summary{}
			for round := range rounds {
				for _, tr := range transports {
					f := kvOp(c.kv(tr), op, value)
					keys := b.cfg.keys
					run := func(ctx context.Context, w, i int) error { return f(ctx, benchKey(rand.IntN(keys))) }
					if round == 0 {
						closedLoop(ctx, conc, b.cfg.kvWarmup, run)
					}
					parts[tr] = append(parts[tr], closedLoop(ctx, conc, b.cfg.kvDuration/time.Duration(rounds), run))
					if ctx.Err() != nil {
						return ctx.Err()
					}
				}
			}
			for _, tr := range transports {
				s := pool(parts[tr])
				if s.N == 0 {
					return fmt.Errorf("%s over %s at %d: no operation succeeded (%d errors, last: %s)", op, tr, conc, s.Errors, s.LastErr)
				}
				b.logf("  kv %-4s c=%-3d %-4s %8.0f ops/s  p50 %s ms  p99 %s ms  errors %d", op, conc, tr, s.OpsPerS, stats.Ms(s.P50), stats.Ms(s.P99), s.Errors)
				results = append(results, kvResult{op, tr, conc, s})
			}
		}
	}
	peak := rss.Stop()
	cpu := c.node.CPU() - cpu0
	b.rep.kv = results
	b.rep.kvPeakRSS = peak
	b.rep.kvCPU = float64(cpu) / float64(time.Since(t0))
	return nil
}

// fixedRate measures each transport at a fixed request rate, for the added
// latency per hop over the direct etcd client.
func (b *bench) fixedRate(ctx context.Context) error {
	c, err := b.startSingle(ctx, "rate", 256)
	if err != nil {
		return err
	}
	defer c.stop()
	if err := preload(ctx, c.etcd, b.cfg.keys, b.cfg.valueSize, benchKey); err != nil {
		return fmt.Errorf("preload: %w", err)
	}
	value := randomValue(b.cfg.valueSize)
	var results []kvResult
	rounds := b.cfg.rounds
	for _, op := range kvOps {
		parts := map[string][]stats.Summary{}
		for round := range rounds {
			for _, tr := range transports {
				f := kvOp(c.kv(tr), op, value)
				keys := b.cfg.keys
				run := func(ctx context.Context, i int) error { return f(ctx, benchKey(rand.IntN(keys))) }
				if round == 0 {
					openLoop(ctx, b.cfg.rate, b.cfg.rateDur/5, run) // warm-up
				}
				parts[tr] = append(parts[tr], openLoop(ctx, b.cfg.rate, b.cfg.rateDur/time.Duration(rounds), run))
				if ctx.Err() != nil {
					return ctx.Err()
				}
			}
		}
		for _, tr := range transports {
			s := pool(parts[tr])
			if s.N == 0 {
				return fmt.Errorf("%s over %s at %d/s: nothing succeeded (last error: %s)", op, tr, b.cfg.rate, s.LastErr)
			}
			b.logf("  rate %-4s %-4s %6.0f ops/s  p50 %s ms  p99 %s ms", op, tr, s.OpsPerS, stats.Ms(s.P50), stats.Ms(s.P99))
			results = append(results, kvResult{op, tr, b.cfg.rate, s})
		}
	}
	b.rep.rate = results
	return nil
}

func dialGRPC(addr string) (*grpc.ClientConn, error) {
	return grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
}

// newEtcd is a client of one member; its own log is silenced (the harness
// reports errors itself).
func newEtcd(url string) (*clientv3.Client, error) {
	return clientv3.New(clientv3.Config{Endpoints: []string{url}, DialTimeout: 5 * time.Second, Logger: zap.NewNop()})
}

// pool merges the samples of several runs: rates over their total time.
func pool(parts []stats.Summary) stats.Summary {
	var all []time.Duration
	var elapsed time.Duration
	errs := 0
	var last error
	for _, p := range parts {
		all = append(all, p.Sorted...)
		elapsed += p.Elapsed
		errs += p.Errors
		if p.LastErr != "" {
			last = fmt.Errorf("%s", p.LastErr)
		}
	}
	return stats.Summarize(all, elapsed, errs, last)
}
