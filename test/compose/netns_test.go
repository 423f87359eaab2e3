package compose

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// testNet is a set of network namespaces, one per host name, joined by a bridge
// in a namespace of its own, with the host names resolvable in each (through
// /etc/netns/<ns>/hosts, which `ip netns exec` mounts over /etc/hosts).
type testNet struct {
	prefix string
	ns     map[string]string // host name -> namespace
	ips    map[string]string // host name -> address
}

func run(args ...string) error {
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// newTestNet builds the namespaces, or skips the test saying why it cannot.
// Everything is removed when the test ends.
func newTestNet(t *testing.T, hosts []string) *testNet {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("skipped: network namespaces need root (ip netns); this test rehearses compose.yaml in them")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("skipped: no `ip` command (iproute2) for network namespaces")
	}
	n := &testNet{prefix: fmt.Sprintf("orc%d", os.Getpid()%10000), ns: map[string]string{}, ips: map[string]string{}}
	sw := n.prefix + "sw"
	t.Cleanup(func() { n.remove(sw, len(hosts)) })
	if err := run("ip", "netns", "add", sw); err != nil {
		t.Skipf("skipped: cannot create network namespaces here: %v", err)
	}
	steps := [][]string{
		{"ip", "netns", "exec", sw, "ip", "link", "set", "lo", "up"},
		{"ip", "netns", "exec", sw, "ip", "link", "add", "br0", "type", "bridge"},
		{"ip", "netns", "exec", sw, "ip", "link", "set", "br0", "up"},
	}
	for i, h := range hosts {
		ns, host, peer := fmt.Sprintf("%s-%d", n.prefix, i), fmt.Sprintf("%sh%d", n.prefix, i), fmt.Sprintf("%sc%d", n.prefix, i)
		n.ns[h], n.ips[h] = ns, fmt.Sprintf("10.213.%d.%d", os.Getpid()%200, i+10)
		steps = append(steps,
			[]string{"ip", "netns", "add", ns},
			[]string{"ip", "link", "add", host, "type", "veth", "peer", "name", peer},
			[]string{"ip", "link", "set", host, "netns", sw},
			[]string{"ip", "netns", "exec", sw, "ip", "link", "set", host, "master", "br0", "up"},
			[]string{"ip", "link", "set", peer, "netns", ns},
			[]string{"ip", "netns", "exec", ns, "ip", "addr", "add", n.ips[h] + "/24", "dev", peer},
			[]string{"ip", "netns", "exec", ns, "ip", "link", "set", peer, "up"},
			[]string{"ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"},
		)
	}
	for _, step := range steps {
		if err := run(step...); err != nil {
			t.Skipf("skipped: cannot wire network namespaces here: %v", err)
		}
	}
	var lines = []string{"127.0.0.1 localhost"}
	for _, h := range hosts {
		lines = append(lines, n.ips[h]+" "+h)
	}
	for _, h := range hosts {
		dir := filepath.Join("/etc/netns", n.ns[h])
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "hosts"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

func (n *testNet) remove(sw string, hosts int) {
	for i := range hosts {
		ns := fmt.Sprintf("%s-%d", n.prefix, i)
		run("ip", "netns", "del", ns)
		os.RemoveAll(filepath.Join("/etc/netns", ns))
	}
	run("ip", "netns", "del", sw)
}

// exec runs args inside host's namespace and returns the output.
func (n *testNet) exec(host string, args ...string) (string, error) {
	out, err := exec.Command("ip", append([]string{"netns", "exec", n.ns[host]}, args...)...).CombinedOutput()
	return string(out), err
}
