package sidecar

import (
	"context"
	"time"
)

// cleanupTimeout bounds the clean-up a call does after its caller went away.
const cleanupTimeout = 5 * time.Second

// cleanupContext is for work that must happen even when the caller's context ended.
func cleanupContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), cleanupTimeout)
}

// secondsDuration converts an API seconds field into a duration.
func secondsDuration(seconds float64) time.Duration {
	return time.Duration(seconds * float64(time.Second))
}
