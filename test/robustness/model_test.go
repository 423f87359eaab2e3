package robustness

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/anishathalye/porcupine"
)

// The model must refuse what a broken store would do, and accept what a write
// with a lost answer may do, or the linearizability check proves nothing.

func op(client int, in kvInput, out kvOutput, call, ret int64) porcupine.Operation {
	if out.Unknown {
		ret = math.MaxInt64
	}
	return porcupine.Operation{ClientId: client, Input: in, Output: out, Call: call, Return: ret}
}

func TestModelRefusesStaleRead(t *testing.T) {
	h := []porcupine.Operation{
		op(0, kvInput{Op: "put", Key: "k", Value: "a"}, kvOutput{OK: true, Rev: 5}, 0, 10),
		op(0, kvInput{Op: "put", Key: "k", Value: "b"}, kvOutput{OK: true, Rev: 6}, 20, 30),
		op(1, kvInput{Op: "get", Key: "k"}, kvOutput{OK: true, Value: "a", Rev: 5}, 40, 50), // stale
	}
	res, info := porcupine.CheckOperationsVerbose(kvModel, h, 0)
	if res != porcupine.Illegal {
		t.Fatalf("a stale read after a completed write: %s, want Illegal", res)
	}
	// The visualization the suite saves on failure can be written.
	path := filepath.Join(t.TempDir(), "vis.html")
	if err := porcupine.VisualizePath(kvModel, info, path); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("visualization: %v", err)
	}
}

func TestModelRefusesLostCASAndDelete(t *testing.T) {
	for name, h := range map[string][]porcupine.Operation{
		"cas succeeded though the value had changed": {
			op(0, kvInput{Op: "put", Key: "k", Value: "a"}, kvOutput{OK: true, Rev: 5}, 0, 10),
			op(0, kvInput{Op: "put", Key: "k", Value: "b"}, kvOutput{OK: true, Rev: 6}, 20, 30),
			op(1, kvInput{Op: "cas", Key: "k", Value: "c", IfRev: 5, Expect: "a"}, kvOutput{OK: true, Rev: 7}, 40, 50),
		},
		"cas refused though the value was unchanged": {
			op(0, kvInput{Op: "put", Key: "k", Value: "a"}, kvOutput{OK: true, Rev: 5}, 0, 10),
			op(1, kvInput{Op: "cas", Key: "k", Value: "c", IfRev: 5, Expect: "a"}, kvOutput{Conflict: true}, 40, 50),
		},
		"delete of an absent key deleted one": {
			op(1, kvInput{Op: "delete", Key: "k"}, kvOutput{OK: true, Deleted: 1}, 40, 50),
		},
		"an acknowledged write was lost": {
			op(0, kvInput{Op: "put", Key: "k", Value: "a"}, kvOutput{OK: true, Rev: 5}, 0, 10),
			op(1, kvInput{Op: "get", Key: "k"}, kvOutput{}, 40, 50),
		},
		"revisions went back": {
			op(0, kvInput{Op: "put", Key: "k", Value: "a"}, kvOutput{OK: true, Rev: 9}, 0, 10),
			op(0, kvInput{Op: "put", Key: "k", Value: "b"}, kvOutput{OK: true, Rev: 8}, 20, 30),
		},
	} {
		if res := porcupine.CheckOperations(kvModel, h); res {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestModelAcceptsIndeterminateWrites(t *testing.T) {
	for name, h := range map[string][]porcupine.Operation{
		"a timed-out put took effect later": {
			op(0, kvInput{Op: "put", Key: "k", Value: "a"}, kvOutput{Unknown: true}, 0, 10),
			op(1, kvInput{Op: "get", Key: "k"}, kvOutput{}, 20, 30),
			op(1, kvInput{Op: "get", Key: "k"}, kvOutput{OK: true, Value: "a", Rev: 4}, 40, 50),
		},
		"a timed-out put never took effect": {
			op(0, kvInput{Op: "put", Key: "k", Value: "a"}, kvOutput{Unknown: true}, 0, 10),
			op(1, kvInput{Op: "get", Key: "k"}, kvOutput{}, 20, 30),
		},
		"a timed-out cas took effect": {
			op(0, kvInput{Op: "put", Key: "k", Value: "a"}, kvOutput{OK: true, Rev: 5}, 0, 10),
			op(1, kvInput{Op: "cas", Key: "k", Value: "c", IfRev: 5, Expect: "a"}, kvOutput{Unknown: true}, 20, 30),
			op(1, kvInput{Op: "get", Key: "k"}, kvOutput{OK: true, Value: "c", Rev: 9}, 40, 50),
		},
	} {
		if res := porcupine.CheckOperations(kvModel, h); !res {
			t.Errorf("%s: refused", name)
		}
	}
}
