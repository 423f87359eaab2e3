package sidecar

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"go.etcd.io/etcd/client/pkg/v3/transport"
	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"
)

// maxLearners is etcd's own limit on learners, set on every member; the sidecars
// keep to their --max-learners below it.
const maxLearners = 16

// memberURLs are the resolved URLs of this sidecar's member.
type memberURLs struct {
	listenClient, advertiseClient, listenPeer, advertisePeer *url.URL
}

// resolveMemberURLs parses the member's URLs; a listen port of 0 picks a free
// port, which the advertised URL then uses too unless one is given.
func resolveMemberURLs(opts Options) (memberURLs, error) {
	var m memberURLs
	var err error
	if m.listenClient, err = resolveURL("etcd client URL", opts.EtcdClientURL); err != nil {
		return m, err
	}
	if m.listenPeer, err = resolveURL("peer URL", opts.PeerURL); err != nil {
		return m, err
	}
	m.advertiseClient, m.advertisePeer = m.listenClient, m.listenPeer
	if opts.AdvertiseClientURL != "" {
		if m.advertiseClient, err = resolveURL("advertised client URL", opts.AdvertiseClientURL); err != nil {
			return m, err
		}
	}
	if opts.AdvertisePeerURL != "" {
		if m.advertisePeer, err = resolveURL("advertised peer URL", opts.AdvertisePeerURL); err != nil {
			return m, err
		}
	}
	return m, nil
}

// memberConfig builds the embedded member's configuration: it bootstraps or joins
// initialCluster in state ("new" or "existing"), or restarts from its data dir.
func memberConfig(opts Options, urls memberURLs, initialCluster, state string, lg *zap.Logger) *embed.Config {
	cfg := embed.NewConfig()
	cfg.Name = opts.Name
	cfg.Dir = opts.DataDir
	cfg.ListenClientUrls = []url.URL{*urls.listenClient}
	cfg.AdvertiseClientUrls = []url.URL{*urls.advertiseClient}
	cfg.ListenPeerUrls = []url.URL{*urls.listenPeer}
	cfg.AdvertisePeerUrls = []url.URL{*urls.advertisePeer}
	cfg.InitialCluster = initialCluster
	cfg.InitialClusterToken = "outrigger"
	cfg.ClusterState = state
	cfg.MaxLearners = maxLearners
	cfg.WatchProgressNotifyInterval = opts.ProgressInterval
	cfg.AutoCompactionMode = embed.CompactorModePeriodic
	cfg.AutoCompactionRetention = "1h"
	cfg.PeerTLSInfo, cfg.PeerAutoTLS = tlsInfo(opts.PeerTLS), opts.PeerTLS.AutoTLS
	cfg.ClientTLSInfo, cfg.ClientAutoTLS = tlsInfo(opts.ClientTLS), opts.ClientTLS.AutoTLS
	cfg.ZapLoggerBuilder = embed.NewZapLoggerBuilder(lg)
	return cfg
}

func tlsInfo(t TLS) transport.TLSInfo {
	return transport.TLSInfo{CertFile: t.CertFile, KeyFile: t.KeyFile, TrustedCAFile: t.TrustedCAFile,
		ClientCertAuth: t.TrustedCAFile != ""}
}

// startMember starts the embedded member and waits until it serves.
func startMember(cfg *embed.Config, timeout time.Duration) (*embed.Etcd, error) {
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, fmt.Errorf("start etcd member %q in %s: %w", cfg.Name, cfg.Dir, err)
	}
	select {
	case <-e.Server.ReadyNotify():
		return e, nil
	case err := <-e.Err():
		e.Close()
		return nil, fmt.Errorf("etcd member %q: %w", cfg.Name, err)
	case <-time.After(timeout):
		e.Close()
		return nil, fmt.Errorf("etcd member %q not ready after %s (no quorum?)", cfg.Name, timeout)
	}
}

// hasMemberData reports whether the data dir holds a member's write-ahead log.
func hasMemberData(dir string) bool {
	entries, err := os.ReadDir(filepath.Join(dir, "member", "wal"))
	return err == nil && len(entries) > 0
}

// dropMemberData removes a member's data, for a member that is no longer in the cluster.
func dropMemberData(dir string) error {
	err := os.RemoveAll(filepath.Join(dir, "member"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove stale member data in %s: %w", dir, err)
	}
	return nil
}

// resolveURL parses an http(s) URL; port 0 is replaced by a free port, since etcd
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
