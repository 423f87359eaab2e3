// Package sidecar runs an embedded etcd member and implements Outrigger's services
// (config, sessions, registry, locks, elections, cluster) on top of it.
package sidecar

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"go.etcd.io/etcd/api/v3/etcdserverpb"
	"go.etcd.io/etcd/client/pkg/v3/types"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"
)

// Sidecar is one running Outrigger node: its place in the cluster (an etcd member,
// or none in the client role) and the services on it.
type Sidecar struct {
	opts     Options
	log      *slog.Logger
	urls     memberURLs
	member   *embed.Etcd      // nil in the client role
	role     string           // RoleVoter, RoleLearner or RoleClient
	client   *clientv3.Client // what the services use: in process for a voter, else over the network to the voters
	remote   *clientv3.Client // the network client of a joined cluster, if any
	local    *clientv3.Client // in process to the local member, if any: serializable reads
	watcher  *clientv3.Client // for watches: never in process, where many cancelled watches deadlock etcd's adapter
	stopping atomic.Bool
	removed  atomic.Pointer[func(peer string) bool] // for the etcd logger: was this peer removed?
	leave    atomic.Bool                            // on Close, remove this member from the cluster (a learner stopping gracefully)
	cancel   context.CancelFunc

	owned    *ownedSessions
	own      *ownSession
	registry *registrations

	Config    *ConfigServer
	Sessions  *SessionServer
	Registry  *RegistryServer
	Locks     *LockServer
	Elections *ElectionServer
	Cluster   *ClusterServer
}

// Start places the sidecar in its cluster (bootstrapping, restarting or joining
// its member, or none in the client role), waits until it serves, and starts the
// sidecar's own session.
func Start(ctx context.Context, opts Options) (*Sidecar, error) {
	opts = opts.withDefaults()
	s := &Sidecar{opts: opts, log: opts.Logger, owned: newOwnedSessions()}
	if err := s.place(ctx, newEtcdLogger(opts.Logger.Handler(), opts.EtcdLogLevel, &s.stopping, &s.removed)); err != nil {
		s.Close()
		return nil, err
	}
	if s.member != nil {
		server := s.member.Server
		removed := func(peer string) bool {
			id, err := types.IDFromString(peer)
			return err == nil && server.IsIDRemoved(uint64(id))
		}
		s.removed.Store(&removed)
	}
	if err := s.dialWatcher(); err != nil {
		s.Close()
		return nil, err
	}
	s.registry = newRegistrations(s)
	var err error
	if s.own, err = startOwnSession(ctx, s); err != nil {
		s.Close()
		return nil, err
	}
	s.Config = &ConfigServer{s: s}
	s.Sessions = &SessionServer{s: s}
	s.Registry = &RegistryServer{s: s}
	s.Locks = &LockServer{s: s}
	s.Elections = &ElectionServer{s: s}
	s.Cluster = &ClusterServer{s: s}
	registerMetrics(s)
	var actx context.Context
	actx, s.cancel = context.WithCancel(context.Background())
	if s.member != nil {
		go s.autopilot(actx)
	}
	return s, nil
}

// dialWatcher connects the client that watches: over the local member's client
// URL for a voter (etcd's in-process adapter deadlocks when many watches are
// cancelled at once), else the network client the sidecar already has.
func (s *Sidecar) dialWatcher() error {
	if s.client != s.local || s.member == nil {
		s.watcher = s.client
		return nil
	}
	cfg := clientv3.Config{Endpoints: []string{s.EtcdClientURL()}, DialTimeout: 5 * time.Second, Logger: zap.NewNop()}
	if s.opts.ClientTLS.Enabled() {
		tc, err := s.clientTLSConfig()
		if err != nil {
			return err
		}
		cfg.TLS = tc
	}
	w, err := clientv3.New(cfg)
	if err != nil {
		return fmt.Errorf("connect to the member's client URL for watches: %w", err)
	}
	s.watcher = w
	return nil
}

// reader is the client for a read: a serializable one is served by the local
// member, learner or voter, when there is one.
func (s *Sidecar) reader(serializable bool) *clientv3.Client {
	if serializable && s.local != nil {
		return s.local
	}
	return s.client
}

// Name is the sidecar's (and its member's) name.
func (s *Sidecar) Name() string { return s.opts.Name }

// Role is the sidecar's place in the cluster: voter, learner or client.
func (s *Sidecar) Role() string {
	if s.member != nil && s.role == RoleLearner && !s.member.Server.IsLearner() {
		return RoleVoter // promoted by the autopilot of the leader's sidecar
	}
	return s.role
}

// EtcdClientURL is where the local member serves etcd's own client protocol
// (empty in the client role).
func (s *Sidecar) EtcdClientURL() string {
	if s.member == nil {
		return ""
	}
	return s.member.Config().AdvertiseClientUrls[0].String()
}

// PeerURL is where the local member talks to its peers (empty in the client role).
func (s *Sidecar) PeerURL() string {
	if s.member == nil {
		return ""
	}
	return s.member.Config().AdvertisePeerUrls[0].String()
}

// Ready reports whether the sidecar serves: its member (if any) has a leader and
// the cluster answers a linearizable read.
func (s *Sidecar) Ready(ctx context.Context) error {
	if s.stopping.Load() {
		return fmt.Errorf("stopping")
	}
	if s.member != nil && s.member.Server.Leader() == 0 {
		return fmt.Errorf("member %q has no leader", s.opts.Name)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if _, err := s.client.Get(ctx, root+"ready", clientv3.WithCountOnly()); err != nil {
		return fmt.Errorf("linearizable read: %w", err)
	}
	return nil
}

// ReleaseOwned marks the sidecar as stopping gracefully and deletes every session
// it owns, so that their registrations, locks, leaderships and ephemeral keys
// vanish at once. A learner will leave the cluster on Close.
func (s *Sidecar) ReleaseOwned(ctx context.Context) {
	s.stopping.Store(true)
	s.leave.Store(s.Role() == RoleLearner)
	s.registry.stopChecks()
	s.own.stop()
	if s.member != nil && s.member.Server.Leader() == 0 {
		// Without quorum no revoke can commit: do not wait for them. The sessions
		// expire after their TTL instead.
		s.log.Warn("no quorum: sessions owned by this sidecar will expire after their TTL instead of now", "owned", s.owned.count()+1)
		return
	}
	s.own.revoke(ctx)
	n := s.owned.revokeAll(ctx, s.client)
	s.log.Info("released sessions", "owned", n+1)
}

// Close stops the member, first removing it from the cluster if it leaves.
// Call ReleaseOwned first for a graceful stop.
func (s *Sidecar) Close() {
	s.stopping.Store(true)
	if s.cancel != nil {
		s.cancel()
	}
	if s.member != nil {
		if s.leave.Load() && s.remote != nil {
			s.leaveCluster()
		}
		s.member.Close()
	}
	if s.client != nil {
		s.client.Close()
	}
	if s.remote != nil && s.remote != s.client {
		s.remote.Close()
	}
	if s.local != nil && s.local != s.client {
		s.local.Close()
	}
	if s.watcher != nil && s.watcher != s.client && s.watcher != s.remote {
		s.watcher.Close()
	}
}

// leaveCluster removes this member from the cluster.
func (s *Sidecar) leaveCluster() {
	ctx, cancel := cleanupContext()
	defer cancel()
	id := uint64(s.member.Server.MemberID())
	if _, err := s.remote.MemberRemove(ctx, id); err != nil {
		s.log.Warn("could not leave the cluster", "err", err)
		return
	}
	s.membershipChange("remove", "learner stopped gracefully", &etcdserverpb.Member{ID: id, Name: s.opts.Name})
}
