package robustness

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// api is one way to reach one sidecar: its JSON API or its gRPC API. Both answer
// with the proto messages, so the workloads do not care which one they use.
type api interface {
	proto() string
	member() string
	get(ctx context.Context, key string) (*pb.ConfigEntry, error)
	put(ctx context.Context, req *pb.PutConfigRequest) (*pb.ConfigEntry, error)
	del(ctx context.Context, key string) (*pb.DeleteConfigResponse, error)
	list(ctx context.Context, prefix, pageToken string) (*pb.ListConfigResponse, error)
	acquire(ctx context.Context, name string, ttl int32, wait float64) (*pb.AcquireLockResponse, error)
	release(ctx context.Context, name string, session int64) (bool, error)
	keepAlive(ctx context.Context, session int64) error
	campaign(ctx context.Context, name, value string, ttl int32, wait float64) (*pb.CampaignResponse, error)
	proclaim(ctx context.Context, name string, session int64, value string) (*pb.Leader, error)
	resign(ctx context.Context, name string, session int64) error
	register(ctx context.Context, service, id string, port int32) error
	instances(ctx context.Context, service string) (*pb.ListInstancesResponse, error)
	// watch streams config watch lines from startRevision into out until ctx ends
	// or the stream does; it returns why it ended.
	watch(ctx context.Context, prefix string, start int64, out chan<- *pb.WatchConfigResponse) error
}

// apiError is an error answer, or a transport failure (code Unavailable, transport set).
type apiError struct {
	code      codes.Code
	msg       string
	transport bool
}

func (e *apiError) Error() string {
	if e.transport {
		return "transport: " + e.msg
	}
	return fmt.Sprintf("%s: %s", e.code, e.msg)
}

func codeOf(err error) codes.Code {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.code
	}
	return codes.Unknown
}

// outcome classes of a call.
type outcome int

const (
	ok            outcome = iota
	failed                // it did not happen: a definite answer (409, 404, 400, ...)
	indeterminate         // it may have happened or may still happen: 5xx, timeouts, transport errors
)

func classify(err error) outcome {
	if err == nil {
		return ok
	}
	switch codeOf(err) {
	case codes.Aborted, codes.FailedPrecondition, codes.NotFound, codes.InvalidArgument, codes.OutOfRange, codes.AlreadyExists:
		return failed
	}
	return indeterminate
}

// ---- JSON ----

type jsonAPI struct {
	name string
	base string
	hc   *http.Client
}

func newJSONAPI(name, addr string) *jsonAPI {
	tr := &http.Transport{MaxIdleConnsPerHost: 16, IdleConnTimeout: 30 * time.Second,
		DialContext: (&netDialer).DialContext, ResponseHeaderTimeout: 0}
	return &jsonAPI{name: name, base: "http://" + addr, hc: &http.Client{Transport: tr}}
}

func (j *jsonAPI) proto() string  { return "json" }
func (j *jsonAPI) member() string { return j.name }

var unmarshal = protojson.UnmarshalOptions{DiscardUnknown: true}

// do sends one request and decodes the answer into out (when not nil).
func (j *jsonAPI) do(ctx context.Context, method, path string, body any, out proto.Message) error {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, j.base+path, rd)
	if err != nil {
		return err
	}
	resp, err := j.hc.Do(req)
	if err != nil {
		return &apiError{code: codes.Unavailable, msg: err.Error(), transport: true}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return &apiError{code: codes.Unavailable, msg: err.Error(), transport: true}
	}
	if resp.StatusCode != 200 {
		var env struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		}
		if json.Unmarshal(b, &env) != nil || env.Code == 0 {
			return &apiError{code: codes.Unknown, msg: fmt.Sprintf("HTTP %d: %s", resp.StatusCode, b)}
		}
		return &apiError{code: codes.Code(env.Code), msg: env.Message}
	}
	if out != nil {
		if err := unmarshal.Unmarshal(b, out); err != nil {
			return &apiError{code: codes.Internal, msg: fmt.Sprintf("decode %s: %v", b, err)}
		}
	}
	return nil
}

func keyPath(key string) string {
	parts := strings.Split(key, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

func (j *jsonAPI) get(ctx context.Context, key string) (*pb.ConfigEntry, error) {
	out := &pb.ConfigEntry{}
	return out, j.do(ctx, "GET", "/v1/config/"+keyPath(key), nil, out)
}

func (j *jsonAPI) put(ctx context.Context, r *pb.PutConfigRequest) (*pb.ConfigEntry, error) {
	body := map[string]any{"value": r.Value}
	if r.IfRevision != nil {
		body["ifRevision"] = fmt.Sprint(*r.IfRevision)
	}
	if r.IfLockHeld != nil {
		body["ifLockHeld"] = map[string]any{"name": r.IfLockHeld.Name, "fencingToken": fmt.Sprint(r.IfLockHeld.FencingToken)}
	}
	out := &pb.ConfigEntry{}
	return out, j.do(ctx, "PUT", "/v1/config/"+keyPath(r.Key), body, out)
}

func (j *jsonAPI) del(ctx context.Context, key string) (*pb.DeleteConfigResponse, error) {
	out := &pb.DeleteConfigResponse{}
	return out, j.do(ctx, "DELETE", "/v1/config/"+keyPath(key), nil, out)
}

func (j *jsonAPI) list(ctx context.Context, prefix, token string) (*pb.ListConfigResponse, error) {
	out := &pb.ListConfigResponse{}
	q := url.Values{"prefix": {prefix}, "limit": {"1000"}}
	if token != "" {
		q.Set("pageToken", token)
	}
	return out, j.do(ctx, "GET", "/v1/config?"+q.Encode(), nil, out)
}

func (j *jsonAPI) acquire(ctx context.Context, name string, ttl int32, wait float64) (*pb.AcquireLockResponse, error) {
	out := &pb.AcquireLockResponse{}
	return out, j.do(ctx, "POST", "/v1/locks/"+url.PathEscape(name)+":acquire", map[string]any{"ttlSeconds": ttl, "waitSeconds": wait}, out)
}

func (j *jsonAPI) release(ctx context.Context, name string, session int64) (bool, error) {
	out := &pb.ReleaseLockResponse{}
	err := j.do(ctx, "POST", "/v1/locks/"+url.PathEscape(name)+":release", map[string]any{"sessionId": fmt.Sprint(session)}, out)
	return out.Released, err
}

func (j *jsonAPI) keepAlive(ctx context.Context, session int64) error {
	return j.do(ctx, "POST", fmt.Sprintf("/v1/sessions/%d:keepalive", session), nil, nil)
}

func (j *jsonAPI) campaign(ctx context.Context, name, value string, ttl int32, wait float64) (*pb.CampaignResponse, error) {
	out := &pb.CampaignResponse{}
	return out, j.do(ctx, "POST", "/v1/elections/"+url.PathEscape(name)+":campaign",
		map[string]any{"value": value, "ttlSeconds": ttl, "waitSeconds": wait}, out)
}

func (j *jsonAPI) proclaim(ctx context.Context, name string, session int64, value string) (*pb.Leader, error) {
	out := &pb.Leader{}
	return out, j.do(ctx, "POST", "/v1/elections/"+url.PathEscape(name)+":proclaim",
		map[string]any{"sessionId": fmt.Sprint(session), "value": value}, out)
}

func (j *jsonAPI) resign(ctx context.Context, name string, session int64) error {
	return j.do(ctx, "POST", "/v1/elections/"+url.PathEscape(name)+":resign", map[string]any{"sessionId": fmt.Sprint(session)}, nil)
}

func (j *jsonAPI) register(ctx context.Context, service, id string, port int32) error {
	return j.do(ctx, "PUT", "/v1/services/"+url.PathEscape(service)+"/instances/"+url.PathEscape(id),
		map[string]any{"address": "127.0.0.1", "port": port}, nil)
}

func (j *jsonAPI) instances(ctx context.Context, service string) (*pb.ListInstancesResponse, error) {
	out := &pb.ListInstancesResponse{}
	return out, j.do(ctx, "GET", "/v1/services/"+url.PathEscape(service)+"/instances", nil, out)
}

// errorLine is a stream's error line.
type errorLine struct {
	Error *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (j *jsonAPI) watch(ctx context.Context, prefix string, start int64, out chan<- *pb.WatchConfigResponse) error {
	q := url.Values{"prefix": {prefix}, "startRevision": {fmt.Sprint(start)}}
	req, err := http.NewRequestWithContext(ctx, "GET", j.base+"/v1/config:watch?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	resp, err := j.hc.Do(req)
	if err != nil {
		return &apiError{code: codes.Unavailable, msg: err.Error(), transport: true}
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		return &apiError{code: codes.Unknown, msg: fmt.Sprintf("HTTP %d: %s", resp.StatusCode, b)}
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var el errorLine
		if json.Unmarshal(line, &el) == nil && el.Error != nil {
			return &apiError{code: codes.Code(el.Error.Code), msg: "error line: " + el.Error.Message}
		}
		m := &pb.WatchConfigResponse{}
		if err := unmarshal.Unmarshal(line, m); err != nil {
			return &apiError{code: codes.Internal, msg: fmt.Sprintf("bad watch line %s: %v", line, err)}
		}
		select {
		case out <- m:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if err := sc.Err(); err != nil {
		return &apiError{code: codes.Unavailable, msg: err.Error(), transport: true}
	}
	return io.EOF
}

// ---- gRPC ----

type grpcAPI struct {
	name     string
	conn     *grpc.ClientConn
	config   pb.ConfigServiceClient
	locks    pb.LockServiceClient
	sessions pb.SessionServiceClient
	elect    pb.ElectionServiceClient
	registry pb.RegistryServiceClient
	cluster  pb.ClusterServiceClient
}

func newGRPCAPI(name, addr string) (*grpcAPI, error) {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	return &grpcAPI{name: name, conn: conn, config: pb.NewConfigServiceClient(conn), locks: pb.NewLockServiceClient(conn),
		sessions: pb.NewSessionServiceClient(conn), elect: pb.NewElectionServiceClient(conn),
		registry: pb.NewRegistryServiceClient(conn), cluster: pb.NewClusterServiceClient(conn)}, nil
}

func (g *grpcAPI) proto() string  { return "grpc" }
func (g *grpcAPI) member() string { return g.name }

func gerr(err error) error {
	if err == nil {
		return nil
	}
	st, _ := status.FromError(err)
	return &apiError{code: st.Code(), msg: st.Message()}
}

func (g *grpcAPI) get(ctx context.Context, key string) (*pb.ConfigEntry, error) {
	e, err := g.config.Get(ctx, &pb.GetConfigRequest{Key: key})
	return e, gerr(err)
}

func (g *grpcAPI) put(ctx context.Context, r *pb.PutConfigRequest) (*pb.ConfigEntry, error) {
	e, err := g.config.Put(ctx, r)
	return e, gerr(err)
}

func (g *grpcAPI) del(ctx context.Context, key string) (*pb.DeleteConfigResponse, error) {
	r, err := g.config.Delete(ctx, &pb.DeleteConfigRequest{Key: key})
	return r, gerr(err)
}

func (g *grpcAPI) list(ctx context.Context, prefix, token string) (*pb.ListConfigResponse, error) {
	r, err := g.config.List(ctx, &pb.ListConfigRequest{Prefix: prefix, PageToken: token, Limit: 1000})
	return r, gerr(err)
}

func (g *grpcAPI) acquire(ctx context.Context, name string, ttl int32, wait float64) (*pb.AcquireLockResponse, error) {
	r, err := g.locks.Acquire(ctx, &pb.AcquireLockRequest{Name: name, TtlSeconds: ttl, WaitSeconds: wait})
	return r, gerr(err)
}

func (g *grpcAPI) release(ctx context.Context, name string, session int64) (bool, error) {
	r, err := g.locks.Release(ctx, &pb.ReleaseLockRequest{Name: name, SessionId: session})
	return r.GetReleased(), gerr(err)
}

func (g *grpcAPI) keepAlive(ctx context.Context, session int64) error {
	_, err := g.sessions.KeepAlive(ctx, &pb.KeepAliveSessionRequest{Id: session})
	return gerr(err)
}

func (g *grpcAPI) campaign(ctx context.Context, name, value string, ttl int32, wait float64) (*pb.CampaignResponse, error) {
	r, err := g.elect.Campaign(ctx, &pb.CampaignRequest{Name: name, Value: value, TtlSeconds: ttl, WaitSeconds: wait})
	return r, gerr(err)
}

func (g *grpcAPI) proclaim(ctx context.Context, name string, session int64, value string) (*pb.Leader, error) {
	r, err := g.elect.Proclaim(ctx, &pb.ProclaimRequest{Name: name, SessionId: session, Value: value})
	return r, gerr(err)
}

func (g *grpcAPI) resign(ctx context.Context, name string, session int64) error {
	_, err := g.elect.Resign(ctx, &pb.ResignRequest{Name: name, SessionId: session})
	return gerr(err)
}

func (g *grpcAPI) register(ctx context.Context, service, id string, port int32) error {
	_, err := g.registry.Register(ctx, &pb.RegisterInstanceRequest{Service: service, Id: id, Address: "127.0.0.1", Port: port})
	return gerr(err)
}

func (g *grpcAPI) instances(ctx context.Context, service string) (*pb.ListInstancesResponse, error) {
	r, err := g.registry.ListInstances(ctx, &pb.ListInstancesRequest{Service: service})
	return r, gerr(err)
}

func (g *grpcAPI) watch(ctx context.Context, prefix string, start int64, out chan<- *pb.WatchConfigResponse) error {
	st, err := g.config.Watch(ctx, &pb.WatchConfigRequest{Prefix: prefix, StartRevision: start})
	if err != nil {
		return gerr(err)
	}
	for {
		m, err := st.Recv()
		if err != nil {
			if err == io.EOF {
				return io.EOF
			}
			return gerr(err)
		}
		select {
		case out <- m:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
