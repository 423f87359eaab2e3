package gateway

import (
	"context"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// httpStatus maps a gRPC code to the HTTP status of the JSON API (docs/api.md).
func httpStatus(code codes.Code) int {
	switch code {
	case codes.OutOfRange:
		return http.StatusGone
	case codes.FailedPrecondition, codes.Aborted, codes.AlreadyExists:
		return http.StatusConflict
	case codes.Canceled:
		return 499 // client closed request
	}
	return runtime.HTTPStatusFromCode(code)
}

// writeError answers with the error envelope {"code","message","details"}.
func writeError(_ context.Context, _ *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, _ *http.Request, err error) {
	st := status.Convert(err)
	writeEnvelope(w, m, st, httpStatus(st.Code()))
}

// writeEnvelope writes st as the error envelope with the HTTP status code.
func writeEnvelope(w http.ResponseWriter, m runtime.Marshaler, st *status.Status, code int) {
	body, merr := m.Marshal(st.Proto())
	if merr != nil {
		body = []byte(`{"code":13,"message":"failed to encode an error","details":[]}`)
	}
	w.Header().Set("Content-Type", "application/json")
	if st.Code() == codes.Unauthenticated {
		w.Header().Set("WWW-Authenticate", `Bearer realm="outrigger"`)
	}
	w.WriteHeader(code)
	w.Write(append(body, '\n'))
}

// writeRoutingError answers unknown routes and methods with the error envelope.
func writeRoutingError(_ context.Context, _ *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, httpCode int) {
	code := codes.NotFound
	msg := "no route " + r.Method + " " + r.URL.Path
	switch httpCode {
	case http.StatusMethodNotAllowed:
		code, msg = codes.Unimplemented, "method "+r.Method+" not allowed on "+r.URL.Path
	case http.StatusBadRequest:
		code, msg = codes.InvalidArgument, "bad request path "+r.URL.Path
	}
	writeEnvelope(w, m, status.New(code, msg), httpCode)
}
