package gateway

import (
	"encoding/json"
	"strings"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
)

// streamDescription is how the OpenAPI document describes a streaming answer.
const streamDescription = "A stream that stays open: one JSON object per line (application/x-ndjson), " +
	"or server-sent events with Accept: text/event-stream. Lines are event batches, " +
	`{"progressRevision"} and {"resync"} signals, or a last {"error": Status}; see docs/api.md, Streams.`

// openAPI is the generated OpenAPI document as served: titled, and with the
// streaming routes described as the lines they really send (protoc-gen-openapiv2
// describes grpc-gateway's own {"result"} wrapping, which Outrigger does not use).
var openAPI = func() []byte {
	var doc map[string]any
	if err := json.Unmarshal(pb.OpenAPI, &doc); err != nil {
		return pb.OpenAPI
	}
	doc["info"] = map[string]any{"title": "Outrigger API", "version": "v1",
		"description": "The sidecar's JSON API. Rules, errors and limits: docs/api.md."}
	paths, _ := doc["paths"].(map[string]any)
	for _, p := range paths {
		for _, op := range p.(map[string]any) {
			ok, _ := op.(map[string]any)["responses"].(map[string]any)["200"].(map[string]any)
			schema, _ := ok["schema"].(map[string]any)
			title, _ := schema["title"].(string)
			if !strings.HasPrefix(title, "Stream result of") {
				continue
			}
			result, _ := schema["properties"].(map[string]any)["result"].(map[string]any)
			ok["schema"], ok["description"] = result, streamDescription
			op.(map[string]any)["produces"] = []string{"application/x-ndjson", "text/event-stream"}
		}
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return pb.OpenAPI
	}
	return b
}()
