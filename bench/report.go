package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/outrigger/outrigger/bench/internal/chart"
	"github.com/outrigger/outrigger/bench/internal/stats"
)

// report collects what a run measured and writes RESULTS.md and the charts.
type report struct {
	cfg       config
	started   time.Time
	env       [][2]string
	buildTook time.Duration
	took      map[string]time.Duration
	md        map[string]*strings.Builder // per section
	failures  []string
	targets   []target
	notRun    []string
	loadStart string
	retries   int64

	kv        []kvResult
	kvPeakRSS int64
	kvCPU     float64
	rate      []kvResult
	cdfs      []cdfChart
}

// target is one of the targets and what this run measured for it.
type target struct {
	what, want, got string
	met             string // "yes", "no", "n/a"
}

type cdfChart struct {
	file, title string
	series      []chart.Series
}

func newReport(c config) *report {
	return &report{cfg: c, started: time.Now().UTC(), took: map[string]time.Duration{}, md: map[string]*strings.Builder{}}
}

// sec is the markdown of a section.
func (r *report) sec(name string) *strings.Builder {
	if r.md[name] == nil {
		r.md[name] = &strings.Builder{}
	}
	return r.md[name]
}

func (r *report) printf(section, format string, args ...any) {
	fmt.Fprintf(r.sec(section), format, args...)
}

func (r *report) fail(section string, err error) {
	r.failures = append(r.failures, fmt.Sprintf("**%s** failed: `%s`", section, oneLine(err.Error())))
}

func (r *report) skipped(what string) { r.notRun = append(r.notRun, what) }

func (r *report) target(what, want, got string, met bool) {
	m := "no"
	if met {
		m = "yes"
	}
	r.targets = append(r.targets, target{what, want, got, m})
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " ⏎ ")
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	return strings.ReplaceAll(s, "`", "'")
}

func (r *report) collectEnv(ctx context.Context, b *bench) {
	cmdOut := func(name string, args ...string) string {
		cmd := exec.CommandContext(ctx, name, args...)
		cmd.Dir = b.cfg.repo
		out, err := cmd.Output()
		if err != nil {
			return "unknown"
		}
		return strings.TrimSpace(string(out))
	}
	cpu := "unknown"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	mem := "unknown"
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.SplitN(string(b), "\n", 2)[0], "MemTotal: %d kB", &kb)
		mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
	}
	commit := cmdOut("git", "rev-parse", "--short", "HEAD")
	if b.cfg.rev != "" {
		commit = cmdOut("git", "rev-parse", "--short", b.cfg.rev) + " (exported with -rev " + b.cfg.rev + ")"
	} else if st := cmdOut("git", "status", "--porcelain", "--", "cmd", "sidecar", "gateway", "proto", "go.mod"); st != "" && st != "unknown" {
		commit += " plus uncommitted changes in the working tree"
	}
	etcdVersion := "unknown"
	if b, err := os.ReadFile(filepath.Join(b.cfg.repo, "go.mod")); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "go.etcd.io/etcd/server/v3" {
				etcdVersion = f[1]
			}
		}
	}
	mode := "full"
	if b.cfg.short {
		mode = "short (CI: checks the harness runs; its figures mean little)"
	}
	load, _ := os.ReadFile("/proc/loadavg")
	r.loadStart = strings.Join(strings.Fields(string(load))[:min(3, len(strings.Fields(string(load))))], " ")
	r.env = [][2]string{
		{"date (UTC)", r.started.Format("2006-01-02 15:04")},
		{"mode", mode},
		{"command", "`" + strings.Join(append([]string{"go run ./bench"}, os.Args[1:]...), " ") + "`"},
		{"machine", fmt.Sprintf("%s, %d cores (GOMAXPROCS %d), %s RAM, Linux %s", cpu, runtime.NumCPU(), runtime.GOMAXPROCS(0), mem, cmdOut("uname", "-r"))},
		{"Go", runtime.Version()},
		{"outrigger", "commit " + commit + ", built by the harness (`go build ./cmd/outrigger`, CGO_ENABLED=0)"},
		{"etcd (embedded member and Go client)", etcdVersion},
	}
}

// row formats one summary as a markdown table row.
func row(name string, s stats.Summary, base *stats.Summary) string {
	ratio := ""
	if base != nil && base.OpsPerS > 0 {
		ratio = fmt.Sprintf("%.0f%%", 100*s.OpsPerS/base.OpsPerS)
	}
	errs := fmt.Sprint(s.Errors)
	return fmt.Sprintf("| %s | %.0f | %s | %s | %s | %s | %s | %s | %s |\n", name, s.OpsPerS, ratio,
		stats.Ms(s.P50), stats.Ms(s.P90), stats.Ms(s.P99), stats.Ms(s.P999), stats.Ms(s.Max), errs)
}

const rowHead = "| | ops/s | of baseline | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"

// latHead is for latency-only tables (no rate).
const latHead = "| | n | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|\n"

func latRow(name string, s stats.Summary) string {
	return fmt.Sprintf("| %s | %d | %s | %s | %s | %s | %s |\n", name, s.N, stats.Ms(s.P50), stats.Ms(s.P90), stats.Ms(s.P99), stats.Ms(s.P999), stats.Ms(s.Max))
}

func findKV(rs []kvResult, op, tr string, conc int) *stats.Summary {
	for i := range rs {
		if rs[i].op == op && rs[i].transport == tr && rs[i].conc == conc {
			return &rs[i].s
		}
	}
	return nil
}

// cdf turns sorted samples into at most 400 points (x: ms, y: percentile).
func cdf(name string, s stats.Summary) chart.Series {
	out := chart.Series{Name: name}
	n := len(s.Sorted)
	if n == 0 {
		return out
	}
	step := max(1, n/400)
	ms := func(d time.Duration) float64 { return max(float64(d)/1e6, 0.01) } // log axis: 0 is drawn at 10 µs
	for i := 0; i < n; i += step {
		out.X = append(out.X, ms(s.Sorted[i]))
		out.Y = append(out.Y, 100*float64(i+1)/float64(n))
	}
	out.X = append(out.X, ms(s.Sorted[n-1]))
	out.Y = append(out.Y, 100)
	return out
}

// renderKV writes the key-value tables and charts.
func (r *report) renderKV(dir string) error {
	if len(r.kv) == 0 {
		return nil
	}
	w := r.sec("kv")
	for _, op := range kvOps {
		fmt.Fprintf(w, "\n**%s** (%d-byte values, %d keys; closed loop, %s per cell in %d rounds, transports taking turns; baseline: etcd client direct)\n\n", opTitle[op], r.cfg.valueSize, r.cfg.keys, r.cfg.kvDuration, r.cfg.rounds)
		w.WriteString("| transport, concurrency" + rowHead[1:])
		for _, conc := range r.cfg.concs {
			base := findKV(r.kv, op, "etcd", conc)
			for _, tr := range transports {
				if s := findKV(r.kv, op, tr, conc); s != nil {
					var bp *stats.Summary
					if tr != "etcd" {
						bp = base
					}
					w.WriteString(row(fmt.Sprintf("%s, c=%d", transportTitle[tr], conc), *s, bp))
				}
			}
		}
		// charts: throughput by concurrency, CDF at concurrency 1 and at the highest
		var groups []string
		var vals [][]float64
		for _, conc := range r.cfg.concs {
			groups = append(groups, fmt.Sprintf("c=%d", conc))
			var v []float64
			for _, tr := range transports {
				if s := findKV(r.kv, op, tr, conc); s != nil {
					v = append(v, s.OpsPerS)
				} else {
					v = append(v, 0)
				}
			}
			vals = append(vals, v)
		}
		var names []string
		for _, tr := range transports {
			names = append(names, transportTitle[tr])
		}
		file := "kv-" + op + "-throughput.png"
		if err := chart.Bars(filepath.Join(dir, file), opTitle[op]+": ops/s by concurrency", "concurrency", "ops/s", groups, names, vals); err != nil {
			return err
		}
		fmt.Fprintf(w, "\n![%s throughput](%s)\n", op, file)
		for _, conc := range []int{r.cfg.concs[0], slices.Max(r.cfg.concs)} {
			var series []chart.Series
			for _, tr := range transports {
				if s := findKV(r.kv, op, tr, conc); s != nil {
					series = append(series, cdf(transportTitle[tr], *s))
				}
			}
			file := fmt.Sprintf("kv-%s-c%d-cdf.png", op, conc)
			if err := chart.Lines(filepath.Join(dir, file), fmt.Sprintf("%s latency CDF, concurrency %d", opTitle[op], conc), "latency ms (log)", "percentile", series, true); err != nil {
				return err
			}
			fmt.Fprintf(w, "![%s CDF c=%d](%s)\n", op, conc, file)
			if conc == slices.Max(r.cfg.concs) {
				break
			}
		}
	}
	hi := slices.Max(r.cfg.concs)
	base := findKV(r.kv, "put", "etcd", hi)
	g, j := findKV(r.kv, "put", "grpc", hi), findKV(r.kv, "put", "json", hi)
	if base != nil && g != nil && j != nil && base.OpsPerS > 0 {
		gr, jr := g.OpsPerS/base.OpsPerS, j.OpsPerS/base.OpsPerS
		r.target(fmt.Sprintf("gRPC put throughput at concurrency %d, of direct etcd", hi), "≥ 90%", fmt.Sprintf("%.0f%% (%.0f vs %.0f ops/s)", 100*gr, g.OpsPerS, base.OpsPerS), gr >= 0.9)
		r.target(fmt.Sprintf("JSON put throughput at concurrency %d, of direct etcd", hi), "≥ 70%", fmt.Sprintf("%.0f%% (%.0f vs %.0f ops/s)", 100*jr, j.OpsPerS, base.OpsPerS), jr >= 0.7)
	}
	fmt.Fprintf(w, "\nSidecar during the matrix: peak RSS %s MiB, CPU %.0f%% of one core on average (the load generator shares the same %d cores).\n",
		stats.MiB(r.kvPeakRSS), 100*r.kvCPU, runtime.NumCPU())
	return nil
}

// renderRate writes the added-latency table and CDF charts.
func (r *report) renderRate(dir string) error {
	if len(r.rate) == 0 {
		return nil
	}
	w := r.sec("rate")
	fmt.Fprintf(w, "\nOpen loop at %d ops/s for %s per cell, in %d rounds with the transports taking turns (each request in its own goroutine, so a slow answer never delays the next; latency is each request's own). *Added* is Outrigger's percentile minus the direct etcd client's at the same percentile; p99 and beyond of writes are dominated by the disk's fsync stalls, so the p50 and p90 columns are the stable measure of the hop.\n\n", r.cfg.rate, r.cfg.rateDur, r.cfg.rounds)
	w.WriteString("| op, transport | p50 ms | p90 ms | p99 ms | p99.9 ms | added p50 ms | added p90 ms | added p99 ms |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	var charts []string
	for _, op := range kvOps {
		base := findKV(r.rate, op, "etcd", r.cfg.rate)
		var series []chart.Series
		for _, tr := range transports {
			s := findKV(r.rate, op, tr, r.cfg.rate)
			if s == nil {
				continue
			}
			series = append(series, cdf(transportTitle[tr], *s))
			add := func(a, b time.Duration) string { return stats.Ms(a - b) }
			if tr == "etcd" || base == nil {
				fmt.Fprintf(w, "| %s, %s | %s | %s | %s | %s | | | |\n", opTitle[op], transportTitle[tr], stats.Ms(s.P50), stats.Ms(s.P90), stats.Ms(s.P99), stats.Ms(s.P999))
				continue
			}
			fmt.Fprintf(w, "| %s, %s | %s | %s | %s | %s | %s | %s | %s |\n", opTitle[op], transportTitle[tr], stats.Ms(s.P50), stats.Ms(s.P90), stats.Ms(s.P99), stats.Ms(s.P999),
				add(s.P50, base.P50), add(s.P90, base.P90), add(s.P99, base.P99))
		}
		file := "rate-" + op + "-cdf.png"
		if err := chart.Lines(filepath.Join(dir, file), fmt.Sprintf("%s at %d ops/s: latency CDF", opTitle[op], r.cfg.rate), "latency ms (log)", "percentile", series, true); err != nil {
			return err
		}
		charts = append(charts, fmt.Sprintf("![%s at fixed rate](%s)", op, file))
	}
	w.WriteString("\n" + strings.Join(charts, "\n") + "\n")
	// targets: the worst added p99 over the three ops
	for _, tr := range []string{"grpc", "json"} {
		worst, worstOp := time.Duration(-1<<62), ""
		for _, op := range kvOps {
			base, s := findKV(r.rate, op, "etcd", r.cfg.rate), findKV(r.rate, op, tr, r.cfg.rate)
			if base != nil && s != nil && s.P99-base.P99 > worst {
				worst, worstOp = s.P99-base.P99, op
			}
		}
		if worstOp == "" {
			continue
		}
		limit := 300 * time.Microsecond
		if tr == "json" {
			limit = time.Millisecond
		}
		r.target(fmt.Sprintf("added p99 at %d ops/s over %s (worst op)", r.cfg.rate, transportTitle[tr]), "≤ "+stats.Ms(limit)+" ms",
			fmt.Sprintf("%s ms (%s)", stats.Ms(worst), opTitle[worstOp]), worst <= limit)
	}
	return nil
}

var sectionTitle = map[string]string{
	"footprint": "6a. Footprint: idle RSS and fresh start-to-ready",
	"kv":        "1. Key-value path: put, linearizable get, serializable get",
	"rate":      "1b. Added latency per hop at a fixed rate",
	"hot":       "2. Hot config read",
	"watch":     "3a. Watch propagation across 3 nodes",
	"fanout":    "3b. Watch fan-out: watchers on one sidecar",
	"locks":     "4a. Locks",
	"election":  "4b. Election failover",
	"registry":  "5. Registrations",
	"restart":   "6b. Restart with many keys",
	"profile":   "Profiles: where the sidecar's CPU goes",
	"clients":   "7. Clients",
}

func (r *report) write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := r.renderKV(dir); err != nil {
		return err
	}
	if err := r.renderRate(dir); err != nil {
		return err
	}
	for _, c := range r.cdfs {
		if err := chart.Lines(filepath.Join(dir, c.file), c.title, "latency ms (log)", "percentile", c.series, true); err != nil {
			return err
		}
	}
	var w strings.Builder
	w.WriteString("# Outrigger benchmark results\n\n")
	w.WriteString("Written by `bench/` (see [bench/README.md](../README.md)); every figure below was measured in the same run, side by side with its baseline, on the machine named here. They are comparisons on this machine, not promises. The harness and the sidecars it measures share the same cores, so the absolute numbers are lower than on a dedicated server.\n\n")
	w.WriteString("| | |\n|---|---|\n")
	for _, kv := range r.env {
		fmt.Fprintf(&w, "| %s | %s |\n", kv[0], kv[1])
	}
	fmt.Fprintf(&w, "| run time | %s (build %s) |\n", time.Since(r.started).Round(time.Second), r.buildTook.Round(100*time.Millisecond))
	load, _ := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(load)); len(f) >= 3 {
		fmt.Fprintf(&w, "| load average (1, 5, 15 min) | at start %s; at end %s (other work on this machine shows here) |\n", r.loadStart, strings.Join(f[:3], " "))
	}
	if r.retries > 0 {
		fmt.Fprintf(&w, "| sidecar starts retried | %d (a sidecar or cluster exited before ready and was started again) |\n", r.retries)
	}
	w.WriteString("\n## Targets from issue 7\n\n")
	if len(r.targets) == 0 {
		w.WriteString("No target was measured in this run.\n")
	} else {
		w.WriteString("| target | wanted | measured | met |\n|---|---|---|---|\n")
		for _, t := range r.targets {
			fmt.Fprintf(&w, "| %s | %s | %s | %s |\n", t.what, t.want, t.got, t.met)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "ANALYSIS.md")); err == nil {
		w.WriteString("\nWhy the missed targets are missed, from the profiles, and what to change in the sidecar: [ANALYSIS.md](ANALYSIS.md) (written by hand for the committed run; re-read it against these figures after a new run).\n")
	}
	if r.md["summary"] != nil {
		w.WriteString("\n" + r.md["summary"].String())
	}
	if len(r.failures) > 0 || len(r.notRun) > 0 {
		w.WriteString("\n## Not measured in this run\n\n")
		for _, f := range r.failures {
			w.WriteString("- " + f + "\n")
		}
		for _, n := range r.notRun {
			w.WriteString("- " + n + "\n")
		}
	}
	order := []string{"kv", "rate", "hot", "watch", "fanout", "locks", "election", "registry", "footprint", "restart", "clients", "profile"}
	for _, name := range order {
		md := r.md[name]
		if md == nil || md.Len() == 0 {
			continue
		}
		fmt.Fprintf(&w, "\n## %s\n", sectionTitle[name])
		if t, ok := r.took[name]; ok {
			fmt.Fprintf(&w, "\n<sub>section took %s</sub>\n", t.Round(time.Second))
		}
		w.WriteString(md.String())
	}
	return os.WriteFile(filepath.Join(dir, "RESULTS.md"), []byte(w.String()), 0o644)
}
