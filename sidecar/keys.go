package sidecar

import (
	"strconv"
	"strings"
)

// The etcd key layout. Everything Outrigger stores lives under root, so
// `etcdctl get --prefix /outrigger/` shows it all.
const (
	root            = "/outrigger/"
	configPrefix    = root + "config/"
	servicesPrefix  = root + "services/"
	locksPrefix     = root + "locks/"
	electionsPrefix = root + "elections/"
)

// configKey is the etcd key of a config entry.
func configKey(key string) string { return configPrefix + key }

// instanceKey is the etcd key of a registered instance.
func instanceKey(service, id string) string { return servicesPrefix + service + "/" + id }

// serviceDir is the etcd prefix under which the instances of service live.
func serviceDir(service string) string { return servicesPrefix + service + "/" }

// lockDir is the etcd prefix of a lock's holder and waiters.
func lockDir(name string) string { return locksPrefix + name + "/" }

// electionDir is the etcd prefix of an election's leader and candidates.
func electionDir(name string) string { return electionsPrefix + name + "/" }

// queueKey is the key a session owns in a lock's or an election's queue.
func queueKey(dir string, session int64) string {
	return dir + strconv.FormatInt(session, 16)
}

// sessionOfQueueKey recovers the session id from a queue key.
func sessionOfQueueKey(dir, key string) int64 {
	id, err := strconv.ParseInt(strings.TrimPrefix(key, dir), 16, 64)
	if err != nil {
		return 0
	}
	return id
}
