package gateway

import (
	"bytes"
	"encoding/json"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// protojson deliberately varies its whitespace between builds; the API answers
// with compact JSON, the same from every build, so that scripts can rely on it.

// compactJSON is the gateway's marshaler with compact output.
type compactJSON struct{ *runtime.JSONPb }

func (c compactJSON) Marshal(v any) ([]byte, error) {
	b, err := c.JSONPb.Marshal(v)
	if err != nil {
		return nil, err
	}
	return compact(b), nil
}

// marshalCompact marshals m with opts into compact JSON.
func marshalCompact(opts protojson.MarshalOptions, m proto.Message) ([]byte, error) {
	b, err := opts.Marshal(m)
	if err != nil {
		return nil, err
	}
	return compact(b), nil
}

// protojsonVaries tells whether this build's protojson adds spaces (the choice is
// fixed per binary): only then is its output compacted.
var protojsonVaries = func() bool {
	b, err := protojson.Marshal(&pb.ConfigEntry{Key: "k", Value: "v", Version: 1, ModRevision: 2})
	return err != nil || bytes.ContainsRune(b, ' ')
}()

func compact(b []byte) []byte {
	if !protojsonVaries {
		return b
	}
	var out bytes.Buffer
	out.Grow(len(b))
	if json.Compact(&out, b) != nil {
		return b
	}
	return out.Bytes()
}
