package gateway_test

import (
	"encoding/json"
	"testing"
)

// FuzzJSONRequests sends arbitrary bodies to the routes that decode JSON: each
// answer is a success or a client error in the error envelope, never a crash or a 500.
// Run with: go test ./gateway -run '^$' -fuzz FuzzJSONRequests -fuzztime 60s
func FuzzJSONRequests(f *testing.F) {
	for _, seed := range []string{
		`{"value":"v"}`, `{"value":"v","ifRevision":"0"}`, `{"value":1}`, `{"value":"\u0000"}`, `{`, `[]`, `null`, ``,
		`{"value":"v","ifLockHeld":{"name":"l","fencingToken":"9223372036854775807"}}`,
		`{"compare":[{"key":"a","value":"b","op":"LESS"}],"then":[{"put":{"key":"a","value":"c"}}],"else":[{"get":{"key":"a","prefix":true}}]}`,
		`{"compare":[{"key":"a","exists":"yes"}]}`, `{"then":[{"put":{}}]}`,
		`{"address":"127.0.0.1","port":8080,"metadata":{"a":"b"},"healthCheck":{"http":"http://127.0.0.1:1/h","intervalSeconds":3600}}`,
		`{"ttlSeconds":2147483647}`, `{"ttlSeconds":"15"}`, `{"sessionId":"-9223372036854775808"}`,
	} {
		f.Add(seed)
	}
	routes := []struct{ method, path string }{
		{"PUT", "/v1/config/fuzz/k"},
		{"POST", "/v1/config:txn"},
		{"PUT", "/v1/services/fuzz/instances/i1"},
		{"POST", "/v1/sessions"},
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, route := range routes {
			r := shared.Do(t, route.method, route.path, body)
			var m map[string]any
			if err := json.Unmarshal(r.Body, &m); err != nil {
				t.Fatalf("%s %s %q: answer %d is not a JSON object: %s", route.method, route.path, body, r.Status, r.Body)
			}
			switch {
			case r.Status == 200:
			case r.Status >= 400 && r.Status < 500:
				if code, _ := m["code"].(float64); code == 0 || m["message"] == "" {
					t.Fatalf("%s %s %q: %d without an error envelope: %s", route.method, route.path, body, r.Status, r.Body)
				}
			default:
				t.Fatalf("%s %s %q: status %d: %s", route.method, route.path, body, r.Status, r.Body)
			}
		}
	})
}
