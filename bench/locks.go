package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/outrigger/outrigger/bench/internal/stats"
	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

// locker is one session's handle on a named lock.
type locker interface {
	lock(ctx context.Context) error // waits in line
	unlock(ctx context.Context) error
	close()
}

type grpcLocker struct {
	locks    pb.LockServiceClient
	sessions pb.SessionServiceClient
	name     string
	session  int64
}

func newGRPCLocker(ctx context.Context, c *conns, name string) (locker, error) {
	l := &grpcLocker{locks: pb.NewLockServiceClient(c.grpc), sessions: pb.NewSessionServiceClient(c.grpc), name: name}
	s, err := l.sessions.Create(ctx, &pb.CreateSessionRequest{TtlSeconds: 60})
	if err != nil {
		return nil, err
	}
	l.session = s.Id
	return l, nil
}

func (l *grpcLocker) lock(ctx context.Context) error {
	r, err := l.locks.Acquire(ctx, &pb.AcquireLockRequest{Name: l.name, SessionId: l.session, WaitSeconds: 60})
	if err == nil && !r.Acquired {
		err = fmt.Errorf("lock %s not acquired", l.name)
	}
	return err
}

func (l *grpcLocker) unlock(ctx context.Context) error {
	_, err := l.locks.Release(ctx, &pb.ReleaseLockRequest{Name: l.name, SessionId: l.session})
	return err
}

func (l *grpcLocker) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	l.sessions.Delete(ctx, &pb.DeleteSessionRequest{Id: l.session})
}

// postJSON sends body (JSON) and decodes the answer into out.
func postJSON(ctx context.Context, c *http.Client, method, url string, body any, out any) error {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = strings.NewReader(string(b))
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
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
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

type jsonLocker struct {
	c       *http.Client
	base    string
	name    string
	session string
}

func newJSONLocker(ctx context.Context, c *conns, name string) (locker, error) {
	var s struct{ ID string }
	if err := postJSON(ctx, c.http, http.MethodPost, c.base+"/v1/sessions", map[string]any{"ttlSeconds": 60}, &s); err != nil {
		return nil, err
	}
	return &jsonLocker{c: c.http, base: c.base, name: name, session: s.ID}, nil
}

func (l *jsonLocker) lock(ctx context.Context) error {
	var r struct{ Acquired bool }
	err := postJSON(ctx, l.c, http.MethodPost, l.base+"/v1/locks/"+l.name+":acquire", map[string]any{"sessionId": l.session, "waitSeconds": 60}, &r)
	if err == nil && !r.Acquired {
		err = fmt.Errorf("lock %s not acquired", l.name)
	}
	return err
}

func (l *jsonLocker) unlock(ctx context.Context) error {
	return postJSON(ctx, l.c, http.MethodPost, l.base+"/v1/locks/"+l.name+":release", map[string]any{"sessionId": l.session}, nil)
}

func (l *jsonLocker) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	postJSON(ctx, l.c, http.MethodDelete, l.base+"/v1/sessions/"+l.session, nil, nil)
}

type etcdLocker struct {
	s *concurrency.Session
	m *concurrency.Mutex
}

func newEtcdLocker(_ context.Context, c *conns, name string) (locker, error) {
	s, err := concurrency.NewSession(c.etcd, concurrency.WithTTL(60))
	if err != nil {
		return nil, err
	}
	return &etcdLocker{s: s, m: concurrency.NewMutex(s, "/bench/locks/"+name)}, nil
}

func (l *etcdLocker) lock(ctx context.Context) error   { return l.m.Lock(ctx) }
func (l *etcdLocker) unlock(ctx context.Context) error { return l.m.Unlock(ctx) }
func (l *etcdLocker) close()                           { l.s.Close() }

func (c *conns) locker(ctx context.Context, tr, name string) (locker, error) {
	switch tr {
	case "etcd":
		return newEtcdLocker(ctx, c, name)
	case "grpc":
		return newGRPCLocker(ctx, c, name)
	default:
		return newJSONLocker(ctx, c, name)
	}
}

// locks: uncontended acquire+release cycles, then handover among contenders.
func (b *bench) locks(ctx context.Context) error {
	c, err := b.startSingle(ctx, "locks", 64)
	if err != nil {
		return err
	}
	defer c.stop()
	w := b.rep.sec("locks")
	fmt.Fprintf(w, "\nBaseline: etcd's own `concurrency.Mutex` (client/v3/concurrency) straight to the member. Outrigger: `:acquire` (waitSeconds 60) and `:release` with a session made beforehand (so the cycle is the lock alone). One lock name per run.\n\n**Uncontended** acquire+release cycles, one caller, %s per transport:\n\n", b.cfg.lockDur)
	w.WriteString("| transport" + rowHead[1:])
	var base *stats.Summary
	for _, tr := range transports {
		name := fmt.Sprintf("bench-lock-%s-%d", tr, time.Now().UnixNano())
		l, err := c.locker(ctx, tr, name)
		if err != nil {
			return fmt.Errorf("%s: %w", tr, err)
		}
		s := closedLoop(ctx, 1, b.cfg.lockDur, func(ctx context.Context, _, _ int) error {
			if err := l.lock(ctx); err != nil {
				return err
			}
			return l.unlock(ctx)
		})
		l.close()
		if s.N == 0 {
			return fmt.Errorf("%s: no lock cycle succeeded: %s", tr, s.LastErr)
		}
		var bp *stats.Summary
		if tr != "etcd" {
			bp = base
		} else {
			base = &s
		}
		w.WriteString(row(transportTitle[tr]+" (cycles/s)", s, bp))
		b.logf("  lock uncontended %-4s %6.0f cycles/s p50 %s ms", tr, s.OpsPerS, stats.Ms(s.P50))
	}

	n := b.cfg.contenders
	fmt.Fprintf(w, "\n**Contended**: %d contenders, each with its own session, loop acquire (waiting in line) → release for %s. Handover = from the holder sending its release to the next holder's acquire returning.\n\n", n, b.cfg.lockDur)
	w.WriteString("| transport | handovers/s | of baseline | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	base = nil
	for _, tr := range transports {
		name := fmt.Sprintf("bench-contended-%s-%d", tr, time.Now().UnixNano())
		var ls []locker
		for range n {
			l, err := c.locker(ctx, tr, name)
			if err != nil {
				for _, l := range ls {
					l.close()
				}
				return fmt.Errorf("%s: %w", tr, err)
			}
			ls = append(ls, l)
		}
		var rec stats.Recorder
		var lastRelease atomic.Int64
		deadline := time.Now().Add(b.cfg.lockDur)
		start := time.Now()
		var wg sync.WaitGroup
		for _, l := range ls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(deadline) && ctx.Err() == nil {
					lctx, cancel := context.WithTimeout(ctx, 30*time.Second)
					err := l.lock(lctx)
					cancel()
					if err != nil {
						rec.Err(err)
						return
					}
					if t := lastRelease.Swap(0); t != 0 {
						rec.Add(time.Duration(time.Now().UnixNano() - t))
					}
					lastRelease.Store(time.Now().UnixNano())
					uctx, cancel := context.WithTimeout(ctx, 30*time.Second)
					if err := l.unlock(uctx); err != nil {
						rec.Err(err)
					}
					cancel()
				}
			}()
		}
		wg.Wait()
		for _, l := range ls {
			l.close()
		}
		s := rec.Summary(time.Since(start))
		if s.N == 0 {
			return fmt.Errorf("%s: no handover measured: %s", tr, s.LastErr)
		}
		var bp *stats.Summary
		if tr != "etcd" {
			bp = base
		} else {
			base = &s
		}
		w.WriteString(row(transportTitle[tr], s, bp))
		b.logf("  lock handover %-4s %6.0f/s p50 %s ms p99 %s ms", tr, s.OpsPerS, stats.Ms(s.P50), stats.Ms(s.P99))
	}
	return nil
}

// election: failover from the leader's session loss to the next leader's grant.
func (b *bench) election(ctx context.Context) error {
	c, err := b.startSingle(ctx, "election", 16)
	if err != nil {
		return err
	}
	defer c.stop()
	w := b.rep.sec("election")
	fmt.Fprintf(w, "\nA leader and one waiting candidate, each with its own session. **Session deleted**: the leader's session is deleted (as when its sidecar stops gracefully, or an app closes its session); failover = from sending the delete to the candidate's campaign returning elected, %d times. Baseline: etcd's `concurrency.Election`, the leader's session closed (lease revoked).\n\n", b.cfg.failovers)
	w.WriteString(latHead)
	for _, tr := range []string{"etcd", "grpc"} {
		var rec stats.Recorder
		for i := range b.cfg.failovers {
			d, err := b.failover(ctx, c, tr, fmt.Sprintf("bench-el-%s-%d-%d", tr, time.Now().UnixNano(), i), 0)
			if err != nil {
				return fmt.Errorf("%s failover: %w", tr, err)
			}
			rec.Add(d)
		}
		s := rec.Summary(0)
		w.WriteString(latRow(transportTitle[tr]+", session deleted", s))
		b.logf("  election %-4s failover p50 %s ms p99 %s ms", tr, stats.Ms(s.P50), stats.Ms(s.P99))
	}
	const ttl = 2
	fmt.Fprintf(w, "\n**Session expired**: the leader's session (TTL %d s, the minimum) gets no keep-alive after the campaign; failover = from its last keep-alive (its creation) to the candidate's grant, %d in parallel. This is bound by the TTL: etcd expires leases on its own clock, checking every 500 ms.\n\n", ttl, b.cfg.expiries)
	w.WriteString(latHead)
	for _, tr := range []string{"etcd", "grpc"} {
		var rec stats.Recorder
		var wg sync.WaitGroup
		for i := range b.cfg.expiries {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d, err := b.failover(ctx, c, tr, fmt.Sprintf("bench-elx-%s-%d-%d", tr, time.Now().UnixNano(), i), ttl)
				if err != nil {
					rec.Err(err)
					return
				}
				rec.Add(d)
			}()
		}
		wg.Wait()
		s := rec.Summary(0)
		if s.N == 0 {
			return fmt.Errorf("%s expiry failover: %s", tr, s.LastErr)
		}
		w.WriteString(latRow(fmt.Sprintf("%s, session expired (TTL %d s)", transportTitle[tr], ttl), s))
	}
	return nil
}

// failover campaigns a leader and a waiting candidate and returns how long the
// candidate waits once the leader's session is gone: deleted now (ttl 0), or
// left to expire (ttl > 0, measured from the leader session's creation).
func (b *bench) failover(ctx context.Context, c *conns, tr, name string, ttl int) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	type result struct {
		at  time.Time
		err error
	}
	done := make(chan result, 1)
	var t0 time.Time
	var lose func() error
	var cleanup []func()
	defer func() {
		for _, f := range cleanup {
			f()
		}
	}()
	prefix := ""
	switch tr {
	case "etcd":
		prefix = "/bench/elections/" + name + "/"
		var opts []concurrency.SessionOption
		if ttl > 0 {
			opts = append(opts, concurrency.WithTTL(ttl))
		} else {
			opts = append(opts, concurrency.WithTTL(60))
		}
		sa, err := concurrency.NewSession(c.etcd, opts...)
		if err != nil {
			return 0, err
		}
		cleanup = append(cleanup, func() { sa.Close() })
		if ttl > 0 {
			sa.Orphan() // no more keep-alives: the leader is dead
			t0 = time.Now()
		}
		if err := concurrency.NewElection(sa, prefix).Campaign(ctx, "a"); err != nil {
			return 0, err
		}
		sb, err := concurrency.NewSession(c.etcd, concurrency.WithTTL(60))
		if err != nil {
			return 0, err
		}
		cleanup = append(cleanup, func() { sb.Close() })
		go func() {
			err := concurrency.NewElection(sb, prefix).Campaign(ctx, "b")
			done <- result{time.Now(), err}
		}()
		lose = func() error { // what Outrigger's session delete does: revoke the lease
			_, err := c.etcd.Revoke(ctx, sa.Lease())
			return err
		}
	default:
		prefix = "/outrigger/elections/" + name + "/"
		el, ss := pb.NewElectionServiceClient(c.grpc), pb.NewSessionServiceClient(c.grpc)
		sttl := int32(60)
		if ttl > 0 {
			sttl = int32(ttl)
		}
		sa, err := ss.Create(ctx, &pb.CreateSessionRequest{TtlSeconds: sttl})
		if err != nil {
			return 0, err
		}
		t0 = time.Now()
		cleanup = append(cleanup, func() { ss.Delete(context.Background(), &pb.DeleteSessionRequest{Id: sa.Id}) })
		r, err := el.Campaign(ctx, &pb.CampaignRequest{Name: name, SessionId: sa.Id, Value: "a"})
		if err != nil || !r.Elected {
			return 0, fmt.Errorf("leader not elected: %v", err)
		}
		sb, err := ss.Create(ctx, &pb.CreateSessionRequest{TtlSeconds: 60})
		if err != nil {
			return 0, err
		}
		cleanup = append(cleanup, func() { ss.Delete(context.Background(), &pb.DeleteSessionRequest{Id: sb.Id}) })
		go func() {
			r, err := el.Campaign(ctx, &pb.CampaignRequest{Name: name, SessionId: sb.Id, Value: "b", WaitSeconds: 50})
			if err == nil && !r.Elected {
				err = fmt.Errorf("candidate not elected")
			}
			done <- result{time.Now(), err}
		}()
		lose = func() error {
			_, err := ss.Delete(ctx, &pb.DeleteSessionRequest{Id: sa.Id})
			return err
		}
	}
	// wait until the candidate is in line
	for {
		resp, err := c.etcd.Get(ctx, prefix, clientv3.WithPrefix(), clientv3.WithCountOnly())
		if err != nil {
			return 0, err
		}
		if resp.Count >= 2 {
			break
		}
		select {
		case r := <-done:
			return 0, fmt.Errorf("candidate returned early: %v", r.err)
		case <-time.After(2 * time.Millisecond):
		}
	}
	if ttl == 0 {
		t0 = time.Now()
		if err := lose(); err != nil {
			return 0, err
		}
	}
	r := <-done
	if r.err != nil {
		return 0, r.err
	}
	return r.at.Sub(t0), nil
}
