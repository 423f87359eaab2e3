package sidecar

import (
	"context"
	"net/http"
	"time"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"go.etcd.io/etcd/api/v3/version"
	clientv3 "go.etcd.io/etcd/client/v3"
)

// ClusterServer describes the cluster and this sidecar's place in it.
type ClusterServer struct {
	pb.UnimplementedClusterServiceServer
	s *Sidecar
}

// memberHealthTimeout bounds the health probe of each member.
const memberHealthTimeout = time.Second

// Status lists the members, with their health, and this node's view.
func (c *ClusterServer) Status(ctx context.Context, _ *pb.ClusterStatusRequest) (*pb.ClusterStatus, error) {
	s := c.s
	list, err := s.client.MemberList(ctx)
	if err != nil {
		return nil, toStatus(err, "list members")
	}
	out := &pb.ClusterStatus{ClusterId: list.Header.ClusterId, Name: s.opts.Name, Role: s.Role(), Version: version.Version}
	var leader uint64
	if s.member != nil {
		server := s.member.Server
		out.MemberId, out.DbSize, out.RaftTerm = uint64(server.MemberID()), server.Backend().Size(), server.Term()
		leader = uint64(server.Leader())
	} else if eps := s.client.Endpoints(); len(eps) > 0 {
		if st, err := s.client.Status(ctx, eps[0]); err == nil {
			out.DbSize, out.RaftTerm, leader = st.DbSize, st.RaftTerm, st.Leader
		}
	}
	now, err := s.client.Get(ctx, root, clientv3.WithCountOnly(), clientv3.WithSerializable())
	if err != nil {
		return nil, toStatus(err, "read revision")
	}
	out.Revision = now.Header.Revision
	healthy := s.membersHealth(ctx, list.Members)
	for _, m := range list.Members {
		out.Members = append(out.Members, &pb.Member{Id: m.ID, Name: m.Name, PeerUrls: m.PeerURLs, ClientUrls: m.ClientURLs,
			Learner: m.IsLearner, Leader: m.ID == leader, Healthy: healthy[m.ID]})
	}
	return out, nil
}

// memberHealthy asks a member's /health endpoint, as etcdctl endpoint health does.
func memberHealthy(ctx context.Context, client *http.Client, clientURLs []string) bool {
	if len(clientURLs) == 0 {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, memberHealthTimeout)
	defer cancel()
	return probe(ctx, client, clientURLs[0]+"/health?serializable=true") == nil
}
