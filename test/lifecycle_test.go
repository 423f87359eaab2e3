package test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/outrigger/outrigger/internal/proctest"
)

// A graceful stop deletes the sessions the sidecar owns, so their locks,
// leaderships, registrations and ephemeral keys vanish at once; the data stays.
func TestGracefulStopReleasesSessionsAndRestartKeepsData(t *testing.T) {
	n := newNode(t)
	p := proctest.Start(t, nil, n.args()...)
	u := n.url()
	mustCall(t, 200, u, "PUT", "/v1/config/app/greeting", `{"value":"hello"}`)
	lock := mustCall(t, 200, u, "POST", "/v1/locks/job:acquire", `{"ttlSeconds":3600}`)
	mustCall(t, 200, u, "PUT", "/v1/config/app/ephemeral", fmt.Sprintf(`{"value":"x","sessionId":"%s"}`, str(lock, "sessionId")))
	mustCall(t, 200, u, "POST", "/v1/elections/leader:campaign", `{"value":"me","ttlSeconds":3600}`)
	mustCall(t, 200, u, "PUT", "/v1/services/web/instances/i1", `{"address":"127.0.0.1","port":8080}`)
	mustCall(t, 200, u, "PUT", "/v1/services/web/instances/i2", `{"address":"127.0.0.1","port":8081,"ttlSeconds":3600}`)

	if err := p.Stop(t); err != nil {
		t.Fatalf("graceful stop exited with %v:\n%s", err, p.Log())
	}
	if strings.Contains(p.Log(), "level=ERROR") {
		t.Fatalf("error lines on a normal stop:\n%s", p.Log())
	}

	proctest.Start(t, nil, n.args()...)
	if e := mustCall(t, 200, u, "GET", "/v1/config/app/greeting", ""); e["value"] != "hello" {
		t.Fatalf("after restart: %v", e)
	}
	mustCall(t, 404, u, "GET", "/v1/config/app/ephemeral", "")
	mustCall(t, 404, u, "GET", "/v1/locks/job", "")
	mustCall(t, 404, u, "GET", "/v1/elections/leader/leader", "")
	if list := mustCall(t, 200, u, "GET", "/v1/services/web/instances", ""); len(list["instances"].([]any)) != 0 {
		t.Fatalf("instances left after a graceful stop: %v", list)
	}
}

func TestFlagsFromEnvironmentAndFreePorts(t *testing.T) {
	dir := t.TempDir()
	p := proctest.Start(t, []string{"OUTRIGGER_DATA_DIR=" + dir, "OUTRIGGER_NAME=envnode",
		"OUTRIGGER_HTTP_ADDR=127.0.0.1:0", "OUTRIGGER_GRPC_ADDR=127.0.0.1:0",
		"OUTRIGGER_ETCD_CLIENT_URL=http://127.0.0.1:0", "OUTRIGGER_PEER_URL=http://127.0.0.1:0"}, "run")
	if strings.HasSuffix(p.HTTP, ":0") || strings.HasSuffix(p.GRPC, ":0") || p.HTTP == "" {
		t.Fatalf("ready line does not show the real ports: http=%s grpc=%s", p.HTTP, p.GRPC)
	}
	st := mustCall(t, 200, "http://"+p.HTTP, "GET", "/v1/cluster", "")
	if st["name"] != "envnode" {
		t.Fatalf("name from OUTRIGGER_NAME: %v", st)
	}
	if out, code := proctest.Run(t, 10e9, nil, "run", "--log-level", "loud"); code != 2 || !strings.Contains(out, "--log-level") {
		t.Fatalf("bad --log-level: %d %s", code, out)
	}
}
