package sidecar

import "time"

// Limits of the API, documented in docs/api.md.
const (
	maxKeyBytes       = 4096
	maxValueBytes     = 1 << 20
	maxTxnOps         = 128
	maxTxnBytes       = 1<<20 + 1<<18 // 1.25 MiB, under etcd's 1.5 MiB request limit
	defaultListLimit  = 100
	maxListLimit      = 1000
	maxNameBytes      = 256
	minTTLSeconds     = 2
	maxTTLSeconds     = 86400
	defaultTTLSeconds = 15
	maxWaitSeconds    = 600

	defaultCheckIntervalSeconds = 10
	maxCheckIntervalSeconds     = 3600
	maxCheckTimeout             = 5 * time.Second
	// checkFailureThreshold is how many failed probes in a row remove an instance.
	checkFailureThreshold = 3
)
