package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/outrigger/outrigger/bench/internal/stats"
)

// clientsSection compares the thin clients with the etcd clients of their
// languages, when the tools are on this machine.
func (b *bench) clientsSection(ctx context.Context) error {
	if !b.cfg.clients {
		b.rep.skipped("client comparisons (section 7): off in this run (-clients=false; the short mode turns them off)")
		return nil
	}
	var errs []string
	if err := b.pythonClients(ctx); err != nil {
		errs = append(errs, "Python: "+err.Error())
	}
	if err := b.javaClients(ctx); err != nil {
		errs = append(errs, "Java: "+err.Error())
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

type pyLine struct {
	Kind, Client, Op, Module string
	Threads                  int
	LatenciesUs              []int64 `json:"latencies_us"`
	ElapsedS                 float64 `json:"elapsed_s"`
	Errors                   int
	LastError                string `json:"last_error"`
	Seconds                  float64
}

// pythonClients: the stdlib Outrigger client (JSON API) vs etcd3gw (the member's
// own JSON gateway), in a venv made for the run.
func (b *bench) pythonClients(ctx context.Context) error {
	py, err := exec.LookPath("python3")
	if err != nil {
		b.rep.skipped("Python client vs etcd3gw: no python3 on this machine")
		return nil
	}
	venv := filepath.Join(b.mgr.Root, "pyvenv")
	b.logf("  python: venv, pip install ./clients/python etcd3gw")
	if out, err := exec.CommandContext(ctx, py, "-m", "venv", venv).CombinedOutput(); err != nil {
		return fmt.Errorf("venv: %v: %s", err, out)
	}
	pip := exec.CommandContext(ctx, filepath.Join(venv, "bin", "pip"), "install", "-q", "--disable-pip-version-check",
		filepath.Join(b.cfg.buildRoot, "clients", "python"), "etcd3gw")
	if out, err := pip.CombinedOutput(); err != nil {
		return fmt.Errorf("pip install: %v: %s", err, out)
	}
	ver, _ := exec.CommandContext(ctx, filepath.Join(venv, "bin", "python"), "-c",
		"import importlib.metadata as m, sys; print(sys.version.split()[0], m.version('etcd3gw'), m.version('requests'))").Output()
	c, err := b.startSingle(ctx, "py", 16)
	if err != nil {
		return err
	}
	defer c.stop()
	u, err := url.Parse(c.node.EtcdURL)
	if err != nil {
		return err
	}
	keys := b.cfg.keys
	cmd := exec.CommandContext(ctx, filepath.Join(venv, "bin", "python"), filepath.Join(b.cfg.repo, "bench", "clients", "python", "pybench.py"),
		"--outrigger", c.base, "--etcd-host", u.Hostname(), "--etcd-port", u.Port(),
		"--duration", fmt.Sprint(b.cfg.clientDur.Seconds()), "--value-size", fmt.Sprint(b.cfg.valueSize), "--keys", fmt.Sprint(keys), "--threads", "1,8")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("pybench: %v: %s", err, stderr.String())
	}
	w := b.rep.sec("clients")
	f := strings.Fields(string(ver))
	for len(f) < 3 {
		f = append(f, "?")
	}
	fmt.Fprintf(w, "\n### Python: `outrigger` (stdlib only, this repo) vs etcd3gw %s\n\nPython %s. The Outrigger client talks to the sidecar's JSON API; etcd3gw (on requests %s) to the same member's own JSON gateway (`/v3/kv/*`, base64 keys and values), so both are JSON over HTTP/1.1 to one process. %d-byte values, %d keys, %s per row; threads share one Outrigger client (its documented use: a keep-alive connection per thread) and each have their own etcd3gw client (a requests Session is not thread-safe). Baseline: etcd3gw.\n\n",
		f[1], f[0], f[2], b.cfg.valueSize, keys, b.cfg.clientDur)
	w.WriteString("| op, threads, client " + rowHead[1:])
	results := map[string]stats.Summary{}
	var order []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	var imports []pyLine
	for sc.Scan() {
		var l pyLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return fmt.Errorf("pybench output: %v", err)
		}
		switch l.Kind {
		case "kv":
			lat := make([]time.Duration, len(l.LatenciesUs))
			for i, us := range l.LatenciesUs {
				lat[i] = time.Duration(us) * time.Microsecond
			}
			var lastErr error
			if l.LastError != "" {
				lastErr = fmt.Errorf("%s", l.LastError)
			}
			k := fmt.Sprintf("%s|%d|%s", l.Op, l.Threads, l.Client)
			results[k] = stats.Summarize(lat, time.Duration(l.ElapsedS*float64(time.Second)), l.Errors, lastErr)
			order = append(order, k)
		case "import":
			imports = append(imports, l)
		}
	}
	for _, k := range order {
		p := strings.Split(k, "|")
		s := results[k]
		var base *stats.Summary
		if p[2] == "outrigger" {
			if bs, ok := results[p[0]+"|"+p[1]+"|etcd3gw"]; ok {
				base = &bs
			}
		}
		w.WriteString(row(fmt.Sprintf("%s, %s thread(s), %s", opTitle[p[0]], p[1], p[2]), s, base))
		b.logf("  python %s: %.0f ops/s p50 %s ms", k, s.OpsPerS, stats.Ms(s.P50))
	}
	w.WriteString("\n| import time (fresh interpreter, median of 5) | ms |\n|---|---:|\n")
	for _, l := range imports {
		fmt.Fprintf(w, "| `import %s` | %.1f |\n", l.Module, l.Seconds*1000)
	}
	return nil
}

func (b *bench) javaClients(ctx context.Context) error {
	b.rep.skipped("Java thin client vs jetcd: not measured (the harness has no Java part yet; see bench/README.md)")
	return nil
}
