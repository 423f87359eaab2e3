package robustness

import (
	"fmt"
	"math"
	"sort"
	"sync"
	"time"

	"github.com/anishathalye/porcupine"
)

// The config operations are checked against a sequential register per key.
// Values are unique, so a value names the write that made it: a compare-and-set
// on revision R, issued after a read saw value V at modRevision R, holds exactly
// when the key's value is still V.

type kvInput struct {
	Op     string // get, put, cas, delete
	Key    string
	Value  string // put, cas: the value written
	IfRev  int64  // cas: ifRevision
	Expect string // cas: the value the key had at IfRev ("" for absent, IfRev 0)
}

type kvOutput struct {
	Unknown  bool // the call failed indeterminately: it may or may not have happened
	OK       bool // put, cas: written; get: found
	Conflict bool // cas: 409, the compare did not hold
	Value    string
	Rev      int64 // put, cas: the new modRevision; get: the entry's modRevision
	Deleted  int64 // delete
}

// kvState is one key: its value ("" when absent) and modRevision (-1 when unknown,
// after a write whose answer was lost).
type kvState struct {
	Val string
	Rev int64
}

var kvModel = porcupine.Model{
	Partition: func(history []porcupine.Operation) [][]porcupine.Operation {
		byKey := map[string][]porcupine.Operation{}
		var keys []string
		for _, op := range history {
			k := op.Input.(kvInput).Key
			if _, ok := byKey[k]; !ok {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], op)
		}
		sort.Strings(keys)
		out := make([][]porcupine.Operation, 0, len(keys))
		for _, k := range keys {
			out = append(out, byKey[k])
		}
		return out
	},
	Init: func() any { return kvState{Val: "", Rev: 0} },
	Step: func(state, input, output any) (bool, any) {
		s, in, out := state.(kvState), input.(kvInput), output.(kvOutput)
		switch in.Op {
		case "get":
			if out.Unknown {
				return true, s
			}
			if !out.OK {
				return s.Val == "", s
			}
			if out.Value != s.Val || (s.Rev >= 0 && s.Rev != out.Rev) {
				return false, s
			}
			return true, kvState{Val: s.Val, Rev: out.Rev}
		case "put":
			if out.Unknown {
				return true, kvState{Val: in.Value, Rev: -1}
			}
			return out.Rev > s.Rev, kvState{Val: in.Value, Rev: out.Rev}
		case "cas":
			match := s.Val == in.Expect
			if out.Unknown {
				if match {
					return true, kvState{Val: in.Value, Rev: -1}
				}
				return true, s
			}
			if out.Conflict {
				return !match, s
			}
			return match && out.Rev > s.Rev, kvState{Val: in.Value, Rev: out.Rev}
		case "delete":
			if out.Unknown {
				return true, kvState{Val: "", Rev: 0}
			}
			return (out.Deleted == 1) == (s.Val != ""), kvState{Val: "", Rev: 0}
		}
		return false, s
	},
	DescribeOperation: func(input, output any) string {
		in, out := input.(kvInput), output.(kvOutput)
		res := ""
		switch {
		case out.Unknown:
			res = "?"
		case in.Op == "get" && !out.OK:
			res = "not found"
		case in.Op == "get":
			res = fmt.Sprintf("%q@%d", out.Value, out.Rev)
		case in.Op == "delete":
			res = fmt.Sprintf("deleted %d", out.Deleted)
		case out.Conflict:
			res = "conflict"
		default:
			res = fmt.Sprintf("ok@%d", out.Rev)
		}
		switch in.Op {
		case "get":
			return fmt.Sprintf("get(%s) -> %s", in.Key, res)
		case "put":
			return fmt.Sprintf("put(%s, %q) -> %s", in.Key, in.Value, res)
		case "cas":
			return fmt.Sprintf("cas(%s, if %d (%q), %q) -> %s", in.Key, in.IfRev, in.Expect, in.Value, res)
		default:
			return fmt.Sprintf("delete(%s) -> %s", in.Key, res)
		}
	},
	DescribeState: func(state any) string {
		s := state.(kvState)
		if s.Val == "" {
			return "absent"
		}
		return fmt.Sprintf("%q@%d", s.Val, s.Rev)
	},
}

// history records config operations as they happen, for porcupine.
type history struct {
	mu    sync.Mutex
	start time.Time
	ops   []porcupine.Operation
	// raw, for the saved history: every call with its protocol and member.
	raw []rawOp
}

type rawOp struct {
	Client   int      `json:"client"`
	Member   string   `json:"member"`
	Protocol string   `json:"protocol"`
	Input    kvInput  `json:"input"`
	Output   kvOutput `json:"output"`
	Call     int64    `json:"callNs"`
	Return   int64    `json:"returnNs"`
	Err      string   `json:"err,omitempty"`
}

func (h *history) now() int64 { return int64(time.Since(h.start)) }

// add records one call. A call that failed indeterminately returns "never": it may
// take effect at any time after it was made.
func (h *history) add(client int, a api, in kvInput, out kvOutput, call, ret int64, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := rawOp{Client: client, Member: a.member(), Protocol: a.proto(), Input: in, Output: out, Call: call, Return: ret}
	if err != nil {
		r.Err = err.Error()
	}
	h.raw = append(h.raw, r)
	if out.Unknown {
		if in.Op == "get" {
			return // a read that failed changed nothing
		}
		ret = math.MaxInt64
	}
	h.ops = append(h.ops, porcupine.Operation{ClientId: client, Input: in, Output: out, Call: call, Return: ret})
}
