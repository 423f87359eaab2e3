// Package freeport picks loopback ports for the processes tests and benchmarks start.
package freeport

import (
	"fmt"
	"net"
	"sync"
)

var (
	mu    sync.Mutex
	given = map[int]bool{}
)

// Pick returns a loopback port that was free a moment ago and that Pick has not
// returned before in this process: the kernel may hand a just-closed port out
// again, and two flags of one process given the same port fail to start.
func Pick() (int, error) {
	mu.Lock()
	defer mu.Unlock()
	for range 100 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return 0, err
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if !given[port] {
			given[port] = true
			return port, nil
		}
	}
	return 0, fmt.Errorf("freeport: no new loopback port in 100 tries")
}
