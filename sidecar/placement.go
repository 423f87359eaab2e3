package sidecar

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"go.etcd.io/etcd/api/v3/etcdserverpb"
	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	"go.etcd.io/etcd/server/v3/etcdserver/api/v3client"
	"go.uber.org/zap"
)

// Roles of a sidecar in the cluster.
const (
	RoleVoter   = "voter"
	RoleLearner = "learner"
	RoleClient  = "client"
)

// membershipLock serializes joins, so that concurrent joiners decide their roles
// one at a time and never leave a member added but not started.
const membershipLock = root + "cluster/membership"

// place starts this sidecar's member (none in the client role) and connects its
// client: it bootstraps or restarts a static cluster, or joins a running one.
func (s *Sidecar) place(ctx context.Context, lg *zap.Logger) error {
	urls, err := resolveMemberURLs(s.opts)
	if err != nil {
		return err
	}
	s.urls = urls
	if len(s.opts.Join) > 0 {
		return s.join(ctx, lg, s.opts.Join)
	}
	return s.startStatic(ctx, lg)
}

// startStatic bootstraps (or restarts) a member of the cluster --initial-cluster
// names; a member whose data was lost while the cluster went on joins it anew.
func (s *Sidecar) startStatic(ctx context.Context, lg *zap.Logger) error {
	initial := s.opts.InitialCluster
	if initial == "" {
		initial = s.opts.Name + "=" + s.urls.advertisePeer.String()
	}
	e, err := startMember(memberConfig(s.opts, s.urls, initial, "new", lg), s.opts.ReadyTimeout)
	if err != nil && strings.Contains(err.Error(), "has already been bootstrapped") {
		s.log.Warn("this member's data is gone but the cluster knows it: joining again as a new member", "name", s.opts.Name)
		if err := dropMemberData(s.opts.DataDir); err != nil {
			return err
		}
		peers, err := peerMembers(ctx, s.httpClient(s.opts.PeerTLS), initial, s.opts.Name)
		if err != nil {
			return err
		}
		return s.join(ctx, lg, peers)
	}
	if err != nil {
		return err
	}
	s.member, s.client = e, v3client.New(e.Server)
	s.local, s.role = s.client, roleOf(e.Server.IsLearner())
	if s.role == RoleLearner {
		// A learner restarted without --join: its requests go to the voters it knows.
		var voters []string
		for _, m := range e.Server.Cluster().Members() {
			if !m.IsLearner {
				voters = append(voters, m.ClientURLs...)
			}
		}
		if s.remote, err = s.dialCluster(ctx, voters); err != nil {
			return err
		}
		s.client = s.remote
	}
	return nil
}

func roleOf(learner bool) string {
	if learner {
		return RoleLearner
	}
	return RoleVoter
}

// join places this sidecar in a running cluster, reached through urls.
func (s *Sidecar) join(ctx context.Context, lg *zap.Logger, urls []string) error {
	remote, err := s.dialCluster(ctx, urls)
	if err != nil {
		return err
	}
	s.remote = remote
	session, err := concurrency.NewSession(remote, concurrency.WithTTL(10))
	if err != nil {
		return toStatus(err, "join: open a session on the cluster")
	}
	defer session.Close()
	lock := concurrency.NewMutex(session, membershipLock)
	if err := lock.Lock(ctx); err != nil {
		return fmt.Errorf("join: take the membership lock: %w", err)
	}
	defer lock.Unlock(context.Background())

	list, err := remote.MemberList(ctx)
	if err != nil {
		return fmt.Errorf("join: list members: %w", err)
	}
	mine := s.findSelf(list.Members)
	if hasMemberData(s.opts.DataDir) {
		if mine != nil {
			return s.restartMember(ctx, lg, list.Members, mine)
		}
		s.log.Warn("this member was removed from the cluster while away: dropping its data and joining anew", "name", s.opts.Name)
		if err := dropMemberData(s.opts.DataDir); err != nil {
			return err
		}
	}
	if mine != nil {
		if _, err := remote.MemberRemove(ctx, mine.ID); err != nil {
			return fmt.Errorf("join: remove the stale member %x of this name: %w", mine.ID, err)
		}
		s.membershipChange("remove", "data dir lost; member re-added", mine)
		list.Members = withoutMember(list.Members, mine.ID)
	}
	role := s.pickRole(list.Members)
	if role == RoleClient {
		s.role, s.client = RoleClient, remote
		return nil
	}
	add, err := s.addLearner(ctx, remote)
	if err != nil {
		return fmt.Errorf("join: add this member as a learner: %w", err)
	}
	s.membershipChange("add", "joined as "+role, add.Member)
	initial := initialCluster(add.Members, add.Member.ID, s.opts.Name)
	e, err := startMember(memberConfig(s.opts, s.urls, initial, "existing", lg), s.opts.ReadyTimeout)
	if err != nil {
		rctx, cancel := cleanupContext()
		defer cancel()
		if _, rerr := remote.MemberRemove(rctx, add.Member.ID); rerr == nil {
			s.membershipChange("remove", "join failed", add.Member)
		}
		return fmt.Errorf("join: the member did not start, so it was removed again: %w", err)
	}
	s.member, s.role, s.client, s.local = e, RoleLearner, remote, v3client.New(e.Server)
	if role == RoleVoter {
		s.promoteSelf(ctx)
	}
	return nil
}

// restartMember starts the member this data dir holds, as the member it was.
func (s *Sidecar) restartMember(ctx context.Context, lg *zap.Logger, members []*etcdserverpb.Member, mine *etcdserverpb.Member) error {
	e, err := startMember(memberConfig(s.opts, s.urls, initialCluster(members, mine.ID, s.opts.Name), "existing", lg), s.opts.ReadyTimeout)
	if err != nil {
		return err
	}
	s.member, s.local = e, v3client.New(e.Server)
	if !mine.IsLearner {
		s.role, s.client = RoleVoter, s.local
		return nil
	}
	s.role, s.client = RoleLearner, s.remote
	if voters(members) < s.opts.Voters && s.opts.Role != RoleLearner {
		s.promoteSelf(ctx)
	}
	return nil
}

// addLearner adds this member to the cluster as a learner. etcd refuses changes
// of membership for a few seconds after the last one (until every voter has been
// connected for a while): those refusals are waited out, up to the ready timeout.
func (s *Sidecar) addLearner(ctx context.Context, remote *clientv3.Client) (*clientv3.MemberAddResponse, error) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.ReadyTimeout)
	defer cancel()
	for {
		add, err := remote.MemberAddAsLearner(ctx, []string{s.urls.advertisePeer.String()})
		if !errors.Is(err, rpctypes.ErrUnhealthy) {
			return add, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// caughtUp reports whether the local member has applied what the cluster had
// committed when asked.
func (s *Sidecar) caughtUp(ctx context.Context) bool {
	for _, ep := range s.remote.Endpoints() {
		st, err := s.remote.Status(ctx, ep)
		if err == nil {
			return s.member.Server.AppliedIndex() >= st.RaftIndex
		}
	}
	return false
}

// promoteSelf promotes this learner to voter once it has caught up; it stays a
// learner if that takes longer than the ready timeout.
func (s *Sidecar) promoteSelf(ctx context.Context) {
	id := uint64(s.member.Server.MemberID())
	ctx, cancel := context.WithTimeout(ctx, s.opts.ReadyTimeout)
	defer cancel()
	for {
		var err error = rpctypes.ErrMemberLearnerNotReady
		if s.caughtUp(ctx) {
			_, err = s.remote.MemberPromote(ctx, id)
		}
		if err == nil {
			s.role, s.client = RoleVoter, s.local
			s.membershipChange("promote", "caught up; fewer voters than --voters", &etcdserverpb.Member{ID: id, Name: s.opts.Name})
			return
		}
		if !errors.Is(err, rpctypes.ErrMemberLearnerNotReady) && !errors.Is(err, rpctypes.ErrUnhealthy) {
			s.log.Warn("cannot promote this learner; it stays a learner", "err", err)
			return
		}
		select {
		case <-ctx.Done():
			s.log.Warn("this learner did not catch up in time; it stays a learner", "timeout", s.opts.ReadyTimeout)
			return
		case <-time.After(300 * time.Millisecond):
		}
	}
}

// pickRole chooses the role of a joining sidecar: a voter while the cluster has
// fewer than --voters, a learner while it has fewer than --max-learners, else a client.
func (s *Sidecar) pickRole(members []*etcdserverpb.Member) string {
	if s.opts.Role != "" {
		return s.opts.Role
	}
	switch v := voters(members); {
	case v < s.opts.Voters:
		return RoleVoter
	case len(members)-v < s.opts.MaxLearners:
		return RoleLearner
	}
	return RoleClient
}

func voters(members []*etcdserverpb.Member) int {
	n := 0
	for _, m := range members {
		if !m.IsLearner {
			n++
		}
	}
	return n
}

func withoutMember(members []*etcdserverpb.Member, id uint64) []*etcdserverpb.Member {
	var out []*etcdserverpb.Member
	for _, m := range members {
		if m.ID != id {
			out = append(out, m)
		}
	}
	return out
}

// findSelf finds this sidecar's member by name or advertised peer URL.
func (s *Sidecar) findSelf(members []*etcdserverpb.Member) *etcdserverpb.Member {
	for _, m := range members {
		if m.Name == s.opts.Name {
			return m
		}
		for _, u := range m.PeerURLs {
			if u == s.urls.advertisePeer.String() {
				return m
			}
		}
	}
	return nil
}

// initialCluster writes the member list as etcd's --initial-cluster (as etcdctl
// member add does), naming the member self (not started yet, so nameless) after
// this sidecar.
func initialCluster(members []*etcdserverpb.Member, self uint64, name string) string {
	var parts []string
	for _, m := range members {
		n := m.Name
		if m.ID == self {
			n = name
		}
		for _, u := range m.PeerURLs {
			parts = append(parts, n+"="+u)
		}
	}
	return strings.Join(parts, ",")
}

// dialCluster connects to the cluster that urls lead to: each is a sidecar's JSON
// API (asked for the members' client URLs) or a member's etcd client URL.
func (s *Sidecar) dialCluster(ctx context.Context, urls []string) (*clientv3.Client, error) {
	var endpoints []string
	for _, u := range urls {
		if eps, err := s.sidecarEndpoints(ctx, u); err == nil {
			endpoints = append(endpoints, eps...)
		} else {
			endpoints = append(endpoints, u)
		}
	}
	cfg := clientv3.Config{Endpoints: endpoints, DialTimeout: 5 * time.Second, Logger: zap.NewNop()}
	if s.opts.ClientTLS.Enabled() {
		tc, err := s.clientTLSConfig()
		if err != nil {
			return nil, err
		}
		cfg.TLS = tc
	}
	cli, err := clientv3.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to the cluster at %v: %w", endpoints, err)
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	list, err := cli.MemberList(cctx)
	if err != nil {
		cli.Close()
		return nil, fmt.Errorf("reach the cluster at %v: %w", endpoints, err)
	}
	cli.SetEndpoints(voterClientURLs(list.Members)...)
	return cli, nil
}

func voterClientURLs(members []*etcdserverpb.Member) []string {
	var urls []string
	for _, m := range members {
		if !m.IsLearner {
			urls = append(urls, m.ClientURLs...)
		}
	}
	return urls
}

// sidecarEndpoints asks a sidecar's JSON API for its members' etcd client URLs.
func (s *Sidecar) sidecarEndpoints(ctx context.Context, apiURL string) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(apiURL, "/")+"/v1/cluster", nil)
	if err != nil {
		return nil, err
	}
	if s.opts.APIToken != "" {
		req.Header.Set("Authorization", "Bearer "+s.opts.APIToken)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var status struct {
		Members []struct {
			ClientURLs []string `json:"clientUrls"`
			Learner    bool     `json:"learner"`
		} `json:"members"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&status) != nil {
		return nil, fmt.Errorf("%s is not an Outrigger API", apiURL)
	}
	var urls []string
	for _, m := range status.Members {
		if !m.Learner {
			urls = append(urls, m.ClientURLs...)
		}
	}
	if len(urls) == 0 {
		return nil, fmt.Errorf("%s lists no voters", apiURL)
	}
	return urls, nil
}

// peerMembers asks the peers of a static cluster (etcd's /members on peer URLs)
// for the members' client URLs.
func peerMembers(ctx context.Context, client *http.Client, initial, self string) ([]string, error) {
	for _, entry := range strings.Split(initial, ",") {
		name, peer, _ := strings.Cut(entry, "=")
		if name == self {
			continue
		}
		ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, peer+"/members", nil)
		resp, err := client.Do(req)
		if err != nil {
			cancel()
			continue
		}
		var members []struct {
			ClientURLs []string `json:"clientURLs"`
		}
		err = json.NewDecoder(resp.Body).Decode(&members)
		resp.Body.Close()
		cancel()
		if err != nil {
			continue
		}
		var urls []string
		for _, m := range members {
			urls = append(urls, m.ClientURLs...)
		}
		if len(urls) > 0 {
			return urls, nil
		}
	}
	return nil, fmt.Errorf("no peer of %q answers with its members", initial)
}

// clientTLSConfig is the TLS this sidecar uses to reach members' client URLs.
func (s *Sidecar) clientTLSConfig() (*tls.Config, error) {
	if s.opts.ClientTLS.CertFile == "" {
		return &tls.Config{InsecureSkipVerify: true}, nil // --client-auto-tls: self-signed, development only
	}
	return tlsInfo(s.opts.ClientTLS).ClientConfig()
}

// httpClient is an HTTP client for members' URLs secured with t.
func (s *Sidecar) httpClient(t TLS) *http.Client {
	if !t.Enabled() {
		return http.DefaultClient
	}
	tc := &tls.Config{InsecureSkipVerify: true}
	if t.CertFile != "" {
		if c, err := tlsInfo(t).ClientConfig(); err == nil {
			tc = c
		}
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: tc}}
}
