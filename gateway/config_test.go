package gateway_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestConfigCRUD(t *testing.T) {
	s := shared
	put := s.MustDo(t, 200, "PUT", "/v1/config/crud/app/greeting", `{"value":"hello"}`)
	for _, field := range []string{"key", "value", "createRevision", "modRevision", "version", "sessionId"} {
		if _, ok := put[field]; !ok {
			t.Errorf("put answer lacks %q: %v", field, put)
		}
	}
	if put["key"] != "crud/app/greeting" || put["value"] != "hello" || put["version"] != "1" || put["sessionId"] != "0" {
		t.Fatalf("put answer: %v", put)
	}
	if put["createRevision"] != put["modRevision"] {
		t.Fatalf("new key: createRevision %v != modRevision %v", put["createRevision"], put["modRevision"])
	}
	again := s.MustDo(t, 200, "PUT", "/v1/config/crud/app/greeting", `{"value":"héllo ✓"}`)
	if again["version"] != "2" || again["createRevision"] != put["createRevision"] || again["modRevision"] == put["modRevision"] {
		t.Fatalf("second put: %v (first %v)", again, put)
	}
	got := s.MustDo(t, 200, "GET", "/v1/config/crud/app/greeting", "")
	if got["value"] != "héllo ✓" || got["modRevision"] != again["modRevision"] {
		t.Fatalf("get: %v", got)
	}
	s.MustDo(t, 200, "PUT", "/v1/config/crud/app/other", `{"value":""}`)

	list := s.MustDo(t, 200, "GET", "/v1/config?prefix=crud/app/", "")
	items := list["items"].([]any)
	if len(items) != 2 || items[0].(map[string]any)["key"] != "crud/app/greeting" || items[1].(map[string]any)["value"] != "" {
		t.Fatalf("list: %v", list)
	}
	if list["nextPageToken"] != "" || list["revision"] == "" {
		t.Fatalf("list: %v", list)
	}

	del := s.MustDo(t, 200, "DELETE", "/v1/config/crud/app/greeting", "")
	if del["deleted"] != "1" {
		t.Fatalf("delete: %v", del)
	}
	missing := s.MustDo(t, 404, "GET", "/v1/config/crud/app/greeting", "")
	if missing["code"] != float64(5) || !strings.Contains(str(missing, "message"), "crud/app/greeting") {
		t.Fatalf("404 envelope: %v", missing)
	}
	if _, ok := missing["details"].([]any); !ok {
		t.Fatalf("404 envelope lacks details: %v", missing)
	}
	if del := s.MustDo(t, 200, "DELETE", "/v1/config/crud/app/greeting", ""); del["deleted"] != "0" {
		t.Fatalf("delete of a missing key: %v", del)
	}
}

func TestConfigDeletePrefix(t *testing.T) {
	s := shared
	for i := range 3 {
		s.MustDo(t, 200, "PUT", fmt.Sprintf("/v1/config/delprefix/a/%d", i), `{"value":"x"}`)
	}
	s.MustDo(t, 200, "PUT", "/v1/config/delprefix/b", `{"value":"keep"}`)
	if del := s.MustDo(t, 200, "DELETE", "/v1/config/delprefix/a/?prefix=true", ""); del["deleted"] != "3" {
		t.Fatalf("prefix delete: %v", del)
	}
	s.MustDo(t, 200, "GET", "/v1/config/delprefix/b", "")
}

func TestConfigCompareAndSet(t *testing.T) {
	s := shared
	created := s.MustDo(t, 200, "PUT", "/v1/config/cas/k", `{"value":"1","ifRevision":"0"}`)
	conflict := s.MustDo(t, 409, "PUT", "/v1/config/cas/k", `{"value":"2","ifRevision":"0"}`)
	if conflict["code"] != float64(10) || !strings.Contains(str(conflict, "message"), "already exists") {
		t.Fatalf("create-only conflict: %v", conflict)
	}
	rev := str(created, "modRevision")
	updated := s.MustDo(t, 200, "PUT", "/v1/config/cas/k", fmt.Sprintf(`{"value":"2","ifRevision":"%s"}`, rev))
	stale := s.MustDo(t, 409, "PUT", "/v1/config/cas/k", fmt.Sprintf(`{"value":"3","ifRevision":%s}`, rev))
	if want := fmt.Sprintf("modRevision is %s, not %s", updated["modRevision"], rev); !strings.Contains(str(stale, "message"), want) {
		t.Fatalf("stale CAS message %q lacks %q", stale["message"], want)
	}
	if got := s.MustDo(t, 200, "GET", "/v1/config/cas/k", ""); got["value"] != "2" {
		t.Fatalf("after failed CAS: %v", got)
	}
}

func TestConfigPagination(t *testing.T) {
	s := shared
	for i := range 25 {
		s.MustDo(t, 200, "PUT", fmt.Sprintf("/v1/config/pages/%02d", i), fmt.Sprintf(`{"value":"%d"}`, i))
	}
	var keys []string
	token, firstRev := "", ""
	for page := 0; ; page++ {
		if page > 10 {
			t.Fatal("pagination does not end")
		}
		path := "/v1/config?prefix=pages/&limit=10"
		if token != "" {
			path += "&pageToken=" + token
		}
		resp := s.MustDo(t, 200, "GET", path, "")
		if page == 0 {
			firstRev = str(resp, "revision")
			// A write between pages must not show up in later pages.
			s.MustDo(t, 200, "PUT", "/v1/config/pages/99", `{"value":"late"}`)
		} else if resp["revision"] != firstRev {
			t.Fatalf("page %d read at revision %v, first page at %v", page, resp["revision"], firstRev)
		}
		for _, it := range resp["items"].([]any) {
			keys = append(keys, it.(map[string]any)["key"].(string))
		}
		if token = str(resp, "nextPageToken"); token == "" {
			break
		}
	}
	if len(keys) != 25 || keys[0] != "pages/00" || keys[24] != "pages/24" {
		t.Fatalf("paged keys: %v", keys)
	}
	if r := s.Do(t, "GET", "/v1/config?prefix=pages/&pageToken=garbage", ""); r.Status != 400 {
		t.Fatalf("bad page token: %d %s", r.Status, r.Body)
	}
}

func TestConfigHistory(t *testing.T) {
	s := shared
	first := s.MustDo(t, 200, "PUT", "/v1/config/history/k", `{"value":"old"}`)
	s.MustDo(t, 200, "PUT", "/v1/config/history/k", `{"value":"new"}`)
	rev := str(first, "modRevision")
	past := s.MustDo(t, 200, "GET", "/v1/config/history/k?revision="+rev, "")
	if past["value"] != "old" {
		t.Fatalf("read at %s: %v", rev, past)
	}
	list := s.MustDo(t, 200, "GET", "/v1/config?prefix=history/&revision="+rev, "")
	if items := list["items"].([]any); len(items) != 1 || items[0].(map[string]any)["value"] != "old" || list["revision"] != rev {
		t.Fatalf("list at %s: %v", rev, list)
	}
	if now := s.MustDo(t, 200, "GET", "/v1/config/history/k?serializable=true", ""); now["value"] != "new" {
		t.Fatalf("serializable read: %v", now)
	}
	future := s.MustDo(t, 410, "GET", "/v1/config/history/k?revision=999999999", "")
	if future["code"] != float64(11) {
		t.Fatalf("future revision: %v", future)
	}
}

// Compaction affects the whole store, so this test has its own sidecar.
func TestConfigReadCompactedRevision(t *testing.T) {
	s := startOwn(t)
	first := s.MustDo(t, 200, "PUT", "/v1/config/k", `{"value":"old"}`)
	s.MustDo(t, 200, "PUT", "/v1/config/k", `{"value":"new"}`)
	compacted := s.Compact(t)
	gone := s.MustDo(t, 410, "GET", "/v1/config/k?revision="+str(first, "modRevision"), "")
	want := "oldest readable revision is " + strconv.FormatInt(compacted, 10)
	if gone["code"] != float64(11) || !strings.Contains(str(gone, "message"), want) {
		t.Fatalf("compacted read: %v, want message with %q", gone, want)
	}
	if r := s.Do(t, "GET", "/v1/config?revision="+str(first, "modRevision"), ""); r.Status != 410 {
		t.Fatalf("compacted list: %d %s", r.Status, r.Body)
	}
}

func TestEphemeralKeyVanishesWithSession(t *testing.T) {
	s := shared
	session := s.MustDo(t, 200, "POST", "/v1/sessions", `{"ttlSeconds":30}`)
	id := str(session, "id")
	e := s.MustDo(t, 200, "PUT", "/v1/config/ephemeral/k", fmt.Sprintf(`{"value":"v","sessionId":"%s"}`, id))
	if e["sessionId"] != id {
		t.Fatalf("ephemeral put: %v", e)
	}
	s.MustDo(t, 200, "GET", "/v1/config/ephemeral/k", "")
	s.MustDo(t, 200, "DELETE", "/v1/sessions/"+id, "")
	s.MustDo(t, 404, "GET", "/v1/config/ephemeral/k", "")
	if r := s.Do(t, "PUT", "/v1/config/ephemeral/k", fmt.Sprintf(`{"value":"v","sessionId":"%s"}`, id)); r.Status != 404 {
		t.Fatalf("put with an ended session: %d %s", r.Status, r.Body)
	}
}

// Keys may hold any characters, "/" included, and are stored as given: the path
// is not cleaned (no redirect for "a/../b" or "//abs").
func TestConfigKeysWithOddPaths(t *testing.T) {
	s := shared
	for _, key := range []string{"odd/a/../b", "odd//abs", "odd/./dot", "odd/sp ace", "odd/ünï", "odd/x:watch"} {
		path := "/v1/config/" + strings.ReplaceAll(url.PathEscape(key), "%2F", "/")
		put := s.MustDo(t, 200, "PUT", path, `{"value":"v"}`)
		if put["key"] != key {
			t.Fatalf("PUT %s stored key %v, want %q", path, put["key"], key)
		}
		if got := s.MustDo(t, 200, "GET", path, ""); got["key"] != key {
			t.Fatalf("GET %s: %v", path, got)
		}
	}
	if n := len(s.MustDo(t, 200, "GET", "/v1/config?prefix=odd/", "")["items"].([]any)); n != 6 {
		t.Fatalf("%d odd keys listed, want 6", n)
	}
}
