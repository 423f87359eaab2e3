// Command profsidecar is the outrigger sidecar (single node) with CPU and heap
// profiles, for the benchmark's profile section. It takes the flags of
// `outrigger run` that the harness uses, logs the same ready line, and on
// SIGTERM writes $BENCH_CPUPROFILE (covering ready to stop) and $BENCH_MEMPROFILE.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/outrigger/outrigger/gateway"
	"github.com/outrigger/outrigger/sidecar"
)

func main() {
	if len(os.Args) < 2 || os.Args[1] != "run" {
		fmt.Fprintln(os.Stderr, "usage: profsidecar run [flags]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	name := fs.String("name", "default", "")
	dataDir := fs.String("data-dir", "outrigger-data", "")
	httpAddr := fs.String("http-addr", "127.0.0.1:0", "")
	grpcAddr := fs.String("grpc-addr", "127.0.0.1:0", "")
	etcdURL := fs.String("etcd-client-url", "http://127.0.0.1:0", "")
	peerURL := fs.String("peer-url", "http://127.0.0.1:0", "")
	fs.Parse(os.Args[2:])
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	s, err := sidecar.Start(ctx, sidecar.Options{Name: *name, DataDir: *dataDir, EtcdClientURL: *etcdURL, PeerURL: *peerURL,
		Logger: log, EtcdLogLevel: slog.LevelWarn})
	if err != nil {
		log.Error("cannot start", "err", err)
		os.Exit(1)
	}
	g, err := gateway.Listen(s, gateway.Options{HTTPAddr: *httpAddr, GRPCAddr: *grpcAddr, Logger: log})
	if err != nil {
		log.Error("cannot serve the API", "err", err)
		s.Close()
		os.Exit(1)
	}
	var cpu *os.File
	if path := os.Getenv("BENCH_CPUPROFILE"); path != "" {
		if cpu, err = os.Create(path); err == nil {
			err = pprof.StartCPUProfile(cpu)
		}
		if err != nil {
			log.Error("cpu profile", "err", err)
			os.Exit(1)
		}
	}
	log.Info("outrigger ready", "name", s.Name(), "role", s.Role(), "http", g.HTTPAddr(), "grpc", g.GRPCAddr(),
		"etcd-client", s.EtcdClientURL(), "peer", s.PeerURL(), "took", time.Since(start).Round(time.Millisecond))
	<-ctx.Done()
	if cpu != nil {
		pprof.StopCPUProfile()
		cpu.Close()
	}
	if path := os.Getenv("BENCH_MEMPROFILE"); path != "" {
		runtime.GC()
		if f, err := os.Create(path); err == nil {
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s.ReleaseOwned(sctx)
	g.Stop(sctx)
	s.Close()
	log.Info("stopped")
}
