package gateway_test

import (
	"context"
	"testing"
	"time"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"
)

func TestGRPCMirrorsJSON(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	config := pb.NewConfigServiceClient(shared.Conn)
	watch, err := config.Watch(ctx, &pb.WatchConfigRequest{Prefix: "grpc/"})
	if err != nil {
		t.Fatal(err)
	}
	first, err := watch.Recv()
	if err != nil || first.GetProgressRevision() == 0 {
		t.Fatalf("first watch message: %v %v", first, err)
	}
	put, err := config.Put(ctx, &pb.PutConfigRequest{Key: "grpc/k", Value: "v"})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := watch.Recv()
	if err != nil || ev.Revision != put.ModRevision || ev.Events[0].Key != "grpc/k" {
		t.Fatalf("watch event: %v %v", ev, err)
	}
	// The same entry over JSON.
	if got := shared.MustDo(t, 200, "GET", "/v1/config/grpc/k", ""); rev(t, got, "modRevision") != put.ModRevision {
		t.Fatalf("JSON sees %v, gRPC wrote %v", got, put)
	}
	zero := int64(0)
	_, err = config.Put(ctx, &pb.PutConfigRequest{Key: "grpc/k", Value: "w", IfRevision: &zero})
	if status.Code(err) != codes.Aborted {
		t.Fatalf("CAS conflict over gRPC: %v", err)
	}
	_, err = pb.NewLockServiceClient(shared.Conn).Acquire(ctx, &pb.AcquireLockRequest{Name: "a/b"})
	if status.Code(err) != codes.InvalidArgument {
		t.Fatalf("lock name with '/': %v", err)
	}
	grant, err := pb.NewLockServiceClient(shared.Conn).Acquire(ctx, &pb.AcquireLockRequest{Name: "grpc-lock"})
	if err != nil || !grant.Acquired || grant.FencingToken == 0 {
		t.Fatalf("lock over gRPC: %v %v", grant, err)
	}
	st, err := pb.NewClusterServiceClient(shared.Conn).Status(ctx, &pb.ClusterStatusRequest{})
	if err != nil || len(st.Members) != 1 || st.Role != "voter" || !st.Members[0].Leader || !st.Members[0].Healthy || st.Revision == 0 {
		t.Fatalf("cluster status: %v %v", st, err)
	}
	h, err := healthpb.NewHealthClient(shared.Conn).Check(ctx, &healthpb.HealthCheckRequest{})
	if err != nil || h.Status != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("grpc health: %v %v", h, err)
	}
}

func TestGRPCReflection(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stream, err := reflectionpb.NewServerReflectionClient(shared.Conn).ServerReflectionInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}); err != nil {
		t.Fatal(err)
	}
	resp, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range resp.GetListServicesResponse().Service {
		names[s.Name] = true
	}
	for _, want := range []string{"outrigger.v1.ConfigService", "outrigger.v1.LockService", "outrigger.v1.ElectionService",
		"outrigger.v1.RegistryService", "outrigger.v1.SessionService", "outrigger.v1.ClusterService", "grpc.health.v1.Health"} {
		if !names[want] {
			t.Errorf("reflection lacks %s: %v", want, names)
		}
	}
}
