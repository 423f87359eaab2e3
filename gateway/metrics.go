package gateway

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
)

var (
	httpRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "outrigger_http_requests_total", Help: "JSON API requests by route, method and HTTP status."},
		[]string{"route", "method", "code"})
	httpLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "outrigger_http_request_duration_seconds", Help: "JSON API request latency by route and method (streams: their whole life).",
		Buckets: prometheus.ExponentialBuckets(0.0001, 4, 10)}, []string{"route", "method"})
	grpcRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "outrigger_grpc_requests_total", Help: "gRPC API calls by method and code."},
		[]string{"method", "code"})
	grpcLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "outrigger_grpc_request_duration_seconds", Help: "gRPC API call latency by method (streams: their whole life).",
		Buckets: prometheus.ExponentialBuckets(0.0001, 4, 10)}, []string{"method"})
)

func init() {
	prometheus.MustRegister(httpRequests, httpLatency, grpcRequests, grpcLatency)
}

// statusRecorder remembers the status an HTTP handler answered with.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// measure is the grpc-gateway middleware counting requests per route pattern.
func measure(next runtime.HandlerFunc) runtime.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, params map[string]string) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		next(rec, r, params)
		route := "unknown"
		if p, ok := runtime.HTTPPattern(r.Context()); ok {
			route = p.String()
		}
		httpRequests.WithLabelValues(route, r.Method, strconv.Itoa(rec.code)).Inc()
		httpLatency.WithLabelValues(route, r.Method).Observe(time.Since(start).Seconds())
	}
}

func measureUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	start := time.Now()
	resp, err := handler(ctx, req)
	grpcRequests.WithLabelValues(info.FullMethod, status.Code(err).String()).Inc()
	grpcLatency.WithLabelValues(info.FullMethod).Observe(time.Since(start).Seconds())
	return resp, err
}

func measureStream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	start := time.Now()
	err := handler(srv, ss)
	grpcRequests.WithLabelValues(info.FullMethod, status.Code(err).String()).Inc()
	grpcLatency.WithLabelValues(info.FullMethod).Observe(time.Since(start).Seconds())
	return err
}
