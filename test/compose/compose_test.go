// Package compose proves compose.yaml without a Docker engine: its topology, loaded
// with the compose-spec library, and a rehearsal of its sidecars as processes in
// network namespaces of their own.
package compose

import (
	"context"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

const sidecarImage = "outrigger:dev"

func loadProject(t *testing.T) *types.Project {
	t.Helper()
	opts, err := cli.NewProjectOptions([]string{filepath.Join("..", "..", "compose.yaml")},
		cli.WithName("outrigger-dev"), cli.WithWorkingDirectory(filepath.Join("..", "..")))
	if err != nil {
		t.Fatal(err)
	}
	p, err := opts.LoadProject(context.Background())
	if err != nil {
		t.Fatalf("compose.yaml does not load: %v", err)
	}
	return p
}

func env(s types.ServiceConfig, name string) string {
	if v, ok := s.Environment[name]; ok && v != nil {
		return *v
	}
	return ""
}

// flag reads --name value from a command.
func flag(cmd []string, name string) string {
	for i, a := range cmd {
		if a == "--"+name && i+1 < len(cmd) {
			return cmd[i+1]
		}
		if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			return v
		}
	}
	return ""
}

func TestComposeTopology(t *testing.T) {
	p := loadProject(t)
	sidecars := map[string]types.ServiceConfig{}
	apps := map[string]types.ServiceConfig{}
	for name, s := range p.Services {
		switch {
		case s.Image == sidecarImage:
			sidecars[name] = s
		case strings.HasPrefix(s.NetworkMode, "service:"):
			apps[name] = s
		default:
			t.Errorf("service %s is neither a sidecar nor an app beside one", name)
		}
	}
	if len(apps) != 4 {
		t.Fatalf("want 3 Spring apps and 1 worker, got apps %v", keys(apps))
	}
	springs := 0
	for name, app := range apps {
		owner := strings.TrimPrefix(app.NetworkMode, "service:")
		if _, ok := sidecars[owner]; !ok {
			t.Errorf("app %s shares the namespace of %s, which is not a sidecar", name, owner)
		}
		if dep, ok := app.DependsOn[owner]; !ok || dep.Condition != types.ServiceConditionHealthy {
			t.Errorf("app %s does not wait for its sidecar %s to be healthy: %+v", name, owner, app.DependsOn)
		}
		if got := env(app, "OUTRIGGER_ENDPOINT"); got != "http://127.0.0.1:7400" {
			t.Errorf("app %s points at %q, not the sidecar beside it on 127.0.0.1:7400", name, got)
		}
		if flag(sidecars[owner].Command, "http-addr") != "" {
			t.Errorf("the sidecar %s beside app %s binds its API elsewhere than 127.0.0.1", owner, name)
		}
		if strings.Contains(app.Build.Dockerfile, "spring") {
			springs++
		}
	}
	if springs != 3 {
		t.Errorf("%d Spring apps, want 3", springs)
	}

	// The voters' initial cluster names exactly the sidecars that bootstrap it.
	var initial string
	voters := map[string]bool{}
	for name, s := range sidecars {
		if ic := env(s, "OUTRIGGER_INITIAL_CLUSTER"); ic != "" {
			if initial != "" && ic != initial {
				t.Errorf("sidecar %s has another initial cluster: %s", name, ic)
			}
			initial = ic
			voters[name] = true
		}
	}
	if len(voters) != 3 {
		t.Fatalf("%d sidecars bootstrap the cluster, want 3", len(voters))
	}
	for _, entry := range strings.Split(initial, ",") {
		name, peer, _ := strings.Cut(entry, "=")
		s, ok := sidecars[name]
		if !ok || !voters[name] {
			t.Errorf("initial cluster names %s, not a bootstrapping sidecar", name)
			continue
		}
		if flag(s.Command, "name") != name || flag(s.Command, "advertise-peer-url") != peer ||
			peer != fmt.Sprintf("http://%s:2380", s.Hostname) {
			t.Errorf("sidecar %s: --name %q, --advertise-peer-url %q, hostname %q; initial cluster says %s",
				name, flag(s.Command, "name"), flag(s.Command, "advertise-peer-url"), s.Hostname, entry)
		}
		delete(voters, name)
	}
	if len(voters) != 0 {
		t.Errorf("bootstrapping sidecars missing from the initial cluster: %v", voters)
	}

	for name, s := range sidecars {
		if s.HealthCheck == nil || !slices.Equal(s.HealthCheck.Test, []string{"CMD", "/outrigger", "health"}) {
			t.Errorf("sidecar %s has no `outrigger health` healthcheck: %+v", name, s.HealthCheck)
		}
		if !slices.ContainsFunc(s.Volumes, func(v types.ServiceVolumeConfig) bool {
			return v.Type == types.VolumeTypeVolume && v.Target == "/data" && p.Volumes[v.Source].Name != ""
		}) {
			t.Errorf("sidecar %s keeps no named volume at /data: %+v", name, s.Volumes)
		}
		if !strings.HasPrefix(s.NetworkMode, "") || strings.HasPrefix(s.NetworkMode, "service:") {
			t.Errorf("sidecar %s does not own its namespace", name)
		}
		if env(s, "OUTRIGGER_JOIN") != "" {
			for v := range sidecars {
				if env(sidecars[v], "OUTRIGGER_INITIAL_CLUSTER") != "" && s.DependsOn[v].Condition != types.ServiceConditionHealthy {
					t.Errorf("joining sidecar %s does not wait for the voter %s", name, v)
				}
			}
		}
	}
	if env(sidecars["worker-sidecar"], "OUTRIGGER_JOIN") == "" {
		t.Errorf("the worker's sidecar does not join with --join")
	}

	// Published: one app's HTTP port and one sidecar's JSON API, on the host's loopback.
	var published []string
	for name, s := range p.Services {
		for _, port := range s.Ports {
			published = append(published, fmt.Sprintf("%s %s:%s->%d", name, port.HostIP, port.Published, port.Target))
			if port.HostIP != "127.0.0.1" {
				t.Errorf("%s publishes port %d beyond the host's loopback", name, port.Target)
			}
		}
	}
	slices.Sort(published)
	want := []string{"app1-sidecar 127.0.0.1:8080->8080", "console 127.0.0.1:7400->7400"}
	if !slices.Equal(published, want) {
		t.Errorf("published ports %v, want %v", published, want)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// The Dockerfile builds with go.mod's Go, as a static binary: built here the same
// way, the binary has no interpreter and no dynamic section.
func TestDockerfileBuildsAStaticBinary(t *testing.T) {
	root := filepath.Join("..", "..")
	gomod, _ := os.ReadFile(filepath.Join(root, "go.mod"))
	dockerfile, _ := os.ReadFile(filepath.Join(root, "Dockerfile"))
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	from := regexp.MustCompile(`(?m)^FROM golang:(\S+) AS build$`).FindSubmatch(dockerfile)
	if goVersion == nil || from == nil || string(goVersion[1]) != string(from[1]) {
		t.Fatalf("Dockerfile builds with Go %q, go.mod says %q", from, goVersion)
	}
	build := regexp.MustCompile(`RUN (CGO_ENABLED=0 go build [^\\\n]*)`).FindSubmatch(dockerfile)
	if build == nil {
		t.Fatal("no CGO_ENABLED=0 go build line in the Dockerfile")
	}
	out := filepath.Join(t.TempDir(), "outrigger")
	line := strings.Replace(string(build[1]), "/out/outrigger", out, 1)
	cmd := exec.Command("sh", "-c", line)
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", line, err, b)
	}
	f, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, prog := range f.Progs {
		if prog.Type == elf.PT_INTERP || prog.Type == elf.PT_DYNAMIC {
			t.Fatalf("the binary is dynamically linked (%v)", prog.Type)
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Fatalf("the binary needs %v", libs)
	}
}
