package sidecar

import (
	"context"
	"errors"
	"fmt"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Errors of the API. Every error a service returns passes through toStatus, the one
// place where Go and etcd errors become gRPC codes (and so HTTP statuses).

func invalidf(format string, a ...any) error {
	return status.Errorf(codes.InvalidArgument, format, a...)
}

func notFoundf(format string, a ...any) error {
	return status.Errorf(codes.NotFound, format, a...)
}

func abortedf(format string, a ...any) error {
	return status.Errorf(codes.Aborted, format, a...)
}

func preconditionf(format string, a ...any) error {
	return status.Errorf(codes.FailedPrecondition, format, a...)
}

// toStatus converts err into a gRPC status error, adding what to its message.
// Status errors pass through unchanged.
func toStatus(err error, what string) error {
	if err == nil {
		return nil
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	code := codes.Unknown
	var etcdErr rpctypes.EtcdError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		code = codes.DeadlineExceeded
	case errors.Is(err, context.Canceled):
		code = codes.Canceled
	case errors.As(err, &etcdErr):
		code = etcdErr.Code()
		switch {
		case errors.Is(err, rpctypes.ErrTimeout), errors.Is(err, rpctypes.ErrTimeoutDueToLeaderFail),
			errors.Is(err, rpctypes.ErrTimeoutDueToConnectionLost):
			code = codes.DeadlineExceeded
		case errors.Is(err, rpctypes.ErrLeaseNotFound):
			code = codes.NotFound
		}
	}
	if what == "" {
		return status.Error(code, err.Error())
	}
	return status.Error(code, fmt.Sprintf("%s: %v", what, err))
}
