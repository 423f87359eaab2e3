package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/outrigger/outrigger/gateway"
	"github.com/outrigger/outrigger/sidecar"
)

// stopTimeout bounds a graceful stop.
const stopTimeout = 10 * time.Second

func runCommand(args []string) int {
	fs := newFlags("run", "[flags]")
	name := fs.String("name", "default", "name of this sidecar and of its etcd member")
	dataDir := fs.String("data-dir", "outrigger-data", "directory of the member's data")
	httpAddr := fs.String("http-addr", "127.0.0.1:7400", "address of the JSON API (port 0 picks one)")
	grpcAddr := fs.String("grpc-addr", "127.0.0.1:7401", "address of the gRPC API (port 0 picks one)")
	etcdURL := fs.String("etcd-client-url", "http://127.0.0.1:2379", "URL of the member's etcd client protocol (port 0 picks one)")
	peerURL := fs.String("peer-url", "http://127.0.0.1:2380", "URL the member talks to its peers on (port 0 picks one)")
	token := fs.String("api-token", "", "bearer token required on every API call but /healthz (default: none)")
	logLevel := fs.String("log-level", "info", "lowest level logged: debug, info, warn or error; etcd's lines are logged from warn unless this is given")
	progress := fs.Duration("progress-interval", 5*time.Second, "how often watch streams send a progress line")
	sessionTTL := fs.Duration("session-ttl", 10*time.Second, "TTL of the sidecar's own session, which owns its registrations")
	startTimeout := fs.Duration("start-timeout", time.Minute, "how long the member may take to start, join or catch up")
	cluster := addClusterFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return 2
	}
	if err := cluster.check(); err != nil {
		fmt.Fprintf(os.Stderr, "outrigger run: %v\n", err)
		return 2
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "outrigger run: --log-level %q: want debug, info, warn or error\n", *logLevel)
		return 2
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
	etcdLevel := max(level, slog.LevelWarn)
	if flagGiven(fs, "log-level") {
		etcdLevel = level
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	opts := sidecar.Options{
		Name: *name, DataDir: *dataDir, EtcdClientURL: *etcdURL, PeerURL: *peerURL, APIToken: *token,
		ProgressInterval: *progress, SessionTTL: *sessionTTL, Logger: log, EtcdLogLevel: etcdLevel, ReadyTimeout: *startTimeout,
	}
	cluster.apply(&opts)
	s, err := sidecar.Start(ctx, opts)
	if err != nil {
		log.Error("cannot start", "err", err)
		return 1
	}
	g, err := gateway.Listen(s, gateway.Options{HTTPAddr: *httpAddr, GRPCAddr: *grpcAddr, APIToken: *token, Logger: log})
	if err != nil {
		log.Error("cannot serve the API", "err", err)
		s.ReleaseOwned(context.Background())
		s.Close()
		return 1
	}
	log.Info("outrigger ready", "name", s.Name(), "role", s.Role(), "http", g.HTTPAddr(), "grpc", g.GRPCAddr(),
		"etcd-client", s.EtcdClientURL(), "peer", s.PeerURL(), "data-dir", *dataDir,
		"auth", *token != "", "took", time.Since(start).Round(time.Millisecond))
	if *token == "" {
		for _, addr := range []string{g.HTTPAddr(), g.GRPCAddr()} {
			if !isLoopback(addr) {
				log.Warn("the API listens beyond this machine without --api-token: anyone who reaches it can use it", "addr", addr)
			}
		}
	}

	<-ctx.Done()
	log.Info("stopping: releasing this sidecar's sessions, then closing the API and the member")
	sctx, cancel := context.WithTimeout(context.Background(), stopTimeout)
	defer cancel()
	s.ReleaseOwned(sctx)
	g.Stop(sctx)
	s.Close()
	log.Info("stopped")
	return 0
}

// isLoopback reports whether a listen address is reachable from this machine only.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
