package gateway

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// Streaming routes answer with one JSON object per line (application/x-ndjson), or
// server-sent events when the client asks for text/event-stream. The service's
// own streaming method writes the lines through lineStream, so gRPC and JSON
// streams come from one implementation.

var lineJSON = protojson.MarshalOptions{EmitUnpopulated: true}

// lineWriter writes stream lines to an HTTP response.
type lineWriter struct {
	w       http.ResponseWriter
	sse     bool
	started bool
}

func newLineWriter(w http.ResponseWriter, r *http.Request) *lineWriter {
	return &lineWriter{w: w, sse: strings.Contains(r.Header.Get("Accept"), "text/event-stream")}
}

func (l *lineWriter) start() {
	if l.started {
		return
	}
	l.started = true
	h := l.w.Header()
	if l.sse {
		h.Set("Content-Type", "text/event-stream")
	} else {
		h.Set("Content-Type", "application/x-ndjson")
	}
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	l.w.WriteHeader(http.StatusOK)
}

// writeLine writes one JSON object and flushes it to the client.
func (l *lineWriter) writeLine(line []byte) error {
	l.start()
	var err error
	if l.sse {
		_, err = l.w.Write(append(append([]byte("data: "), line...), '\n', '\n'))
	} else {
		_, err = l.w.Write(append(line, '\n'))
	}
	if err == nil {
		err = http.NewResponseController(l.w).Flush()
	}
	return err
}

// writeMessage writes a stream message. A message whose "signal" oneof is set
// (progress, resync) is written as that field alone.
func (l *lineWriter) writeMessage(m proto.Message) error {
	line, err := marshalCompact(lineJSON, m)
	if err != nil {
		return err
	}
	if signal := setSignal(m); signal != "" {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(line, &fields); err != nil {
			return err
		}
		line, _ = json.Marshal(map[string]json.RawMessage{signal: fields[signal]})
	}
	return l.writeLine(line)
}

// setSignal is the JSON name of the field set in m's "signal" oneof, if any.
func setSignal(m proto.Message) string {
	r := m.ProtoReflect()
	od := r.Descriptor().Oneofs().ByName("signal")
	if od == nil {
		return ""
	}
	if fd := r.WhichOneof(od); fd != nil {
		return fd.JSONName()
	}
	return ""
}

// writeEnd reports the error that ended a stream: as an error line once lines
// were written, as an ordinary error answer before.
func (l *lineWriter) writeEnd(r *http.Request, err error) {
	if err == nil || r.Context().Err() != nil {
		return
	}
	if !l.started {
		writeError(r.Context(), nil, jsonMarshaler, l.w, r, err)
		return
	}
	body, merr := marshalCompact(lineJSON, status.Convert(err).Proto())
	if merr == nil {
		l.writeLine([]byte(`{"error":` + string(body) + `}`))
	}
}

// lineStream is the grpc.ServerStreamingServer a service method writes to when it
// answers an HTTP streaming route.
type lineStream[T any] struct {
	ctx context.Context
	out *lineWriter
}

func (s lineStream[T]) Send(m *T) error {
	return s.out.writeMessage(any(m).(proto.Message))
}

func (s lineStream[T]) Context() context.Context     { return s.ctx }
func (s lineStream[T]) SetHeader(metadata.MD) error  { return nil }
func (s lineStream[T]) SendHeader(metadata.MD) error { return nil }
func (s lineStream[T]) SetTrailer(metadata.MD)       {}
func (s lineStream[T]) SendMsg(m any) error          { return s.out.writeMessage(m.(proto.Message)) }
func (s lineStream[T]) RecvMsg(any) error            { return nil }

var _ grpc.ServerStreamingServer[struct{}] = lineStream[struct{}]{}

// streamRoute adapts a streaming service call to an HTTP handler: fill builds the
// request from the path and query, call runs the service method.
func streamRoute[Req any, PReq interface {
	*Req
	proto.Message
}, Resp any](call func(PReq, grpc.ServerStreamingServer[Resp]) error) runtime.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, params map[string]string) {
		out := newLineWriter(w, r)
		req := PReq(new(Req))
		if err := fillRequest(req, r, params); err != nil {
			out.writeEnd(r, err)
			return
		}
		out.writeEnd(r, call(req, lineStream[Resp]{ctx: r.Context(), out: out}))
	}
}
