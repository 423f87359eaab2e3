// Package robustness runs a 3-node Outrigger cluster of real processes under faults
// (kills, pauses, partitions, restarts, compaction) while clients drive its JSON and
// gRPC APIs, then checks what they saw against etcd's own record: linearizable
// config operations (porcupine), watch guarantees, lock fencing, elections,
// registration expiry and that no acknowledged write was lost.
//
// Short mode (plain `go test ./...`) runs three scenarios, one fault each; the full mode runs them all
// and writes REPORT.md:
//
//	OUTRIGGER_ROBUSTNESS=full go test ./test/robustness -run . -v -timeout 30m
//	go test ./test/robustness -robustness.full -robustness.seed 7
package robustness

import (
	"context"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/outrigger/outrigger/internal/proctest"
	pb "github.com/outrigger/outrigger/proto/outrigger/v1"
)

var (
	fullFlag     = flag.Bool("robustness.full", false, "run every scenario at full length (or OUTRIGGER_ROBUSTNESS=full)")
	seedFlag     = flag.Int64("robustness.seed", 0, "seed of the clients' and faults' choices (or OUTRIGGER_ROBUSTNESS_SEED); 0: the fixed default")
	reportFlag   = flag.String("robustness.report", "", "write the report here (the full mode writes REPORT.md by default)")
	scenarioFlag = flag.String("robustness.scenarios", "", "comma-separated scenario names to run (default: all of the mode)")
)

const defaultSeed = 20261121

// regBound is the documented bound on how late a killed (or frozen) sidecar's
// registrations may vanish after its session TTL. The sidecar's session is kept
// alive every TTL/3, so without a change of etcd leader they vanish between
// 2/3 TTL and TTL (plus etcd's 500ms expiry tick and a commit) after the kill. When
// the killed sidecar's member was the leader, the others first notice (election
// timeout, 1s) and elect a leader (randomized, another 0-1s; a split vote costs
// another 1-2s round), and the new leader restarts every lease's clock with an
// extra election timeout (etcd's lessor.Promote(ElectionTimeout)): TTL + 2.5-3.5s
// after one election round, measured 12.1-13.1s for a 10s TTL, and 14.5-14.7s
// in 3 of about 20 rounds, where the election took longer (about 3.3s; a split
// vote, presumably). The bound leaves room for two such rounds.
const regBound = 8 * time.Second

func full() bool { return *fullFlag || os.Getenv("OUTRIGGER_ROBUSTNESS") == "full" }

func seed() int64 {
	if *seedFlag != 0 {
		return *seedFlag
	}
	if s, err := strconv.ParseInt(os.Getenv("OUTRIGGER_ROBUSTNESS_SEED"), 10, 64); err == nil && s != 0 {
		return s
	}
	return defaultSeed
}

var scenarios = []scenario{
	{name: "kill-leader", fault: "kill -9 of the leader's sidecar; restart after its registrations vanished", short: true,
		inject: func(ctx context.Context, r *run, _ *rand.Rand) error { return killAndRestart(ctx, r, true) }},
	{name: "kill-follower", fault: "kill -9 of a follower's sidecar; restart after its registrations vanished",
		inject: func(ctx context.Context, r *run, _ *rand.Rand) error { return killAndRestart(ctx, r, false) }},
	{name: "pause-sidecar", fault: "SIGSTOP of the leader's sidecar for longer than its session TTL, then SIGCONT", short: true,
		inject: pauseSidecar},
	{name: "partition-leader", fault: "peer links of the leader slowed (20ms), then blackholed both ways for 8s; then 2s of flaky links (2% of chunks break their connection)",
		inject: partitionLeader},
	{name: "restart-under-watch", fault: "SIGTERM and restart of the sidecar the watchers are connected to", pinWatchers: true,
		inject: restartUnderWatch},
	{name: "compaction", fault: "etcd history compacted every 300ms; watchers resume 0.25-1.25s late, 30% of the time from an earlier revision", short: true, compaction: true,
		inject: func(ctx context.Context, r *run, _ *rand.Rand) error {
			sleepCtx(ctx, 8*time.Second)
			return nil
		}},
}

// scenarioReport is what REPORT.md says about one scenario.
type scenarioReport struct {
	name, fault string
	took        time.Duration
	counts      map[string]int
	faults      []string
	checks      []checkResult
	porcupine   porcupine.CheckResult
	regVanish   []time.Duration
	regNotes    []string
	lock        lockStats
}

func TestRobustness(t *testing.T) {
	s := seed()
	mode := "short"
	if full() {
		mode = "full"
	}
	t.Logf("robustness: mode %s, seed %d (rerun with -robustness.seed %d or OUTRIGGER_ROBUSTNESS_SEED=%d)", mode, s, s, s)
	fmt.Fprintf(os.Stderr, "robustness: mode %s, seed %d\n", mode, s)
	var only map[string]bool
	if *scenarioFlag != "" {
		only = map[string]bool{}
		for _, n := range strings.Split(*scenarioFlag, ",") {
			only[strings.TrimSpace(n)] = true
		}
	}
	var reports []*scenarioReport
	started := time.Now()
	for i, sc := range scenarios {
		if only != nil && !only[sc.name] || only == nil && !full() && !sc.short {
			continue
		}
		sc, scSeed := sc, s+int64(i)*7919
		t.Run(sc.name, func(t *testing.T) {
			rep := runScenario(t, sc, scSeed)
			reports = append(reports, rep)
		})
	}
	path := *reportFlag
	if path == "" && full() && only == nil {
		path = "REPORT.md"
	}
	if path != "" {
		version, _ := proctest.Run(t, 10*time.Second, nil, "version")
		if err := os.WriteFile(path, []byte(report(s, mode, time.Since(started), strings.TrimSpace(version), reports)), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("report written to %s", path)
	}
}

func runScenario(t *testing.T, sc scenario, seed int64) *scenarioReport {
	begun := time.Now()
	rep := &scenarioReport{name: sc.name, fault: sc.fault}
	t.Logf("scenario %s: seed %d", sc.name, seed)
	rng := rand.New(rand.NewSource(seed))
	log := &eventLog{start: time.Now(), t: t}
	c := startCluster(t, seed, log)
	log.add("cluster of 3 up")

	traffic, stopTraffic := context.WithCancel(context.Background())
	defer stopTraffic()
	// Every scenario has a deadline: past it, the processes are killed, which ends
	// every call and stream, and the test fails.
	deadline := 5 * time.Minute
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-finished:
		case <-time.After(deadline):
			log.add("DEADLINE of %s passed: killing the cluster", deadline)
			stopTraffic()
			for _, m := range c.members {
				m.proc.Resume()
				m.proc.Kill()
				m.px.close()
			}
		}
	}()

	var eps []string
	for _, m := range c.members {
		eps = append(eps, m.etcdURL())
	}
	or, err := startOracle(eps)
	if err != nil {
		t.Fatal(err)
	}
	oracleOpen := true
	defer func() {
		if oracleOpen {
			or.close()
		}
	}()
	r := &run{sc: sc, seed: seed, c: c, or: or, log: log, hist: &history{start: log.start},
		keys:   []string{"lin/k0", "lin/k1", "lin/k2", "lin/k3", "lin/k4", "lin/k5"},
		counts: map[string]int{}, acked: map[string]ackedWrite{}}
	if sc.pinWatchers {
		r.pinned = c.members[rng.Intn(3)]
		log.add("watchers pinned to %s", r.pinned.name)
	}
	r.earlier = 0.15
	if sc.compaction {
		r.watchDelay, r.earlier = time.Second, 0.3
	}

	// Registrations owned by each sidecar's own session.
	setup, cancelSetup := context.WithTimeout(context.Background(), 20*time.Second)
	for _, m := range c.members {
		if err := r.register(setup, m); err != nil {
			t.Fatal(err)
		}
	}
	cancelSetup()

	var wg sync.WaitGroup
	spawn := func(n int, f func(context.Context, int)) {
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) { defer wg.Done(); f(traffic, i) }(i)
		}
	}
	spawn(4, r.kvClient)
	spawn(2, r.ackClient)
	spawn(3, r.lockClient)
	spawn(2, r.electionClient)
	spawn(2, r.watcher)
	wg.Add(1)
	go func() { defer wg.Done(); r.regMonitor(traffic) }()
	if sc.compaction {
		wg.Add(1)
		go func() { defer wg.Done(); r.compactor(traffic) }()
	}
	log.add("traffic started: 4 config clients, 2 writers of new keys, 3 lock clients, 2 election clients, 2 watchers (JSON and gRPC alternately)")

	faultCtx, cancelFault := context.WithTimeout(context.Background(), 3*time.Minute)
	rounds := 1
	if full() {
		rounds = 2 // the full mode injects each fault twice (a kill of the leader, then of the new one)
	}
	for round := 1; round <= rounds; round++ {
		sleepCtx(faultCtx, 3*time.Second)
		log.add("fault, round %d of %d", round, rounds)
		if err := sc.inject(faultCtx, r, rng); err != nil {
			t.Errorf("fault: %v", err)
		}
	}
	cancelFault()
	sleepCtx(context.Background(), 3*time.Second)
	stopTraffic()
	wg.Wait()
	log.add("traffic stopped")

	// Heal everything, then read.
	heal, cancelHeal := context.WithTimeout(context.Background(), time.Minute)
	defer cancelHeal()
	for _, m := range c.members {
		m.px.heal()
		switch m.getState() {
		case "paused":
			c.resume(m)
		case "killed", "stopped":
			c.restart(m)
		}
	}
	if err := c.waitReady(heal); err != nil {
		t.Fatalf("cluster did not heal: %v", err)
	}
	log.add("all members ready")
	r.finalReads(heal)
	if _, err := or.catchUp(heal); err != nil {
		t.Errorf("%v", err)
	}
	or.close()
	oracleOpen = false
	// For the timeline: when etcd removed registrations, and what the sidecars said about their sessions.
	for _, rev := range or.revs {
		var gone []string
		for _, e := range or.at(rev, "/outrigger/services/") {
			if e.typ == "DELETE" {
				gone = append(gone, strings.TrimPrefix(e.key, "/outrigger/services/"))
			}
		}
		if len(gone) > 0 {
			log.add("etcd's record: revision %d removed instances %v", rev, gone)
		}
	}
	if dir := os.Getenv("OUTRIGGER_ROBUSTNESS_LOGS"); dir != "" {
		os.MkdirAll(dir, 0o755)
		for _, m := range c.members {
			os.WriteFile(filepath.Join(dir, sc.name+"-"+m.name+".log"), []byte(m.proc.Log()), 0o644)
		}
	}
	for _, m := range c.members {
		for _, line := range strings.Split(m.proc.Log(), "\n") {
			if strings.Contains(line, "session lost") || strings.Contains(line, "level=ERROR") {
				log.add("%s logged: %s", m.name, line)
			}
		}
	}

	outDir := filepath.Join("failures", fmt.Sprintf("%s-seed%d", sc.name, seed))
	timeout := 60 * time.Second
	if !full() {
		timeout = 20 * time.Second
	}
	lin, verdict := r.checkLinearizable(outDir, timeout)
	rep.porcupine = verdict
	rep.checks = append(rep.checks, lin, r.checkWatches(), r.checkLocks(), r.checkElections(), r.checkRegistrations(), r.checkAcked(heal))
	rep.counts, rep.faults, rep.lock = r.counts, log.lines, r.lockStats
	rep.regVanish, rep.regNotes = r.regVanish, r.regNotes
	for _, ch := range rep.checks {
		verdict := "PASS"
		if !ch.pass {
			verdict = "FAIL"
			t.Errorf("%s: FAIL: %s", ch.name, ch.summary)
		} else {
			t.Logf("%s: PASS: %s", ch.name, ch.summary)
		}
		for _, d := range ch.details {
			t.Logf("    %s: %s", verdict, d)
		}
	}
	rep.took = time.Since(begun)
	return rep
}

// expectRegistered checks, before a fault, that the victim's two instances are listed.
func (r *run) expectRegistered(ctx context.Context, victim *member) {
	took, ok := r.waitListed(ctx, victim, time.Now(), 15*time.Second)
	switch {
	case !ok:
		r.regProblem("%s, up and never faulted since, had lost its registrations before the fault (not listed for 15s)", victim.name)
	case took > time.Second:
		r.regProblem("%s's registrations were missing before the fault; listed again after %s", victim.name, took.Round(10*time.Millisecond))
	}
}

// listed counts the victim's instances in the registry as read through m.
func listed(ctx context.Context, m, victim *member) (int, error) {
	cctx, cancel := callCtx(ctx, time.Second)
	defer cancel()
	l, err := m.json.instances(cctx, serviceName)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, in := range l.Instances {
		if strings.HasPrefix(in.Id, victim.name+"-") {
			n++
		}
	}
	return n, nil
}

// waitListed waits, until limit after since, for both of the victim's instances to be
// listed (read through another member), and says how long after since they were.
func (r *run) waitListed(ctx context.Context, victim *member, since time.Time, limit time.Duration) (time.Duration, bool) {
	for time.Since(since) < limit && ctx.Err() == nil {
		if n, err := listed(ctx, others(r.c, victim)[0], victim); err == nil && n == 2 {
			return time.Since(since), true
		}
		sleepCtx(ctx, 100*time.Millisecond)
	}
	return time.Since(since), false
}

// register registers the two instances of a sidecar's app, on the sidecar's own
// session (as an app does again after its sidecar restarted).
func (r *run) register(ctx context.Context, m *member) error {
	for i, id := range []string{m.name + "-a", m.name + "-b"} {
		a := api(m.json)
		if i == 1 {
			a = m.g
		}
		if err := settle(ctx, func(cctx context.Context) error { return a.register(cctx, serviceName, id, 9000) }); err != nil {
			return fmt.Errorf("register %s on %s: %v", id, m.name, err)
		}
	}
	return nil
}

// finalReads reads every linearizability key through every member and protocol,
// after the faults healed: the last word on what was kept.
func (r *run) finalReads(ctx context.Context) {
	for i, m := range r.c.members {
		for j, a := range []api{m.json, m.g} {
			client := 100 + 2*i + j
			for _, key := range r.keys {
				var e *pb.ConfigEntry
				settle(ctx, func(cctx context.Context) (err error) {
					_, err = a.get(cctx, key)
					return err
				})
				call := r.hist.now()
				cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
				e, err := a.get(cctx, key)
				cancel()
				out := kvOutput{}
				switch {
				case err == nil:
					out = kvOutput{OK: true, Value: e.Value, Rev: e.ModRevision}
				case codeOf(err) == 5: // NOT_FOUND
					err = nil
				default:
					out.Unknown = true
				}
				r.hist.add(client, a, kvInput{Op: "get", Key: key}, out, call, r.hist.now(), err)
			}
		}
	}
}

// compactor compacts etcd's history every 300ms, at the revision it saw on the tick before.
func (r *run) compactor(ctx context.Context) {
	var prev int64
	for sleepCtx(ctx, 300*time.Millisecond) {
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		rev, err := r.or.currentRevision(cctx)
		if err == nil && prev > 0 {
			if err := r.or.compact(cctx, prev); err == nil {
				r.mu.Lock()
				r.compactions = append(r.compactions, compaction{rev: prev, at: r.hist.now()})
				r.counts["compactions"]++
				r.mu.Unlock()
			}
		}
		cancel()
		if err == nil {
			prev = rev
		}
	}
}

// ---- faults ----

func others(c *cluster, m *member) []*member {
	var out []*member
	for _, x := range c.members {
		if x != m {
			out = append(out, x)
		}
	}
	return out
}

// waitVanish polls a survivor until the victim's registrations are gone, and
// returns how long that took from since.
func (r *run) waitVanish(ctx context.Context, victim *member, since time.Time, limit time.Duration) (time.Duration, bool) {
	obs := others(r.c, victim)
	for i := 0; time.Since(since) < limit && ctx.Err() == nil; i++ {
		if n, err := listed(ctx, obs[i%len(obs)], victim); err == nil && n == 0 {
			return time.Since(since), true
		}
		sleepCtx(ctx, 100*time.Millisecond)
	}
	return time.Since(since), false
}

func (r *run) noteVanish(victim *member, d time.Duration, ok bool, how string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if ok {
		r.regVanish = append(r.regVanish, d)
		r.regNotes = append(r.regNotes, fmt.Sprintf("%s's registrations vanished %s after %s", victim.name, d.Round(10*time.Millisecond), how))
		r.log.add("%s's registrations gone after %s", victim.name, d.Round(10*time.Millisecond))
	} else {
		r.regFail = append(r.regFail, fmt.Sprintf("%s's registrations still listed %s after %s", victim.name, d.Round(10*time.Millisecond), how))
	}
}

func killAndRestart(ctx context.Context, r *run, leader bool) error {
	l, err := r.c.leader(ctx)
	if err != nil {
		return err
	}
	victim := l
	if !leader {
		victim = others(r.c, l)[0]
	}
	role := map[bool]string{true: "leader", false: "follower"}[leader]
	r.expectRegistered(ctx, victim)
	r.log.add("%s is the %s", victim.name, role)
	killed := time.Now()
	r.c.kill(victim)
	d, ok := r.waitVanish(ctx, victim, killed, sessionTTL+regBound+10*time.Second)
	r.noteVanish(victim, d, ok, "kill -9 of the "+role)
	r.c.restart(victim)
	return r.register(ctx, victim)
}

func pauseSidecar(ctx context.Context, r *run, _ *rand.Rand) error {
	victim, err := r.c.leader(ctx)
	if err != nil {
		return err
	}
	r.log.add("%s is the leader", victim.name)
	r.expectRegistered(ctx, victim)
	h, err := r.hold(ctx, victim)
	if err != nil {
		return err
	}
	var by *bystander
	for _, m := range others(r.c, victim) {
		if !m.wasFaulted() {
			by = r.startBystander(ctx, m)
			break
		}
	}
	paused := time.Now()
	r.c.pause(victim)
	h.writeDuringFault(ctx, r, victim)
	d, ok := r.waitVanish(ctx, victim, paused, sessionTTL+regBound+10*time.Second)
	r.noteVanish(victim, d, ok, "SIGSTOP of the leader")
	if rest := sessionTTL + 3*time.Second - time.Since(paused); rest > 0 {
		sleepCtx(ctx, rest)
	}
	r.c.resume(victim)
	back := time.Now()
	reregistered := make(chan struct{})
	go func() {
		defer close(reregistered)
		r.waitReregistered(ctx, victim, back)
	}()
	h.wakeUp(ctx, r, others(r.c, victim)[0])
	if by != nil {
		sleepCtx(ctx, 10*time.Second) // what the woken ex-leader does comes in the next seconds
		by.end(r)
	}
	<-reregistered
	return nil
}

// waitReregistered measures how long after SIGCONT the woken sidecar, which finds its
// session gone, has made a new one and registered its instances again.
func (r *run) waitReregistered(ctx context.Context, victim *member, back time.Time) {
	took, ok := r.waitListed(ctx, victim, back, 30*time.Second)
	r.mu.Lock()
	if ok {
		r.regNotes = append(r.regNotes, fmt.Sprintf("%s's registrations were back %s after SIGCONT", victim.name, took.Round(10*time.Millisecond)))
	} else {
		r.regFail = append(r.regFail, fmt.Sprintf("%s's registrations not back within 30s of SIGCONT", victim.name))
	}
	r.mu.Unlock()
	if ok {
		r.log.add("%s's registrations back", victim.name)
	}
}

func partitionLeader(ctx context.Context, r *run, _ *rand.Rand) error {
	l, err := r.c.leader(ctx)
	if err != nil {
		return err
	}
	l.markFaulted()
	r.log.add("%s is the leader: its peer links slowed by 20ms", l.name)
	l.px.setDelay(20 * time.Millisecond)
	sleepCtx(ctx, 2*time.Second)
	h, err := r.hold(ctx, l)
	if err != nil {
		return err
	}
	r.log.add("%s partitioned: peer traffic to and from it blackholed", l.name)
	l.px.blackholeAll()
	for _, m := range others(r.c, l) {
		m.px.blackholeFrom(l.id)
	}
	h.writeDuringFault(ctx, r, l)
	sleepCtx(ctx, 8*time.Second)
	if nl, err := r.c.leaderAmong(ctx, others(r.c, l)); err == nil {
		r.log.add("the majority elected %s", nl.name)
	}
	for _, m := range r.c.members {
		m.px.heal()
		m.px.setDrop(0.02)
	}
	r.log.add("partition healed; links flaky (2%% of chunks break their connection) for 2s")
	h.wakeUp(ctx, r, others(r.c, l)[0])
	sleepCtx(ctx, 2*time.Second)
	dropped := 0
	for _, m := range r.c.members {
		m.px.heal()
		m.px.mu.Lock()
		dropped += m.px.dropped
		m.px.mu.Unlock()
	}
	r.log.add("links healthy again (%d connections broken by the flaky phase)", dropped)
	return nil
}

func restartUnderWatch(ctx context.Context, r *run, _ *rand.Rand) error {
	m := r.pinned
	sleepCtx(ctx, time.Second)
	r.c.stop(m)
	sleepCtx(ctx, time.Second)
	r.c.restart(m)
	if err := r.register(ctx, m); err != nil {
		return err
	}
	sleepCtx(ctx, 2*time.Second)
	return nil
}

// leaderAmong asks the given members which member leads.
func (c *cluster) leaderAmong(ctx context.Context, ms []*member) (*member, error) {
	sub := &cluster{t: c.t, members: ms, log: c.log}
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	l, err := sub.leader(cctx)
	if l == nil {
		return nil, err
	}
	return c.byName(l.name), nil
}

// ---- 5. registrations ----

func (r *run) checkRegistrations() checkResult {
	res := checkResult{name: "5. registrations expire", pass: true}
	for _, f := range r.regFail {
		res.violation("%s", f)
	}
	var worst time.Duration
	for _, d := range r.regVanish {
		worst = max(worst, d)
		if d > sessionTTL+regBound {
			res.violation("registrations vanished after %s, more than the session TTL %s + %s", d.Round(10*time.Millisecond), sessionTTL, regBound)
		}
	}
	res.details = append(res.details, r.regNotes...)
	if len(r.regVanish) == 0 {
		res.summary = "no sidecar was killed or paused here: its registrations stayed (nothing to measure)"
	} else {
		res.summary = fmt.Sprintf("worst case %s after the fault (bound: TTL %s + %s)", worst.Round(10*time.Millisecond), sessionTTL, regBound)
	}
	return res
}

// ---- the report ----

func report(seed int64, mode string, took time.Duration, version string, reps []*scenarioReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Robustness report\n\nWritten by `make robustness` (mode %s, seed %d, %s in all, %s, binary `%s`). "+
		"Rerun with `OUTRIGGER_ROBUSTNESS=full OUTRIGGER_ROBUSTNESS_SEED=%d make robustness`.\n\n",
		mode, seed, took.Round(time.Second), time.Now().UTC().Format("2006-01-02 15:04 UTC"), version, seed)
	b.WriteString(`Each scenario starts a fresh 3-node cluster of real ` + "`outrigger`" + ` processes on loopback (session TTL 10s,
progress every 500ms), every peer link through a fault proxy the suite controls (blackhole, delay, drop, by sending
member); runs, JSON and gRPC alternately, one request outstanding per client:

- 4 config clients: get / put / compare-and-set (ifRevision from their last read) / delete on 6 keys, unique values;
- 2 writers of new keys (each key written once);
- 3 lock clients: acquire (TTL 3s, keep-alive every 1s), 2-5 fenced writes (ifLockHeld) to one register through any
  member, release (30% of the time with one more fenced write sent at the same moment, racing it); after 30% of the
  releases the cluster confirmed, one more write with the old token;
- 2 election clients: campaign, proclaim 1-3 values, resign;
- 2 watchers of all config keys: resume from the last revision + 1 after every end, close on purpose every 0.5-4s,
  15% of the time (30% under compaction) start over from an earlier revision;
- in the pause and partition scenarios, one more lock holder takes the lock through the faulted sidecar just before
  the fault, leaves a fenced write in flight through it, and writes again through another member afterwards;

injects the fault (twice in the full mode), heals, and checks what the clients saw against etcd's own record of the
history (a watch of ` + "`/outrigger/`" + ` through etcd's client protocol from revision 1, which etcd's and Jepsen's
testing established as ordered and complete):

1. config operations are linearizable (porcupine; a write that failed with 5xx, a timeout or a transport error may take
   effect at any later time); on failure the visualization and the raw history are saved under failures/;
2. every watch line in revision order, none repeated, no revision of etcd's record missing between two lines (batch or
   progress), events equal to etcd's, a resync only after a compaction passed the resume point, and its items equal
   to etcd's state at its revision;
3. each fenced write in etcd's record was made while its token headed the lock's queue (stale writes through: must
   be 0) and tokens never go back between writes; grants' tokens unique and growing in real time;
4. one session per term, terms growing in real time, each term the create revision of its candidate key;
5. a killed or frozen sidecar's registrations vanish within the session TTL + 6s (see regBound), measured;
6. every acknowledged put is in etcd's record and reads back through every member, JSON and gRPC, after healing.

`)
	b.WriteString("## Summary\n\n| scenario | fault | took | config ops | porcupine | checks |\n|---|---|---|---|---|---|\n")
	var worst time.Duration
	for _, rp := range reps {
		ops, ind := 0, 0
		for k, n := range rp.counts {
			if strings.HasPrefix(k, "config ") {
				ops += n
				if strings.HasSuffix(k, "indeterminate") {
					ind += n
				}
			}
		}
		passed := 0
		for _, c := range rp.checks {
			if c.pass {
				passed++
			}
		}
		for _, d := range rp.regVanish {
			worst = max(worst, d)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d (%d indeterminate) | %s | %d/%d pass |\n", rp.name, rp.fault,
			rp.took.Round(time.Second), ops, ind, rp.porcupine, passed, len(rp.checks))
	}
	fmt.Fprintf(&b, "\n**Registration expiry, worst case:** %s after a kill or pause (session TTL %s; bound TTL + %s).\n\n",
		worst.Round(10*time.Millisecond), sessionTTL, regBound)
	b.WriteString("**The lock caveat:** locks are leases. A holder whose sidecar is paused, or cut off, past its TTL loses the " +
		"lock without knowing it until its next keep-alive or fenced write; meanwhile another client holds it. Those " +
		"times are counted below as \"two believed they held it\" and are expected; what must never happen is that a " +
		"fenced write from the stale holder gets through, and that count must be 0.\n\n")
	b.WriteString("| scenario | grants | fenced writes | two believed they held it | ... with a careful client | stale fenced writes through |\n|---|---|---|---|---|---|\n")
	for _, rp := range reps {
		fmt.Fprintf(&b, "| %s | %d | %d | %d (longest %s) | %d | %d (of %d sent with the old token after a confirmed release: %d accepted) |\n", rp.name,
			rp.lock.grants, rp.lock.writes, rp.lock.overlaps, rp.lock.worstOverlap.Round(time.Millisecond), rp.lock.carefulOverlaps,
			rp.lock.stale, rp.lock.zombies, rp.lock.zombiesOK)
	}
	for _, rp := range reps {
		fmt.Fprintf(&b, "\n## %s\n\nFault: %s. Took %s.\n\n### Faults injected\n\n```\n%s\n```\n\n### Operations\n\n", rp.name, rp.fault,
			rp.took.Round(time.Second), strings.Join(rp.faults, "\n"))
		var keys []string
		for k := range rp.counts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("| operation | outcome count |\n|---|---|\n")
		for _, k := range keys {
			fmt.Fprintf(&b, "| %s | %d |\n", k, rp.counts[k])
		}
		b.WriteString("\n### Checks\n\n")
		for _, c := range rp.checks {
			v := "PASS"
			if !c.pass {
				v = "**FAIL**"
			}
			fmt.Fprintf(&b, "- %s — %s: %s\n", c.name, v, c.summary)
			for _, d := range c.details {
				fmt.Fprintf(&b, "  - %s\n", d)
			}
		}
	}
	return b.String()
}
