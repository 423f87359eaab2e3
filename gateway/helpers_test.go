package gateway_test

import (
	"testing"

	"github.com/outrigger/outrigger/internal/testenv"
)

// startOwn starts a sidecar for one test, for tests that change the whole store.
func startOwn(t *testing.T) *testenv.Sidecar {
	return testenv.Start(t, testenv.Options{})
}
