package sidecar

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.etcd.io/etcd/api/v3/etcdserverpb"
	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
)

var membershipChanges = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "outrigger_membership_changes_total", Help: "Cluster membership changes made by sidecars, by change and reason."},
	[]string{"change", "reason"})

// membershipChange logs and counts one change of the cluster's membership.
func (s *Sidecar) membershipChange(change, reason string, m *etcdserverpb.Member) {
	membershipChanges.WithLabelValues(change, reason).Inc()
	attrs := []any{"change", change, "reason", reason}
	if m != nil {
		attrs = append(attrs, "member", m.Name, "id", m.ID, "peer-urls", m.PeerURLs)
	}
	s.log.Info("cluster membership changed", attrs...)
}

// autopilot heals the cluster from the sidecar whose member leads it: a voter
// unreachable for longer than --dead-member-timeout is replaced by a healthy
// learner, and learners are promoted while there are fewer voters than --voters.
// It never removes a voter when the voters left could not make a quorum.
func (s *Sidecar) autopilot(ctx context.Context) {
	every := min(max(s.opts.DeadMemberTimeout/5, 500*time.Millisecond), 5*time.Second)
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	down := map[uint64]time.Time{} // voters' first failed health check
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		if s.stopping.Load() || s.member.Server.Leader() != s.member.Server.MemberID() {
			clear(down)
			continue
		}
		if err := s.heal(ctx, down); err != nil && ctx.Err() == nil {
			s.log.Debug("autopilot", "err", err)
		}
	}
}

// heal makes at most one change of membership, from the current member list.
func (s *Sidecar) heal(ctx context.Context, down map[uint64]time.Time) error {
	list, err := s.client.MemberList(ctx)
	if err != nil {
		return err
	}
	healthy := s.membersHealth(ctx, list.Members)
	var deadVoters, liveVoters, readyLearners []*etcdserverpb.Member
	now := time.Now()
	for _, m := range list.Members {
		switch {
		case m.IsLearner:
			if healthy[m.ID] {
				readyLearners = append(readyLearners, m)
			}
		case healthy[m.ID]:
			delete(down, m.ID)
			liveVoters = append(liveVoters, m)
		default:
			if _, ok := down[m.ID]; !ok {
				down[m.ID] = now
			}
			if now.Sub(down[m.ID]) >= s.opts.DeadMemberTimeout {
				deadVoters = append(deadVoters, m)
			}
		}
	}
	voters := len(list.Members) - countLearners(list.Members)
	if len(deadVoters) > 0 && len(readyLearners) > 0 && len(liveVoters) >= (voters-1)/2+1 {
		dead := deadVoters[0]
		if _, err := s.client.MemberRemove(ctx, dead.ID); err != nil {
			return err
		}
		delete(down, dead.ID)
		s.membershipChange("remove", "voter unreachable for longer than --dead-member-timeout", dead)
		voters--
	}
	if voters < s.opts.Voters && len(readyLearners) > 0 {
		l := readyLearners[0]
		if _, err := s.client.MemberPromote(ctx, l.ID); err != nil {
			if errors.Is(err, rpctypes.ErrMemberLearnerNotReady) {
				return nil // not caught up yet: next round
			}
			return err
		}
		s.membershipChange("promote", "fewer voters than --voters", l)
	}
	return nil
}

func countLearners(members []*etcdserverpb.Member) int {
	return len(members) - voters(members)
}

// membersHealth probes every member's /health, as etcdctl endpoint health does.
func (s *Sidecar) membersHealth(ctx context.Context, members []*etcdserverpb.Member) map[uint64]bool {
	var mu sync.Mutex
	var wg sync.WaitGroup
	healthy := map[uint64]bool{}
	client := s.httpClient(s.opts.ClientTLS)
	for _, m := range members {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok := memberHealthy(ctx, client, m.ClientURLs)
			mu.Lock()
			healthy[m.ID] = ok
			mu.Unlock()
		}()
	}
	wg.Wait()
	return healthy
}
