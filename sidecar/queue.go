package sidecar

import (
	"context"
	"errors"
	"fmt"

	"go.etcd.io/etcd/api/v3/mvccpb"
	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
)

// A queue is the etcd recipe behind locks and elections (as in etcd's
// concurrency package): each session puts one key under a directory, bound to the
// session, and the key with the lowest create revision heads the queue. Its create
// revision is the fencing token (or term) of the grant.

// queueEntry is one session's place in a queue.
type queueEntry struct {
	key     string
	rev     int64 // create revision
	head    *mvccpb.KeyValue
	session int64
	waited  bool // the grant came after waiting in line
}

// isHead reports whether the entry heads its queue.
func (e queueEntry) isHead() bool { return e.head != nil && e.head.CreateRevision == e.rev }

// joinQueue puts the session's key into the queue, or finds it already there; with
// replace, an existing key gets value (keeping its place).
func (s *Sidecar) joinQueue(ctx context.Context, dir string, session int64, value string, replace bool) (queueEntry, error) {
	key := queueKey(dir, session)
	getHead := clientv3.OpGet(dir, clientv3.WithFirstCreate()...)
	resp, err := s.client.Txn(ctx).
		If(clientv3.Compare(clientv3.CreateRevision(key), "=", 0)).
		Then(clientv3.OpPut(key, value, clientv3.WithLease(clientv3.LeaseID(session))), getHead).
		Else(clientv3.OpGet(key), getHead).Commit()
	if errors.Is(err, rpctypes.ErrLeaseNotFound) {
		return queueEntry{}, sessionNotFound(session)
	}
	if err != nil {
		return queueEntry{}, toStatus(err, "join "+dir)
	}
	e := queueEntry{key: key, rev: resp.Header.Revision, session: session}
	if heads := resp.Responses[1].GetResponseRange().Kvs; len(heads) > 0 {
		e.head = heads[0]
	}
	if !resp.Succeeded {
		own := resp.Responses[0].GetResponseRange().Kvs[0]
		e.rev = own.CreateRevision
		if replace && string(own.Value) != value {
			if err := s.setQueueValue(ctx, e, value); err != nil {
				return queueEntry{}, err
			}
		}
	}
	return e, nil
}

// setQueueValue rewrites the value of an entry's key if the key is still the entry's.
func (s *Sidecar) setQueueValue(ctx context.Context, e queueEntry, value string) error {
	resp, err := s.client.Txn(ctx).
		If(clientv3.Compare(clientv3.CreateRevision(e.key), "=", e.rev)).
		Then(clientv3.OpPut(e.key, value, clientv3.WithLease(clientv3.LeaseID(e.session)))).Commit()
	if err != nil {
		return toStatus(err, "update "+e.key)
	}
	if !resp.Succeeded {
		return sessionNotFound(e.session)
	}
	return nil
}

// waitTurn blocks until the entry heads its queue: until every key created before
// it is gone. It fails if the entry itself goes (its session ended).
func (s *Sidecar) waitTurn(ctx context.Context, dir string, e queueEntry) error {
	for {
		resp, err := s.client.Get(ctx, dir, append(clientv3.WithLastCreate(), clientv3.WithMaxCreateRev(e.rev-1))...)
		if err != nil {
			return toStatus(err, "wait in "+dir)
		}
		if len(resp.Kvs) == 0 {
			break
		}
		if err := s.waitDelete(ctx, string(resp.Kvs[0].Key), resp.Header.Revision); err != nil {
			return err
		}
	}
	resp, err := s.client.Get(ctx, e.key)
	if err != nil {
		return toStatus(err, "wait in "+dir)
	}
	if len(resp.Kvs) == 0 || resp.Kvs[0].CreateRevision != e.rev {
		return sessionNotFound(e.session)
	}
	return nil
}

// waitDelete blocks until key is deleted after revision rev.
func (s *Sidecar) waitDelete(ctx context.Context, key string, rev int64) error {
	wctx, cancel := context.WithCancel(clientv3.WithRequireLeader(ctx))
	defer cancel()
	for resp := range s.watcher.Watch(wctx, key, clientv3.WithRev(rev+1), clientv3.WithFilterPut()) {
		if err := resp.Err(); err != nil {
			return toStatus(err, "wait for "+key)
		}
		for _, ev := range resp.Events {
			if ev.Type == clientv3.EventTypeDelete {
				return nil
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return fmt.Errorf("watch on %s closed", key)
}

// leaveQueue removes the session's key from the queue, even if ctx has ended.
func (s *Sidecar) leaveQueue(e queueEntry) {
	ctx, cancel := cleanupContext()
	defer cancel()
	s.client.Txn(ctx).If(clientv3.Compare(clientv3.CreateRevision(e.key), "=", e.rev)).
		Then(clientv3.OpDelete(e.key)).Commit()
}

// leaveQueueOf removes a session's key from a queue (giving up a lock or a
// leadership, or a place in line); it reports whether there was one.
func (s *Sidecar) leaveQueueOf(ctx context.Context, dir string, session int64, what string) (bool, error) {
	resp, err := s.client.Delete(ctx, queueKey(dir, session))
	if err != nil {
		return false, toStatus(err, what)
	}
	return resp.Deleted > 0, nil
}

// queueHead reads the entry heading the queue, nil when it is empty.
func (s *Sidecar) queueHead(ctx context.Context, dir string) (*mvccpb.KeyValue, error) {
	resp, err := s.client.Get(ctx, dir, clientv3.WithFirstCreate()...)
	if err != nil {
		return nil, toStatus(err, "read "+dir)
	}
	if len(resp.Kvs) == 0 {
		return nil, nil
	}
	return resp.Kvs[0], nil
}

// enqueue joins the queue for a session (creating one when none is given) and
// waits up to wait seconds for its turn. When the turn does not come, it leaves the
// queue, drops a session it created, and returns a zero entry.
func (s *Sidecar) enqueue(ctx context.Context, dir string, sessionID int64, ttl int32, wait float64, value string, replace bool) (queueEntry, error) {
	if err := checkWait(wait); err != nil {
		return queueEntry{}, err
	}
	session, created, err := s.sessionOrNew(ctx, sessionID, ttl)
	if err != nil {
		return queueEntry{}, err
	}
	e, err := s.joinQueue(ctx, dir, session, value, replace)
	if err == nil && !e.isHead() {
		if wait == 0 {
			err = errNotGranted
		} else {
			wctx, cancel := context.WithTimeout(ctx, secondsDuration(wait))
			if created {
				// The caller cannot keep a session alive before it knows it: while
				// it waits in line, the sidecar does.
				if kept, err := s.client.KeepAlive(wctx, clientv3.LeaseID(session)); err == nil {
					go func() {
						for range kept {
						}
					}()
				}
			}
			err = s.waitTurn(wctx, dir, e)
			e.waited = true
			cancel()
			if err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
				err = errNotGranted
			}
		}
		if err != nil {
			s.leaveQueue(e)
		}
	}
	if err != nil {
		if created {
			s.dropNewSession(session)
		}
		if errors.Is(err, errNotGranted) {
			return queueEntry{}, nil
		}
		return queueEntry{}, toStatus(err, "")
	}
	return e, nil
}

// errNotGranted says a queue's turn did not come in time; callers answer "not acquired".
var errNotGranted = errors.New("not granted")
