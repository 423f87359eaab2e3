package sidecar

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"sync/atomic"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// etcdLogCore passes etcd's zap log entries on to slog, so that the sidecar writes
// one log format. While the sidecar stops on purpose, etcd's complaints about
// connections closing are expected and are logged at debug level.
type etcdLogCore struct {
	handler  slog.Handler
	min      slog.Level
	stopping *atomic.Bool
	removed  *atomic.Pointer[func(peer string) bool]
	fields   []zapcore.Field
}

// peerFields are the fields in which etcd names the peer a line is about.
var peerFields = []string{"remote-peer-id", "peer-id", "remote-peer-id-from", "remote-peer-id-stream-handler"}

// newEtcdLogger builds the zap logger given to the embedded member. Once removed
// is set, etcd's complaints about peers that were removed from the cluster (a
// learner that left) are logged at debug level too.
func newEtcdLogger(handler slog.Handler, min slog.Level, stopping *atomic.Bool, removed *atomic.Pointer[func(string) bool]) *zap.Logger {
	return zap.New(&etcdLogCore{handler: handler.WithAttrs([]slog.Attr{slog.String("component", "etcd")}),
		min: min, stopping: stopping, removed: removed})
}

// routineEtcdWarnings are lines etcd logs as warnings or errors in normal
// operation of embedded members that join and promote themselves: they are
// logged at debug level.
var routineEtcdWarnings = map[string]bool{
	"rejecting promote learner: learner is not ready": true,
	"failed to update storage version":                true,
	"Failed to detect schema version":                 true,
	"rejecting member add request; local member has not been connected to majority peers, reconfigure breaks active quorum":                                         true,
	"Running http and grpc server on single port. This is not recommended for production.":                                                                          true,
	"simple token is not cryptographically signed":                                                                                                                  true,
	"it isn't recommended to use default name, please set a value for --name. Note that etcd might run into issue when multiple members have the same default name": true,
}

func slogLevel(l zapcore.Level) slog.Level {
	switch {
	case l <= zapcore.DebugLevel:
		return slog.LevelDebug
	case l == zapcore.InfoLevel:
		return slog.LevelInfo
	case l == zapcore.WarnLevel:
		return slog.LevelWarn
	default:
		return slog.LevelError
	}
}

func (c *etcdLogCore) Enabled(l zapcore.Level) bool { return slogLevel(l) >= c.min }

func (c *etcdLogCore) With(fields []zapcore.Field) zapcore.Core {
	clone := *c
	clone.fields = append(append([]zapcore.Field(nil), c.fields...), fields...)
	return &clone
}

func (c *etcdLogCore) Check(e zapcore.Entry, ce *zapcore.CheckedEntry) *zapcore.CheckedEntry {
	if c.Enabled(e.Level) {
		return ce.AddCore(e, c)
	}
	return ce
}

func (c *etcdLogCore) Write(e zapcore.Entry, fields []zapcore.Field) error {
	level := slogLevel(e.Level)
	if (c.stopping.Load() && level > slog.LevelInfo) || routineEtcdWarnings[e.Message] {
		level = slog.LevelDebug
	}
	if level < c.min || !c.handler.Enabled(context.Background(), level) {
		return nil
	}
	enc := zapcore.NewMapObjectEncoder()
	for _, f := range c.fields {
		f.AddTo(enc)
	}
	for _, f := range fields {
		f.AddTo(enc)
	}
	if level > slog.LevelInfo && c.aboutRemovedPeer(enc.Fields) {
		level = slog.LevelDebug
		if level < c.min {
			return nil
		}
	}
	r := slog.NewRecord(e.Time, level, e.Message, 0)
	for _, k := range slices.Sorted(maps.Keys(enc.Fields)) {
		r.AddAttrs(slog.Any(k, enc.Fields[k]))
	}
	return c.handler.Handle(context.Background(), r)
}

func (c *etcdLogCore) Sync() error { return nil }

// aboutRemovedPeer reports whether a line is about a peer removed from the cluster.
func (c *etcdLogCore) aboutRemovedPeer(fields map[string]any) bool {
	removed := c.removed.Load()
	if removed == nil {
		return false
	}
	for _, k := range peerFields {
		if id, ok := fields[k].(string); ok && (*removed)(id) {
			return true
		}
	}
	return false
}
