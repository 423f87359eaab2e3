package robustness

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"sync"
	"time"

	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
	"google.golang.org/grpc/codes"
)

const (
	lockName     = "L"
	fencedKey    = "fenced/register"
	electionName = "E"
	serviceName  = "svc"
	holderTTL    = 3 // seconds: sessions of the lock and election clients
)

// scenario is one fault injected while the traffic runs.
type scenario struct {
	name, fault string
	short       bool // also run in short mode
	compaction  bool // compact every 300ms throughout
	pinWatchers bool // watchers stay on the faulted member
	inject      func(ctx context.Context, r *run, rng *rand.Rand) error
}

type compaction struct{ rev, at int64 }

// run is one scenario's cluster, traffic and records.
type run struct {
	sc     scenario
	seed   int64
	c      *cluster
	or     *oracle
	log    *eventLog
	hist   *history
	keys   []string
	pinned *member // when set, watchers stay on this member (restart under watch)
	// watchDelay makes watchers wait up to this long before resuming (compaction).
	watchDelay time.Duration
	earlier    float64 // chance that a watcher starts over from an earlier revision

	mu          sync.Mutex
	counts      map[string]int
	acked       map[string]ackedWrite
	grants      []grant
	beliefs     []*belief
	zombies     int // fenced writes sent on purpose after a release, with the old token
	zombiesOK   int // ... that were accepted (must be 0)
	zombieNotes []string
	lockFail    []string // healthy holders that lost their lock
	fenced      map[string]int
	campaigns   []campaign
	proclaims   []proclaimRec
	watchers    []*watchRec

	compactions []compaction
	lockStats   lockStats
	regVanish   []time.Duration // how long registrations took to vanish after each kill or pause
	regNotes    []string
	regFail     []string
}

type ackedWrite struct {
	key, value string
	rev        int64
}

type grant struct {
	client           int
	token, session   int64
	call, ret        int64
	member, protocol string
}

// belief is the time a lock client believed it held the lock: from the grant to
// its release, a refused fenced write, or a keep-alive that found the session gone.
type belief struct {
	client     int
	token      int64
	start, end int64
	kaSends    []int64 // when keep-alives that succeeded were sent
	why        string
}

type campaign struct {
	client         int
	term, session  int64
	call, ret      int64
	value, member  string
	protocolMember string
}

type proclaimRec struct {
	client        int
	term, session int64
	value         string
	ok            bool
	leader        *pb.Leader
}

func (r *run) count(what string) {
	r.mu.Lock()
	r.counts[what]++
	r.mu.Unlock()
}

// apiFor is client i's way in: members in turn, JSON for even clients, gRPC for odd.
func (r *run) apiFor(i, member int) api {
	m := r.c.members[member%len(r.c.members)]
	if i%2 == 0 {
		return m.json
	}
	return m.g
}

func callCtx(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}

// kvClient runs config operations on the linearizability keys.
func (r *run) kvClient(ctx context.Context, i int) {
	rng := rand.New(rand.NewSource(r.seed*1000 + int64(i)))
	home := i
	type seen struct {
		val string
		rev int64
	}
	last := map[string]seen{}
	for seq := 0; ctx.Err() == nil; seq++ {
		a := r.apiFor(i, home)
		key := r.keys[rng.Intn(len(r.keys))]
		val := fmt.Sprintf("c%d-%d", i, seq)
		p := rng.Float64()
		var in kvInput
		var out kvOutput
		var err error
		cctx, cancel := callCtx(ctx, 3*time.Second)
		call := r.hist.now()
		switch {
		case p < 0.4:
			in = kvInput{Op: "get", Key: key}
			var e *pb.ConfigEntry
			e, err = a.get(cctx, key)
			if err == nil {
				out = kvOutput{OK: true, Value: e.Value, Rev: e.ModRevision}
				last[key] = seen{e.Value, e.ModRevision}
			} else if codeOf(err) == codes.NotFound {
				out, err = kvOutput{}, nil
				last[key] = seen{"", 0}
			}
		case p < 0.7:
			in = kvInput{Op: "put", Key: key, Value: val}
			var e *pb.ConfigEntry
			e, err = a.put(cctx, &pb.PutConfigRequest{Key: key, Value: val})
			if err == nil {
				out = kvOutput{OK: true, Rev: e.ModRevision}
			}
		case p < 0.9:
			s, okSeen := last[key]
			if !okSeen {
				s = seen{"", 0}
			}
			rev := s.rev
			in = kvInput{Op: "cas", Key: key, Value: val, IfRev: rev, Expect: s.val}
			var e *pb.ConfigEntry
			e, err = a.put(cctx, &pb.PutConfigRequest{Key: key, Value: val, IfRevision: &rev})
			if err == nil {
				out = kvOutput{OK: true, Rev: e.ModRevision}
			} else if codeOf(err) == codes.Aborted {
				out, err = kvOutput{Conflict: true}, nil
			}
		default:
			in = kvInput{Op: "delete", Key: key}
			var d *pb.DeleteConfigResponse
			d, err = a.del(cctx, key)
			if err == nil {
				out = kvOutput{OK: true, Deleted: d.Deleted}
			}
		}
		cancel()
		ret := r.hist.now()
		label := outcomeName(err)
		if out.Conflict {
			label = "conflict (409)"
		} else if in.Op == "get" && err == nil && !out.OK {
			label = "not found"
		}
		if err != nil {
			if ctx.Err() != nil && in.Op == "get" {
				return
			}
			out = kvOutput{Unknown: true}
			home++ // fail over to the next member, as a client with several endpoints would
		}
		r.hist.add(i, a, in, out, call, ret, err)
		r.count(fmt.Sprintf("config %s %s", in.Op, label))
		sleepCtx(ctx, time.Duration(5+rng.Intn(20))*time.Millisecond)
	}
}

func outcomeName(err error) string {
	switch classify(err) {
	case ok:
		return "ok"
	case failed:
		return "refused"
	}
	return "indeterminate"
}

// ackClient writes new keys, each once, and keeps those acknowledged.
func (r *run) ackClient(ctx context.Context, i int) {
	home := i
	for n := 0; ctx.Err() == nil; n++ {
		a := r.apiFor(i, home)
		key, val := fmt.Sprintf("ack/c%d/%06d", i, n), fmt.Sprintf("a%d-%d", i, n)
		cctx, cancel := callCtx(ctx, 3*time.Second)
		e, err := a.put(cctx, &pb.PutConfigRequest{Key: key, Value: val})
		cancel()
		if err == nil {
			r.mu.Lock()
			r.acked[key] = ackedWrite{key: key, value: val, rev: e.ModRevision}
			r.mu.Unlock()
		} else {
			home++
		}
		r.count("ack put " + outcomeName(err))
		sleepCtx(ctx, 20*time.Millisecond)
	}
}

// keeper keeps a session alive through one member every second until stopped,
// and says when it found the session gone.
type keeper struct {
	stop  chan struct{}
	done  chan struct{}
	mu    sync.Mutex
	sends []int64
	lost  int64 // when a keep-alive found the session gone (0: never)
}

func (r *run) keep(ctx context.Context, a api, session int64) *keeper {
	k := &keeper{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(k.done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-k.stop:
				return
			case <-time.After(time.Second):
			}
			sent := r.hist.now()
			cctx, cancel := callCtx(ctx, time.Second)
			err := a.keepAlive(cctx, session)
			cancel()
			k.mu.Lock()
			if err == nil {
				k.sends = append(k.sends, sent)
			} else if codeOf(err) == codes.NotFound && k.lost == 0 {
				k.lost = r.hist.now()
			}
			k.mu.Unlock()
		}
	}()
	return k
}

func (k *keeper) end() {
	close(k.stop)
	<-k.done
}

func (k *keeper) lostAt() int64 {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.lost
}

// lockClient takes the lock, writes the shared register fenced by its token through
// any member, releases it; now and then it writes once more with its old token,
// as a holder back from a pause would.
func (r *run) lockClient(ctx context.Context, i int) {
	rng := rand.New(rand.NewSource(r.seed*2000 + int64(i)))
	home := i
	for seq := 0; ctx.Err() == nil; {
		a := r.apiFor(i, home)
		call := r.hist.now()
		cctx, cancel := callCtx(ctx, 8*time.Second)
		g, err := a.acquire(cctx, lockName, holderTTL, 2)
		cancel()
		ret := r.hist.now()
		r.count("lock acquire " + outcomeName(err))
		if err != nil {
			home++
			sleepCtx(ctx, 100*time.Millisecond)
			continue
		}
		if !g.Acquired {
			r.count("lock acquire not granted")
			continue
		}
		r.mu.Lock()
		r.grants = append(r.grants, grant{client: i, token: g.FencingToken, session: g.SessionId, call: call, ret: ret,
			member: a.member(), protocol: a.proto()})
		b := &belief{client: i, token: g.FencingToken, start: ret}
		r.beliefs = append(r.beliefs, b)
		r.mu.Unlock()
		k := r.keep(ctx, a, g.SessionId)
		writes := 2 + rng.Intn(4)
		for w := 0; w < writes && ctx.Err() == nil; w++ {
			if l := k.lostAt(); l != 0 {
				b.end, b.why = l, "keep-alive found the session gone"
				break
			}
			seq++
			wa := r.apiFor(i+rng.Intn(2), rng.Intn(3))
			err := r.fencedWrite(ctx, i, wa, g.FencingToken, seq, heldWrite)
			if codeOf(err) == codes.Aborted {
				b.end, b.why = r.hist.now(), "fenced write refused"
				break
			}
			sleepCtx(ctx, time.Duration(20+rng.Intn(80))*time.Millisecond)
		}
		if b.end == 0 {
			b.end, b.why = r.hist.now(), "released"
			if ctx.Err() != nil {
				b.why = "run ended"
			}
		}
		k.end()
		b.kaSends = k.sends
		// Now and then a last write races the release: it may land before the release
		// or be refused, never land after it (the sidecar must compare the holder in
		// the write's own transaction, not only look it up first).
		var racing sync.WaitGroup
		if ctx.Err() == nil && rng.Float64() < 0.3 {
			seq++
			racing.Add(1)
			go func(a api, seq int) {
				defer racing.Done()
				r.fencedWrite(ctx, i, a, g.FencingToken, seq, racingWrite)
			}(r.apiFor(i+rng.Intn(2), rng.Intn(3)), seq)
		}
		cctx, cancel = callCtx(context.Background(), 3*time.Second)
		released, err := a.release(cctx, lockName, g.SessionId)
		cancel()
		r.count("lock release " + outcomeName(err))
		racing.Wait()
		// Only after a release the cluster confirmed is the old token certainly stale.
		if released && err == nil && ctx.Err() == nil && rng.Float64() < 0.3 {
			seq++
			sleepCtx(ctx, time.Duration(rng.Intn(50))*time.Millisecond)
			r.fencedWrite(ctx, i, r.apiFor(i, rng.Intn(3)), g.FencingToken, seq, staleWrite)
		}
	}
}

// The kinds of fenced writes a lock client makes.
const (
	heldWrite   = "fenced write"                       // while it believes it holds the lock
	racingWrite = "fenced write racing its release"    // sent together with the release
	staleWrite  = "stale fenced write (after release)" // after the cluster confirmed the release
)

// fencedWrite writes the register under the lock. Its timeout is long on purpose:
// a write sent to a paused sidecar is still open when the sidecar wakes up.
func (r *run) fencedWrite(ctx context.Context, i int, a api, token int64, seq int, what string) error {
	val := fmt.Sprintf("c%d/t%d/s%d", i, token, seq)
	cctx, cancel := callCtx(ctx, 20*time.Second)
	_, err := a.put(cctx, &pb.PutConfigRequest{Key: fencedKey, Value: val, IfLockHeld: &pb.LockCondition{Name: lockName, FencingToken: token}})
	cancel()
	r.mu.Lock()
	defer r.mu.Unlock()
	if what == staleWrite {
		r.zombies++
		if err == nil {
			r.zombiesOK++
			r.zombieNotes = append(r.zombieNotes, fmt.Sprintf("client %d: write %q with token %d through %s (%s) accepted after its release was confirmed",
				i, val, token, a.member(), a.proto()))
		}
	}
	r.counts[what+" "+outcomeName(err)]++
	return err
}

// electionClient campaigns, proclaims a few values while leader, and resigns.
func (r *run) electionClient(ctx context.Context, i int) {
	rng := rand.New(rand.NewSource(r.seed*3000 + int64(i)))
	home := i + 1
	for seq := 0; ctx.Err() == nil; seq++ {
		a := r.apiFor(i, home)
		call := r.hist.now()
		cctx, cancel := callCtx(ctx, 8*time.Second)
		val := fmt.Sprintf("e%d-%d", i, seq)
		cr, err := a.campaign(cctx, electionName, val, holderTTL, 2)
		cancel()
		ret := r.hist.now()
		r.count("election campaign " + outcomeName(err))
		if err != nil {
			home++
			sleepCtx(ctx, 100*time.Millisecond)
			continue
		}
		if !cr.Elected {
			r.count("election campaign not elected")
			continue
		}
		r.mu.Lock()
		r.campaigns = append(r.campaigns, campaign{client: i, term: cr.Term, session: cr.SessionId, call: call, ret: ret, value: val, member: a.member()})
		r.mu.Unlock()
		k := r.keep(ctx, a, cr.SessionId)
		for p := 0; p < 1+rng.Intn(3) && ctx.Err() == nil; p++ {
			seq++
			pv := fmt.Sprintf("e%d-%d", i, seq)
			cctx, cancel := callCtx(ctx, 3*time.Second)
			l, err := a.proclaim(cctx, electionName, cr.SessionId, pv)
			cancel()
			r.count("election proclaim " + outcomeName(err))
			r.mu.Lock()
			r.proclaims = append(r.proclaims, proclaimRec{client: i, term: cr.Term, session: cr.SessionId, value: pv, ok: err == nil, leader: l})
			r.mu.Unlock()
			if err != nil {
				break
			}
			sleepCtx(ctx, time.Duration(50+rng.Intn(100))*time.Millisecond)
		}
		k.end()
		cctx, cancel = callCtx(context.Background(), 3*time.Second)
		err = a.resign(cctx, electionName, cr.SessionId)
		cancel()
		r.count("election resign " + outcomeName(err))
	}
}

// ---- watches ----

// wrec is one thing a watcher saw.
type wrec struct {
	kind   string // open, batch, progress, resync, end
	rev    int64  // open: startRevision; batch, progress, resync: the revision
	events []*pb.ConfigEvent
	items  []*pb.ConfigEntry
	member string
	at     int64
	err    string
}

type watchRec struct {
	client int
	mu     sync.Mutex
	recs   []wrec
}

func (w *watchRec) add(x wrec) {
	w.mu.Lock()
	w.recs = append(w.recs, x)
	w.mu.Unlock()
}

// watcher watches all config keys, resuming after every end of a stream from the
// revision after the last it saw; now and then it closes the stream on purpose,
// and sometimes starts over from an earlier revision it picks.
func (r *run) watcher(ctx context.Context, i int) {
	rng := rand.New(rand.NewSource(r.seed*4000 + int64(i)))
	w := &watchRec{client: i}
	r.mu.Lock()
	r.watchers = append(r.watchers, w)
	r.mu.Unlock()
	home := i
	var cursor int64 // last revision delivered; 0 before the first line
	for ctx.Err() == nil {
		var a api
		if r.pinned != nil {
			a = r.pinned.json
			if i%2 == 1 {
				a = r.pinned.g
			}
		} else {
			a = r.apiFor(i, home)
		}
		start := int64(0)
		if cursor > 0 {
			start = cursor + 1
		}
		if cursor > 0 && rng.Float64() < r.earlier {
			start = 1 + rng.Int63n(cursor) // from an earlier revision
		}
		w.add(wrec{kind: "open", rev: start, member: a.member(), at: r.hist.now()})
		r.count("watch open")
		sctx, cancel := context.WithCancel(ctx)
		lines := make(chan *pb.WatchConfigResponse, 1024)
		ended := make(chan error, 1)
		go func() { ended <- a.watch(sctx, "", start, lines) }()
		life := time.After(time.Duration(500+rng.Intn(3500)) * time.Millisecond)
		var why error
		gotEnd := false
	read:
		for {
			select {
			case m := <-lines:
				rec := wrec{member: a.member(), at: r.hist.now()}
				switch s := m.Signal.(type) {
				case *pb.WatchConfigResponse_ProgressRevision:
					rec.kind, rec.rev = "progress", s.ProgressRevision
				case *pb.WatchConfigResponse_Resync:
					rec.kind, rec.rev, rec.items = "resync", s.Resync.Revision, s.Resync.Items
					r.count("watch resync")
				default:
					rec.kind, rec.rev, rec.events = "batch", m.Revision, m.Events
					r.count("watch batch")
				}
				if rec.rev > cursor {
					cursor = rec.rev
				}
				w.add(rec)
			case why = <-ended:
				gotEnd = true
				break read
			case <-life:
				why = errors.New("closed on purpose")
				break read
			case <-time.After(3 * time.Second):
				why = errors.New("no line for 3s (progress every 500ms)")
				break read
			}
		}
		cancel()
		if !gotEnd {
			<-ended
		}
		// Lines that arrived before the end still count, in order.
	drain:
		for {
			select {
			case m := <-lines:
				rec := wrec{member: a.member(), at: r.hist.now()}
				switch s := m.Signal.(type) {
				case *pb.WatchConfigResponse_ProgressRevision:
					rec.kind, rec.rev = "progress", s.ProgressRevision
				case *pb.WatchConfigResponse_Resync:
					rec.kind, rec.rev, rec.items = "resync", s.Resync.Revision, s.Resync.Items
				default:
					rec.kind, rec.rev, rec.events = "batch", m.Revision, m.Events
				}
				if rec.rev > cursor {
					cursor = rec.rev
				}
				w.add(rec)
			default:
				break drain
			}
		}
		w.add(wrec{kind: "end", member: a.member(), at: r.hist.now(), err: fmt.Sprint(why)})
		reason := fmt.Sprint(why)
		if ae, isAPI := why.(*apiError); isAPI && !ae.transport {
			reason = "error " + ae.code.String()
		} else if isAPI {
			reason = "transport error"
		}
		if ctx.Err() == nil {
			r.count("watch end: " + reason)
		}
		if why != nil && why.Error() != "closed on purpose" {
			home++
			sleepCtx(ctx, 100*time.Millisecond)
		}
		if r.watchDelay > 0 {
			sleepCtx(ctx, r.watchDelay/4+time.Duration(rng.Int63n(int64(r.watchDelay))))
		}
	}
}

// holder is a lock client whose sidecar is about to be paused or cut off: it takes
// the lock through that sidecar just before the fault, sends a fenced write that
// stays in flight through the fault, and after the fault writes again through
// another member, as a process back from a long pause would. Both writes must be refused.
type holder struct {
	token, session int64
	b              *belief
	k              *keeper
	inflight       chan error
}

const holderClient = 9

func (r *run) hold(ctx context.Context, via *member) (*holder, error) {
	for try := 0; try < 5 && ctx.Err() == nil; try++ {
		call := r.hist.now()
		cctx, cancel := callCtx(ctx, 15*time.Second)
		g, err := via.json.acquire(cctx, lockName, holderTTL, 10)
		cancel()
		if err != nil || !g.Acquired {
			continue
		}
		ret := r.hist.now()
		h := &holder{token: g.FencingToken, session: g.SessionId, inflight: make(chan error, 1)}
		h.b = &belief{client: holderClient, token: g.FencingToken, start: ret}
		r.mu.Lock()
		r.grants = append(r.grants, grant{client: holderClient, token: g.FencingToken, session: g.SessionId, call: call, ret: ret,
			member: via.name, protocol: "json"})
		r.beliefs = append(r.beliefs, h.b)
		r.mu.Unlock()
		h.k = r.keep(ctx, via.json, g.SessionId)
		r.log.add("lock %s held through %s with fencing token %d", lockName, via.name, g.FencingToken)
		return h, nil
	}
	return nil, fmt.Errorf("could not take lock %s through %s", lockName, via.name)
}

// writeDuringFault sends a fenced write through the faulted sidecar; it stays in flight.
func (h *holder) writeDuringFault(ctx context.Context, r *run, via *member) {
	// The holder's process is caught by the fault with its sidecar: no more keep-alives.
	h.k.end()
	go func() { h.inflight <- r.fencedWrite(ctx, holderClient, via.json, h.token, 1000001, heldWrite) }()
}

// wakeUp is the holder back from the fault: it writes through another member, then
// learns what became of the write it left in flight.
func (h *holder) wakeUp(ctx context.Context, r *run, other *member) {
	err := r.fencedWrite(ctx, holderClient, other.g, h.token, 1000002, heldWrite)
	h.b.end, h.b.why = r.hist.now(), fmt.Sprintf("after the fault, a fenced write answered %v", err)
	var inflight error
	select {
	case inflight = <-h.inflight:
	case <-time.After(30 * time.Second):
		inflight = fmt.Errorf("no answer within 30s")
	}
	h.b.kaSends = h.k.sends
	r.log.add("the holder of token %d, back: fenced write through %s: %v; the one in flight through the fault: %v",
		h.token, other.name, errShort(err), errShort(inflight))
}

func errShort(err error) string {
	if err == nil {
		return "ACCEPTED"
	}
	if ae, isAPI := err.(*apiError); isAPI && !ae.transport {
		if classify(err) == failed {
			return "refused, " + ae.code.String()
		}
		return "indeterminate, " + ae.code.String()
	}
	return "indeterminate, " + err.Error()
}

// regMonitor lists the instances every 250ms and notes in the timeline when a
// sidecar's registrations disappear or come back.
func (r *run) regMonitor(ctx context.Context) {
	last := map[string]int{}
	lostSince := map[string]time.Time{}
	for _, m := range r.c.members {
		last[m.name] = 2
	}
	for i := 0; sleepCtx(ctx, 250*time.Millisecond); i++ {
		m := r.c.members[i%len(r.c.members)]
		if m.getState() != "up" {
			continue
		}
		cctx, cancel := callCtx(ctx, time.Second)
		l, err := m.json.instances(cctx, serviceName)
		cancel()
		if err != nil {
			continue
		}
		now := map[string]int{}
		for _, in := range l.Instances {
			if name, _, found := strings.Cut(in.Id, "-"); found {
				now[name]++
			}
		}
		for _, x := range r.c.members {
			if now[x.name] != last[x.name] {
				r.log.add("registry (read through %s): %s has %d of its 2 instances listed (was %d)", m.name, x.name, now[x.name], last[x.name])
				last[x.name] = now[x.name]
			}
			// A sidecar no fault touched must keep its registrations.
			switch {
			case now[x.name] < 2 && !x.wasFaulted() && lostSince[x.name].IsZero():
				lostSince[x.name] = time.Now()
				r.log.add("REGISTRY PROBLEM: %s, never faulted, lost its registrations", x.name)
			case now[x.name] == 2 && !lostSince[x.name].IsZero():
				r.regProblem("%s, a sidecar no fault touched, had its registrations removed for %s (from %.2fs to %.2fs of the timeline)",
					x.name, time.Since(lostSince[x.name]).Round(10*time.Millisecond),
					lostSince[x.name].Sub(r.log.start).Seconds(), time.Since(r.log.start).Seconds())
				lostSince[x.name] = time.Time{}
			}
		}
	}
	for name, t := range lostSince {
		if !t.IsZero() {
			r.regProblem("%s, a sidecar no fault touched, lost its registrations at %.2fs and they were not back when the traffic stopped", name, t.Sub(r.log.start).Seconds())
		}
	}
}

// regProblem notes a registration that vanished when it should not have.
func (r *run) regProblem(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.regFail = append(r.regFail, fmt.Sprintf(format, args...))
	r.log.add("REGISTRY PROBLEM: "+format, args...)
}

// bystander holds lock "B" through a sidecar no fault touches, keeping its session
// alive through that sidecar the whole time: it must never lose the lock.
type bystander struct {
	via     *member
	token   int64
	session int64
	k       *keeper
}

func (r *run) startBystander(ctx context.Context, via *member) *bystander {
	cctx, cancel := callCtx(ctx, 10*time.Second)
	g, err := via.json.acquire(cctx, "B", holderTTL, 5)
	cancel()
	if err != nil || !g.Acquired {
		r.log.add("bystander: could not take lock B through %s: %v", via.name, err)
		return nil
	}
	r.log.add("bystander: lock B held through %s (never faulted) with token %d, session %d, kept alive every 1s", via.name, g.FencingToken, g.SessionId)
	return &bystander{via: via, token: g.FencingToken, session: g.SessionId, k: r.keep(ctx, via.json, g.SessionId)}
}

// end reports whether the bystander kept its lock, and says so in the timeline.
func (b *bystander) end(r *run) {
	b.k.end()
	cctx, cancel := callCtx(context.Background(), 3*time.Second)
	b.via.json.release(cctx, "B", b.session)
	cancel()
	if l := b.k.lostAt(); l != 0 {
		msg := fmt.Sprintf("bystander: lock B's session %d, kept alive through %s (never faulted), was found gone at %.2fs", b.session, b.via.name, float64(l)/1e9)
		r.log.add("LOCK PROBLEM: %s", msg)
		r.mu.Lock()
		r.lockFail = append(r.lockFail, msg)
		r.mu.Unlock()
		return
	}
	r.log.add("bystander: kept lock B (token %d) throughout", b.token)
}
