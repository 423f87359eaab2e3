package gateway_test

import (
	"context"
	"fmt"

	"github.com/outrigger/outrigger/internal/testenv"
	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"strconv"
	"testing"
	"time"
)

const lineWait = 10 * time.Second

func rev(t *testing.T, m map[string]any, key string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(str(m, key), 10, 64)
	if err != nil {
		t.Fatalf("%s of %v: %v", key, m, err)
	}
	return n
}

func TestWatchDeliversEveryChangeInOrder(t *testing.T) {
	s := shared
	w := s.OpenStream(t, "/v1/config:watch?prefix=watch1/")
	if ct := w.Header.Get("Content-Type"); ct != "application/x-ndjson" {
		t.Fatalf("Content-Type %q", ct)
	}
	first := w.Next(t, lineWait)
	if _, ok := first["progressRevision"]; !ok || len(first) != 1 {
		t.Fatalf("first line is not a progress line: %v", first)
	}
	var revs []int64
	for i := range 5 {
		e := s.MustDo(t, 200, "PUT", "/v1/config/watch1/k", fmt.Sprintf(`{"value":"%d"}`, i))
		revs = append(revs, rev(t, e, "modRevision"))
	}
	s.MustDo(t, 200, "PUT", "/v1/config/other/k", `{"value":"not watched"}`)
	d := s.MustDo(t, 200, "DELETE", "/v1/config/watch1/k", "")
	revs = append(revs, rev(t, d, "revision"))
	for i, want := range revs {
		b := w.NextWith(t, "events", lineWait)
		if rev(t, b, "revision") != want {
			t.Fatalf("batch %d at revision %v, want %d", i, b["revision"], want)
		}
		ev := b["events"].([]any)[0].(map[string]any)
		wantType, wantValue := "PUT", strconv.Itoa(i)
		if i == 5 {
			wantType, wantValue = "DELETE", ""
		}
		if ev["type"] != wantType || ev["key"] != "watch1/k" || ev["value"] != wantValue || rev(t, ev, "modRevision") != want {
			t.Fatalf("event %d: %v", i, ev)
		}
	}
}

func TestWatchResumesFromRevision(t *testing.T) {
	s := shared
	var revs []int64
	for i := range 4 {
		e := s.MustDo(t, 200, "PUT", fmt.Sprintf("/v1/config/watch2/%d", i), `{"value":"v"}`)
		revs = append(revs, rev(t, e, "modRevision"))
	}
	// Resume after the second write: the third and fourth come, nothing else.
	w := s.OpenStream(t, fmt.Sprintf("/v1/config:watch?prefix=watch2/&startRevision=%d", revs[2]))
	if p := w.Next(t, lineWait); rev(t, p, "progressRevision") != revs[2]-1 {
		t.Fatalf("first line %v, want progress %d", p, revs[2]-1)
	}
	for _, want := range revs[2:] {
		if b := w.NextWith(t, "events", lineWait); rev(t, b, "revision") != want {
			t.Fatalf("batch %v, want revision %d", b, want)
		}
	}
}

func TestWatchSendsProgress(t *testing.T) {
	s := shared
	w := s.OpenStream(t, "/v1/config:watch?prefix=watch3/")
	first := rev(t, w.Next(t, lineWait), "progressRevision")
	// The shared sidecar sends progress every 500ms; a quiet stream keeps getting them.
	for range 2 {
		p := w.NextWith(t, "progressRevision", 5*time.Second)
		if rev(t, p, "progressRevision") < first {
			t.Fatalf("progress went back: %v after %d", p, first)
		}
	}
	// A write elsewhere moves the store on: progress follows it.
	other := rev(t, s.MustDo(t, 200, "PUT", "/v1/config/watch3-other/k", `{"value":"v"}`), "modRevision")
	testenv.Eventually(t, 10*time.Second, "progress reaches the write elsewhere", func() error {
		if p := rev(t, w.NextWith(t, "progressRevision", 5*time.Second), "progressRevision"); p < other {
			return fmt.Errorf("progress %d < %d", p, other)
		}
		return nil
	})
}

// Compaction affects the whole store, so this test has its own sidecar.
func TestWatchResyncsAfterCompaction(t *testing.T) {
	s := startOwn(t)
	first := s.MustDo(t, 200, "PUT", "/v1/config/app/a", `{"value":"1"}`)
	s.MustDo(t, 200, "PUT", "/v1/config/app/b", `{"value":"2"}`)
	s.MustDo(t, 200, "PUT", "/v1/config/app/a", `{"value":"3"}`)
	s.MustDo(t, 200, "DELETE", "/v1/config/app/b", "")
	compacted := s.Compact(t)

	w := s.OpenStream(t, fmt.Sprintf("/v1/config:watch?prefix=app/&startRevision=%d", rev(t, first, "modRevision")))
	line := w.NextWith(t, "resync", lineWait)
	resync := line["resync"].(map[string]any)
	items := resync["items"].([]any)
	if len(line) != 1 || len(items) != 1 || items[0].(map[string]any)["value"] != "3" || rev(t, resync, "revision") < compacted {
		t.Fatalf("resync: %v", line)
	}
	after := s.MustDo(t, 200, "PUT", "/v1/config/app/c", `{"value":"4"}`)
	if b := w.NextWith(t, "events", lineWait); b["revision"] != after["modRevision"] {
		t.Fatalf("after resync: %v, want revision %v", b, after["modRevision"])
	}
}

// Many watches cancelled at once must not wedge the sidecar's watching: a new
// watch opens at once afterwards.
func TestWatchOpensAfterManyCancelled(t *testing.T) {
	config := pb.NewConfigServiceClient(shared.Conn)
	ctx, cancel := context.WithCancel(context.Background())
	for range 1000 {
		w, err := config.Watch(ctx, &pb.WatchConfigRequest{Prefix: "fanout/"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Recv(); err != nil {
			t.Fatal(err)
		}
	}
	cancel()
	probe, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	w, err := config.Watch(probe, &pb.WatchConfigRequest{Prefix: "fanout-probe/"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Recv(); err != nil {
		t.Fatalf("a new watch after 1000 cancelled ones: %v", err)
	}
	st := shared.OpenStream(t, "/v1/config:watch?prefix=fanout-probe/")
	st.Next(t, lineWait)
}
