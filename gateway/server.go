// Package gateway serves the sidecar's API: gRPC, and the same API as JSON over
// HTTP through grpc-gateway, with streams, auth, health, metrics and OpenAPI.
package gateway

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"github.com/outrigger/outrigger/sidecar"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"
	"google.golang.org/protobuf/encoding/protojson"
)

// maxBodyBytes bounds a JSON request body: a 1 MiB value, escaped, fits.
const maxBodyBytes = 2 << 20

// jsonMarshaler is the JSON form of the API: lowerCamelCase names, every field
// present, unknown fields refused, compact output.
var jsonMarshaler = compactJSON{&runtime.JSONPb{
	MarshalOptions:   protojson.MarshalOptions{EmitUnpopulated: true},
	UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
}}

// Options configure the API listeners.
type Options struct {
	HTTPAddr string
	GRPCAddr string
	// APIToken, when set, is required as a bearer token on every call but health checks.
	APIToken string
	Logger   *slog.Logger
}

// Server serves one sidecar's API over gRPC and HTTP.
type Server struct {
	log        *slog.Logger
	grpc       *grpc.Server
	health     *health.Server
	http       *http.Server
	httpL      net.Listener
	grpcL      net.Listener
	cancelBase context.CancelFunc
	done       chan error
}

// Listen binds the API listeners and starts serving the sidecar's services.
func Listen(s *sidecar.Sidecar, opts Options) (*Server, error) {
	httpL, err := net.Listen("tcp", opts.HTTPAddr)
	if err != nil {
		return nil, fmt.Errorf("listen for HTTP on %s: %w", opts.HTTPAddr, err)
	}
	grpcL, err := net.Listen("tcp", opts.GRPCAddr)
	if err != nil {
		httpL.Close()
		return nil, fmt.Errorf("listen for gRPC on %s: %w", opts.GRPCAddr, err)
	}
	auth := bearer{opts.APIToken}
	base, cancel := context.WithCancel(context.Background())
	g := &Server{log: opts.Logger, httpL: httpL, grpcL: grpcL, health: health.NewServer(), done: make(chan error, 2), cancelBase: cancel}
	g.grpc = grpc.NewServer(
		grpc.ChainUnaryInterceptor(auth.unary, measureUnary),
		grpc.ChainStreamInterceptor(auth.stream, measureStream, endWith(base)),
	)
	registerServices(g.grpc, s)
	healthpb.RegisterHealthServer(g.grpc, g.health)
	reflection.Register(g.grpc)

	mux, err := newJSONMux(s)
	if err != nil {
		return nil, err
	}
	g.http = &http.Server{
		Handler:           auth.http(routes(s, mux)),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          slog.NewLogLogger(opts.Logger.Handler(), slog.LevelDebug),
	}
	go func() { g.done <- g.grpc.Serve(grpcL) }()
	go func() { g.done <- g.http.Serve(httpL) }()
	return g, nil
}

// endWith ends gRPC streams when base ends, as the HTTP streams do, so that a
// stopping sidecar does not wait for watches that never finish.
func endWith(base context.Context) grpc.StreamServerInterceptor {
	return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		ctx, cancel := context.WithCancel(ss.Context())
		defer context.AfterFunc(base, cancel)()
		defer cancel()
		return handler(srv, streamWithContext{ss, ctx})
	}
}

type streamWithContext struct {
	grpc.ServerStream
	ctx context.Context
}

func (s streamWithContext) Context() context.Context { return s.ctx }

// HTTPAddr is the address the JSON API listens on.
func (g *Server) HTTPAddr() string { return g.httpL.Addr().String() }

// GRPCAddr is the address the gRPC API listens on.
func (g *Server) GRPCAddr() string { return g.grpcL.Addr().String() }

func registerServices(r grpc.ServiceRegistrar, s *sidecar.Sidecar) {
	pb.RegisterConfigServiceServer(r, s.Config)
	pb.RegisterSessionServiceServer(r, s.Sessions)
	pb.RegisterRegistryServiceServer(r, s.Registry)
	pb.RegisterLockServiceServer(r, s.Locks)
	pb.RegisterElectionServiceServer(r, s.Elections)
	pb.RegisterClusterServiceServer(r, s.Cluster)
}

// newJSONMux builds the grpc-gateway mux: unary routes call the services in
// process; streaming routes write lines (stream.go).
func newJSONMux(s *sidecar.Sidecar) (*runtime.ServeMux, error) {
	mux := runtime.NewServeMux(
		runtime.WithMarshalerOption(runtime.MIMEWildcard, jsonMarshaler),
		runtime.WithErrorHandler(writeError),
		runtime.WithRoutingErrorHandler(writeRoutingError),
		runtime.SetQueryParameterParser(&strictQueryParser{}),
		runtime.WithMiddlewares(measure),
	)
	ctx := context.Background()
	for _, register := range []func() error{
		func() error { return pb.RegisterConfigServiceHandlerServer(ctx, mux, s.Config) },
		func() error { return pb.RegisterSessionServiceHandlerServer(ctx, mux, s.Sessions) },
		func() error { return pb.RegisterRegistryServiceHandlerServer(ctx, mux, s.Registry) },
		func() error { return pb.RegisterLockServiceHandlerServer(ctx, mux, s.Locks) },
		func() error { return pb.RegisterElectionServiceHandlerServer(ctx, mux, s.Elections) },
		func() error { return pb.RegisterClusterServiceHandlerServer(ctx, mux, s.Cluster) },
		// Registered after the generated handlers, so they take precedence.
		func() error {
			return mux.HandlePath(http.MethodGet, "/v1/config:watch", streamRoute(s.Config.Watch))
		},
		func() error {
			return mux.HandlePath(http.MethodGet, "/v1/services/{service}/instances:watch", streamRoute(s.Registry.Watch))
		},
		func() error {
			return mux.HandlePath(http.MethodGet, "/v1/elections/{name}:observe", streamRoute(s.Elections.Observe))
		},
	} {
		if err := register(); err != nil {
			return nil, err
		}
	}
	return mux, nil
}

// routes puts the operational endpoints beside the API. It routes by hand rather
// than with http.ServeMux, which cleans paths and would redirect config keys such
// as "a/../b" or "/abs" elsewhere.
func routes(s *sidecar.Sidecar, api http.Handler) http.Handler {
	api = http.MaxBytesHandler(api, maxBodyBytes)
	metrics := promhttp.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || strings.HasPrefix(r.URL.Path, "/v1/") {
			api.ServeHTTP(w, r)
			return
		}
		switch r.URL.Path {
		case "/healthz":
			fmt.Fprintln(w, "ok")
		case "/readyz":
			if err := s.Ready(r.Context()); err != nil {
				http.Error(w, "not ready: "+err.Error(), http.StatusServiceUnavailable)
				return
			}
			fmt.Fprintln(w, "ready")
		case "/metrics":
			metrics.ServeHTTP(w, r)
		case "/openapi.json":
			w.Header().Set("Content-Type", "application/json")
			w.Write(openAPI)
		default:
			api.ServeHTTP(w, r)
		}
	})
}

// Stop ends every stream and call in flight, then closes the listeners.
func (g *Server) Stop(ctx context.Context) {
	g.health.Shutdown()
	g.cancelBase()
	stopped := make(chan struct{})
	go func() {
		g.grpc.GracefulStop()
		close(stopped)
	}()
	if err := g.http.Shutdown(ctx); err != nil {
		g.http.Close()
	}
	select {
	case <-stopped:
	case <-ctx.Done():
		g.grpc.Stop()
	}
	for range 2 {
		if err := <-g.done; err != nil && !errors.Is(err, http.ErrServerClosed) && !errors.Is(err, grpc.ErrServerStopped) {
			g.log.Warn("API listener stopped with an error", "err", err)
		}
	}
}
