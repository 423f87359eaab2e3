package gateway_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestTxnTextbookCase(t *testing.T) {
	s := shared
	body := `{"compare":[{"key":"txn/animal","value":"lion"}],
		"then":[{"put":{"key":"txn/animal","value":"tiger"}}],
		"else":[{"get":{"key":"txn/animal"}}]}`
	s.MustDo(t, 200, "PUT", "/v1/config/txn/animal", `{"value":"lion"}`)
	won := s.MustDo(t, 200, "POST", "/v1/config:txn", body)
	results := won["results"].([]any)
	if won["succeeded"] != true || len(results) != 1 {
		t.Fatalf("then branch: %v", won)
	}
	put := results[0].(map[string]any)["put"].(map[string]any)
	if put["key"] != "txn/animal" || put["modRevision"] != won["revision"] {
		t.Fatalf("put result: %v", won)
	}
	lost := s.MustDo(t, 200, "POST", "/v1/config:txn", body)
	if lost["succeeded"] != false {
		t.Fatalf("else branch: %v", lost)
	}
	items := lost["results"].([]any)[0].(map[string]any)["get"].(map[string]any)["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["value"] != "tiger" {
		t.Fatalf("else get: %v", lost)
	}
}

func TestTxnCompareTargetsAndOps(t *testing.T) {
	s := shared
	e := s.MustDo(t, 200, "PUT", "/v1/config/txnc/k", `{"value":"m"}`)
	mod, create := str(e, "modRevision"), str(e, "createRevision")
	cases := []struct {
		compare string
		holds   bool
	}{
		{`{"key":"txnc/k","value":"m"}`, true},
		{`{"key":"txnc/k","value":"m","op":"NOT_EQUAL"}`, false},
		{`{"key":"txnc/k","value":"a","op":"GREATER"}`, true},
		{`{"key":"txnc/k","value":"z","op":"LESS"}`, true},
		{`{"key":"txnc/k","value":"z","op":"GREATER"}`, false},
		{fmt.Sprintf(`{"key":"txnc/k","modRevision":"%s"}`, mod), true},
		{fmt.Sprintf(`{"key":"txnc/k","modRevision":"%s","op":"LESS"}`, mod), false},
		{fmt.Sprintf(`{"key":"txnc/k","createRevision":"%s"}`, create), true},
		{`{"key":"txnc/k","createRevision":"1","op":"GREATER"}`, true},
		{`{"key":"txnc/k","version":"1"}`, true},
		{`{"key":"txnc/k","version":"1","op":"NOT_EQUAL"}`, false},
		{`{"key":"txnc/k","exists":true}`, true},
		{`{"key":"txnc/k","exists":false}`, false},
		{`{"key":"txnc/missing","exists":false}`, true},
		{`{"key":"txnc/missing","exists":true}`, false},
	}
	for _, c := range cases {
		resp := s.MustDo(t, 200, "POST", "/v1/config:txn", `{"compare":[`+c.compare+`]}`)
		if resp["succeeded"] != c.holds {
			t.Errorf("compare %s: succeeded=%v, want %v", c.compare, resp["succeeded"], c.holds)
		}
	}

	s.MustDo(t, 200, "PUT", "/v1/config/txnc/d/1", `{"value":"x"}`)
	s.MustDo(t, 200, "PUT", "/v1/config/txnc/d/2", `{"value":"y"}`)
	resp := s.MustDo(t, 200, "POST", "/v1/config:txn", `{"then":[
		{"get":{"key":"txnc/d/","prefix":true}},
		{"delete":{"key":"txnc/d/","prefix":true}},
		{"put":{"key":"txnc/new","value":"n"}},
		{"delete":{"key":"txnc/k"}}]}`)
	r := resp["results"].([]any)
	if resp["succeeded"] != true || len(r) != 4 {
		t.Fatalf("ops: %v", resp)
	}
	if got := r[0].(map[string]any)["get"].(map[string]any)["items"].([]any); len(got) != 2 {
		t.Errorf("prefix get: %v", r[0])
	}
	if r[1].(map[string]any)["delete"].(map[string]any)["deleted"] != "2" || r[3].(map[string]any)["delete"].(map[string]any)["deleted"] != "1" {
		t.Errorf("deletes: %v %v", r[1], r[3])
	}
	s.MustDo(t, 200, "GET", "/v1/config/txnc/new", "")
	s.MustDo(t, 404, "GET", "/v1/config/txnc/k", "")
}

func TestTxnLimits(t *testing.T) {
	s := shared
	ops := make([]string, 129)
	for i := range ops {
		ops[i] = fmt.Sprintf(`{"put":{"key":"txnl/%d","value":"v"}}`, i)
	}
	r := s.Do(t, "POST", "/v1/config:txn", `{"then":[`+strings.Join(ops, ",")+`]}`)
	if r.Status != 400 || !strings.Contains(string(r.Body), "then: 129 operations, more than the limit of 128") {
		t.Fatalf("129 ops: %d %s", r.Status, r.Body)
	}
	s.MustDo(t, 404, "GET", "/v1/config/txnl/0", "")
	r = s.Do(t, "POST", "/v1/config:txn", `{"compare":[{"key":"txnl/x","exists":true,"op":"GREATER"}]}`)
	if r.Status != 400 || !strings.Contains(string(r.Body), "exists compares only with EQUAL") {
		t.Fatalf("exists with GREATER: %d %s", r.Status, r.Body)
	}
	r = s.Do(t, "POST", "/v1/config:txn", `{"then":[{}]}`)
	if r.Status != 400 || !strings.Contains(string(r.Body), "then[0]: needs one of put, delete, get") {
		t.Fatalf("empty op: %d %s", r.Status, r.Body)
	}
	big := strings.Repeat("x", 700<<10)
	r = s.Do(t, "POST", "/v1/config:txn", fmt.Sprintf(`{"then":[{"put":{"key":"txnl/a","value":"%s"}}],"else":[{"put":{"key":"txnl/b","value":"%s"}}]}`, big, big))
	if r.Status != 400 || !strings.Contains(string(r.Body), "more than the limit of 1310720") {
		t.Fatalf("oversized txn: %d %.200s", r.Status, r.Body)
	}
}
