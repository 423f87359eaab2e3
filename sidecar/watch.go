package sidecar

import (
	"context"
	"time"

	"go.etcd.io/etcd/api/v3/mvccpb"
	clientv3 "go.etcd.io/etcd/client/v3"
)

// watchSink receives what a watch delivers, in revision order.
type watchSink interface {
	// batch delivers the events of one revision.
	batch(rev int64, events []*clientv3.Event) error
	// resync delivers the whole state at rev, replacing what came before.
	resync(rev int64, kvs []*mvccpb.KeyValue) error
	// progress says every change up to rev has been delivered.
	progress(rev int64) error
}

// watch streams the changes under prefix, from startRev (0: after the current
// revision), into sink until ctx ends or the sink fails. It opens etcd watches
// again after any failure, resuming at the next revision not yet delivered, and
// resyncs when that revision has been compacted: it never ends on its own.
func (s *Sidecar) watch(ctx context.Context, prefix string, startRev int64, sink watchSink) error {
	watchStreams.Inc()
	defer watchStreams.Dec()
	next := startRev
	if next == 0 {
		resp, err := s.client.Get(ctx, prefix, clientv3.WithPrefix(), clientv3.WithCountOnly())
		if err != nil {
			return toStatus(err, "start watch")
		}
		next = resp.Header.Revision + 1
	}
	announced := false
	for backoff := 50 * time.Millisecond; ; backoff = min(2*backoff, 2*time.Second) {
		wctx, cancel := context.WithCancel(clientv3.WithRequireLeader(ctx))
		var err error
		next, err = s.watchFrom(wctx, prefix, next, &announced, sink)
		cancel()
		if err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
	}
}

// watchFrom runs one etcd watch from next until it fails, and returns the next
// revision to deliver. Only an error of the sink (the client went away) is returned.
func (s *Sidecar) watchFrom(ctx context.Context, prefix string, next int64, announced *bool, sink watchSink) (int64, error) {
	wch := s.watcher.Watch(ctx, prefix, clientv3.WithPrefix(), clientv3.WithRev(next),
		clientv3.WithProgressNotify(), clientv3.WithCreatedNotify())
	quiet := time.NewTicker(s.opts.ProgressInterval)
	defer quiet.Stop()
	sent := false
	for {
		var resp clientv3.WatchResponse
		var ok bool
		select {
		case resp, ok = <-wch:
		case <-quiet.C:
			// etcd sends no progress to a watcher whose start revision the store has
			// not reached yet: when nothing at all was written since, say so here.
			if !sent {
				if now, err := s.client.Get(ctx, root, clientv3.WithCountOnly(), clientv3.WithSerializable()); err == nil && now.Header.Revision < next {
					if err := sink.progress(next - 1); err != nil {
						return next, err
					}
				}
			}
			sent = false
			continue
		}
		if !ok {
			return next, nil
		}
		sent = true
		switch {
		case resp.CompactRevision != 0:
			rev, err := s.resync(ctx, prefix, sink)
			if err != nil || rev == 0 {
				return next, err
			}
			*announced = true
			return rev + 1, nil
		case resp.Err() != nil:
			if ctx.Err() == nil {
				s.log.Debug("watch interrupted; resuming", "prefix", prefix, "next", next, "err", resp.Err())
			}
			return next, nil
		case resp.Created:
			if !*announced {
				*announced = true
				if err := sink.progress(next - 1); err != nil {
					return next, err
				}
			}
		case resp.IsProgressNotify():
			if rev := resp.Header.Revision; rev >= next {
				next = rev + 1
			}
			if err := sink.progress(next - 1); err != nil {
				return next, err
			}
		}
		for events := resp.Events; len(events) > 0; {
			rev := events[0].Kv.ModRevision
			n := 1
			for n < len(events) && events[n].Kv.ModRevision == rev {
				n++
			}
			if err := sink.batch(rev, events[:n]); err != nil {
				return next, err
			}
			next, events = rev+1, events[n:]
		}
	}
}

// resync sends the whole state under prefix; it returns the revision it was read
// at, or 0 when the read failed (the caller retries).
func (s *Sidecar) resync(ctx context.Context, prefix string, sink watchSink) (int64, error) {
	resp, err := s.client.Get(ctx, prefix, clientv3.WithPrefix())
	if err != nil {
		return 0, nil
	}
	return resp.Header.Revision, sink.resync(resp.Header.Revision, resp.Kvs)
}
