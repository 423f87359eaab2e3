package gateway_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

func TestHealthReadyMetrics(t *testing.T) {
	s := shared
	if r := s.Do(t, "GET", "/healthz", ""); r.Status != 200 {
		t.Fatalf("healthz: %d", r.Status)
	}
	if r := s.Do(t, "GET", "/readyz", ""); r.Status != 200 {
		t.Fatalf("readyz: %d %s", r.Status, r.Body)
	}
	s.MustDo(t, 200, "GET", "/v1/cluster", "")
	metrics := string(s.Do(t, "GET", "/metrics", "").Body)
	for _, want := range []string{
		`outrigger_http_requests_total{code="200",method="GET",route="/v1/cluster"}`,
		"outrigger_watch_streams", "outrigger_sessions_owned", "outrigger_locks_held",
		"outrigger_grpc_requests_total", "etcd_server_has_leader 1",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// The OpenAPI document names every route of http.yaml, and every route answers.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		Info  map[string]any                       `json:"info"`
		Paths map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(shared.Do(t, "GET", "/openapi.json", "").Body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Info["title"] != "Outrigger API" {
		t.Errorf("info: %v", doc.Info)
	}
	watch := doc.Paths["/v1/config:watch"]["get"]["responses"].(map[string]any)["200"].(map[string]any)
	if ref := watch["schema"].(map[string]any)["$ref"]; ref != "#/definitions/v1WatchConfigResponse" {
		t.Errorf("the watch route answers %v, not WatchConfigResponse lines", watch)
	}
	count := 0
	for path, methods := range doc.Paths {
		for method := range methods {
			count++
			concrete := strings.NewReplacer("{key}", "openapi-probe", "{service}", "openapi", "{id}", "1",
				"{name}", "openapi").Replace(path)
			if strings.HasSuffix(path, ":watch") || strings.HasSuffix(path, ":observe") {
				st := shared.OpenStream(t, concrete)
				st.Next(t, lineWait)
				st.Close()
				continue
			}
			r := shared.Do(t, strings.ToUpper(method), concrete, "{}")
			if r.Status == 404 && strings.Contains(string(r.Body), "no route") {
				t.Errorf("%s %s (from OpenAPI) has no route", method, path)
			}
		}
	}
	// Every method of every service is in the document.
	methods := 0
	protoregistry.GlobalFiles.RangeFilesByPackage("outrigger.v1", func(f protoreflect.FileDescriptor) bool {
		for i := 0; i < f.Services().Len(); i++ {
			methods += f.Services().Get(i).Methods().Len()
		}
		return true
	})
	if count != methods {
		t.Fatalf("OpenAPI has %d operations, the services have %d methods", count, methods)
	}
	_ = pb.File_outrigger_v1_config_proto
}

func TestServerSentEvents(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", shared.URL+"/v1/config:watch?prefix=sse/", nil)
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	lines := bufio.NewScanner(resp.Body)
	if !lines.Scan() || !strings.HasPrefix(lines.Text(), `data: {"progressRevision":`) {
		t.Fatalf("first SSE line %q", lines.Text())
	}
	shared.MustDo(t, 200, "PUT", "/v1/config/sse/k", `{"value":"v"}`)
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), "data: ") && strings.Contains(lines.Text(), `"events"`) {
			return
		}
	}
	t.Fatalf("no event over SSE: %v", lines.Err())
}
