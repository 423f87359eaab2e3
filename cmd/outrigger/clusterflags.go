package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/outrigger/outrigger/sidecar"
)

// clusterFlags are the flags of `run` that place the sidecar in a cluster.
type clusterFlags struct {
	initialCluster, advertisePeer, advertiseClient, join, role *string
	voters, maxLearners                                        *int
	deadMemberTimeout                                          *time.Duration
	peerTLS, clientTLS                                         tlsFlags
}

type tlsFlags struct {
	cert, key, ca *string
	auto          *bool
}

func addClusterFlags(fs *flag.FlagSet) clusterFlags {
	return clusterFlags{
		initialCluster:    fs.String("initial-cluster", "", "static cluster to bootstrap, as etcd's: n1=http://host1:2380,n2=... (default: this member alone)"),
		advertisePeer:     fs.String("advertise-peer-url", "", "peer URL the other members use (default: --peer-url)"),
		advertiseClient:   fs.String("advertise-client-url", "", "etcd client URL the others use (default: --etcd-client-url)"),
		join:              fs.String("join", "", "join a running cluster through any of these URLs: sidecars' JSON APIs or members' etcd client URLs, comma-separated"),
		role:              fs.String("role", "", "force this sidecar's role: voter, learner or client (default: picked when joining)"),
		voters:            fs.Int("voters", 3, "how many voting members the cluster should have"),
		maxLearners:       fs.Int("max-learners", 2, "how many learners the cluster keeps beside its voters; joiners beyond run as clients"),
		deadMemberTimeout: fs.Duration("dead-member-timeout", 5*time.Minute, "how long a voter may be unreachable before a healthy learner replaces it"),
		peerTLS:           addTLSFlags(fs, "peer", "traffic between members"),
		clientTLS:         addTLSFlags(fs, "client", "members' etcd client URLs, and this sidecar's connections to them"),
	}
}

func addTLSFlags(fs *flag.FlagSet, prefix, what string) tlsFlags {
	return tlsFlags{
		cert: fs.String(prefix+"-cert-file", "", "TLS certificate for "+what),
		key:  fs.String(prefix+"-key-file", "", "TLS key for "+what),
		ca:   fs.String(prefix+"-trusted-ca-file", "", "CA that signs the certificates of "+what+" (turns on mutual TLS)"),
		auto: fs.Bool(prefix+"-auto-tls", false, "self-signed TLS for "+what+" (development only)"),
	}
}

func (c clusterFlags) check() error {
	switch *c.role {
	case "", sidecar.RoleVoter, sidecar.RoleLearner, sidecar.RoleClient:
	default:
		return fmt.Errorf("--role %q: want voter, learner or client", *c.role)
	}
	if *c.role != "" && *c.join == "" && *c.role != sidecar.RoleVoter {
		return fmt.Errorf("--role %s needs --join: only a joining sidecar can be a learner or a client", *c.role)
	}
	if *c.join != "" && *c.initialCluster != "" {
		return fmt.Errorf("--join and --initial-cluster: give one or the other")
	}
	if *c.voters < 1 || *c.maxLearners < 0 {
		return fmt.Errorf("--voters must be at least 1 and --max-learners at least 0")
	}
	for _, t := range []tlsFlags{c.peerTLS, c.clientTLS} {
		if (*t.cert == "") != (*t.key == "") {
			return fmt.Errorf("TLS: give the certificate and the key files together")
		}
	}
	return nil
}

func (c clusterFlags) apply(o *sidecar.Options) {
	o.InitialCluster, o.AdvertisePeerURL, o.AdvertiseClientURL = *c.initialCluster, *c.advertisePeer, *c.advertiseClient
	if *c.join != "" {
		o.Join = strings.Split(*c.join, ",")
	}
	o.Role, o.Voters, o.MaxLearners, o.DeadMemberTimeout = *c.role, *c.voters, *c.maxLearners, *c.deadMemberTimeout
	o.PeerTLS = sidecar.TLS{CertFile: *c.peerTLS.cert, KeyFile: *c.peerTLS.key, TrustedCAFile: *c.peerTLS.ca, AutoTLS: *c.peerTLS.auto}
	o.ClientTLS = sidecar.TLS{CertFile: *c.clientTLS.cert, KeyFile: *c.clientTLS.key, TrustedCAFile: *c.clientTLS.ca, AutoTLS: *c.clientTLS.auto}
}
