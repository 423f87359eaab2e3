package sidecar

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// registrations are the instances this sidecar looks after: those on its own
// session (written again if that session is re-created) and those with a health
// check (removed while failing, written back when passing).
type registrations struct {
	s     *Sidecar
	mu    sync.Mutex
	local map[string]*localInstance // by etcd key
	wg    sync.WaitGroup
}

type localInstance struct {
	inst   *pb.Instance
	own    bool // bound to the sidecar's own session
	cancel context.CancelFunc
	mu     sync.Mutex
	listed bool // currently written to etcd (false while its health check fails)
}

func newRegistrations(s *Sidecar) *registrations {
	return &registrations{s: s, local: map[string]*localInstance{}}
}

// session is the session an instance is bound to now.
func (li *localInstance) session(s *Sidecar) int64 {
	if li.own {
		return s.own.ID()
	}
	return li.inst.SessionId
}

// register writes an instance and looks after it from now on; it returns the
// revision and the session the instance is bound to.
func (r *registrations) register(ctx context.Context, inst *pb.Instance, own bool) (int64, int64, error) {
	key := instanceKey(inst.Service, inst.Id)
	r.forget(key)
	li := &localInstance{inst: inst, own: own, listed: true}
	session := li.session(r.s)
	rev, err := r.s.putInstance(ctx, inst, session)
	if err != nil {
		return 0, 0, err
	}
	if !own && inst.HealthCheck == nil {
		return rev, session, nil
	}
	cctx, cancel := context.WithCancel(context.Background())
	li.cancel = cancel
	r.mu.Lock()
	r.local[key] = li
	r.mu.Unlock()
	if inst.HealthCheck != nil {
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			r.check(cctx, key, li)
		}()
	}
	return rev, session, nil
}

// forget stops looking after an instance; it reports whether it was looked after.
func (r *registrations) forget(key string) bool {
	r.mu.Lock()
	li, ok := r.local[key]
	delete(r.local, key)
	r.mu.Unlock()
	if ok {
		li.cancel()
	}
	return ok
}

// rewriteOwn writes the instances of the sidecar's own session again, after that
// session was re-created, each write bounded by renewAttempt. It tries every instance
// and returns the first error.
func (r *registrations) rewriteOwn(ctx context.Context) error {
	r.mu.Lock()
	var own []*localInstance
	for _, li := range r.local {
		if li.own {
			own = append(own, li)
		}
	}
	r.mu.Unlock()
	var first error
	for _, li := range own {
		li.mu.Lock()
		if li.listed {
			pctx, cancel := context.WithTimeout(ctx, renewAttempt)
			if _, err := r.s.putInstance(pctx, li.inst, li.session(r.s)); err != nil && first == nil {
				first = fmt.Errorf("register %s/%s again: %w", li.inst.Service, li.inst.Id, err)
			}
			cancel()
		}
		li.mu.Unlock()
	}
	if first == nil {
		r.s.log.Info("registered instances again on the new sidecar session", "instances", len(own))
	}
	return first
}

// stopChecks ends every health check and waits for them.
func (r *registrations) stopChecks() {
	r.mu.Lock()
	for _, li := range r.local {
		li.cancel()
	}
	r.mu.Unlock()
	r.wg.Wait()
}

// check probes an instance's health URL until ctx ends: after
// checkFailureThreshold failures in a row the instance is removed, and the next
// pass writes it back.
func (r *registrations) check(ctx context.Context, key string, li *localInstance) {
	hc := li.inst.HealthCheck
	interval := time.Duration(hc.IntervalSeconds) * time.Second
	client := &http.Client{Timeout: min(interval, maxCheckTimeout)}
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	failures := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		err := probe(ctx, client, hc.Http)
		if ctx.Err() != nil {
			return
		}
		li.mu.Lock()
		switch {
		case err == nil:
			failures = 0
			if !li.listed {
				if _, werr := r.s.putInstance(ctx, li.inst, li.session(r.s)); werr == nil {
					li.listed = true
					r.s.log.Info("health check passes; instance registered again", "service", li.inst.Service, "id", li.inst.Id)
				} else if status.Code(werr) == codes.NotFound {
					li.mu.Unlock()
					r.s.log.Info("instance's session ended; health check stopped", "service", li.inst.Service, "id", li.inst.Id)
					r.forget(key)
					return
				}
			}
		default:
			failures++
			if failures >= checkFailureThreshold && li.listed {
				if _, derr := r.s.client.Delete(ctx, key); derr == nil {
					li.listed = false
					r.s.log.Warn("health check failing; instance removed", "service", li.inst.Service, "id", li.inst.Id,
						"failures", failures, "err", err)
				}
			}
		}
		li.mu.Unlock()
	}
}

// probe GETs url and passes on any 2xx answer.
func probe(ctx context.Context, client *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return errors.New(resp.Status)
	}
	return nil
}
