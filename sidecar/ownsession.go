package sidecar

import (
	"context"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// ownSession is the sidecar's own session: it owns the registrations made without
// a session, and the sidecar keeps it alive for as long as it runs. When the cluster
// lets it expire anyway (unreachable past the TTL), a new one is granted and those
// registrations are written again.
type ownSession struct {
	s      *Sidecar
	mu     sync.Mutex
	id     clientv3.LeaseID
	cancel context.CancelFunc
	done   chan struct{}
}

func startOwnSession(ctx context.Context, s *Sidecar) (*ownSession, error) {
	o := &ownSession{s: s, done: make(chan struct{})}
	if err := o.grant(ctx); err != nil {
		return nil, err
	}
	kctx, cancel := context.WithCancel(context.Background())
	o.cancel = cancel
	go o.keepAlive(kctx)
	return o, nil
}

// ID is the current lease of the sidecar's session.
func (o *ownSession) ID() int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return int64(o.id)
}

func (o *ownSession) grant(ctx context.Context) error {
	resp, err := o.s.client.Grant(ctx, int64(o.s.opts.SessionTTL/time.Second))
	if err != nil {
		return toStatus(err, "create the sidecar's session")
	}
	o.mu.Lock()
	o.id = resp.ID
	o.mu.Unlock()
	return nil
}

// keepAlive renews the session until ctx ends, granting a new one when it is lost.
func (o *ownSession) keepAlive(ctx context.Context) {
	defer close(o.done)
	for ctx.Err() == nil {
		ch, err := o.s.client.KeepAlive(ctx, clientv3.LeaseID(o.ID()))
		if err == nil {
			for range ch {
			}
		}
		if ctx.Err() != nil {
			return
		}
		o.s.log.Warn("sidecar session lost; creating a new one and registering again", "session", o.ID())
		o.renew(ctx)
	}
}

// renewAttempt bounds one attempt to re-create the session or one registration. A
// request proposed by a member that has just lost its leadership (a sidecar waking
// from a pause) is dropped, and would otherwise wait out etcd's request timeout (7s).
const renewAttempt = 2 * time.Second

// renew grants a new session and writes the sidecar's registrations again, retrying
// until both are done or ctx ends.
func (o *ownSession) renew(ctx context.Context) {
	granted := false
	for ctx.Err() == nil {
		var err error
		if !granted {
			actx, cancel := context.WithTimeout(ctx, renewAttempt)
			err = o.grant(actx)
			cancel()
			granted = err == nil
		}
		if err == nil {
			err = o.s.registry.rewriteOwn(ctx)
		}
		if err == nil {
			return
		}
		o.s.log.Debug("renew the sidecar session", "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// stop ends the keep-alive; the session then expires unless revoked.
func (o *ownSession) stop() {
	o.cancel()
	<-o.done
}

// revoke deletes the session.
func (o *ownSession) revoke(ctx context.Context) {
	o.s.client.Revoke(ctx, clientv3.LeaseID(o.ID()))
}
