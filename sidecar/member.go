package sidecar

import (
	"fmt"
	"net"
	"net/url"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"
)

// startMember starts the embedded etcd member of a single-node cluster (or restarts
// the one in opts.DataDir) and waits until it serves.
func startMember(opts Options, lg *zap.Logger) (*embed.Etcd, error) {
	clientURL, err := resolveURL("etcd client URL", opts.EtcdClientURL)
	if err != nil {
		return nil, err
	}
	peerURL, err := resolveURL("peer URL", opts.PeerURL)
	if err != nil {
		return nil, err
	}
	cfg := embed.NewConfig()
	cfg.Name = opts.Name
	cfg.Dir = opts.DataDir
	cfg.ListenClientUrls = []url.URL{*clientURL}
	cfg.AdvertiseClientUrls = []url.URL{*clientURL}
	cfg.ListenPeerUrls = []url.URL{*peerURL}
	cfg.AdvertisePeerUrls = []url.URL{*peerURL}
	cfg.InitialCluster = fmt.Sprintf("%s=%s", opts.Name, peerURL)
	cfg.ClusterState = embed.ClusterStateFlagNew
	cfg.WatchProgressNotifyInterval = opts.ProgressInterval
	cfg.AutoCompactionMode = embed.CompactorModePeriodic
	cfg.AutoCompactionRetention = "1h"
	cfg.ZapLoggerBuilder = embed.NewZapLoggerBuilder(lg)

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, fmt.Errorf("start etcd member %q in %s: %w", opts.Name, opts.DataDir, err)
	}
	select {
	case <-e.Server.ReadyNotify():
		return e, nil
	case err := <-e.Err():
		e.Close()
		return nil, fmt.Errorf("etcd member %q: %w", opts.Name, err)
	case <-time.After(opts.ReadyTimeout):
		e.Close()
		return nil, fmt.Errorf("etcd member %q not ready after %s", opts.Name, opts.ReadyTimeout)
	}
}

// resolveURL parses an http URL; port 0 is replaced by a free port, since etcd
// advertises the URL it is given.
func resolveURL(what, raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("%s %q: want http://host:port", what, raw)
	}
	host, port, err := net.SplitHostPort(u.Host)
	if err != nil {
		return nil, fmt.Errorf("%s %q: %w", what, raw, err)
	}
	if port == "0" {
		l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		if err != nil {
			return nil, fmt.Errorf("%s %q: find a free port: %w", what, raw, err)
		}
		u.Host = l.Addr().String()
		l.Close()
	}
	return u, nil
}
