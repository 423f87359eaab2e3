package testenv

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// Stream is an open streaming route (newline-delimited JSON).
type Stream struct {
	Header http.Header
	lines  chan map[string]any
	cancel context.CancelFunc
}

// OpenStream opens a streaming route; it is closed when the test ends.
func (s *Sidecar) OpenStream(t testing.TB, path string) *Stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatalf("GET %s: %v", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		cancel()
		t.Fatalf("GET %s: status %d", path, resp.StatusCode)
	}
	st := &Stream{Header: resp.Header, lines: make(chan map[string]any, 1024), cancel: cancel}
	go func() {
		defer close(st.lines)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 4<<20)
		for sc.Scan() {
			var m map[string]any
			if json.Unmarshal(sc.Bytes(), &m) != nil {
				m = map[string]any{"unparsable": sc.Text()}
			}
			st.lines <- m
		}
	}()
	t.Cleanup(cancel)
	return st
}

// Next returns the next line, failing the test if none comes within d or the
// stream ends.
func (st *Stream) Next(t testing.TB, d time.Duration) map[string]any {
	t.Helper()
	select {
	case m, ok := <-st.lines:
		if !ok {
			t.Fatalf("stream ended")
		}
		return m
	case <-time.After(d):
		t.Fatalf("no stream line within %s", d)
	}
	return nil
}

// NextWith skips lines until one has the field key, failing after d.
func (st *Stream) NextWith(t testing.TB, key string, d time.Duration) map[string]any {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		m := st.Next(t, time.Until(deadline))
		if _, ok := m[key]; ok {
			return m
		}
	}
}

// Close closes the stream.
func (st *Stream) Close() { st.cancel() }
