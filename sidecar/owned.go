package sidecar

import (
	"context"
	"sync"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// ownedSessions are the sessions created through this sidecar; it deletes them
// when it stops gracefully.
type ownedSessions struct {
	mu  sync.Mutex
	ids map[int64]struct{}
}

func newOwnedSessions() *ownedSessions { return &ownedSessions{ids: map[int64]struct{}{}} }

func (o *ownedSessions) add(id int64) {
	o.mu.Lock()
	o.ids[id] = struct{}{}
	o.mu.Unlock()
}

func (o *ownedSessions) remove(id int64) {
	o.mu.Lock()
	delete(o.ids, id)
	o.mu.Unlock()
}

func (o *ownedSessions) count() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.ids)
}

// revokeAll deletes every owned session, in parallel, and returns how many there were.
func (o *ownedSessions) revokeAll(ctx context.Context, c *clientv3.Client) int {
	o.mu.Lock()
	ids := o.ids
	o.ids = map[int64]struct{}{}
	o.mu.Unlock()
	var wg sync.WaitGroup
	for id := range ids {
		wg.Add(1)
		go func(id int64) {
			defer wg.Done()
			c.Revoke(ctx, clientv3.LeaseID(id)) // an expired session is already gone
		}(id)
	}
	wg.Wait()
	return len(ids)
}
