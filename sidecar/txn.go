package sidecar

import (
	"context"
	"fmt"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"go.etcd.io/etcd/api/v3/etcdserverpb"
	clientv3 "go.etcd.io/etcd/client/v3"
)

var compareOps = map[pb.CompareOp]string{
	pb.CompareOp_EQUAL: "=", pb.CompareOp_NOT_EQUAL: "!=", pb.CompareOp_LESS: "<", pb.CompareOp_GREATER: ">",
}

// Txn runs compares and operations as one etcd transaction.
func (c *ConfigServer) Txn(ctx context.Context, req *pb.TxnRequest) (*pb.TxnResponse, error) {
	size := 0
	if len(req.Compare) > maxTxnOps {
		return nil, invalidf("compare: %d compares, more than the limit of %d", len(req.Compare), maxTxnOps)
	}
	cmps := make([]clientv3.Cmp, len(req.Compare))
	for i, cmp := range req.Compare {
		var err error
		if cmps[i], err = txnCompare(fmt.Sprintf("compare[%d]", i), cmp); err != nil {
			return nil, err
		}
		size += len(cmp.Key) + len(cmp.GetValue())
	}
	then, n, err := txnOps("then", req.Then)
	if err != nil {
		return nil, err
	}
	size += n
	els, n, err := txnOps("else", req.Else)
	if err != nil {
		return nil, err
	}
	if size += n; size > maxTxnBytes {
		return nil, invalidf("transaction: keys and values add up to %d bytes, more than the limit of %d", size, maxTxnBytes)
	}
	resp, err := c.s.client.Txn(ctx).If(cmps...).Then(then...).Else(els...).Commit()
	if err != nil {
		return nil, toStatus(err, "transaction")
	}
	out := &pb.TxnResponse{Succeeded: resp.Succeeded, Revision: resp.Header.Revision}
	branch := req.Else
	if resp.Succeeded {
		branch = req.Then
	}
	for i, r := range resp.Responses {
		out.Results = append(out.Results, txnResult(r, branch[i], resp.Header.Revision))
	}
	return out, nil
}

func txnCompare(field string, c *pb.Compare) (clientv3.Cmp, error) {
	if err := checkKey(field+".key", c.Key); err != nil {
		return clientv3.Cmp{}, err
	}
	op, ok := compareOps[c.Op]
	if !ok {
		return clientv3.Cmp{}, invalidf("%s.op: unknown operator %d", field, c.Op)
	}
	key := configKey(c.Key)
	switch t := c.Target.(type) {
	case *pb.Compare_Value:
		if err := checkValue(field+".value", t.Value); err != nil {
			return clientv3.Cmp{}, err
		}
		return clientv3.Compare(clientv3.Value(key), op, t.Value), nil
	case *pb.Compare_ModRevision:
		return clientv3.Compare(clientv3.ModRevision(key), op, t.ModRevision), nil
	case *pb.Compare_CreateRevision:
		return clientv3.Compare(clientv3.CreateRevision(key), op, t.CreateRevision), nil
	case *pb.Compare_Version:
		return clientv3.Compare(clientv3.Version(key), op, t.Version), nil
	case *pb.Compare_Exists:
		if c.Op != pb.CompareOp_EQUAL {
			return clientv3.Cmp{}, invalidf("%s.op: exists compares only with EQUAL", field)
		}
		if t.Exists {
			return clientv3.Compare(clientv3.CreateRevision(key), ">", 0), nil
		}
		return clientv3.Compare(clientv3.CreateRevision(key), "=", 0), nil
	}
	return clientv3.Cmp{}, invalidf("%s: needs one of value, modRevision, createRevision, version, exists", field)
}

// txnOps converts one branch, returning its operations and their key and value bytes.
func txnOps(field string, ops []*pb.TxnOp) ([]clientv3.Op, int, error) {
	if len(ops) > maxTxnOps {
		return nil, 0, invalidf("%s: %d operations, more than the limit of %d", field, len(ops), maxTxnOps)
	}
	out := make([]clientv3.Op, len(ops))
	size := 0
	for i, op := range ops {
		name := fmt.Sprintf("%s[%d]", field, i)
		switch o := op.Op.(type) {
		case *pb.TxnOp_Put:
			if err := checkKey(name+".put.key", o.Put.Key); err != nil {
				return nil, 0, err
			}
			if err := checkValue(name+".put.value", o.Put.Value); err != nil {
				return nil, 0, err
			}
			if o.Put.SessionId < 0 {
				return nil, 0, invalidf("%s.put.sessionId: %d is not a session id", name, o.Put.SessionId)
			}
			out[i] = clientv3.OpPut(configKey(o.Put.Key), o.Put.Value, clientv3.WithLease(clientv3.LeaseID(o.Put.SessionId)))
			size += len(o.Put.Key) + len(o.Put.Value)
		case *pb.TxnOp_Delete:
			if err := checkKey(name+".delete.key", o.Delete.Key); err != nil {
				return nil, 0, err
			}
			out[i] = clientv3.OpDelete(configKey(o.Delete.Key), prefixOption(o.Delete.Prefix)...)
			size += len(o.Delete.Key)
		case *pb.TxnOp_Get:
			if err := checkKey(name+".get.key", o.Get.Key); err != nil {
				return nil, 0, err
			}
			out[i] = clientv3.OpGet(configKey(o.Get.Key), prefixOption(o.Get.Prefix)...)
			size += len(o.Get.Key)
		default:
			return nil, 0, invalidf("%s: needs one of put, delete, get", name)
		}
	}
	return out, size, nil
}

func prefixOption(prefix bool) []clientv3.OpOption {
	if prefix {
		return []clientv3.OpOption{clientv3.WithPrefix()}
	}
	return nil
}

func txnResult(r *etcdserverpb.ResponseOp, op *pb.TxnOp, rev int64) *pb.TxnResult {
	switch {
	case r.GetResponsePut() != nil:
		return &pb.TxnResult{Result: &pb.TxnResult_Put{Put: &pb.TxnPutResult{Key: op.GetPut().GetKey(), ModRevision: rev}}}
	case r.GetResponseDeleteRange() != nil:
		return &pb.TxnResult{Result: &pb.TxnResult_Delete{Delete: &pb.TxnDeleteResult{Deleted: r.GetResponseDeleteRange().Deleted}}}
	default:
		return &pb.TxnResult{Result: &pb.TxnResult_Get{Get: &pb.TxnGetResult{Items: entries(r.GetResponseRange().Kvs)}}}
	}
}
