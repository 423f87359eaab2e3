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
}

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
	return o
}
