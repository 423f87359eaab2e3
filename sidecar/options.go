package sidecar

import (
	"log/slog"
	"time"
)

// Options configure a sidecar. The zero value of a field means its default.
type Options struct {
	// Name of this sidecar and of its etcd member.
	Name string
	// DataDir holds the member's data; a restart with the same dir keeps all data.
	DataDir string
	// EtcdClientURL is where the member serves etcd's client protocol; port 0 picks one.
	EtcdClientURL string
	// PeerURL is where the member talks to its peers; port 0 picks one.
	PeerURL string
	// ProgressInterval is how often watch streams send a progress line.
	ProgressInterval time.Duration
	// SessionTTL is the TTL of the sidecar's own session.
	SessionTTL time.Duration
	// Logger receives the sidecar's log lines and etcd's (etcd's at EtcdLogLevel and above).
	Logger *slog.Logger
	// EtcdLogLevel is the lowest level of etcd's lines that are logged.
	EtcdLogLevel slog.Level
	// ReadyTimeout bounds the wait for the member to serve.
	ReadyTimeout time.Duration

	// AdvertisePeerURL is the peer URL other members use; default PeerURL.
	AdvertisePeerURL string
	// AdvertiseClientURL is the etcd client URL others use; default EtcdClientURL.
	AdvertiseClientURL string
	// InitialCluster bootstraps a static cluster: "n1=http://h1:2380,n2=...".
	InitialCluster string
	// Join lists URLs of running sidecars (their JSON API) or members (etcd client
	// URLs) of the cluster to join.
	Join []string
	// Role forces this sidecar's role: voter, learner or client; empty picks one.
	Role string
	// Voters is how many voting members the cluster should have.
	Voters int
	// MaxLearners is how many learners the cluster keeps beside its voters.
	MaxLearners int
	// DeadMemberTimeout is how long a voter may be unreachable before a learner replaces it.
	DeadMemberTimeout time.Duration
	// APIToken is sent to sidecars named in Join.
	APIToken string
	// PeerTLS secures traffic between members.
	PeerTLS TLS
	// ClientTLS secures the members' client URLs, and this sidecar's connections to them.
	ClientTLS TLS
}

// TLS names the files of a TLS setup; AutoTLS makes self-signed certificates
// (for development only).
type TLS struct {
	CertFile, KeyFile, TrustedCAFile string
	AutoTLS                          bool
}

// Enabled reports whether any TLS is configured.
func (t TLS) Enabled() bool { return t.CertFile != "" || t.AutoTLS }

func (o Options) withDefaults() Options {
	if o.Name == "" {
		o.Name = "default"
	}
	if o.DataDir == "" {
		o.DataDir = "outrigger-data"
	}
	if o.EtcdClientURL == "" {
		o.EtcdClientURL = "http://127.0.0.1:2379"
	}
	if o.PeerURL == "" {
		o.PeerURL = "http://127.0.0.1:2380"
	}
	if o.ProgressInterval <= 0 {
		o.ProgressInterval = 5 * time.Second
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = 10 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.ReadyTimeout <= 0 {
		o.ReadyTimeout = time.Minute
	}
	if o.Voters <= 0 {
		o.Voters = 3
	}
	if o.MaxLearners < 0 {
		o.MaxLearners = 0
	}
	if o.DeadMemberTimeout <= 0 {
		o.DeadMemberTimeout = 5 * time.Minute
	}
	return o
}
