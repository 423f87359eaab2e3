package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/outrigger/outrigger/bench/internal/chart"
	"github.com/outrigger/outrigger/bench/internal/stats"
	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	clientv3 "go.etcd.io/etcd/client/v3"
	"google.golang.org/grpc"
)

// openTimeout bounds how long a watch may take to be in place.
var openTimeout = 15 * time.Second

// onEvent receives the value of each PUT event a watch delivers, with when it arrived.
type onEvent func(value string, at time.Time)

// watchFunc opens a watch on prefix (relative to the config root); it returns once
// the watch is in place, and delivers events until ctx ends.
type watchFunc func(ctx context.Context, prefix string, cb onEvent) error

func grpcWatch(conn *grpc.ClientConn) watchFunc {
	return func(ctx context.Context, prefix string, cb onEvent) error {
		ctx, cancel := context.WithCancel(ctx)
		t := time.AfterFunc(openTimeout, cancel)
		st, err := pb.NewConfigServiceClient(conn).Watch(ctx, &pb.WatchConfigRequest{Prefix: prefix})
		if err != nil {
			return err
		}
		if _, err := st.Recv(); err != nil { // the first message: the watch is in place
			return fmt.Errorf("no first message within %s: %w", openTimeout, err)
		}
		if !t.Stop() {
			return fmt.Errorf("no first message within %s", openTimeout)
		}
		go func() {
			for {
				m, err := st.Recv()
				if err != nil {
					return
				}
				at := time.Now()
				for _, ev := range m.Events {
					if ev.Type == pb.EventType_PUT {
						cb(ev.Value, at)
					}
				}
			}
		}()
		return nil
	}
}

func etcdWatch(cli *clientv3.Client) watchFunc {
	return func(ctx context.Context, prefix string, cb onEvent) error {
		wch := cli.Watch(ctx, configRoot+prefix, clientv3.WithPrefix(), clientv3.WithCreatedNotify())
		first, ok := <-wch
		if !ok || first.Err() != nil {
			return fmt.Errorf("etcd watch: %v", first.Err())
		}
		go func() {
			for resp := range wch {
				at := time.Now()
				for _, ev := range resp.Events {
					if ev.Type == clientv3.EventTypePut {
						cb(string(ev.Kv.Value), at)
					}
				}
			}
		}()
		return nil
	}
}

func jsonWatch(client *http.Client, base string) watchFunc {
	return func(ctx context.Context, prefix string, cb onEvent) error {
		ctx, cancel := context.WithCancel(ctx)
		t := time.AfterFunc(openTimeout, cancel)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/v1/config:watch?prefix="+url.QueryEscape(prefix), nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			resp.Body.Close()
			return fmt.Errorf("watch: %s", resp.Status)
		}
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 4<<20)
		if !sc.Scan() || !t.Stop() {
			resp.Body.Close()
			return fmt.Errorf("watch: no first line within %s", openTimeout)
		}
		go func() {
			defer resp.Body.Close()
			var line struct {
				Events []struct{ Type, Value string } `json:"events"`
			}
			for sc.Scan() {
				at := time.Now()
				line.Events = line.Events[:0]
				if json.Unmarshal(sc.Bytes(), &line) != nil {
					continue
				}
				for _, ev := range line.Events {
					if ev.Type == "PUT" {
						cb(ev.Value, at)
					}
				}
			}
		}()
		return nil
	}
}

func (c *conns) watcher(tr string) watchFunc {
	switch tr {
	case "etcd":
		return etcdWatch(c.etcd)
	case "grpc":
		return grpcWatch(c.grpc)
	default:
		return jsonWatch(c.http, c.base)
	}
}

// propagation times puts written through writer until a watch opened by watch
// sees them: from the put's acknowledgement (an event seen before the ack counts
// as 0) and from the moment the put was sent.
type propagation struct {
	ack, send stats.Summary
	early     int // events that arrived before their put was acknowledged
	lost      int
}

func measurePropagation(ctx context.Context, writer kvClient, watch watchFunc, prefix string, puts int, gap time.Duration) (propagation, error) {
	sent := make([]time.Time, puts)
	acked := make([]time.Time, puts)
	var mu sync.Mutex
	seen := make([]time.Time, puts)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	err := watch(wctx, prefix, func(v string, at time.Time) {
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 || i >= puts {
			return
		}
		mu.Lock()
		if seen[i].IsZero() {
			seen[i] = at
		}
		mu.Unlock()
	})
	if err != nil {
		return propagation{}, fmt.Errorf("open watch: %w", err)
	}
	for i := range puts {
		sent[i] = time.Now()
		pctx, pcancel := context.WithTimeout(ctx, 10*time.Second)
		err := writer.put(pctx, prefix+"k", strconv.Itoa(i))
		pcancel()
		if err != nil {
			return propagation{}, fmt.Errorf("put: %w", err)
		}
		acked[i] = time.Now()
		time.Sleep(gap)
	}
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		mu.Lock()
		missing := 0
		for _, t := range seen {
			if t.IsZero() {
				missing++
			}
		}
		mu.Unlock()
		if missing == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	var p propagation
	var fromAck, fromSend []time.Duration
	mu.Lock()
	defer mu.Unlock()
	for i := range puts {
		if seen[i].IsZero() {
			p.lost++
			continue
		}
		d := seen[i].Sub(acked[i])
		if d < 0 {
			p.early++
			d = 0
		}
		fromAck = append(fromAck, d)
		fromSend = append(fromSend, seen[i].Sub(sent[i]))
	}
	p.ack = stats.Summarize(fromAck, 0, p.lost, nil)
	p.send = stats.Summarize(fromSend, 0, p.lost, nil)
	return p, nil
}

// watchPropagation: a put acknowledged by node A, until the event on a watch via
// node C, in a 3-node cluster; each transport writes and watches through itself.
func (b *bench) watchPropagation(ctx context.Context) error {
	w := b.rep.sec("watch")
	cs, err := b.startCluster(ctx, "w", 3, 16)
	if err == errNoCluster {
		b.rep.skipped("3-node watch propagation: " + err.Error() + "; measured on one node instead (put and watch through the same sidecar)")
		c, err := b.startSingle(ctx, "watch", 16)
		if err != nil {
			return err
		}
		defer c.stop()
		cs = []*conns{c, c, c}
		fmt.Fprintf(w, "\n**Single node only**: %v. Writer and watcher use the same sidecar.\n", errNoCluster)
	} else if err != nil {
		return err
	} else {
		defer stopAll(cs)
		fmt.Fprintf(w, "\nThree sidecars on loopback bootstrapped with `--initial-cluster` (each with its own etcd member, all voters). The writer puts through node A (%s), the watcher watches through node C (%s). Puts are %s apart, %d per transport.\n",
			cs[0].node.Name, cs[2].node.Name, "5ms", b.cfg.watchPuts)
	}
	w.WriteString("\n| transport | from | n | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | events before the ack | lost |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	var p99 = map[string]time.Duration{}
	var series []chart.Series
	for _, tr := range transports {
		prefix := fmt.Sprintf("bench/watch/%s/%d/", tr, time.Now().UnixNano())
		p, err := measurePropagation(ctx, cs[0].kv(tr), cs[2].watcher(tr), prefix, b.cfg.watchPuts, 5*time.Millisecond)
		if err != nil {
			return fmt.Errorf("%s: %w", tr, err)
		}
		for _, r := range []struct {
			from string
			s    stats.Summary
		}{{"put acknowledged", p.ack}, {"put sent", p.send}} {
			fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s | %s | %s | %d | %d |\n", transportTitle[tr], r.from, r.s.N,
				stats.Ms(r.s.P50), stats.Ms(r.s.P90), stats.Ms(r.s.P99), stats.Ms(r.s.P999), stats.Ms(r.s.Max), p.early, p.lost)
		}
		b.logf("  watch %-4s ack->event p50 %s ms p99 %s ms (lost %d)", tr, stats.Ms(p.ack.P50), stats.Ms(p.ack.P99), p.lost)
		p99[tr] = p.ack.P99
		series = append(series, cdf(transportTitle[tr], p.ack))
	}
	b.rep.cdfs = append(b.rep.cdfs, cdfChart{file: "watch-propagation-cdf.png", title: "watch propagation: put acknowledged to event", series: series})
	w.WriteString("\n![watch propagation](watch-propagation-cdf.png)\n")
	if len(cs) == 3 && cs[0] != cs[2] {
		r := p99["grpc"]
		b.rep.target("watch propagation across 3 nodes, p99 (gRPC)", "< 10 ms", stats.Ms(r)+" ms (direct etcd: "+stats.Ms(p99["etcd"])+" ms)", r < 10*time.Millisecond)
	}
	return nil
}

// fanout: W watchers on one sidecar, one put at a time; when does each see it.
func (b *bench) fanout(ctx context.Context) error {
	W := b.cfg.watchers
	w := b.rep.sec("fanout")
	fmt.Fprintf(w, "\n%d watchers of one prefix on one sidecar, a fresh sidecar per transport (gRPC: over 8 connections; JSON: one HTTP connection each; etcd: 8 clients straight to the member). %d puts, 250 ms apart; latency from the put being sent to each watcher's event, and to the last watcher's. After the watchers are closed (all at once), one new watch is opened on the same sidecar to check it still takes watches.\n\n",
		W, b.cfg.fanoutPuts)
	var probes []string
	w.WriteString("| transport | what | n | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | sidecar RSS with watchers open | lost |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	var series []chart.Series
	for _, tr := range b.cfg.fanoutTransports {
		c, err := b.startSingle(ctx, "fanout-"+tr, W)
		if err != nil {
			return err
		}
		defer c.stop()
		var conns8 []*grpc.ClientConn
		var etcd8 []*clientv3.Client
		watchers := make([]watchFunc, 8)
		for i := range 8 {
			switch tr {
			case "grpc":
				g, err := dialGRPC(c.node.GRPC)
				if err != nil {
					return err
				}
				conns8 = append(conns8, g)
				watchers[i] = grpcWatch(g)
			case "etcd":
				e, err := newEtcd(c.node.EtcdURL)
				if err != nil {
					return err
				}
				etcd8 = append(etcd8, e)
				watchers[i] = etcdWatch(e)
			default:
				watchers[i] = jsonWatch(c.http, c.base)
			}
		}
		closeAll := func() {
			for _, g := range conns8 {
				g.Close()
			}
			for _, e := range etcd8 {
				e.Close()
			}
		}
		puts := b.cfg.fanoutPuts
		sent := make([]atomic.Int64, puts)
		last := make([]atomic.Int64, puts)
		counts := make([]atomic.Int32, puts)
		var rec stats.Recorder
		prefix := fmt.Sprintf("bench/fanout/%s/%d/", tr, time.Now().UnixNano())
		wctx, cancel := context.WithCancel(ctx)
		rss0 := c.node.RSS()
		var wg sync.WaitGroup
		var openErr atomic.Value
		sem := make(chan struct{}, 32)
		for i := range W {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				if openErr.Load() != nil {
					return
				}
				err := watchers[i%8](wctx, prefix, func(v string, at time.Time) {
					j, err := strconv.Atoi(v)
					if err != nil || j < 0 || j >= puts {
						return
					}
					s := sent[j].Load()
					d := at.UnixNano() - s
					rec.Add(time.Duration(d))
					counts[j].Add(1)
					for {
						old := last[j].Load()
						if d <= old || last[j].CompareAndSwap(old, d) {
							break
						}
					}
				})
				if err != nil {
					openErr.CompareAndSwap(nil, err)
				}
			}()
		}
		wg.Wait()
		if err, ok := openErr.Load().(error); ok {
			cancel()
			closeAll()
			return fmt.Errorf("%s: open watchers: %w", tr, err)
		}
		time.Sleep(300 * time.Millisecond)
		rssOpen := c.node.RSS()
		writer := c.kv(tr)
		for j := range puts {
			sent[j].Store(time.Now().UnixNano())
			pctx, pcancel := context.WithTimeout(ctx, 10*time.Second)
			err := writer.put(pctx, prefix+"k", strconv.Itoa(j))
			pcancel()
			if err != nil {
				cancel()
				closeAll()
				return fmt.Errorf("%s: put: %w", tr, err)
			}
			time.Sleep(250 * time.Millisecond)
		}
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) && int(counts[puts-1].Load()) < W {
			time.Sleep(20 * time.Millisecond)
		}
		cancel()
		closeAll()
		lost := 0
		var lasts []time.Duration
		for j := range puts {
			lost += W - int(counts[j].Load())
			lasts = append(lasts, time.Duration(last[j].Load()))
		}
		all := rec.Summary(0)
		lastS := stats.Summarize(lasts, 0, 0, nil)
		fmt.Fprintf(w, "| %s | each watcher | %d | %s | %s | %s | %s | %s | %s MiB (+%s) | %d |\n", transportTitle[tr], all.N,
			stats.Ms(all.P50), stats.Ms(all.P90), stats.Ms(all.P99), stats.Ms(all.P999), stats.Ms(all.Max), stats.MiB(rssOpen), stats.MiB(rssOpen-rss0), lost)
		fmt.Fprintf(w, "| %s | last of %d | %d | %s | %s | %s | %s | %s | | |\n", transportTitle[tr], W, lastS.N,
			stats.Ms(lastS.P50), stats.Ms(lastS.P90), stats.Ms(lastS.P99), stats.Ms(lastS.P999), stats.Ms(lastS.Max))
		b.logf("  fanout %-4s each p50 %s ms p99 %s ms; last p50 %s ms; lost %d", tr, stats.Ms(all.P50), stats.Ms(all.P99), stats.Ms(lastS.P50), lost)
		series = append(series, cdf(transportTitle[tr], all))
		// Does the sidecar still take a watch once they are all gone?
		time.Sleep(500 * time.Millisecond)
		pctx, pcancel := context.WithCancel(ctx)
		t0 := time.Now()
		err = c.watcher(tr)(pctx, "bench/probe/", func(string, time.Time) {})
		pcancel()
		if err != nil {
			probes = append(probes, fmt.Sprintf("**%s: after %d watchers were closed, a new watch did not open** (%v).", transportTitle[tr], W, err))
			b.rep.target(fmt.Sprintf("a new watch opens after %d watchers closed (%s)", W, transportTitle[tr]), "yes", "no: "+oneLine(err.Error()), false)
			b.logf("  fanout %s: new watch after closing %d: FAILED: %v", tr, W, err)
		} else {
			probes = append(probes, fmt.Sprintf("%s: after %d watchers were closed, a new watch opened in %s ms.", transportTitle[tr], W, stats.Ms(time.Since(t0))))
		}
		c.stop()
	}
	for _, p := range probes {
		w.WriteString("\n" + p + "\n")
	}
	b.rep.cdfs = append(b.rep.cdfs, cdfChart{file: "watch-fanout-cdf.png", title: fmt.Sprintf("fan-out to %d watchers: put sent to event", W), series: series})
	w.WriteString("\n![fan-out](watch-fanout-cdf.png)\n")
	return nil
}
