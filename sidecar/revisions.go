package sidecar

import (
	"context"
	"errors"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func checkRevision(field string, rev int64) error {
	if rev < 0 {
		return invalidf("%s: %d must not be negative", field, rev)
	}
	return nil
}

// readError explains a failed read at revision rev: a compacted or future revision
// gets OUT_OF_RANGE naming the revisions that can be read.
func (s *Sidecar) readError(ctx context.Context, err error, rev int64, what string) error {
	switch {
	case errors.Is(err, rpctypes.ErrCompacted):
		return status.Errorf(codes.OutOfRange, "%s: revision %d has been compacted; the oldest readable revision is %d",
			what, rev, s.oldestRevision(ctx))
	case errors.Is(err, rpctypes.ErrFutureRev):
		return status.Errorf(codes.OutOfRange, "%s: revision %d is in the future", what, rev)
	}
	return toStatus(err, what)
}

// oldestRevision is the store's compaction revision, the oldest one readable; a
// watch from revision 1 is told it.
func (s *Sidecar) oldestRevision(ctx context.Context) int64 {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for resp := range s.watcher.Watch(ctx, root+"compaction-probe", clientv3.WithRev(1)) {
		return resp.CompactRevision
	}
	return 0
}
