package sidecar

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"go.etcd.io/etcd/api/v3/mvccpb"
	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// RegistryServer implements service registration and discovery.
type RegistryServer struct {
	pb.UnimplementedRegistryServiceServer
	s *Sidecar
}

// maxMetadataBytes bounds an instance's metadata, keys and values together.
const maxMetadataBytes = 64 << 10

func checkInstance(req *pb.RegisterInstanceRequest) error {
	if err := checkName("service", req.Service); err != nil {
		return err
	}
	if err := checkName("id", req.Id); err != nil {
		return err
	}
	if req.Address == "" {
		return invalidf("address: must not be empty")
	}
	if err := checkValue("address", req.Address); err != nil {
		return err
	}
	if req.Port < 0 || req.Port > 65535 {
		return invalidf("port: %d is out of range [0, 65535]", req.Port)
	}
	size := 0
	for k, v := range req.Metadata {
		if k == "" {
			return invalidf("metadata: keys must not be empty")
		}
		size += len(k) + len(v)
	}
	if size > maxMetadataBytes {
		return invalidf("metadata: %d bytes, more than the limit of %d", size, maxMetadataBytes)
	}
	if hc := req.HealthCheck; hc != nil {
		u, err := url.Parse(hc.Http)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return invalidf("healthCheck.http: %q is not an http(s) URL", hc.Http)
		}
		if hc.IntervalSeconds < 0 || hc.IntervalSeconds > maxCheckIntervalSeconds {
			return invalidf("healthCheck.intervalSeconds: %d is out of range [1, %d]", hc.IntervalSeconds, maxCheckIntervalSeconds)
		}
		if hc.IntervalSeconds == 0 {
			hc.IntervalSeconds = defaultCheckIntervalSeconds
		}
	}
	return nil
}

// Register adds or replaces an instance.
func (r *RegistryServer) Register(ctx context.Context, req *pb.RegisterInstanceRequest) (*pb.Instance, error) {
	if err := checkInstance(req); err != nil {
		return nil, err
	}
	inst := &pb.Instance{Service: req.Service, Id: req.Id, Address: req.Address, Port: req.Port,
		Metadata: req.Metadata, HealthCheck: req.HealthCheck}
	own := req.SessionId == 0 && req.TtlSeconds == 0
	if !own {
		session, created, err := r.s.sessionOrNew(ctx, req.SessionId, req.TtlSeconds)
		if err != nil {
			return nil, err
		}
		inst.SessionId = session
		defer func() {
			if created && inst.ModRevision == 0 {
				r.s.dropNewSession(session)
			}
		}()
	}
	rev, session, err := r.s.registry.register(ctx, inst, own)
	if err != nil {
		return nil, err
	}
	inst.ModRevision, inst.SessionId = rev, session
	return inst, nil
}

// putInstance writes an instance bound to session and returns the revision.
func (s *Sidecar) putInstance(ctx context.Context, inst *pb.Instance, session int64) (int64, error) {
	stored := proto.Clone(inst).(*pb.Instance)
	stored.SessionId, stored.ModRevision = session, 0
	value, err := protojson.Marshal(stored)
	if err != nil {
		return 0, toStatus(err, "encode instance")
	}
	resp, err := s.client.Put(ctx, instanceKey(inst.Service, inst.Id), string(value), clientv3.WithLease(clientv3.LeaseID(session)))
	if errors.Is(err, rpctypes.ErrLeaseNotFound) {
		return 0, sessionNotFound(session)
	}
	if err != nil {
		return 0, toStatus(err, fmt.Sprintf("register instance %s/%s", inst.Service, inst.Id))
	}
	return resp.Header.Revision, nil
}

// decodeInstance reads a stored instance.
func decodeInstance(kv *mvccpb.KeyValue) *pb.Instance {
	inst := &pb.Instance{}
	if err := (protojson.UnmarshalOptions{DiscardUnknown: true}).Unmarshal(kv.Value, inst); err != nil {
		service, id, _ := strings.Cut(strings.TrimPrefix(string(kv.Key), servicesPrefix), "/")
		inst = &pb.Instance{Service: service, Id: id}
	}
	inst.SessionId, inst.ModRevision = kv.Lease, kv.ModRevision
	return inst
}

// Deregister removes an instance.
func (r *RegistryServer) Deregister(ctx context.Context, req *pb.DeregisterInstanceRequest) (*pb.DeregisterInstanceResponse, error) {
	if err := checkName("service", req.Service); err != nil {
		return nil, err
	}
	if err := checkName("id", req.Id); err != nil {
		return nil, err
	}
	tracked := r.s.registry.forget(instanceKey(req.Service, req.Id))
	resp, err := r.s.client.Delete(ctx, instanceKey(req.Service, req.Id))
	if err != nil {
		return nil, toStatus(err, fmt.Sprintf("deregister instance %s/%s", req.Service, req.Id))
	}
	return &pb.DeregisterInstanceResponse{Deregistered: resp.Deleted > 0 || tracked}, nil
}

// ListServices names the services that have instances.
func (r *RegistryServer) ListServices(ctx context.Context, _ *pb.ListServicesRequest) (*pb.ListServicesResponse, error) {
	resp, err := r.s.client.Get(ctx, servicesPrefix, clientv3.WithPrefix(), clientv3.WithKeysOnly())
	if err != nil {
		return nil, toStatus(err, "list services")
	}
	out := &pb.ListServicesResponse{Services: []string{}, Revision: resp.Header.Revision}
	for _, kv := range resp.Kvs {
		service, _, _ := strings.Cut(strings.TrimPrefix(string(kv.Key), servicesPrefix), "/")
		if n := len(out.Services); n == 0 || out.Services[n-1] != service {
			out.Services = append(out.Services, service)
		}
	}
	sort.Strings(out.Services)
	return out, nil
}

// ListInstances lists a service's instances.
func (r *RegistryServer) ListInstances(ctx context.Context, req *pb.ListInstancesRequest) (*pb.ListInstancesResponse, error) {
	if err := checkName("service", req.Service); err != nil {
		return nil, err
	}
	resp, err := r.s.client.Get(ctx, serviceDir(req.Service), clientv3.WithPrefix())
	if err != nil {
		return nil, toStatus(err, fmt.Sprintf("list instances of %q", req.Service))
	}
	return &pb.ListInstancesResponse{Instances: instances(resp.Kvs), Revision: resp.Header.Revision}, nil
}

func instances(kvs []*mvccpb.KeyValue) []*pb.Instance {
	out := make([]*pb.Instance, len(kvs))
	for i, kv := range kvs {
		out[i] = decodeInstance(kv)
	}
	return out
}

// Watch streams a service's instance changes.
func (r *RegistryServer) Watch(req *pb.WatchInstancesRequest, stream pb.RegistryService_WatchServer) error {
	if err := checkName("service", req.Service); err != nil {
		return err
	}
	if err := checkRevision("startRevision", req.StartRevision); err != nil {
		return err
	}
	return r.s.watch(stream.Context(), serviceDir(req.Service), req.StartRevision, instanceSink{req.Service, stream})
}

// instanceSink turns watch output into instance watch lines.
type instanceSink struct {
	service string
	stream  pb.RegistryService_WatchServer
}

func (k instanceSink) batch(rev int64, events []*clientv3.Event) error {
	out := &pb.WatchInstancesResponse{Revision: rev, Events: make([]*pb.InstanceEvent, len(events))}
	for i, ev := range events {
		inst := &pb.Instance{Service: k.service, Id: strings.TrimPrefix(string(ev.Kv.Key), serviceDir(k.service)), ModRevision: rev}
		if ev.Type == clientv3.EventTypePut {
			inst = decodeInstance(ev.Kv)
		}
		out.Events[i] = &pb.InstanceEvent{Type: eventType(ev), Instance: inst, ModRevision: rev}
	}
	return k.stream.Send(out)
}

func (k instanceSink) resync(rev int64, kvs []*mvccpb.KeyValue) error {
	return k.stream.Send(&pb.WatchInstancesResponse{Signal: &pb.WatchInstancesResponse_Resync{
		Resync: &pb.InstancesResync{Instances: instances(kvs), Revision: rev}}})
}

func (k instanceSink) progress(rev int64) error {
	return k.stream.Send(&pb.WatchInstancesResponse{Signal: &pb.WatchInstancesResponse_ProgressRevision{ProgressRevision: rev}})
}
