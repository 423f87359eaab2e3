package sidecar

import (
	"context"
	"strings"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	clientv3 "go.etcd.io/etcd/client/v3"
)

var (
	watchStreams = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "outrigger_watch_streams", Help: "Open watch and observe streams."})
	registerOnce sync.Once
)

// registerMetrics adds the sidecar's gauges to the default Prometheus registry,
// beside etcd's own metrics.
func registerMetrics(s *Sidecar) {
	registerOnce.Do(func() {
		prometheus.MustRegister(watchStreams, membershipChanges)
		prometheus.MustRegister(roleCollector{s: s, desc: prometheus.NewDesc("outrigger_role",
			"This sidecar's role in the cluster: 1 for its role, 0 for the others.", []string{"role"}, nil)})
		prometheus.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "outrigger_sessions_owned", Help: "Sessions created through this sidecar and not yet deleted."},
			func() float64 { return float64(s.owned.count()) }))
		prometheus.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "outrigger_locks_held", Help: "Locks that have a holder, cluster-wide."},
			func() float64 { return float64(s.locksHeld()) }))
	})
}

// locksHeld counts the locks that have a holder.
func (s *Sidecar) locksHeld() int {
	ctx, cancel := context.WithTimeout(context.Background(), memberHealthTimeout)
	defer cancel()
	resp, err := s.client.Get(ctx, locksPrefix, clientv3.WithPrefix(), clientv3.WithKeysOnly(), clientv3.WithSerializable())
	if err != nil {
		return 0
	}
	names := map[string]bool{}
	for _, kv := range resp.Kvs {
		name, _, _ := strings.Cut(strings.TrimPrefix(string(kv.Key), locksPrefix), "/")
		names[name] = true
	}
	return len(names)
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// roleCollector reports the sidecar's current role.
type roleCollector struct {
	s    *Sidecar
	desc *prometheus.Desc
}

func (c roleCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c roleCollector) Collect(ch chan<- prometheus.Metric) {
	role := c.s.Role()
	for _, r := range []string{RoleVoter, RoleLearner, RoleClient} {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, boolFloat(role == r), r)
	}
}
