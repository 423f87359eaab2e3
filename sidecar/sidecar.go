// Package sidecar runs an embedded etcd member and implements Outrigger's services
// (config, sessions, registry, locks, elections, cluster) on top of it.
package sidecar

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/server/v3/embed"
	"go.etcd.io/etcd/server/v3/etcdserver/api/v3client"
)

// Sidecar is one running Outrigger node: its etcd member and the services on it.
type Sidecar struct {
	opts     Options
	log      *slog.Logger
	member   *embed.Etcd
	client   *clientv3.Client
	stopping atomic.Bool

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

// Start starts the member (creating or reopening opts.DataDir), waits until it
// serves, and starts the sidecar's own session.
func Start(ctx context.Context, opts Options) (*Sidecar, error) {
	opts = opts.withDefaults()
	s := &Sidecar{opts: opts, log: opts.Logger, owned: newOwnedSessions()}
	member, err := startMember(opts, newEtcdLogger(opts.Logger.Handler(), opts.EtcdLogLevel, &s.stopping))
	if err != nil {
		return nil, err
	}
	s.member = member
	s.client = v3client.New(member.Server)
	s.registry = newRegistrations(s)
	s.own, err = startOwnSession(ctx, s)
	if err != nil {
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
	return s, nil
}

// Name is the sidecar's (and its member's) name.
func (s *Sidecar) Name() string { return s.opts.Name }

// Role is the sidecar's place in the cluster: voter, learner or client.
func (s *Sidecar) Role() string {
	if s.member.Server.IsLearner() {
		return "learner"
	}
	return "voter"
}

// EtcdClientURL is where the member serves etcd's own client protocol.
func (s *Sidecar) EtcdClientURL() string { return s.member.Config().AdvertiseClientUrls[0].String() }

// PeerURL is where the member talks to its peers.
func (s *Sidecar) PeerURL() string { return s.member.Config().AdvertisePeerUrls[0].String() }

// Ready reports whether the member has a leader and answers a linearizable read.
func (s *Sidecar) Ready(ctx context.Context) error {
	if s.stopping.Load() {
		return fmt.Errorf("stopping")
	}
	if s.member.Server.Leader() == 0 {
		return fmt.Errorf("member %q has no leader", s.opts.Name)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if _, err := s.client.Get(ctx, root+"ready", clientv3.WithCountOnly()); err != nil {
		return fmt.Errorf("linearizable read: %w", err)
	}
	return nil
}

// ReleaseOwned marks the sidecar as stopping and deletes every session it owns,
// so that their registrations, locks, leaderships and ephemeral keys vanish at once.
func (s *Sidecar) ReleaseOwned(ctx context.Context) {
	s.stopping.Store(true)
	s.registry.stopChecks()
	s.own.stop(ctx)
	n := s.owned.revokeAll(ctx, s.client)
	s.log.Info("released sessions", "owned", n+1)
}

// Close stops the member. Call ReleaseOwned first for a graceful stop.
func (s *Sidecar) Close() {
	s.stopping.Store(true)
	if s.client != nil {
		s.client.Close()
	}
	s.member.Close()
}
