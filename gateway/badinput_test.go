package gateway_test

import (
	"fmt"
	"strings"
	"testing"
)

// Every bad input gets 400 naming what is wrong, and changes nothing stored.
func TestBadInput(t *testing.T) {
	s := shared
	s.MustDo(t, 200, "PUT", "/v1/config/bad/k", `{"value":"original"}`)
	bigValue := strings.Repeat("v", 1<<20+1)
	bigKey := strings.Repeat("k", 4097)
	cases := []struct {
		method, path, body, want string
	}{
		{"PUT", "/v1/config/bad/k", `{"value":"x"`, "unexpected EOF"},
		{"PUT", "/v1/config/bad/k", `not json`, "invalid character"},
		{"PUT", "/v1/config/bad/k", `{"value":"x","colour":"red"}`, `unknown field "colour"`},
		{"PUT", "/v1/config/bad/k", `{"value":"` + "\xff\xfe" + `"}`, "UTF-8"},
		{"PUT", "/v1/config/bad/k", `{"value":"` + bigValue + `"}`, "more than the limit of 1048576"},
		{"PUT", "/v1/config/" + bigKey, `{"value":"x"}`, "more than the limit of 4096"},
		{"PUT", "/v1/config/bad/k", `{"value":"x","ifRevision":"-1"}`, "ifRevision"},
		{"PUT", "/v1/config/bad/k", `{"value":"x","ifRevision":"abc"}`, "ifRevision"},
		{"PUT", "/v1/config/bad/k", `{"value":"x","ifLockHeld":{"name":"","fencingToken":"1"}}`, "ifLockHeld.name"},
		{"PUT", "/v1/config/bad/k", `{"value":"x","ifLockHeld":{"name":"l","fencingToken":"0"}}`, "ifLockHeld.fencingToken"},
		{"PUT", "/v1/config/bad/k", `{"value":"x","sessionId":"-5"}`, "sessionId"},
		{"PUT", "/v1/config/bad/k", strings.Repeat(" ", 3<<20), "too large"},
		{"GET", "/v1/config/bad/k?revision=-1", "", "revision"},
		{"GET", "/v1/config?prefx=bad/", "", `unknown query parameter "prefx"`},
		{"GET", "/v1/config?limit=5000", "", "limit"},
		{"POST", "/v1/config:txn", `{"compare":[{"key":"","value":"x"}]}`, "compare[0].key"},
		{"POST", "/v1/config:txn", `{"compare":[{"key":"a"}]}`, "compare[0]: needs one of"},
		{"POST", "/v1/config:txn", `{"then":[{"put":{"key":"bad/k","value":"` + "\xff" + `"}}]}`, "UTF-8"},
		{"POST", "/v1/sessions", `{"ttlSeconds":1}`, "ttlSeconds: 1 is out of range [2, 86400]"},
		{"POST", "/v1/sessions", `{"ttlSeconds":100000}`, "ttlSeconds"},
		{"POST", "/v1/sessions/0:keepalive", "", "not a session id"},
		{"POST", "/v1/locks/l:acquire", `{"waitSeconds":601}`, "waitSeconds"},
		{"POST", "/v1/locks/l:acquire", `{"waitSeconds":-1}`, "waitSeconds"},
		{"POST", "/v1/locks/l:acquire", `{"ttlSeconds":-3}`, "ttlSeconds"},
		{"POST", "/v1/locks/l:release", `{}`, "sessionId"},
		{"POST", "/v1/locks/" + strings.Repeat("n", 257) + ":acquire", `{}`, "name"},
		{"POST", "/v1/locks/a%01b:acquire", `{}`, "must not contain control characters"},
		{"POST", "/v1/elections/e:campaign", `{"value":"` + bigValue + `"}`, "value"},
		{"POST", "/v1/elections/e:proclaim", `{"value":"x"}`, "sessionId"},
		{"PUT", "/v1/services/web/instances/i1", `{"port":80}`, "address: must not be empty"},
		{"PUT", "/v1/services/web/instances/i1", `{"address":"a","port":70000}`, "port"},
		{"PUT", "/v1/services/web/instances/i1", `{"address":"a","healthCheck":{"http":"ftp://x"}}`, "healthCheck.http"},
		{"PUT", "/v1/services/web/instances/i1", `{"address":"a","healthCheck":{"http":"http://x","intervalSeconds":0.5}}`, "intervalSeconds"},
		{"PUT", "/v1/services/web/instances/i1", `{"address":"a","metadata":{"":"x"}}`, "metadata"},
	}
	for _, c := range cases {
		r := s.Do(t, c.method, c.path, c.body)
		if r.Status != 400 {
			t.Errorf("%s %.60s %.60s: status %d, want 400: %.200s", c.method, c.path, c.body, r.Status, r.Body)
			continue
		}
		m := r.JSON(t)
		if m["code"] != float64(3) || !strings.Contains(str(m, "message"), c.want) {
			t.Errorf("%s %.60s %.60s: %v, want a message with %q", c.method, c.path, c.body, m, c.want)
		}
	}
	if got := s.MustDo(t, 200, "GET", "/v1/config/bad/k", ""); got["value"] != "original" || got["version"] != "1" {
		t.Fatalf("bad input changed the stored entry: %v", got)
	}
}

func TestUnknownRoute(t *testing.T) {
	r := shared.Do(t, "GET", "/v2/nothing", "")
	if r.Status != 404 || r.JSON(t)["code"] != float64(5) {
		t.Fatalf("unknown route: %d %s", r.Status, r.Body)
	}
	r = shared.Do(t, "PATCH", "/v1/config/k", "{}")
	if r.Status != 405 {
		t.Fatalf("wrong method: %d %s", r.Status, fmt.Sprint(string(r.Body)))
	}
}
