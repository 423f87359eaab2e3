// Command bench measures what the Outrigger sidecar costs and how it compares,
// side by side in one run: etcd's own Go client straight to the sidecar's
// embedded member, Outrigger over gRPC, and Outrigger over JSON. It starts what it
// measures itself (sidecars built from this repository, temp dirs, free loopback
// ports), runs bounded workloads, and writes RESULTS.md and PNG charts.
//
//	go run ./bench              # the full run (about 10 minutes on 2 cores)
//	go run ./bench -short       # seconds; for CI, asserts nothing about speed
//	go run ./bench -only kv,locks -kv-duration 5s
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/outrigger/outrigger/bench/internal/proc"
)

// config is every knob of a run; -short picks small values for all of them.
type config struct {
	short            bool
	out              string
	repo             string
	only             map[string]bool
	skip             map[string]bool
	kvDuration       time.Duration
	kvWarmup         time.Duration
	concs            []int
	valueSize        int
	keys             int
	rate             int
	rateDur          time.Duration
	hotDuration      time.Duration
	watchPuts        int
	watchers         int
	fanoutPuts       int
	lockDur          time.Duration
	contenders       int
	failovers        int
	expiries         int
	regs             int
	deadSamples      int
	starts           int
	restartKeys      int
	profileDur       time.Duration
	clients          bool
	clientDur        time.Duration
	verbose          bool
	rev              string
	rounds           int
	fanoutTransports []string
	buildRoot        string // where the sidecar is built from: repo, or an export of rev
}

// sections in the order they run.
var sections = []string{"footprint", "kv", "rate", "hot", "watch", "fanout", "locks", "election", "registry", "restart", "profile", "clients"}

func main() { os.Exit(run()) }

func run() int {
	var c config
	var only, skip, concs string
	flag.BoolVar(&c.short, "short", false, "short mode: small sizes and durations, for CI (asserts nothing about speed)")
	flag.StringVar(&c.out, "out", "", "where RESULTS.md and the charts go (default bench/results; short mode: bench/work/short)")
	flag.StringVar(&c.repo, "repo", "", "repository root (default: found from the working directory)")
	flag.StringVar(&only, "only", "", "run only these sections, comma-separated: "+strings.Join(sections, ","))
	flag.StringVar(&skip, "skip", "", "skip these sections, comma-separated")
	flag.DurationVar(&c.kvDuration, "kv-duration", 3*time.Second, "measured time of each key-value cell (op x transport x concurrency)")
	flag.DurationVar(&c.kvWarmup, "kv-warmup", 500*time.Millisecond, "warm-up before each key-value cell")
	flag.IntVar(&c.rounds, "rounds", 3, "rounds per key-value and fixed-rate cell; transports take turns round by round")
	flag.StringVar(&concs, "concurrency", "1,16,256", "concurrency levels of the key-value matrix")
	flag.IntVar(&c.valueSize, "value-size", 1024, "value size in bytes")
	flag.IntVar(&c.keys, "keys", 1000, "distinct keys the key-value workloads use")
	flag.IntVar(&c.rate, "rate", 1000, "fixed request rate (ops/s) for the added-latency measurement")
	flag.DurationVar(&c.rateDur, "rate-duration", 5*time.Second, "length of each fixed-rate run")
	flag.DurationVar(&c.hotDuration, "hot-duration", 3*time.Second, "length of each hot config read run")
	flag.IntVar(&c.watchPuts, "watch-puts", 300, "puts timed for watch propagation")
	flag.IntVar(&c.watchers, "watchers", 1000, "watchers on one sidecar for the fan-out")
	var fanoutTr string
	flag.StringVar(&fanoutTr, "fanout-transports", "etcd,grpc,json", "transports of the fan-out, in order")
	flag.IntVar(&c.fanoutPuts, "fanout-puts", 20, "puts timed for the fan-out")
	flag.DurationVar(&c.lockDur, "lock-duration", 3*time.Second, "length of each lock run")
	flag.IntVar(&c.contenders, "contenders", 16, "contenders for the handover measurement")
	flag.IntVar(&c.failovers, "failovers", 30, "election failovers timed (session deleted)")
	flag.IntVar(&c.expiries, "expiries", 3, "election failovers and dead instances timed by session expiry (each takes a TTL)")
	flag.IntVar(&c.regs, "registrations", 10000, "instances registered")
	flag.IntVar(&c.deadSamples, "dead-instances", 5, "dead instances timed until they disappear")
	flag.IntVar(&c.starts, "starts", 5, "fresh starts timed")
	flag.IntVar(&c.restartKeys, "restart-keys", 100000, "keys in the store for the restart timing")
	flag.DurationVar(&c.profileDur, "profile-duration", 5*time.Second, "length of each profiled run")
	flag.BoolVar(&c.clients, "clients", true, "run the Java and Python client comparisons when their tools are present")
	flag.DurationVar(&c.clientDur, "client-duration", 3*time.Second, "length of each client run")
	flag.BoolVar(&c.verbose, "v", false, "log progress in detail")
	flag.StringVar(&c.rev, "rev", "", "build the sidecar from this git revision (exported to a temp dir) instead of the working tree")
	flag.Parse()
	c.only, c.skip = set(only), set(skip)
	c.fanoutTransports = strings.Split(fanoutTr, ",")
	for _, s := range strings.Split(concs, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "bench: -concurrency %q: want positive integers\n", concs)
			return 2
		}
		c.concs = append(c.concs, n)
	}
	if c.short {
		c.shorten()
	}
	if c.repo == "" {
		root, err := findRepo()
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			return 2
		}
		c.repo = root
	}
	if c.out == "" {
		c.out = filepath.Join(c.repo, "bench", "results")
		if c.short {
			c.out = filepath.Join(c.repo, "bench", "work", "short")
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	mgr, err := proc.NewManager("")
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		return 1
	}
	defer mgr.Close()
	b := &bench{cfg: c, mgr: mgr, rep: newReport(c)}
	failed := b.runAll(ctx)
	if ctx.Err() != nil {
		b.logf("interrupted: cleaning up")
		return 130
	}
	b.rep.retries = mgr.Retries.Load()
	if err := b.rep.write(c.out); err != nil {
		fmt.Fprintln(os.Stderr, "bench: write results:", err)
		return 1
	}
	b.logf("wrote %s", filepath.Join(c.out, "RESULTS.md"))
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "bench: %d section(s) failed; see RESULTS.md\n", failed)
		return 1
	}
	return 0
}

// shorten makes every workload small: the point is to run every code path.
func (c *config) shorten() {
	c.kvDuration, c.kvWarmup, c.rounds = 100*time.Millisecond, 20*time.Millisecond, 1
	c.keys = 100
	c.rateDur = 250 * time.Millisecond
	c.hotDuration = 300 * time.Millisecond
	c.watchPuts, c.watchers, c.fanoutPuts = 20, 50, 3
	c.lockDur = 300 * time.Millisecond
	c.failovers, c.expiries = 3, 1
	c.regs, c.deadSamples = 300, 1
	c.starts, c.restartKeys = 1, 2000
	c.profileDur = 250 * time.Millisecond
	c.clients = false
	openTimeout = 3 * time.Second
}

func set(list string) map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s != "" {
			m[s] = true
		}
	}
	return m
}

func findRepo() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/outrigger/outrigger\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("run from inside the outrigger repository (or give -repo)")
		}
		dir = parent
	}
}

// bench is one run.
type bench struct {
	cfg    config
	mgr    *proc.Manager
	rep    *report
	binary string
	prof   string // the profiling build of the sidecar
}

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s bench: %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

func (b *bench) vlogf(format string, args ...any) {
	if b.cfg.verbose {
		b.logf(format, args...)
	}
}

func (b *bench) wanted(section string) bool {
	if len(b.cfg.only) > 0 && !b.cfg.only[section] {
		return false
	}
	return !b.cfg.skip[section]
}

// runAll builds the sidecar and runs every wanted section; it returns how many failed.
func (b *bench) runAll(ctx context.Context) int {
	b.cfg.buildRoot = b.cfg.repo
	if b.cfg.rev != "" {
		dir, err := exportRev(ctx, b.cfg.repo, b.cfg.rev, filepath.Join(b.mgr.Root, "src"))
		if err != nil {
			b.rep.fail("build", err)
			return 1
		}
		b.cfg.buildRoot = dir
	}
	b.rep.cfg = b.cfg
	b.logf("building outrigger from %s", b.cfg.buildRoot)
	start := time.Now()
	bin, err := b.mgr.Build(ctx, b.cfg.buildRoot, "./cmd/outrigger", "outrigger")
	if err != nil {
		b.rep.fail("build", err)
		return 1
	}
	b.binary = bin
	b.rep.buildTook = time.Since(start)
	b.rep.collectEnv(ctx, b)
	runs := map[string]func(context.Context) error{
		"footprint": b.footprint, "kv": b.kv, "rate": b.fixedRate, "hot": b.hotRead,
		"watch": b.watchPropagation, "fanout": b.fanout, "locks": b.locks, "election": b.election,
		"registry": b.registry, "restart": b.restart, "profile": b.profile, "clients": b.clientsSection,
	}
	failed := 0
	for _, name := range sections {
		if !b.wanted(name) {
			continue
		}
		if ctx.Err() != nil {
			return failed
		}
		b.logf("section %s", name)
		t := time.Now()
		err := b.guard(ctx, name, runs[name])
		b.rep.took[name] = time.Since(t)
		if err != nil && ctx.Err() == nil {
			failed++
			b.rep.fail(name, err)
			b.logf("section %s FAILED: %v", name, err)
		}
	}
	return failed
}

// guard runs a section, turning a panic into an error so the others still run.
func (b *bench) guard(ctx context.Context, name string, f func(context.Context) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			buf := make([]byte, 8<<10)
			buf = buf[:runtime.Stack(buf, false)]
			err = fmt.Errorf("panic in %s: %v\n%s", name, r, buf)
		}
	}()
	return f(ctx)
}

// exportRev writes the tree of a git revision into dir.
func exportRev(ctx context.Context, repo, rev, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, "sh", "-c", `git -C "$1" archive --format=tar "$2" | tar -x -C "$3"`, "sh", repo, rev, dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("export %s: %v: %s", rev, err, out)
	}
	return dir, nil
}
