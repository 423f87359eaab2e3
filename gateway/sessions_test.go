package gateway_test

import (
	"testing"
)

func TestSessionLifecycle(t *testing.T) {
	s := shared
	created := s.MustDo(t, 200, "POST", "/v1/sessions", `{"ttlSeconds":20}`)
	id := str(created, "id")
	if created["ttlSeconds"] != float64(20) || id == "" || id == "0" {
		t.Fatalf("create: %v", created)
	}
	if ka := s.MustDo(t, 200, "POST", "/v1/sessions/"+id+":keepalive", ""); ka["ttlSeconds"] != float64(20) {
		t.Fatalf("keepalive: %v", ka)
	}
	if got := s.MustDo(t, 200, "GET", "/v1/sessions/"+id, ""); got["ttlSeconds"] != float64(20) || got["remainingSeconds"].(float64) <= 0 {
		t.Fatalf("get: %v", got)
	}
	if d := s.MustDo(t, 200, "DELETE", "/v1/sessions/"+id, ""); d["deleted"] != true {
		t.Fatalf("delete: %v", d)
	}
	s.MustDo(t, 404, "POST", "/v1/sessions/"+id+":keepalive", "")
	s.MustDo(t, 404, "GET", "/v1/sessions/"+id, "")
	if d := s.MustDo(t, 200, "DELETE", "/v1/sessions/"+id, ""); d["deleted"] != false {
		t.Fatalf("second delete: %v", d)
	}
	if def := s.MustDo(t, 200, "POST", "/v1/sessions", `{}`); def["ttlSeconds"] != float64(15) {
		t.Fatalf("default TTL: %v", def)
	}
}
