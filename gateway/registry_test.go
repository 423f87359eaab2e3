package gateway_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/outrigger/outrigger/internal/testenv"
	clientv3 "go.etcd.io/etcd/client/v3"
)

func TestRegistryListAndWatch(t *testing.T) {
	s := shared
	w := s.OpenStream(t, "/v1/services/reg-web/instances:watch")
	w.Next(t, lineWait)
	inst := s.MustDo(t, 200, "PUT", "/v1/services/reg-web/instances/i1", `{"address":"10.0.0.1","port":8080,"metadata":{"zone":"a"}}`)
	if inst["service"] != "reg-web" || inst["id"] != "i1" || inst["port"] != float64(8080) || inst["sessionId"] == "0" {
		t.Fatalf("register: %v", inst)
	}
	ev := w.NextWith(t, "events", lineWait)["events"].([]any)[0].(map[string]any)
	if ev["type"] != "PUT" || ev["instance"].(map[string]any)["address"] != "10.0.0.1" {
		t.Fatalf("watch PUT: %v", ev)
	}
	services := s.MustDo(t, 200, "GET", "/v1/services", "")
	found := false
	for _, name := range services["services"].([]any) {
		found = found || name == "reg-web"
	}
	if !found {
		t.Fatalf("services: %v", services)
	}
	list := s.MustDo(t, 200, "GET", "/v1/services/reg-web/instances", "")
	if items := list["instances"].([]any); len(items) != 1 || items[0].(map[string]any)["metadata"].(map[string]any)["zone"] != "a" {
		t.Fatalf("instances: %v", list)
	}
	if d := s.MustDo(t, 200, "DELETE", "/v1/services/reg-web/instances/i1", ""); d["deregistered"] != true {
		t.Fatalf("deregister: %v", d)
	}
	ev = w.NextWith(t, "events", lineWait)["events"].([]any)[0].(map[string]any)
	if ev["type"] != "DELETE" || ev["instance"].(map[string]any)["id"] != "i1" {
		t.Fatalf("watch DELETE: %v", ev)
	}
}

func TestRegistrationRemovedWhenSessionExpires(t *testing.T) {
	s := shared
	inst := s.MustDo(t, 200, "PUT", "/v1/services/reg-ttl/instances/i1", `{"address":"127.0.0.1","port":1,"ttlSeconds":2}`)
	if inst["sessionId"] == "0" {
		t.Fatalf("register with ttlSeconds: %v", inst)
	}
	testenv.Eventually(t, 15*time.Second, "instance gone after its 2s session expired", func() error {
		list := s.MustDo(t, 200, "GET", "/v1/services/reg-ttl/instances", "")
		if n := len(list["instances"].([]any)); n != 0 {
			return fmt.Errorf("%d instances", n)
		}
		return nil
	})
}

func TestRegistrationFollowsHealthCheck(t *testing.T) {
	s := shared
	var healthy atomic.Bool
	healthy.Store(true)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !healthy.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
		}
	}))
	defer app.Close()
	s.MustDo(t, 200, "PUT", "/v1/services/reg-hc/instances/i1",
		fmt.Sprintf(`{"address":"127.0.0.1","port":1,"healthCheck":{"http":"%s/health","intervalSeconds":1}}`, app.URL))
	count := func() int {
		return len(s.MustDo(t, 200, "GET", "/v1/services/reg-hc/instances", "")["instances"].([]any))
	}
	if n := count(); n != 1 {
		t.Fatalf("%d instances after registering", n)
	}
	healthy.Store(false)
	testenv.Eventually(t, 15*time.Second, "instance removed after failing checks", func() error {
		if n := count(); n != 0 {
			return fmt.Errorf("%d instances", n)
		}
		return nil
	})
	healthy.Store(true)
	testenv.Eventually(t, 15*time.Second, "instance back after a passing check", func() error {
		if n := count(); n != 1 {
			return fmt.Errorf("%d instances", n)
		}
		return nil
	})
	s.MustDo(t, 200, "DELETE", "/v1/services/reg-hc/instances/i1", "")
}

// If the cluster lets the sidecar's own session expire, the sidecar makes a new
// one and writes its registrations again.
func TestOwnSessionRecreatedWithRegistrations(t *testing.T) {
	s := startOwn(t)
	inst := s.MustDo(t, 200, "PUT", "/v1/services/own/instances/i1", `{"address":"127.0.0.1","port":1}`)
	old := str(inst, "sessionId")
	id, err := strconv.ParseInt(old, 10, 64)
	if err != nil || id == 0 {
		t.Fatalf("registration without a session: %v", inst)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.Etcd.Revoke(ctx, clientv3.LeaseID(id)); err != nil {
		t.Fatal(err)
	}
	testenv.Eventually(t, 15*time.Second, "the instance registered again on a new session", func() error {
		list := s.MustDo(t, 200, "GET", "/v1/services/own/instances", "")
		items := list["instances"].([]any)
		if len(items) != 1 {
			return fmt.Errorf("%d instances", len(items))
		}
		if got := str(items[0].(map[string]any), "sessionId"); got == old {
			return fmt.Errorf("still on session %s", got)
		}
		return nil
	})
}
