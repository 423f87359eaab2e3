package gateway

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/grpc-ecosystem/grpc-gateway/v2/utilities"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// strictQueryParser refuses query parameters that name no field of the request,
// where grpc-gateway's default parser would ignore them: a misspelt ?prefx=
// must not list everything.
type strictQueryParser struct{ runtime.DefaultQueryParser }

func (p *strictQueryParser) Parse(msg proto.Message, values url.Values, filter *utilities.DoubleArray) error {
	fields := msg.ProtoReflect().Descriptor().Fields()
	for key := range values {
		name, _, _ := strings.Cut(key, ".")
		name, _, _ = strings.Cut(name, "[")
		if fields.ByName(protoreflect.Name(name)) == nil && fields.ByJSONName(name) == nil {
			return status.Errorf(codes.InvalidArgument, "unknown query parameter %q", key)
		}
	}
	if err := p.DefaultQueryParser.Parse(msg, values, filter); err != nil {
		return status.Errorf(codes.InvalidArgument, "query: %v", err)
	}
	return nil
}

// fillRequest builds a streaming route's request from its path parameters and query.
func fillRequest(req proto.Message, r *http.Request, params map[string]string) error {
	for name, value := range params {
		if err := runtime.PopulateFieldFromPath(req, name, value); err != nil {
			return status.Errorf(codes.InvalidArgument, "%s: %v", name, err)
		}
	}
	return runtime.PopulateQueryParameters(req, r.URL.Query(), utilities.NewDoubleArray(nil))
}
