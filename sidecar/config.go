package sidecar

import (
	"context"
	"fmt"
	"strings"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"go.etcd.io/etcd/api/v3/mvccpb"
	clientv3 "go.etcd.io/etcd/client/v3"
)

// ConfigServer implements the config API over the keys under configPrefix.
type ConfigServer struct {
	pb.UnimplementedConfigServiceServer
	s *Sidecar
}

// entry converts a stored key-value into the API's entry.
func entry(kv *mvccpb.KeyValue) *pb.ConfigEntry {
	return &pb.ConfigEntry{
		Key:            strings.TrimPrefix(string(kv.Key), configPrefix),
		Value:          string(kv.Value),
		CreateRevision: kv.CreateRevision,
		ModRevision:    kv.ModRevision,
		Version:        kv.Version,
		SessionId:      kv.Lease,
	}
}

func entries(kvs []*mvccpb.KeyValue) []*pb.ConfigEntry {
	items := make([]*pb.ConfigEntry, len(kvs))
	for i, kv := range kvs {
		items[i] = entry(kv)
	}
	return items
}

func readOptions(rev int64, serializable bool) []clientv3.OpOption {
	var opts []clientv3.OpOption
	if rev > 0 {
		opts = append(opts, clientv3.WithRev(rev))
	}
	if serializable {
		opts = append(opts, clientv3.WithSerializable())
	}
	return opts
}

// Get reads one entry.
func (c *ConfigServer) Get(ctx context.Context, req *pb.GetConfigRequest) (*pb.ConfigEntry, error) {
	if err := checkKey("key", req.Key); err != nil {
		return nil, err
	}
	if err := checkRevision("revision", req.Revision); err != nil {
		return nil, err
	}
	resp, err := c.s.reader(req.Serializable).Get(ctx, configKey(req.Key), readOptions(req.Revision, req.Serializable)...)
	if err != nil {
		return nil, c.s.readError(ctx, err, req.Revision, fmt.Sprintf("get config key %q", req.Key))
	}
	if len(resp.Kvs) == 0 {
		if req.Revision > 0 {
			return nil, notFoundf("config key %q not found at revision %d", req.Key, req.Revision)
		}
		return nil, notFoundf("config key %q not found", req.Key)
	}
	return entry(resp.Kvs[0]), nil
}

// Put writes one entry, guarded by ifRevision and ifLockHeld when given.
func (c *ConfigServer) Put(ctx context.Context, req *pb.PutConfigRequest) (*pb.ConfigEntry, error) {
	if err := checkKey("key", req.Key); err != nil {
		return nil, err
	}
	if err := checkValue("value", req.Value); err != nil {
		return nil, err
	}
	if req.IfRevision != nil {
		if err := checkRevision("ifRevision", *req.IfRevision); err != nil {
			return nil, err
		}
	}
	if req.SessionId < 0 {
		return nil, invalidf("sessionId: %d is not a session id", req.SessionId)
	}
	key := configKey(req.Key)
	var cmps []clientv3.Cmp
	if req.IfRevision != nil {
		cmps = append(cmps, clientv3.Compare(clientv3.ModRevision(key), "=", *req.IfRevision))
	}
	if req.IfLockHeld != nil {
		fence, err := c.s.lockFence(ctx, req.IfLockHeld)
		if err != nil {
			return nil, err
		}
		cmps = append(cmps, fence)
	}
	put := clientv3.OpPut(key, req.Value, clientv3.WithLease(clientv3.LeaseID(req.SessionId)), clientv3.WithPrevKV())
	var rev int64
	var prev *mvccpb.KeyValue
	if len(cmps) == 0 { // no guard: a plain put, cheaper than a transaction
		resp, err := c.s.client.Do(ctx, put)
		if err != nil {
			return nil, toStatus(err, fmt.Sprintf("put config key %q", req.Key))
		}
		rev, prev = resp.Put().Header.Revision, resp.Put().PrevKv
	} else {
		resp, err := c.s.client.Txn(ctx).If(cmps...).Then(put).Else(clientv3.OpGet(key)).Commit()
		if err != nil {
			return nil, toStatus(err, fmt.Sprintf("put config key %q", req.Key))
		}
		if !resp.Succeeded {
			return nil, c.putConflict(req, resp.Responses[0].GetResponseRange().Kvs)
		}
		rev, prev = resp.Header.Revision, resp.Responses[0].GetResponsePut().PrevKv
	}
	e := &pb.ConfigEntry{Key: req.Key, Value: req.Value, CreateRevision: rev, ModRevision: rev, Version: 1, SessionId: req.SessionId}
	if prev != nil {
		e.CreateRevision, e.Version = prev.CreateRevision, prev.Version+1
	}
	return e, nil
}

// putConflict explains which guard of a put did not hold.
func (c *ConfigServer) putConflict(req *pb.PutConfigRequest, current []*mvccpb.KeyValue) error {
	var mod int64
	if len(current) > 0 {
		mod = current[0].ModRevision
	}
	if req.IfRevision != nil && mod != *req.IfRevision {
		if *req.IfRevision == 0 {
			return abortedf("config key %q already exists (modRevision is %d)", req.Key, mod)
		}
		return abortedf("config key %q: modRevision is %d, not %d", req.Key, mod, *req.IfRevision)
	}
	return abortedf("config key %q not written: lock %q is no longer held with fencing token %d",
		req.Key, req.IfLockHeld.GetName(), req.IfLockHeld.GetFencingToken())
}

// List reads the entries under a prefix, one page at a time, every page at the
// revision of the first.
func (c *ConfigServer) List(ctx context.Context, req *pb.ListConfigRequest) (*pb.ListConfigResponse, error) {
	if err := checkPrefix("prefix", req.Prefix); err != nil {
		return nil, err
	}
	if err := checkRevision("revision", req.Revision); err != nil {
		return nil, err
	}
	limit := int64(req.Limit)
	switch {
	case limit == 0:
		limit = defaultListLimit
	case limit < 0 || limit > maxListLimit:
		return nil, invalidf("limit: %d is out of range [1, %d]", limit, maxListLimit)
	}
	start, rev := configKey(req.Prefix), req.Revision
	if req.PageToken != "" {
		page, err := decodePageToken(req.PageToken)
		if err != nil {
			return nil, err
		}
		if rev != 0 && rev != page.revision {
			return nil, invalidf("pageToken: issued for revision %d, not %d", page.revision, rev)
		}
		if !strings.HasPrefix(page.key, configKey(req.Prefix)) {
			return nil, invalidf("pageToken: issued for another prefix")
		}
		start, rev = page.key, page.revision
	}
	opts := append(readOptions(rev, req.Serializable),
		clientv3.WithRange(clientv3.GetPrefixRangeEnd(configKey(req.Prefix))), clientv3.WithLimit(limit))
	resp, err := c.s.reader(req.Serializable).Get(ctx, start, opts...)
	if err != nil {
		return nil, c.s.readError(ctx, err, rev, fmt.Sprintf("list config prefix %q", req.Prefix))
	}
	if rev == 0 {
		rev = resp.Header.Revision
	}
	out := &pb.ListConfigResponse{Items: entries(resp.Kvs), Revision: rev}
	if resp.More && len(resp.Kvs) > 0 {
		out.NextPageToken = pageToken{key: string(resp.Kvs[len(resp.Kvs)-1].Key) + "\x00", revision: rev}.encode()
	}
	return out, nil
}

// Delete removes one entry or a prefix.
func (c *ConfigServer) Delete(ctx context.Context, req *pb.DeleteConfigRequest) (*pb.DeleteConfigResponse, error) {
	if err := checkKey("key", req.Key); err != nil {
		return nil, err
	}
	var opts []clientv3.OpOption
	if req.Prefix {
		opts = append(opts, clientv3.WithPrefix())
	}
	resp, err := c.s.client.Delete(ctx, configKey(req.Key), opts...)
	if err != nil {
		return nil, toStatus(err, fmt.Sprintf("delete config key %q", req.Key))
	}
	return &pb.DeleteConfigResponse{Deleted: resp.Deleted, Revision: resp.Header.Revision}, nil
}

// Watch streams the changes under a prefix.
func (c *ConfigServer) Watch(req *pb.WatchConfigRequest, stream pb.ConfigService_WatchServer) error {
	if err := checkPrefix("prefix", req.Prefix); err != nil {
		return err
	}
	if err := checkRevision("startRevision", req.StartRevision); err != nil {
		return err
	}
	return c.s.watch(stream.Context(), configKey(req.Prefix), req.StartRevision, configSink{stream})
}

// configSink turns watch output into config watch lines.
type configSink struct{ stream pb.ConfigService_WatchServer }

func (k configSink) batch(rev int64, events []*clientv3.Event) error {
	out := &pb.WatchConfigResponse{Revision: rev, Events: make([]*pb.ConfigEvent, len(events))}
	for i, ev := range events {
		e := entry(ev.Kv)
		out.Events[i] = &pb.ConfigEvent{Type: eventType(ev), Key: e.Key, Value: e.Value,
			ModRevision: e.ModRevision, CreateRevision: e.CreateRevision, Version: e.Version}
	}
	return k.stream.Send(out)
}

func (k configSink) resync(rev int64, kvs []*mvccpb.KeyValue) error {
	return k.stream.Send(&pb.WatchConfigResponse{Signal: &pb.WatchConfigResponse_Resync{
		Resync: &pb.ConfigResync{Items: entries(kvs), Revision: rev}}})
}

func (k configSink) progress(rev int64) error {
	return k.stream.Send(&pb.WatchConfigResponse{Signal: &pb.WatchConfigResponse_ProgressRevision{ProgressRevision: rev}})
}

func eventType(ev *clientv3.Event) pb.EventType {
	if ev.Type == clientv3.EventTypeDelete {
		return pb.EventType_DELETE
	}
	return pb.EventType_PUT
}
