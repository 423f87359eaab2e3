package sidecar

import (
	"context"
	"fmt"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"go.etcd.io/etcd/api/v3/mvccpb"
	clientv3 "go.etcd.io/etcd/client/v3"
	"google.golang.org/protobuf/proto"
)

// ElectionServer implements leader election on a queue per election: the head of
// the queue leads, its create revision is the term and its value the leader's value.
type ElectionServer struct {
	pb.UnimplementedElectionServiceServer
	s *Sidecar
}

// Campaign runs for leader.
func (el *ElectionServer) Campaign(ctx context.Context, req *pb.CampaignRequest) (*pb.CampaignResponse, error) {
	if err := checkName("name", req.Name); err != nil {
		return nil, err
	}
	if err := checkValue("value", req.Value); err != nil {
		return nil, err
	}
	e, err := el.s.enqueue(ctx, electionDir(req.Name), req.SessionId, req.TtlSeconds, req.WaitSeconds, req.Value, true)
	if err != nil || e.key == "" {
		return &pb.CampaignResponse{}, err
	}
	return &pb.CampaignResponse{Elected: true, Term: e.rev, SessionId: e.session}, nil
}

// leaderOf reads the leader of an election, nil when there is none.
func (s *Sidecar) leaderOf(ctx context.Context, name string) (*pb.Leader, error) {
	head, err := s.queueHead(ctx, electionDir(name))
	if err != nil || head == nil {
		return nil, err
	}
	return leader(name, head), nil
}

func leader(name string, head *mvccpb.KeyValue) *pb.Leader {
	return &pb.Leader{Name: name, Value: string(head.Value), Term: head.CreateRevision,
		SessionId: sessionOfQueueKey(electionDir(name), string(head.Key))}
}

// Proclaim changes the leader's value.
func (el *ElectionServer) Proclaim(ctx context.Context, req *pb.ProclaimRequest) (*pb.Leader, error) {
	if err := checkName("name", req.Name); err != nil {
		return nil, err
	}
	if err := checkSessionID("sessionId", req.SessionId); err != nil {
		return nil, err
	}
	if err := checkValue("value", req.Value); err != nil {
		return nil, err
	}
	lead, err := el.s.leaderOf(ctx, req.Name)
	if err != nil {
		return nil, err
	}
	notLeader := preconditionf("session %d is not the leader of election %q", req.SessionId, req.Name)
	if lead == nil || lead.SessionId != req.SessionId {
		return nil, notLeader
	}
	e := queueEntry{key: queueKey(electionDir(req.Name), req.SessionId), rev: lead.Term, session: req.SessionId}
	if err := el.s.setQueueValue(ctx, e, req.Value); err != nil {
		return nil, notLeader
	}
	lead.Value = req.Value
	return lead, nil
}

// Resign gives leadership up, or leaves the line of candidates.
func (el *ElectionServer) Resign(ctx context.Context, req *pb.ResignRequest) (*pb.ResignResponse, error) {
	if err := checkName("name", req.Name); err != nil {
		return nil, err
	}
	if err := checkSessionID("sessionId", req.SessionId); err != nil {
		return nil, err
	}
	resigned, err := el.s.leaveQueueOf(ctx, electionDir(req.Name), req.SessionId, fmt.Sprintf("resign from election %q", req.Name))
	if err != nil {
		return nil, err
	}
	return &pb.ResignResponse{Resigned: resigned}, nil
}

// GetLeader reads the current leader.
func (el *ElectionServer) GetLeader(ctx context.Context, req *pb.GetLeaderRequest) (*pb.Leader, error) {
	if err := checkName("name", req.Name); err != nil {
		return nil, err
	}
	lead, err := el.s.leaderOf(ctx, req.Name)
	if err != nil {
		return nil, err
	}
	if lead == nil {
		return nil, notFoundf("election %q has no leader", req.Name)
	}
	return lead, nil
}

// Observe streams the leader, then every change of leader or of its value.
func (el *ElectionServer) Observe(req *pb.ObserveElectionRequest, stream pb.ElectionService_ObserveServer) error {
	if err := checkName("name", req.Name); err != nil {
		return err
	}
	return el.s.watch(stream.Context(), electionDir(req.Name), 0, &observeSink{s: el.s, name: req.Name, stream: stream, first: true})
}

// observeSink turns the watch of an election's queue into leader changes.
type observeSink struct {
	s      *Sidecar
	name   string
	stream pb.ElectionService_ObserveServer
	last   *pb.Leader
	first  bool
}

// send reads the leader as of rev and sends it if it changed.
func (o *observeSink) send(rev int64) error {
	head, err := o.s.client.Get(o.stream.Context(), electionDir(o.name), append(clientv3.WithFirstCreate(), clientv3.WithRev(rev))...)
	if err != nil {
		return nil // the watch goes on; the next change reads again
	}
	var lead *pb.Leader
	if len(head.Kvs) > 0 {
		lead = leader(o.name, head.Kvs[0])
	}
	if !o.first && proto.Equal(lead, o.last) {
		return nil
	}
	o.first, o.last = false, lead
	return o.stream.Send(&pb.ObserveElectionResponse{Leader: lead, Revision: rev})
}

func (o *observeSink) batch(rev int64, _ []*clientv3.Event) error { return o.send(rev) }

func (o *observeSink) resync(rev int64, _ []*mvccpb.KeyValue) error { return o.send(rev) }

func (o *observeSink) progress(rev int64) error {
	if o.first {
		return o.send(rev)
	}
	return o.stream.Send(&pb.ObserveElectionResponse{Signal: &pb.ObserveElectionResponse_ProgressRevision{ProgressRevision: rev}})
}
