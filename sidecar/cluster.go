package sidecar

import (
	"context"
	"net/http"
	"sync"
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
	list, err := c.s.client.MemberList(ctx)
	if err != nil {
		return nil, toStatus(err, "list members")
	}
	now, err := c.s.client.Get(ctx, root, clientv3.WithCountOnly(), clientv3.WithSerializable())
	if err != nil {
		return nil, toStatus(err, "read revision")
	}
	server := c.s.member.Server
	out := &pb.ClusterStatus{
		ClusterId: list.Header.ClusterId,
		Name:      c.s.opts.Name,
		Role:      c.s.Role(),
		MemberId:  uint64(server.MemberID()),
		Revision:  now.Header.Revision,
		DbSize:    server.Backend().Size(),
		RaftTerm:  server.Term(),
		Version:   version.Version,
	}
	leader := uint64(server.Leader())
	var wg sync.WaitGroup
	for _, m := range list.Members {
		member := &pb.Member{Id: m.ID, Name: m.Name, PeerUrls: m.PeerURLs, ClientUrls: m.ClientURLs,
			Learner: m.IsLearner, Leader: m.ID == leader}
		out.Members = append(out.Members, member)
		wg.Add(1)
		go func() {
			defer wg.Done()
			member.Healthy = memberHealthy(ctx, m.ClientURLs)
		}()
	}
	wg.Wait()
	return out, nil
}

// memberHealthy asks a member's /health endpoint, as etcdctl endpoint health does.
func memberHealthy(ctx context.Context, clientURLs []string) bool {
	if len(clientURLs) == 0 {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, memberHealthTimeout)
	defer cancel()
	return probe(ctx, http.DefaultClient, clientURLs[0]+"/health") == nil
}
