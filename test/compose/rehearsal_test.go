package compose

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/outrigger/outrigger/internal/proctest"
)

// TestComposeRehearsal runs the sidecars of compose.yaml — their own commands and
// environments — as processes, each in a network namespace named after its
// service, and checks that they form the cluster the file describes and serve one
// config change to all of them.
func TestComposeRehearsal(t *testing.T) {
	p := loadProject(t)
	var names []string
	for name, s := range p.Services {
		if s.Image == sidecarImage {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	net := newTestNet(t, names)
	bin := proctest.Binary(t)

	procs := map[string]*proctest.Proc{}
	start := func(name string) {
		s := p.Services[name]
		env := []string{"OUTRIGGER_DATA_DIR=" + t.TempDir()} // the image's ENV; the volume
		for k, v := range s.Environment {
			if v != nil {
				env = append(env, k+"="+*v)
			}
		}
		args := append([]string{"netns", "exec", net.ns[name], bin}, s.Command...)
		procs[name] = proctest.StartProgram(t, env, "ip", args...)
	}
	// In dependency order, as compose starts them: those that wait for others last.
	var first, later []string
	for _, name := range names {
		if len(p.Services[name].DependsOn) == 0 {
			first = append(first, name)
		} else {
			later = append(later, name)
		}
	}
	for _, group := range [][]string{first, later} {
		for _, name := range group {
			start(name)
		}
		var wg sync.WaitGroup
		for _, name := range group {
			wg.Add(1)
			go func() {
				defer wg.Done()
				procs[name].WaitReady(t, 2*time.Minute)
			}()
		}
		wg.Wait()
		if t.Failed() {
			t.FailNow()
		}
	}

	cli := func(host string, args ...string) string {
		t.Helper()
		out, err := net.exec(host, append([]string{bin}, args...)...)
		if err != nil {
			t.Fatalf("%s: outrigger %s: %v\n%s", host, strings.Join(args, " "), err, out)
		}
		return out
	}
	want := map[string]string{"app1-sidecar": "voter", "app2-sidecar": "voter", "app3-sidecar": "voter",
		"worker-sidecar": "learner", "console": "client"}
	for _, name := range names {
		var st struct {
			Role    string `json:"role"`
			Members []struct {
				Name    string `json:"name"`
				Learner bool   `json:"learner"`
			} `json:"members"`
		}
		if err := json.Unmarshal([]byte(cli(name, "members", "-o", "json")), &st); err != nil {
			t.Fatal(err)
		}
		if st.Role != want[name] {
			t.Errorf("%s is a %s, want a %s", name, st.Role, want[name])
		}
		var members []string
		for _, m := range st.Members {
			members = append(members, fmt.Sprintf("%s/%t", m.Name, m.Learner))
		}
		slices.Sort(members)
		if w := []string{"app1-sidecar/false", "app2-sidecar/false", "app3-sidecar/false", "worker-sidecar/true"}; !slices.Equal(members, w) {
			t.Errorf("%s sees members %v, want %v", name, members, w)
		}
	}

	cli("app1-sidecar", "config", "put", "config/demo/greeting", "hello from compose")
	for _, name := range names {
		if got := cli(name, "config", "get", "config/demo/greeting"); got != "hello from compose\n" {
			t.Errorf("%s reads %q", name, got)
		}
	}
}
