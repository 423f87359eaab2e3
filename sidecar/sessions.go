package sidecar

import (
	"context"
	"errors"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
)

// SessionServer implements the session API: sessions are etcd leases.
type SessionServer struct {
	pb.UnimplementedSessionServiceServer
	s *Sidecar
}

// grantSession creates a session owned by this sidecar.
func (s *Sidecar) grantSession(ctx context.Context, ttl int64) (int64, error) {
	resp, err := s.client.Grant(ctx, ttl)
	if err != nil {
		return 0, toStatus(err, "create session")
	}
	s.owned.add(int64(resp.ID))
	return int64(resp.ID), nil
}

// revokeSession deletes a session; it reports false when there was none.
func (s *Sidecar) revokeSession(ctx context.Context, id int64) (bool, error) {
	s.owned.remove(id)
	_, err := s.client.Revoke(ctx, clientv3.LeaseID(id))
	if errors.Is(err, rpctypes.ErrLeaseNotFound) {
		return false, nil
	}
	return err == nil, toStatus(err, "delete session")
}

// sessionOrNew returns the session id given, or a new session of ttl; created
// tells whether it is new (and so must be revoked if the caller gets nothing).
func (s *Sidecar) sessionOrNew(ctx context.Context, id int64, ttl int32) (session int64, created bool, err error) {
	if id < 0 {
		return 0, false, invalidf("sessionId: %d is not a session id", id)
	}
	seconds, err := ttlOrDefault("ttlSeconds", ttl)
	if err != nil || id != 0 {
		return id, false, err
	}
	session, err = s.grantSession(ctx, seconds)
	return session, err == nil, err
}

// dropNewSession revokes a session made for a call that did not get what it asked for.
func (s *Sidecar) dropNewSession(id int64) {
	ctx, cancel := cleanupContext()
	defer cancel()
	s.revokeSession(ctx, id)
}

// checkSessionID validates a session id named field.
func checkSessionID(field string, id int64) error {
	if id <= 0 {
		return invalidf("%s: %d is not a session id", field, id)
	}
	return nil
}

func sessionNotFound(id int64) error {
	return notFoundf("session %d not found (expired or deleted)", id)
}

// Create starts a session.
func (srv *SessionServer) Create(ctx context.Context, req *pb.CreateSessionRequest) (*pb.Session, error) {
	ttl, err := ttlOrDefault("ttlSeconds", req.TtlSeconds)
	if err != nil {
		return nil, err
	}
	id, err := srv.s.grantSession(ctx, ttl)
	if err != nil {
		return nil, err
	}
	return &pb.Session{Id: id, TtlSeconds: int32(ttl), RemainingSeconds: int32(ttl)}, nil
}

// KeepAlive renews a session.
func (srv *SessionServer) KeepAlive(ctx context.Context, req *pb.KeepAliveSessionRequest) (*pb.KeepAliveSessionResponse, error) {
	if err := checkSessionID("id", req.Id); err != nil {
		return nil, err
	}
	resp, err := srv.s.client.KeepAliveOnce(ctx, clientv3.LeaseID(req.Id))
	if errors.Is(err, rpctypes.ErrLeaseNotFound) {
		srv.s.owned.remove(req.Id)
		return nil, sessionNotFound(req.Id)
	}
	if err != nil {
		return nil, toStatus(err, "keep session alive")
	}
	return &pb.KeepAliveSessionResponse{TtlSeconds: int32(resp.TTL)}, nil
}

// Get reads a session's TTL and remaining time.
func (srv *SessionServer) Get(ctx context.Context, req *pb.GetSessionRequest) (*pb.Session, error) {
	if err := checkSessionID("id", req.Id); err != nil {
		return nil, err
	}
	resp, err := srv.s.client.TimeToLive(ctx, clientv3.LeaseID(req.Id))
	if err != nil {
		return nil, toStatus(err, "read session")
	}
	if resp.TTL < 0 {
		return nil, sessionNotFound(req.Id)
	}
	return &pb.Session{Id: req.Id, TtlSeconds: int32(resp.GrantedTTL), RemainingSeconds: int32(resp.TTL)}, nil
}

// Delete ends a session.
func (srv *SessionServer) Delete(ctx context.Context, req *pb.DeleteSessionRequest) (*pb.DeleteSessionResponse, error) {
	if err := checkSessionID("id", req.Id); err != nil {
		return nil, err
	}
	deleted, err := srv.s.revokeSession(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	return &pb.DeleteSessionResponse{Deleted: deleted}, nil
}
