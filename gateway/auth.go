package gateway

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// bearer checks the "Authorization: Bearer <token>" credential of every call when
// a token is set. An empty token turns the check off.
type bearer struct{ token string }

var errUnauthenticated = status.Error(codes.Unauthenticated, "missing or wrong bearer token (Authorization: Bearer <api token>)")

func (b bearer) ok(header string) bool {
	if b.token == "" {
		return true
	}
	got, found := strings.CutPrefix(header, "Bearer ")
	return found && subtle.ConstantTimeCompare([]byte(got), []byte(b.token)) == 1
}

// http guards an HTTP handler; /healthz stays open.
func (b bearer) http(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" && !b.ok(r.Header.Get("Authorization")) {
			writeError(r.Context(), nil, jsonMarshaler, w, r, errUnauthenticated)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// exempt reports whether a gRPC method needs no token: health checks.
func exempt(method string) bool { return strings.HasPrefix(method, "/grpc.health.v1.Health/") }

func (b bearer) grpcOK(ctx context.Context, method string) error {
	if exempt(method) {
		return nil
	}
	md, _ := metadata.FromIncomingContext(ctx)
	if vals := md.Get("authorization"); len(vals) > 0 && b.ok(vals[0]) || b.token == "" {
		return nil
	}
	return errUnauthenticated
}

func (b bearer) unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	if err := b.grpcOK(ctx, info.FullMethod); err != nil {
		return nil, err
	}
	return handler(ctx, req)
}

func (b bearer) stream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	if err := b.grpcOK(ss.Context(), info.FullMethod); err != nil {
		return err
	}
	return handler(srv, ss)
}
