package robustness

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/anishathalye/porcupine"
	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
)

// checkResult is one check's verdict on one scenario.
type checkResult struct {
	name    string
	pass    bool
	summary string
	details []string // the first violations, or notes
}

func (c *checkResult) violation(format string, args ...any) {
	c.pass = false
	if len(c.details) < 12 {
		c.details = append(c.details, fmt.Sprintf(format, args...))
	}
}

const configPrefix = "/outrigger/config/"

// ---- 1. linearizability ----

func (r *run) checkLinearizable(outDir string, timeout time.Duration) (checkResult, porcupine.CheckResult) {
	res := checkResult{name: "1. config linearizability (porcupine)", pass: true}
	r.hist.mu.Lock()
	ops := append([]porcupine.Operation(nil), r.hist.ops...)
	raw := append([]rawOp(nil), r.hist.raw...)
	r.hist.mu.Unlock()
	unknown := 0
	for _, op := range ops {
		if op.Output.(kvOutput).Unknown {
			unknown++
		}
	}
	started := time.Now()
	verdict, info := porcupine.CheckOperationsVerbose(kvModel, ops, timeout)
	res.summary = fmt.Sprintf("%s: %d operations on %d keys (%d indeterminate), checked in %s",
		verdict, len(ops), len(r.keys), unknown, time.Since(started).Round(time.Millisecond))
	save := func() {
		os.MkdirAll(outDir, 0o755)
		vis := filepath.Join(outDir, "linearizability.html")
		if err := porcupine.VisualizePath(kvModel, info, vis); err != nil {
			res.details = append(res.details, "visualization: "+err.Error())
		} else {
			res.details = append(res.details, "visualization: "+vis)
		}
		b, _ := json.MarshalIndent(raw, "", " ")
		hp := filepath.Join(outDir, "history.json")
		os.WriteFile(hp, b, 0o644)
		res.details = append(res.details, "raw history: "+hp)
	}
	switch verdict {
	case porcupine.Illegal:
		res.pass = false
		for _, part := range kvModel.Partition(ops) {
			if !porcupine.CheckOperations(kvModel, part) {
				res.details = append(res.details, fmt.Sprintf("key %s: its %d operations have no linearization", part[0].Input.(kvInput).Key, len(part)))
			}
		}
		save()
	case porcupine.Unknown:
		res.details = append(res.details, "porcupine did not finish within "+timeout.String()+": inconclusive, not a failure")
	}
	return res, verdict
}

// ---- 2. watches ----

func (r *run) checkWatches() checkResult {
	res := checkResult{name: "2. watch guarantees", pass: true}
	o := r.or
	lines, opens, resyncs, verified, unverified := 0, 0, 0, 0, 0
	for _, w := range r.watchers {
		c := int64(-1)
		for idx, x := range w.recs {
			where := fmt.Sprintf("watcher %d line %d (via %s)", w.client, idx, x.member)
			switch x.kind {
			case "open":
				opens++
				c = x.rev - 1
				if x.rev == 0 {
					c = -1
				}
			case "end":
			case "batch":
				lines++
				if c == -1 {
					res.violation("%s: a stream from revision 0 began with a batch at %d, not a progress line", where, x.rev)
					c = x.rev - 1
				}
				if x.rev <= c {
					res.violation("%s: batch at revision %d after revision %d was delivered (out of order or repeated)", where, x.rev, c)
					continue
				}
				if o.known(c, x.rev) {
					verified++
					if miss := o.between(c, x.rev-1, configPrefix); len(miss) > 0 {
						res.violation("%s: revisions %v missing between %d and the batch at %d", where, short(miss), c, x.rev)
					}
					if d := diffEvents(x.events, o.at(x.rev, configPrefix)); d != "" {
						res.violation("%s: batch at %d: %s", where, x.rev, d)
					}
				} else {
					unverified++
				}
				c = x.rev
			case "progress":
				lines++
				if c == -1 {
					c = x.rev
					continue
				}
				if x.rev < c {
					res.violation("%s: progress %d after revision %d was delivered", where, x.rev, c)
					continue
				}
				if o.known(c, x.rev) {
					verified++
					if miss := o.between(c, x.rev, configPrefix); len(miss) > 0 {
						res.violation("%s: progress %d, but revisions %v after %d were never delivered", where, x.rev, short(miss), c)
					}
				} else {
					unverified++
				}
				c = x.rev
			case "resync":
				lines++
				resyncs++
				if c != -1 && x.rev < c {
					res.violation("%s: resync at %d after revision %d was delivered", where, x.rev, c)
				}
				if c != -1 && !r.compactedPast(c+1, x.at) {
					res.violation("%s: resync at %d though revision %d was never compacted", where, x.rev, c+1)
				}
				if state, ok := o.stateAt(x.rev, configPrefix); ok {
					verified++
					if d := diffState(x.items, state); d != "" {
						res.violation("%s: resync at %d: %s", where, x.rev, d)
					}
				} else {
					unverified++
				}
				c = x.rev
			}
		}
	}
	res.summary = fmt.Sprintf("%d watchers, %d streams opened, %d lines (%d resyncs); %d checked against etcd's record, %d not checkable (oracle gap)",
		len(r.watchers), opens, lines, resyncs, verified, unverified)
	return res
}

func short(revs []int64) string {
	if len(revs) > 6 {
		return fmt.Sprintf("%v ... (%d in all)", revs[:6], len(revs))
	}
	return fmt.Sprint(revs)
}

func diffEvents(got []*pb.ConfigEvent, want []oev) string {
	g := make([]string, len(got))
	for i, e := range got {
		g[i] = fmt.Sprintf("%s %s=%q@%d", e.Type, e.Key, e.Value, e.ModRevision)
	}
	w := make([]string, len(want))
	for i, e := range want {
		w[i] = fmt.Sprintf("%s %s=%q@%d", e.typ, strings.TrimPrefix(e.key, configPrefix), e.value, e.mod)
	}
	if strings.Join(g, ",") != strings.Join(w, ",") {
		return fmt.Sprintf("delivered [%s], etcd has [%s]", strings.Join(g, ", "), strings.Join(w, ", "))
	}
	return ""
}

func diffState(items []*pb.ConfigEntry, want map[string]oev) string {
	got := map[string]string{}
	for _, it := range items {
		got[it.Key] = fmt.Sprintf("%q@%d", it.Value, it.ModRevision)
	}
	var bad []string
	for k, e := range want {
		k = strings.TrimPrefix(k, configPrefix)
		if w := fmt.Sprintf("%q@%d", e.value, e.mod); got[k] != w {
			bad = append(bad, fmt.Sprintf("%s: %s, want %s", k, got[k], w))
		}
		delete(got, k)
	}
	for k, v := range got {
		bad = append(bad, fmt.Sprintf("%s: %s, want absent", k, v))
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		if len(bad) > 4 {
			bad = append(bad[:4], fmt.Sprintf("... %d in all", len(bad)))
		}
		return strings.Join(bad, "; ")
	}
	return ""
}

// compactedPast reports whether a compaction beyond rev had happened by time at
// (the compactor notes a compaction when etcd's answer is back: allow it 1s).
func (r *run) compactedPast(rev, at int64) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, cp := range r.compactions {
		if cp.at <= at+int64(time.Second) && cp.rev > rev-1 {
			return true
		}
	}
	return false
}

// ---- 3. locks ----

func (r *run) checkLocks() checkResult {
	res := checkResult{name: "3. locks and fenced writes", pass: true}
	o := r.or
	// Grants: one session per token; tokens grow with real time.
	bySession := map[int64]int64{}
	for _, g := range r.grants {
		if s, ok := bySession[g.token]; ok && s != g.session {
			res.violation("fencing token %d granted to sessions %d and %d", g.token, s, g.session)
		}
		bySession[g.token] = g.session
	}
	for _, a := range r.grants {
		for _, b := range r.grants {
			if a.ret < b.call && a.token >= b.token {
				res.violation("grant with token %d (client %d) ended before the grant with token %d (client %d) began", a.token, a.client, b.token, b.client)
			}
		}
	}
	// Fenced writes, in etcd's order: each made while its token headed the lock's queue.
	lockDir := "/outrigger/locks/" + lockName + "/"
	live := map[string]int64{}
	var lastTok int64
	writes, stale, interleaved := 0, 0, 0
	checkable := o.known(0, o.next-1)
	if checkable {
		for _, rev := range o.revs {
			head := int64(0)
			for _, cr := range live {
				if head == 0 || cr < head {
					head = cr
				}
			}
			for _, e := range o.at(rev, configPrefix+fencedKey) {
				if e.typ != "PUT" || e.key != configPrefix+fencedKey {
					continue
				}
				writes++
				var client, seq int
				var tok int64
				fmt.Sscanf(e.value, "c%d/t%d/s%d", &client, &tok, &seq)
				if tok != head {
					stale++
					res.violation("fenced write %q got through at revision %d while the lock was held with token %d", e.value, rev, head)
				}
				if tok < lastTok {
					interleaved++
					res.violation("fenced write %q at revision %d after a write with the later token %d", e.value, rev, lastTok)
				}
				lastTok = max(lastTok, tok)
			}
			for _, e := range o.at(rev, lockDir) {
				if e.typ == "PUT" {
					live[e.key] = e.create
				} else {
					delete(live, e.key)
				}
			}
		}
	} else {
		res.details = append(res.details, "etcd's record has a gap: fenced writes not checked")
	}
	// Times two clients believed they held the lock at once.
	naive, careful := 0, 0
	var worst int64
	for i, a := range r.beliefs {
		for _, b := range r.beliefs[i+1:] {
			if a.client == b.client {
				continue
			}
			if ov := min(a.end, b.end) - max(a.start, b.start); ov > 0 {
				naive++
				worst = max(worst, ov)
				if min(carefulEnd(a), carefulEnd(b))-max(a.start, b.start) > 0 {
					careful++
				}
			}
		}
	}
	for _, f := range r.lockFail {
		res.violation("%s", f)
	}
	if r.zombiesOK > 0 {
		res.violation("%d of %d fenced writes sent after a confirmed release with the old token were accepted", r.zombiesOK, r.zombies)
		for _, n := range r.zombieNotes {
			res.violation("%s", n)
		}
	}
	r.lockStats = lockStats{grants: len(r.grants), writes: writes, stale: stale, interleaved: interleaved,
		overlaps: naive, carefulOverlaps: careful, worstOverlap: time.Duration(worst), zombies: r.zombies, zombiesOK: r.zombiesOK}
	res.summary = fmt.Sprintf("%d grants, %d fenced writes in etcd; stale fenced writes that got through: %d (must be 0), "+
		"interleaved: %d; times two clients believed they held the lock: %d (longest %s; %d for a client that "+
		"gives up when its keep-alives lapse for a TTL); writes sent with the old token after a confirmed release: %d, accepted: %d",
		len(r.grants), writes, stale, interleaved, naive, time.Duration(worst).Round(time.Millisecond), careful, r.zombies, r.zombiesOK)
	return res
}

type lockStats struct {
	grants, writes, stale, interleaved, overlaps, carefulOverlaps, zombies, zombiesOK int
	worstOverlap                                                                      time.Duration
}

// carefulEnd is when a client that trusts only its keep-alives would have stopped
// believing: a TTL after the last keep-alive (or the grant) before a lapse.
func carefulEnd(b *belief) int64 {
	last := b.start
	for _, s := range b.kaSends {
		if s > last+int64(holderTTL*time.Second) {
			break
		}
		last = s
	}
	return min(b.end, last+int64(holderTTL*time.Second))
}

// ---- 4. elections ----

func (r *run) checkElections() checkResult {
	res := checkResult{name: "4. elections", pass: true}
	o := r.or
	byTerm := map[int64]int64{}
	for _, c := range r.campaigns {
		if s, ok := byTerm[c.term]; ok && s != c.session {
			res.violation("term %d has two leaders: sessions %d and %d", c.term, s, c.session)
		}
		byTerm[c.term] = c.session
	}
	for _, a := range r.campaigns {
		for _, b := range r.campaigns {
			if a.ret < b.call && a.term >= b.term {
				res.violation("term %d (client %d) was won before term %d (client %d) was campaigned for", a.term, a.client, b.term, b.client)
			}
		}
	}
	dir := "/outrigger/elections/" + electionName + "/"
	for _, c := range r.campaigns {
		if !o.known(c.term-1, c.term) {
			continue
		}
		key := dir + strconv.FormatInt(c.session, 16)
		found := false
		for _, e := range o.at(c.term, dir) {
			if e.key == key && e.create == c.term {
				found = true
			}
		}
		if !found {
			res.violation("term %d of session %d: etcd has no candidate key %s created at %d", c.term, c.session, key, c.term)
		}
	}
	okProclaims := 0
	for _, p := range r.proclaims {
		if p.ok {
			okProclaims++
			if p.leader.GetTerm() != p.term || p.leader.GetSessionId() != p.session {
				res.violation("proclaim by session %d (term %d) answered leader %v", p.session, p.term, p.leader)
			}
		}
	}
	// In etcd's record, the leader (the oldest candidate) only ever changes to a later term.
	heads, changes := map[string]int64{}, 0
	var head int64
	if o.known(0, o.next-1) {
		for _, rev := range o.revs {
			for _, e := range o.at(rev, dir) {
				if e.typ == "PUT" {
					heads[e.key] = e.create
				} else {
					delete(heads, e.key)
				}
			}
			h := int64(0)
			for _, cr := range heads {
				if h == 0 || cr < h {
					h = cr
				}
			}
			if h != 0 && h != head {
				if h < head {
					res.violation("at revision %d the leader went back from term %d to term %d", rev, head, h)
				}
				changes++
				head = h
			}
		}
	}
	res.summary = fmt.Sprintf("%d terms won, %d proclaims accepted, %d changes of leader in etcd's record", len(r.campaigns), okProclaims, changes)
	return res
}

// ---- 6. acknowledged writes ----

func (r *run) checkAcked(ctx context.Context) checkResult {
	res := checkResult{name: "6. acknowledged writes survive", pass: true}
	o := r.or
	for _, w := range r.acked {
		if !o.known(w.rev-1, w.rev) {
			continue
		}
		found := false
		for _, e := range o.at(w.rev, configPrefix+w.key) {
			if e.key == configPrefix+w.key && e.typ == "PUT" && e.value == w.value {
				found = true
			}
		}
		if !found {
			res.violation("acknowledged put %s=%q at revision %d is not in etcd's history", w.key, w.value, w.rev)
		}
	}
	for _, m := range r.c.members {
		for _, a := range []api{m.json, m.g} {
			got := map[string]string{}
			token := ""
			for {
				var l *pb.ListConfigResponse
				err := settle(ctx, func(cctx context.Context) (err error) {
					l, err = a.list(cctx, "ack/", token)
					return err
				})
				if err != nil {
					res.violation("list ack/ through %s (%s): %v", m.name, a.proto(), err)
					break
				}
				for _, it := range l.Items {
					got[it.Key] = it.Value
				}
				if token = l.NextPageToken; token == "" {
					break
				}
			}
			for _, w := range r.acked {
				if got[w.key] != w.value {
					res.violation("acknowledged put %s=%q (revision %d) reads %q through %s (%s)", w.key, w.value, w.rev, got[w.key], m.name, a.proto())
				}
			}
		}
	}
	res.summary = fmt.Sprintf("%d acknowledged puts, each read back through all 3 members over JSON and gRPC after the faults healed, and found in etcd's history", len(r.acked))
	return res
}

// settle retries a read after the faults healed while it fails indeterminately
// (a gRPC connection still backing off from a restarted sidecar), up to 15s.
func settle(ctx context.Context, f func(context.Context) error) error {
	deadline := time.Now().Add(15 * time.Second)
	for {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := f(cctx)
		cancel()
		if classify(err) != indeterminate || time.Now().After(deadline) || ctx.Err() != nil {
			return err
		}
		sleepCtx(ctx, 200*time.Millisecond)
	}
}
