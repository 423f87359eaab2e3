package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/outrigger/outrigger/bench/internal/proc"
	"github.com/outrigger/outrigger/internal/freeport"
)

var errNoCluster = errors.New("this outrigger build has no --initial-cluster flag (clustering not merged yet)")

// clusterSupported reports whether the binary knows --initial-cluster.
func (b *bench) clusterSupported(ctx context.Context) bool {
	out, _ := exec.CommandContext(ctx, b.binary, "run", "-h").CombinedOutput()
	return strings.Contains(string(out), "-initial-cluster")
}

// startCluster starts n sidecars bootstrapped together with --initial-cluster,
// each with its own member, and dials each of them.
func (b *bench) startCluster(ctx context.Context, prefix string, n, maxConns int, extra ...string) ([]*conns, error) {
	if !b.clusterSupported(ctx) {
		return nil, errNoCluster
	}
	cs, err := b.startClusterOnce(ctx, prefix, n, maxConns, extra...)
	if err != nil && ctx.Err() == nil {
		b.logf("  cluster %s did not start (%v); trying once more", prefix, oneLine(err.Error()))
		b.mgr.Retries.Add(1)
		cs, err = b.startClusterOnce(ctx, prefix, n, maxConns, extra...)
	}
	return cs, err
}

func (b *bench) startClusterOnce(ctx context.Context, prefix string, n, maxConns int, extra ...string) ([]*conns, error) {
	var members []string
	peers := make([]string, n)
	for i := range n {
		p, err := freeport.Pick()
		if err != nil {
			return nil, err
		}
		peers[i] = fmt.Sprintf("http://127.0.0.1:%d", p)
		members = append(members, fmt.Sprintf("%s%d=%s", prefix, i+1, peers[i]))
	}
	initial := strings.Join(members, ",")
	nodes := make([]*proc.Node, n)
	for i := range n {
		args := append([]string{"--initial-cluster", initial}, extra...)
		node, err := b.mgr.StartNoWait(proc.Spec{Binary: b.binary, Name: fmt.Sprintf("%s%d", prefix, i+1), PeerURL: peers[i], Extra: args})
		if err != nil {
			return nil, err
		}
		nodes[i] = node
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, node := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = node.WaitReady(ctx, 2*time.Minute)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		for _, node := range nodes {
			node.Kill()
		}
		return nil, err
	}
	var out []*conns
	for _, node := range nodes {
		c, err := dial(node, maxConns)
		if err != nil {
			stopAll(out)
			for _, node := range nodes {
				node.Kill()
			}
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// stopAll ends a cluster's sidecars. They are killed, not stopped: a member
// stopping after its peers has no quorum left for its graceful stop (it would wait
// out its stop timeout), and the data is thrown away anyway.
func stopAll(cs []*conns) {
	for _, c := range cs {
		c.stopOnce.Do(func() {
			c.Close()
			c.node.Kill()
		})
	}
}
