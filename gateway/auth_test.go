package gateway_test

import (
	"context"
	"testing"
	"time"

	"github.com/outrigger/outrigger/internal/testenv"
	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

func TestAuthOn(t *testing.T) {
	s := testenv.Start(t, testenv.Options{APIToken: "s3cret"})
	for _, token := range []string{"", "wrong"} {
		r := s.DoWithToken(t, token, "GET", "/v1/config/k", "")
		if r.Status != 401 {
			t.Fatalf("token %q: status %d %s", token, r.Status, r.Body)
		}
		if m := r.JSON(t); m["code"] != float64(16) {
			t.Fatalf("token %q: envelope %v", token, m)
		}
		if r := s.DoWithToken(t, token, "GET", "/metrics", ""); r.Status != 401 {
			t.Fatalf("metrics with token %q: %d", token, r.Status)
		}
	}
	if r := s.DoWithToken(t, "", "GET", "/healthz", ""); r.Status != 200 {
		t.Fatalf("healthz needs no token: %d", r.Status)
	}
	s.MustDo(t, 200, "PUT", "/v1/config/k", `{"value":"v"}`)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	config := pb.NewConfigServiceClient(s.Conn)
	if _, err := config.Get(ctx, &pb.GetConfigRequest{Key: "k"}); status.Code(err) != codes.Unauthenticated {
		t.Fatalf("gRPC without token: %v", err)
	}
	authed := metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer s3cret")
	if e, err := config.Get(authed, &pb.GetConfigRequest{Key: "k"}); err != nil || e.Value != "v" {
		t.Fatalf("gRPC with token: %v %v", e, err)
	}
	if _, err := healthpb.NewHealthClient(s.Conn).Check(ctx, &healthpb.HealthCheckRequest{}); err != nil {
		t.Fatalf("gRPC health needs no token: %v", err)
	}
}

func TestAuthOff(t *testing.T) {
	shared.MustDo(t, 200, "PUT", "/v1/config/authoff", `{"value":"v"}`)
	if r := shared.DoWithToken(t, "anything", "GET", "/v1/config/authoff", ""); r.Status != 200 {
		t.Fatalf("a token is ignored when none is set: %d", r.Status)
	}
}
