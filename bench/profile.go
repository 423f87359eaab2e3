package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/outrigger/outrigger/bench/internal/proc"
	clientv3 "go.etcd.io/etcd/client/v3"
)

// areas of the sidecar's CPU profile: a label and a function whose cumulative
// share stands for it (the first match in `pprof -top -cum`).
var areas = []struct{ label, fn string }{
	{"gRPC server: whole unary call", "google.golang.org/grpc.(*Server).processUnaryRPC"},
	{"Outrigger's gRPC interceptors and service", "gateway.measureUnary"},
	{"HTTP server: whole request", "net/http.(*conn).serve"},
	{"grpc-gateway mux: route, decode, call, encode", "runtime.(*ServeMux).ServeHTTP"},
	{"JSON request decode (grpc-gateway, protojson)", "runtime.DecoderWrapper.Decode"},
	{"JSON response encode", "runtime.ForwardResponseMessage"},
	{"re-encoding answers compact (gateway/compact.go)", "gateway.compactJSON.Marshal"},
	{"Prometheus metric lookups (labels)", "prometheus.(*MetricVec).GetMetricWithLabelValues"},
	{"Outrigger ConfigServer.Put", "sidecar.(*ConfigServer).Put"},
	{"etcd server: Txn (guarded puts)", "etcdserver.(*EtcdServer).Txn"},
	{"etcd server: Put", "etcdserver.(*EtcdServer).Put"},
	{"etcd apply loop", "etcdserver.(*EtcdServer).applyAll"},
	{"etcd raft node", "etcdserver.(*raftNode).start.func1"},
	{"WAL fsync", "wal.(*WAL).sync"},
	{"bbolt commit", "bbolt.(*Tx).Commit"},
	{"garbage collection (background mark)", "runtime.gcBgMarkWorker"},
}

var cumLine = regexp.MustCompile(`^\s*\S+\s+\S+%\s+\S+%\s+(\S+)\s+(\S+)%\s+(.+)$`)

// profile: CPU per operation by transport (sidecar and client), then CPU
// profiles of the sidecar under the put load, summarised.
func (b *bench) profile(ctx context.Context) error {
	w := b.rep.sec("profile")
	// 1. CPU per operation
	c, err := b.startSingle(ctx, "cpu", 64)
	if err != nil {
		return err
	}
	if err := preload(ctx, c.etcd, b.cfg.keys, b.cfg.valueSize, benchKey); err != nil {
		c.stop()
		return err
	}
	value := randomValue(b.cfg.valueSize)
	fmt.Fprintf(w, "\n**CPU per operation** at concurrency 16 for %s each: CPU time of the sidecar process (member included) and of the load generator (the client side), divided by the operations done.\n\n", b.cfg.profileDur)
	w.WriteString("| op | transport | ops/s | sidecar CPU µs/op | client CPU µs/op | sidecar CPU over the baseline µs/op |\n|---|---|---:|---:|---:|---:|\n")
	self := os.Getpid()
	for _, op := range []string{"put", "sget"} {
		var base float64
		trs := transports
		if op == "put" {
			// The direct client doing what Outrigger's put does in etcd: how much of
			// the gap is the transaction itself, not the hop.
			trs = []string{"etcd", "etcdtxn", "grpc", "json"}
		}
		for _, tr := range trs {
			cl := c.kv(tr)
			if tr == "etcdtxn" {
				cl = etcdTxnKV{c.etcd}
			}
			f := kvOp(cl, op, value)
			keys := b.cfg.keys
			run := func(ctx context.Context, _, _ int) error { return f(ctx, benchKey(rand.IntN(keys))) }
			closedLoop(ctx, 16, b.cfg.profileDur/5, run)
			s0, c0 := c.node.CPU(), proc.CPU(self)
			s := closedLoop(ctx, 16, b.cfg.profileDur, run)
			s1, c1 := c.node.CPU(), proc.CPU(self)
			if s.N == 0 {
				c.stop()
				return fmt.Errorf("cpu %s %s: %s", op, tr, s.LastErr)
			}
			sc := float64((s1 - s0).Microseconds()) / float64(s.N)
			cc := float64((c1 - c0).Microseconds()) / float64(s.N)
			extra := ""
			if tr == "etcd" {
				base = sc
			} else {
				extra = fmt.Sprintf("%+.0f", sc-base)
			}
			title := transportTitle[tr]
			if tr == "etcdtxn" {
				title = "etcd client, direct, doing Outrigger's put txn (`If().Then(put, prevKV).Else(get)`)"
			}
			fmt.Fprintf(w, "| %s | %s | %.0f | %.0f | %.0f | %s |\n", opTitle[op], title, s.OpsPerS, sc, cc, extra)
			b.logf("  cpu %s %s: sidecar %.0f µs/op, client %.0f µs/op", op, tr, sc, cc)
		}
	}
	c.stop()

	// 2. pprof of the sidecar under put load, concurrency 256
	prof, err := b.mgr.Build(ctx, b.cfg.buildRoot, "./bench/cmd/profsidecar", "profsidecar")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(b.cfg.out, 0o755); err != nil {
		return err
	}
	hi := 256
	fmt.Fprintf(w, "\n**CPU profiles** of the sidecar (`bench/cmd/profsidecar`: the same sidecar and gateway packages, with `runtime/pprof`) while %d callers put for %s, one profile per transport. The profiles are saved beside this file (`go tool pprof -top FILE` reads them). Share of the sidecar's CPU samples, cumulative:\n\n", hi, b.cfg.profileDur)
	tops := map[string]string{}
	shares := map[string]map[string]string{}
	for _, tr := range transports {
		file := filepath.Join(b.cfg.out, "cpu-put-"+tr+".pprof")
		n, err := b.mgr.Start(ctx, proc.Spec{Binary: prof, Name: "prof-" + tr, Env: []string{"BENCH_CPUPROFILE=" + file}}, time.Minute)
		if err != nil {
			return err
		}
		pc, err := dial(n, hi)
		if err != nil {
			n.Kill()
			return err
		}
		if err := preload(ctx, pc.etcd, b.cfg.keys, b.cfg.valueSize, benchKey); err != nil {
			pc.stop()
			return err
		}
		f := kvOp(pc.kv(tr), "put", value)
		keys := b.cfg.keys
		s := closedLoop(ctx, hi, b.cfg.profileDur, func(ctx context.Context, _, _ int) error { return f(ctx, benchKey(rand.IntN(keys))) })
		pc.stop()
		b.logf("  profiled put %s: %.0f ops/s", tr, s.OpsPerS)
		out, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-cum", "-nodecount=400", file).CombinedOutput()
		if err != nil {
			return fmt.Errorf("go tool pprof: %v: %s", err, out)
		}
		shares[tr] = map[string]string{}
		lines := strings.Split(string(out), "\n")
		for _, a := range areas {
			for _, l := range lines {
				if m := cumLine.FindStringSubmatch(l); m != nil && strings.Contains(m[3], a.fn) {
					shares[tr][a.label] = m[2] + "%"
					break
				}
			}
		}
		flat, _ := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-nodecount=20", file).CombinedOutput()
		tops[tr] = fmt.Sprintf("%.0f ops/s while profiled\n\n%s", s.OpsPerS, strings.TrimSpace(string(flat)))
	}
	w.WriteString("| area (function) | etcd client direct | Outrigger gRPC | Outrigger JSON |\n|---|---:|---:|---:|\n")
	for _, a := range areas {
		fmt.Fprintf(w, "| %s (`%s`) | %s | %s | %s |\n", a.label, a.fn, or(shares["etcd"][a.label], "–"), or(shares["grpc"][a.label], "–"), or(shares["json"][a.label], "–"))
	}
	for _, tr := range transports {
		fmt.Fprintf(w, "\n<details><summary>top 20 functions by own CPU, put over %s</summary>\n\n```\n%s\n```\n</details>\n", transportTitle[tr], tops[tr])
	}
	return nil
}

func or(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// etcdTxnKV puts the way sidecar/config.go does: a transaction with the put (and
// its previous value) in Then and a get in Else, with no compare.
type etcdTxnKV struct{ c *clientv3.Client }

func (e etcdTxnKV) put(ctx context.Context, key, value string) error {
	k := configRoot + key
	_, err := e.c.Txn(ctx).Then(clientv3.OpPut(k, value, clientv3.WithPrevKV())).Else(clientv3.OpGet(k)).Commit()
	return err
}

func (e etcdTxnKV) get(ctx context.Context, key string, serializable bool) error {
	return etcdKV(e).get(ctx, key, serializable)
}
