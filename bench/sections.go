package main

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/outrigger/outrigger/bench/internal/proc"
	"github.com/outrigger/outrigger/bench/internal/stats"
	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	clientv3 "go.etcd.io/etcd/client/v3"
)

// footprint: fresh single-node starts, idle RSS.
func (b *bench) footprint(ctx context.Context) error {
	w := b.rep.sec("footprint")
	settle := 3 * time.Second
	if b.cfg.short {
		settle = 500 * time.Millisecond
	}
	var took, wall, rss []time.Duration
	var rssB []int64
	for i := range b.cfg.starts {
		n, err := b.mgr.Start(ctx, proc.Spec{Binary: b.binary, Name: fmt.Sprintf("fresh%d", i)}, time.Minute)
		if err != nil {
			return err
		}
		time.Sleep(settle)
		r := n.RSS()
		rssB = append(rssB, r)
		took, wall = append(took, n.Took), append(wall, n.Wall)
		rss = append(rss, time.Duration(r))
		if err := n.Stop(); err != nil {
			return err
		}
	}
	tk, wl := stats.Summarize(took, 0, 0, nil), stats.Summarize(wall, 0, 0, nil)
	slices.Sort(rssB)
	med := rssB[len(rssB)/2]
	fmt.Fprintf(w, "\n%d fresh single-node sidecars, one after the other, each in a new data dir. *took* is the sidecar's own figure from its ready line (`took=`: from `run` starting to serving); *exec to ready* is what the harness sees, process start included. Idle RSS is read from /proc %s after ready.\n\n", b.cfg.starts, settle)
	w.WriteString("| | min | median | max |\n|---|---:|---:|---:|\n")
	fmt.Fprintf(w, "| start to ready, took (ms) | %s | %s | %s |\n", stats.Ms(tk.Min), stats.Ms(tk.P50), stats.Ms(tk.Max))
	fmt.Fprintf(w, "| start to ready, exec to ready line (ms) | %s | %s | %s |\n", stats.Ms(wl.Min), stats.Ms(wl.P50), stats.Ms(wl.Max))
	fmt.Fprintf(w, "| idle RSS (MiB) | %s | %s | %s |\n", stats.MiB(rssB[0]), stats.MiB(med), stats.MiB(rssB[len(rssB)-1]))
	b.rep.target("idle RSS of a sidecar with its member", "< 64 MiB", stats.MiB(med)+" MiB (median)", med < 64<<20)
	b.rep.target("fresh single node start to ready", "< 500 ms", stats.Ms(tk.P50)+" ms median ("+stats.Ms(wl.P50)+" ms from exec)", tk.P50 < 500*time.Millisecond)
	b.logf("  footprint took p50 %s ms, idle RSS %s MiB", stats.Ms(tk.P50), stats.MiB(med))
	return nil
}

// restart: a node with many keys, stopped and started again.
func (b *bench) restart(ctx context.Context) error {
	w := b.rep.sec("restart")
	c, err := b.startSingle(ctx, "restart", 16)
	if err != nil {
		return err
	}
	t := time.Now()
	key := func(i int) string { return fmt.Sprintf("bench/restart/%07d", i) }
	if err := preload(ctx, c.etcd, b.cfg.restartKeys, b.cfg.valueSize, key); err != nil {
		c.stop()
		return fmt.Errorf("preload: %w", err)
	}
	loadTook := time.Since(t)
	var st struct{ DbSize string }
	postJSON(ctx, c.http, http.MethodGet, c.base+"/v1/cluster", nil, &st)
	rssLoaded := c.node.RSS()
	dir := c.node.DataDir
	c.stop()
	runs := 3
	if b.cfg.short {
		runs = 1
	}
	fmt.Fprintf(w, "\n%d keys of %d bytes written (in %s, straight to etcd in transactions of 100), db size %s bytes, sidecar RSS after loading %s MiB. Then the sidecar is stopped (SIGTERM) and started again on the same data dir, %d times.\n\n",
		b.cfg.restartKeys, b.cfg.valueSize, loadTook.Round(time.Millisecond), st.DbSize, stats.MiB(rssLoaded), runs)
	w.WriteString("| restart | took ms | exec to ready ms | RSS after ready MiB |\n|---|---:|---:|---:|\n")
	for i := range runs {
		n, err := b.mgr.Start(ctx, proc.Spec{Binary: b.binary, Name: "restart", DataDir: dir}, 2*time.Minute)
		if err != nil {
			return err
		}
		time.Sleep(500 * time.Millisecond)
		fmt.Fprintf(w, "| %d | %s | %s | %s |\n", i+1, stats.Ms(n.Took), stats.Ms(n.Wall), stats.MiB(n.RSS()))
		b.logf("  restart with %d keys: took %s", b.cfg.restartKeys, n.Took)
		if err := n.Stop(); err != nil {
			return err
		}
	}
	return nil
}

// hotRead: one key read over and over by one caller, every way Outrigger offers.
func (b *bench) hotRead(ctx context.Context) error {
	c, err := b.startSingle(ctx, "hot", 4)
	if err != nil {
		return err
	}
	defer c.stop()
	if _, err := c.etcd.Put(ctx, configRoot+"app/hot", randomValue(b.cfg.valueSize)); err != nil {
		return err
	}
	w := b.rep.sec("hot")
	fmt.Fprintf(w, "\nOne app reading one %d-byte key back to back (concurrency 1) for %s per row. The sidecar has no in-memory cache of watched keys: its fastest path is a serializable read, answered by the local member without a raft round.\n\n", b.cfg.valueSize, b.cfg.hotDuration)
	w.WriteString("| path" + rowHead[1:])
	rows := []struct {
		name string
		tr   string
		ser  bool
	}{
		{"etcd client direct, serializable", "etcd", true},
		{"Outrigger gRPC, serializable (fastest path)", "grpc", true},
		{"Outrigger JSON, serializable", "json", true},
		{"etcd client direct, linearizable", "etcd", false},
		{"Outrigger gRPC, linearizable", "grpc", false},
		{"Outrigger JSON, linearizable", "json", false},
	}
	var base, grpcSer *stats.Summary
	for _, r := range rows {
		cl := c.kv(r.tr)
		op := func(ctx context.Context, _, _ int) error { return cl.get(ctx, "app/hot", r.ser) }
		closedLoop(ctx, 1, b.cfg.hotDuration/5, op)
		s := closedLoop(ctx, 1, b.cfg.hotDuration, op)
		if s.N == 0 {
			return fmt.Errorf("%s: %s", r.name, s.LastErr)
		}
		var bp *stats.Summary
		if r.tr == "etcd" {
			base = &s
		} else {
			bp = base
		}
		if r.tr == "grpc" && r.ser {
			grpcSer = &s
		}
		w.WriteString(row(r.name, s, bp))
	}
	b.rep.target("hot config read over gRPC, p50 (serializable get)", "< 100 µs", stats.Us(grpcSer.P50)+" µs", grpcSer.P50 < 100*time.Microsecond)
	b.logf("  hot read grpc serializable p50 %s µs", stats.Us(grpcSer.P50))
	return nil
}

// registry: many registrations through sidecars, their cost, and how fast a
// dead instance disappears.
func (b *bench) registry(ctx context.Context) error {
	w := b.rep.sec("registry")
	const sessionTTL = 3 * time.Second
	extra := []string{"--session-ttl", sessionTTL.String()}
	cs, err := b.startCluster(ctx, "r", 3, 32, extra...)
	clustered := true
	if err == errNoCluster {
		clustered = false
		b.rep.skipped("registrations through 3 sidecars: " + err.Error() + "; one sidecar instead")
		c, err := b.startSingle(ctx, "registry", 32, extra...)
		if err != nil {
			return err
		}
		cs = []*conns{c}
	} else if err != nil {
		return err
	}
	defer func() { stopAll(cs) }()

	N := b.cfg.regs
	const services, conc = 100, 16
	fmt.Fprintf(w, "\n%d instances (%d services) registered over gRPC through %d sidecar(s), round-robin, %d at a time, each on its sidecar's own session (no sessionId, no TTL: the sidecar owns and tracks them). Sidecars run with `--session-ttl %s`.\n\n", N, services, len(cs), conc, sessionTTL)
	rss0, cpu0 := make([]int64, len(cs)), make([]time.Duration, len(cs))
	for i, c := range cs {
		rss0[i], cpu0[i] = c.node.RSS(), c.node.CPU()
	}
	var next atomic.Int64
	start := time.Now()
	s := closedLoop(ctx, conc, 10*time.Minute, func(ctx context.Context, _, _ int) error {
		i := int(next.Add(1)) - 1
		if i >= N {
			return errDone
		}
		c := cs[i%len(cs)]
		_, err := pb.NewRegistryServiceClient(c.grpc).Register(ctx, &pb.RegisterInstanceRequest{
			Service: fmt.Sprintf("svc-%03d", i%services), Id: fmt.Sprintf("inst-%06d", i), Address: "127.0.0.1", Port: int32(10000 + i%50000),
			Metadata: map[string]string{"zone": "a", "version": "1.2.3"}})
		return err
	})
	elapsed := time.Since(start)
	if s.N < N {
		return fmt.Errorf("registered %d of %d (%d errors, last: %s)", s.N, N, s.Errors, s.LastErr)
	}
	s.OpsPerS = float64(s.N) / elapsed.Seconds()
	// The same writes straight to etcd (instance JSON bound to a lease), as a baseline.
	lease, err := cs[0].etcd.Grant(ctx, 60)
	if err != nil {
		return err
	}
	value := `{"service":"svc-000","id":"inst-000000","address":"127.0.0.1","port":10000,"metadata":{"version":"1.2.3","zone":"a"},"sessionId":"0","healthCheck":null,"modRevision":"0"}`
	next.Store(0)
	bs := closedLoop(ctx, conc, 10*time.Minute, func(ctx context.Context, _, _ int) error {
		i := int(next.Add(1)) - 1
		if i >= N {
			return errDone
		}
		_, err := cs[i%len(cs)].etcd.Put(ctx, fmt.Sprintf("/bench/registry/svc-%03d/inst-%06d", i%services, i), value, clientv3.WithLease(lease.ID))
		return err
	})
	cs[0].etcd.Revoke(ctx, lease.ID)
	w.WriteString("| registration path" + rowHead[1:])
	w.WriteString(row("etcd client direct: put with a lease", bs, nil))
	w.WriteString(row("Outrigger gRPC: Register", s, &bs))
	time.Sleep(time.Second)
	idle := 10 * time.Second
	if b.cfg.short {
		idle = time.Second
	}
	cpu1 := make([]time.Duration, len(cs))
	for i, c := range cs {
		cpu1[i] = c.node.CPU()
	}
	time.Sleep(idle)
	w.WriteString("\n| sidecar | RSS before MiB | RSS with the instances MiB | CPU spent registering (s) | CPU while idle with them |\n|---|---:|---:|---:|---:|\n")
	for i, c := range cs {
		idleCPU := c.node.CPU() - cpu1[i]
		fmt.Fprintf(w, "| %s | %s | %s | %.2f | %.1f%% of a core |\n", c.node.Name, stats.MiB(rss0[i]), stats.MiB(c.node.RSS()),
			(cpu1[i] - cpu0[i]).Seconds(), 100*idleCPU.Seconds()/idle.Seconds())
	}
	// listing
	rg := pb.NewRegistryServiceClient(cs[len(cs)-1].grpc)
	ls := closedLoop(ctx, 1, b.cfg.hotDuration, func(ctx context.Context, _, _ int) error {
		_, err := rg.ListInstances(ctx, &pb.ListInstancesRequest{Service: "svc-007"})
		return err
	})
	fmt.Fprintf(w, "\nListing one service's %d instances over gRPC: p50 %s ms, p99 %s ms.\n", N/services, stats.Ms(ls.P50), stats.Ms(ls.P99))
	b.logf("  registry %d regs at %.0f/s; list p50 %s ms", N, s.OpsPerS, stats.Ms(ls.P50))

	// dead instances
	if err := b.deadInstances(ctx, cs, clustered, sessionTTL); err != nil {
		return err
	}
	return nil
}

var errDone = fmt.Errorf("done")

// deadInstances times how long a watcher sees a dead instance: registered with a
// session nobody keeps alive (an app that died), and, in a cluster, registered on
// a sidecar's own session when that sidecar is killed or stopped.
func (b *bench) deadInstances(ctx context.Context, cs []*conns, clustered bool, sessionTTL time.Duration) error {
	w := b.rep.sec("registry")
	watcher := cs[0]
	type gone struct {
		mu sync.Mutex
		at map[string]time.Time
	}
	g := &gone{at: map[string]time.Time{}}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	st, err := pb.NewRegistryServiceClient(watcher.grpc).Watch(wctx, &pb.WatchInstancesRequest{Service: "dead"})
	if err != nil {
		return err
	}
	if _, err := st.Recv(); err != nil {
		return err
	}
	go func() {
		for {
			m, err := st.Recv()
			if err != nil {
				return
			}
			at := time.Now()
			for _, ev := range m.Events {
				if ev.Type == pb.EventType_DELETE {
					g.mu.Lock()
					g.at[ev.Instance.Id] = at
					g.mu.Unlock()
				}
			}
		}
	}()
	waitGone := func(id string, timeout time.Duration) (time.Time, bool) {
		end := time.Now().Add(timeout)
		for time.Now().Before(end) {
			g.mu.Lock()
			t, ok := g.at[id]
			g.mu.Unlock()
			if ok {
				return t, true
			}
			time.Sleep(5 * time.Millisecond)
		}
		return time.Time{}, false
	}
	const ttl = 2
	var rec stats.Recorder
	var wg sync.WaitGroup
	for i := range b.cfg.deadSamples {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("app-%d", i)
			rg := pb.NewRegistryServiceClient(cs[i%len(cs)].grpc)
			if _, err := rg.Register(ctx, &pb.RegisterInstanceRequest{Service: "dead", Id: id, Address: "127.0.0.1", Port: 80, TtlSeconds: ttl}); err != nil {
				rec.Err(err)
				return
			}
			t0 := time.Now()
			at, ok := waitGone(id, 15*time.Second)
			if !ok {
				rec.Err(fmt.Errorf("instance %s still there after 15s", id))
				return
			}
			rec.Add(at.Sub(t0))
		}()
	}
	wg.Wait()
	s := rec.Summary(0)
	if s.N == 0 {
		return fmt.Errorf("dead instances: %s", s.LastErr)
	}
	fmt.Fprintf(w, "\n**Dead instance disappearance** (watcher: a gRPC registry watch on %s):\n\n", watcher.node.Name)
	w.WriteString("| case | n | p50 ms | p90 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n")
	fmt.Fprintf(w, "| app died: instance on its own session (TTL %d s), no keep-alive after registering; from the registration | %d | %s | %s | %s | %s |\n",
		ttl, s.N, stats.Ms(s.P50), stats.Ms(s.P90), stats.Ms(s.P99), stats.Ms(s.Max))
	b.logf("  dead instance (TTL %ds) gone after p50 %s ms", ttl, stats.Ms(s.P50))
	if !clustered || len(cs) < 3 {
		w.WriteString("\n(Sidecar killed / stopped: needs a cluster, not measured.)\n")
		return nil
	}
	// App sidecars joined as clients (no member of their own, so the cluster keeps
	// its quorum): instances on their own session vanish at once when the sidecar
	// stops gracefully (it deletes its session), and a session TTL later when killed.
	for _, kill := range []bool{false, true} {
		name := "app-stopped"
		what := "app's sidecar stopped gracefully (SIGTERM): it deletes its session; from the signal"
		if kill {
			name = "app-killed"
			what = fmt.Sprintf("app's sidecar killed (SIGKILL): its session (--session-ttl %s) expires; from the signal", sessionTTL)
		}
		n, err := b.mgr.Start(ctx, proc.Spec{Binary: b.binary, Name: name,
			Extra: []string{"--join", watcher.base, "--role", "client", "--session-ttl", sessionTTL.String()}}, time.Minute)
		if err != nil {
			fmt.Fprintf(w, "| %s | not measured: a client sidecar did not join: %s | | | | |\n", what, oneLine(err.Error()))
			continue
		}
		g, err := dialGRPC(n.GRPC)
		if err != nil {
			n.Kill()
			return err
		}
		_, err = pb.NewRegistryServiceClient(g).Register(ctx, &pb.RegisterInstanceRequest{Service: "dead", Id: name, Address: "127.0.0.1", Port: 81})
		g.Close()
		if err != nil {
			n.Kill()
			return err
		}
		time.Sleep(200 * time.Millisecond)
		t0 := time.Now()
		if kill {
			n.Kill()
		} else {
			go n.Stop()
		}
		at, ok := waitGone(name, 30*time.Second)
		if !ok {
			fmt.Fprintf(w, "| %s | 1 | not gone after 30 s | | | |\n", what)
			continue
		}
		d := at.Sub(t0)
		fmt.Fprintf(w, "| %s | 1 | %s | | | |\n", what, stats.Ms(d))
		b.logf("  %s: gone after %s", name, d)
		n.Stop()
	}
	return nil
}
