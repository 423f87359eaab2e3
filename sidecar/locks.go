package sidecar

import (
	"context"
	"fmt"
	"time"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	clientv3 "go.etcd.io/etcd/client/v3"
)

// LockServer implements named locks with fencing tokens on a queue per lock.
type LockServer struct {
	pb.UnimplementedLockServiceServer
	s *Sidecar
}

func grantTime() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// Acquire takes a lock, trying once or waiting in line.
func (l *LockServer) Acquire(ctx context.Context, req *pb.AcquireLockRequest) (*pb.AcquireLockResponse, error) {
	if err := checkName("name", req.Name); err != nil {
		return nil, err
	}
	e, err := l.s.enqueue(ctx, lockDir(req.Name), req.SessionId, req.TtlSeconds, req.WaitSeconds, grantTime(), false)
	if err != nil || e.key == "" {
		return &pb.AcquireLockResponse{}, err
	}
	if e.waited {
		// The grant came now, not when the key was written.
		if err := l.s.setQueueValue(ctx, e, grantTime()); err != nil {
			return nil, err
		}
	}
	return &pb.AcquireLockResponse{Acquired: true, FencingToken: e.rev, SessionId: e.session, Key: e.key}, nil
}

// Release gives a lock up, or leaves its line.
func (l *LockServer) Release(ctx context.Context, req *pb.ReleaseLockRequest) (*pb.ReleaseLockResponse, error) {
	if err := checkName("name", req.Name); err != nil {
		return nil, err
	}
	if err := checkSessionID("sessionId", req.SessionId); err != nil {
		return nil, err
	}
	released, err := l.s.leaveQueueOf(ctx, lockDir(req.Name), req.SessionId, fmt.Sprintf("release lock %q", req.Name))
	if err != nil {
		return nil, err
	}
	return &pb.ReleaseLockResponse{Released: released}, nil
}

// Get reads a lock's holder.
func (l *LockServer) Get(ctx context.Context, req *pb.GetLockRequest) (*pb.LockHolder, error) {
	if err := checkName("name", req.Name); err != nil {
		return nil, err
	}
	head, err := l.s.queueHead(ctx, lockDir(req.Name))
	if err != nil {
		return nil, err
	}
	if head == nil {
		return nil, notFoundf("lock %q is not held", req.Name)
	}
	return &pb.LockHolder{Name: req.Name, SessionId: sessionOfQueueKey(lockDir(req.Name), string(head.Key)),
		FencingToken: head.CreateRevision, Since: string(head.Value)}, nil
}

// lockFence returns the compare that holds while the lock is held with the given
// fencing token: the holder's key still has that create revision. A key created
// later cannot precede it, so while it exists it is the holder.
func (s *Sidecar) lockFence(ctx context.Context, cond *pb.LockCondition) (clientv3.Cmp, error) {
	if err := checkName("ifLockHeld.name", cond.Name); err != nil {
		return clientv3.Cmp{}, err
	}
	if cond.FencingToken <= 0 {
		return clientv3.Cmp{}, invalidf("ifLockHeld.fencingToken: %d is not a fencing token", cond.FencingToken)
	}
	head, err := s.queueHead(ctx, lockDir(cond.Name))
	if err != nil {
		return clientv3.Cmp{}, err
	}
	if head == nil || head.CreateRevision != cond.FencingToken {
		holder := "no one"
		if head != nil {
			holder = fmt.Sprintf("fencing token %d", head.CreateRevision)
		}
		return clientv3.Cmp{}, abortedf("lock %q is not held with fencing token %d (held by %s)", cond.Name, cond.FencingToken, holder)
	}
	return clientv3.Compare(clientv3.CreateRevision(string(head.Key)), "=", cond.FencingToken), nil
}
