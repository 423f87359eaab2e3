package robustness

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
)

// The oracle is the history as etcd itself tells it: one watch of everything
// Outrigger stores, through etcd's own client protocol, from revision 1. etcd's
// watch guarantees (ordered, complete, no duplicates) were established by etcd's
// own robustness tests and Jepsen; the checks hold Outrigger's API to this record.

type oev struct {
	key, typ, value string
	create, mod     int64
}

type oracle struct {
	cli    *clientv3.Client
	cancel context.CancelFunc
	done   chan struct{}

	mu     sync.Mutex
	events map[int64][]oev
	revs   []int64    // revisions with events, ascending
	next   int64      // every revision below next is known (or in a gap)
	gaps   [][2]int64 // revision ranges lost to compaction, inclusive
}

func startOracle(endpoints []string) (*oracle, error) {
	cli, err := clientv3.New(clientv3.Config{Endpoints: endpoints, DialTimeout: 5 * time.Second, Logger: zap.NewNop()})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	o := &oracle{cli: cli, cancel: cancel, done: make(chan struct{}), events: map[int64][]oev{}, next: 1}
	go o.run(ctx)
	return o, nil
}

func (o *oracle) close() {
	o.cancel()
	<-o.done
	o.cli.Close()
}

func (o *oracle) run(ctx context.Context) {
	defer close(o.done)
	for ctx.Err() == nil {
		o.mu.Lock()
		next := o.next
		o.mu.Unlock()
		wctx, cancel := context.WithCancel(ctx)
		for resp := range o.cli.Watch(wctx, "/outrigger/", clientv3.WithPrefix(), clientv3.WithRev(next), clientv3.WithProgressNotify()) {
			o.mu.Lock()
			if resp.CompactRevision != 0 {
				if resp.CompactRevision > o.next {
					o.gaps = append(o.gaps, [2]int64{o.next, resp.CompactRevision - 1})
					o.next = resp.CompactRevision
				}
				o.mu.Unlock()
				break
			}
			if resp.Err() != nil {
				o.mu.Unlock()
				break
			}
			for _, ev := range resp.Events {
				rev := ev.Kv.ModRevision
				if rev < o.next {
					continue
				}
				typ := "PUT"
				if ev.Type == clientv3.EventTypeDelete {
					typ = "DELETE"
				}
				if len(o.revs) == 0 || o.revs[len(o.revs)-1] != rev {
					o.revs = append(o.revs, rev)
				}
				o.events[rev] = append(o.events[rev], oev{key: string(ev.Kv.Key), typ: typ, value: string(ev.Kv.Value),
					create: ev.Kv.CreateRevision, mod: rev})
			}
			if n := len(resp.Events); n > 0 {
				o.next = resp.Events[n-1].Kv.ModRevision + 1
			}
			if resp.IsProgressNotify() && resp.Header.Revision+1 > o.next {
				o.next = resp.Header.Revision + 1
			}
			o.mu.Unlock()
		}
		cancel()
		sleepCtx(ctx, 100*time.Millisecond)
	}
}

// catchUp waits until the oracle knows everything up to the cluster's current revision.
func (o *oracle) catchUp(ctx context.Context) (int64, error) {
	var rev int64
	for ctx.Err() == nil {
		cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		resp, err := o.cli.Get(cctx, "/outrigger/", clientv3.WithPrefix(), clientv3.WithCountOnly())
		cancel()
		if err == nil {
			rev = resp.Header.Revision
			break
		}
		sleepCtx(ctx, 200*time.Millisecond)
	}
	for ctx.Err() == nil {
		o.mu.Lock()
		next := o.next
		o.mu.Unlock()
		if next > rev {
			return rev, nil
		}
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		o.cli.RequestProgress(cctx)
		cancel()
		sleepCtx(ctx, 100*time.Millisecond)
	}
	return rev, fmt.Errorf("oracle did not reach revision %d: %v", rev, ctx.Err())
}

// known reports whether every revision in (lo, hi] is in the record.
func (o *oracle) known(lo, hi int64) bool {
	if hi >= o.next {
		return false
	}
	for _, g := range o.gaps {
		if g[0] <= hi && g[1] > lo {
			return false
		}
	}
	return true
}

// between returns the revisions in (lo, hi] with events under prefix.
func (o *oracle) between(lo, hi int64, prefix string) []int64 {
	i := sort.Search(len(o.revs), func(i int) bool { return o.revs[i] > lo })
	var out []int64
	for ; i < len(o.revs) && o.revs[i] <= hi; i++ {
		if len(o.at(o.revs[i], prefix)) > 0 {
			out = append(out, o.revs[i])
		}
	}
	return out
}

// at returns the events of one revision under prefix.
func (o *oracle) at(rev int64, prefix string) []oev {
	var out []oev
	for _, e := range o.events[rev] {
		if strings.HasPrefix(e.key, prefix) {
			out = append(out, e)
		}
	}
	return out
}

// stateAt replays the record up to rev under prefix: key -> last put (absent keys left out).
// ok is false when part of that history was compacted away before the oracle saw it.
func (o *oracle) stateAt(rev int64, prefix string) (map[string]oev, bool) {
	if !o.known(0, rev) {
		return nil, false
	}
	state := map[string]oev{}
	for _, r := range o.revs {
		if r > rev {
			break
		}
		for _, e := range o.at(r, prefix) {
			if e.typ == "DELETE" {
				delete(state, e.key)
			} else {
				state[e.key] = e
			}
		}
	}
	return state, true
}

// compact compacts etcd's history at rev (the compaction scenario's fault).
func (o *oracle) compact(ctx context.Context, rev int64) error {
	_, err := o.cli.Compact(ctx, rev)
	return err
}

func (o *oracle) currentRevision(ctx context.Context) (int64, error) {
	resp, err := o.cli.Get(ctx, "/outrigger/", clientv3.WithPrefix(), clientv3.WithCountOnly(), clientv3.WithSerializable())
	if err != nil {
		return 0, err
	}
	return resp.Header.Revision, nil
}
