package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
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
	imports, err := b.clientTable(w, out, "etcd3gw", "python")
	if err != nil {
		return err
	}
	w.WriteString("\n| import time (fresh interpreter, median of 5) | ms |\n|---|---:|\n")
	for _, l := range imports {
		fmt.Fprintf(w, "| `import %s` | %.1f |\n", l.Module, l.Seconds*1000)
	}
	return nil
}

// clientTable renders the JSON lines of a client benchmark (Python's or Java's)
// as one table, each Outrigger row against the baseline client's; it returns
// the other lines (import times).
func (b *bench) clientTable(w *strings.Builder, out []byte, baseline, lang string) ([]pyLine, error) {
	w.WriteString("| op, threads, client" + rowHead[1:])
	results := map[string]stats.Summary{}
	var order []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	var other []pyLine
	for sc.Scan() {
		if !bytes.HasPrefix(sc.Bytes(), []byte("{")) {
			continue
		}
		var l pyLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s bench output: %v", lang, err)
		}
		if l.Kind != "kv" {
			other = append(other, l)
			continue
		}
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
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("%s bench printed no result", lang)
	}
	for _, k := range order {
		p := strings.Split(k, "|")
		s := results[k]
		var base *stats.Summary
		if p[2] != baseline {
			if bs, ok := results[p[0]+"|"+p[1]+"|"+baseline]; ok {
				base = &bs
			}
		}
		w.WriteString(row(fmt.Sprintf("%s, %s thread(s), %s", opTitle[p[0]], p[1], p[2]), s, base))
		b.logf("  %s %s: %.0f ops/s p50 %s ms", lang, k, s.OpsPerS, stats.Ms(s.P50))
	}
	return other, nil
}

// javaClients: the Java thin client (JSON API) vs jetcd (gRPC to the member).
func (b *bench) javaClients(ctx context.Context) error {
	java, jerr := exec.LookPath("java")
	mvn, merr := exec.LookPath("mvn")
	if jerr != nil || merr != nil {
		b.rep.skipped("Java thin client vs jetcd: needs java and mvn on this machine")
		return nil
	}
	run := func(dir string, args ...string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, mvn, append([]string{"-B", "-ntp", "-q"}, args...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			return out, fmt.Errorf("mvn %s (in %s): %v: %s", strings.Join(args, " "), dir, err, lastLines(out, 15))
		}
		return out, nil
	}
	b.logf("  java: mvn install of clients/java/outrigger-client, build of the bench")
	if _, err := run(filepath.Join(b.cfg.buildRoot, "clients", "java"), "-pl", "outrigger-client", "-am", "-DskipTests", "-Dmaven.javadoc.skip=true", "install"); err != nil {
		return err
	}
	work := filepath.Join(b.mgr.Root, "javabench")
	if out, err := exec.CommandContext(ctx, "cp", "-r", filepath.Join(b.cfg.repo, "bench", "clients", "java"), work).CombinedOutput(); err != nil {
		return fmt.Errorf("copy: %v: %s", err, out)
	}
	cpFile := filepath.Join(work, "cp.txt")
	if _, err := run(work, "compile", "dependency:build-classpath", "-Dmdep.outputFile="+cpFile); err != nil {
		return err
	}
	sizes := map[string][2]int64{} // jars, bytes
	for _, x := range []string{"outrigger", "jetcd"} {
		f := filepath.Join(work, "size-"+x+".txt")
		if _, err := run(filepath.Join(work, "size-"+x), "dependency:build-classpath", "-Dmdep.outputFile="+f); err != nil {
			return err
		}
		b, _ := os.ReadFile(f)
		var n, total int64
		for _, jar := range strings.Split(strings.TrimSpace(string(b)), string(os.PathListSeparator)) {
			if st, err := os.Stat(jar); err == nil {
				n++
				total += st.Size()
			}
		}
		sizes[x] = [2]int64{n, total}
	}
	cp, err := os.ReadFile(cpFile)
	if err != nil {
		return err
	}
	c, err := b.startSingle(ctx, "java", 32)
	if err != nil {
		return err
	}
	defer c.stop()
	cmd := exec.CommandContext(ctx, java, "-cp", filepath.Join(work, "target", "classes")+string(os.PathListSeparator)+strings.TrimSpace(string(cp)),
		"bench.Bench", c.base, c.node.EtcdURL, fmt.Sprint(b.cfg.clientDur.Seconds()), fmt.Sprint(b.cfg.valueSize), fmt.Sprint(b.cfg.keys), "1,16")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("java bench: %v: %s", err, lastLines(stderr.Bytes(), 20))
	}
	jv, _ := exec.CommandContext(ctx, java, "-version").CombinedOutput()
	w := b.rep.sec("clients")
	fmt.Fprintf(w, "\n### Java: Outrigger's thin client (`clients/java/outrigger-client`, the JDK and Jackson only) vs jetcd 0.8.5\n\n%s. The thin client talks to the sidecar's JSON API; jetcd speaks etcd's gRPC straight to the same member. One client of each shared by all threads (both are thread-safe). %d-byte values, %d keys, %s per row after a JIT warm-up. The thin client has no serializable read, so that row is jetcd's alone. Baseline: jetcd.\n\n",
		strings.SplitN(strings.TrimSpace(string(jv)), "\n", 2)[0], b.cfg.valueSize, b.cfg.keys, b.cfg.clientDur)
	if _, err := b.clientTable(w, out, "jetcd", "java"); err != nil {
		return err
	}
	w.WriteString("\n| on the classpath (runtime scope, transitive) | jars | MiB |\n|---|---:|---:|\n")
	for _, x := range []struct{ name, key string }{{"outrigger-client 0.1.0-SNAPSHOT", "outrigger"}, {"jetcd-core 0.8.5", "jetcd"}} {
		fmt.Fprintf(w, "| %s | %d | %s |\n", x.name, sizes[x.key][0], stats.MiB(sizes[x.key][1]))
	}
	return nil
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
