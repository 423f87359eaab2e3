package test

import (
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/outrigger/outrigger/internal/proctest"
	"github.com/outrigger/outrigger/internal/testenv"
)

func TestStaticClusterServesOneStore(t *testing.T) {
	ms := staticCluster(t, 3)
	watch := openWatch(t, ms[2].url(), "app/", 0)
	put := mustCall(t, 200, ms[0].url(), "PUT", "/v1/config/app/k", `{"value":"from n1"}`)
	for _, m := range ms[1:] {
		if got := mustCall(t, 200, m.url(), "GET", "/v1/config/app/k", ""); got["value"] != "from n1" {
			t.Fatalf("%s reads %v", m.name, got)
		}
	}
	ev := watch.nextEvent(t)
	if ev.rev != str(put, "modRevision") || ev.key != "app/k" {
		t.Fatalf("watch on n3 saw %+v, want the put on n1 at %s", ev, put["modRevision"])
	}
	for _, m := range ms {
		if v, l, _ := roles(t, m); v != 3 || l != 0 {
			t.Fatalf("%s sees %d voters and %d learners", m.name, v, l)
		}
		if st := mustCall(t, 200, m.url(), "GET", "/v1/cluster", ""); st["role"] != "voter" {
			t.Fatalf("%s role %v", m.name, st["role"])
		}
	}
}

func TestDynamicJoinPicksRoles(t *testing.T) {
	first := newMember(t, "d1")
	first.start(t)
	join := "--join=" + first.url()
	all := []*member{first}
	for i := 2; i <= 6; i++ {
		m := newMember(t, fmt.Sprintf("d%d", i), join)
		m.start(t)
		all = append(all, m)
	}
	want := map[string]string{"d1": "voter", "d2": "voter", "d3": "voter", "d4": "learner", "d5": "learner", "d6": "client"}
	for _, m := range all {
		st := mustCall(t, 200, m.url(), "GET", "/v1/cluster", "")
		if st["role"] != want[m.name] {
			t.Errorf("%s is a %v, want a %s", m.name, st["role"], want[m.name])
		}
	}
	if v, l, names := roles(t, first); v != 3 || l != 2 {
		t.Fatalf("members %v: %d voters, %d learners; want 3 and 2", names, v, l)
	}
	// Every sidecar serves the same data, whatever its role.
	for i, m := range all {
		mustCall(t, 200, m.url(), "PUT", fmt.Sprintf("/v1/config/from/%d", i), `{"value":"v"}`)
	}
	for _, m := range all {
		if list := mustCall(t, 200, m.url(), "GET", "/v1/config?prefix=from/", ""); len(list["items"].([]any)) != len(all) {
			t.Fatalf("%s lists %v", m.name, list)
		}
	}
	// A learner that stops gracefully leaves; a client has no member to remove.
	all[4].proc.Stop(t)
	all[5].proc.Stop(t)
	if v, l, names := roles(t, first); v != 3 || l != 1 {
		t.Fatalf("after the learner d5 left: %v: %d voters, %d learners", names, v, l)
	}
}

func TestConcurrentJoins(t *testing.T) {
	first := newMember(t, "c1")
	first.start(t)
	var joiners []*member
	for i := 2; i <= 4; i++ {
		m := newMember(t, fmt.Sprintf("c%d", i), "--join="+first.url())
		m.proc = proctest.StartNoWait(t, nil, m.args()...)
		joiners = append(joiners, m)
	}
	for _, m := range joiners {
		m.proc.WaitReady(t, 2*time.Minute)
	}
	if v, l, names := roles(t, first); v != 3 || l != 1 {
		t.Fatalf("after 3 joins at once: %v: %d voters, %d learners; want 3 and 1", names, v, l)
	}
}

// ackedWrites writes keys through the sidecars in turn until stop is closed, and
// returns the keys whose write was acknowledged, with their values.
func ackedWrites(t *testing.T, via []*member, stop <-chan struct{}) (<-chan map[string]string, *sync.WaitGroup) {
	out := make(chan map[string]string, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		acked := map[string]string{}
		for i := 0; ; i++ {
			select {
			case <-stop:
				out <- acked
				return
			default:
			}
			m := via[i%len(via)]
			key := fmt.Sprintf("acked/%05d", i)
			code, _ := callQuiet(m.url(), "PUT", "/v1/config/"+key, fmt.Sprintf(`{"value":"%d"}`, i))
			if code == 200 {
				acked[key] = strconv.Itoa(i)
			}
		}
	}()
	return out, &wg
}

func checkAcked(t *testing.T, m *member, acked map[string]string) {
	t.Helper()
	for key, value := range acked {
		if got := mustCall(t, 200, m.url(), "GET", "/v1/config/"+key, ""); got["value"] != value {
			t.Fatalf("acknowledged write %s=%s reads %v on %s", key, value, got, m.name)
		}
	}
}

func TestKilledVoterRestartsAndCatchesUp(t *testing.T) {
	ms := staticCluster(t, 3)
	stop := make(chan struct{})
	result, _ := ackedWrites(t, ms[:2], stop)
	time.Sleep(300 * time.Millisecond)
	ms[2].proc.Kill()
	time.Sleep(time.Second) // the other two keep taking writes
	ms[2].start(t)
	time.Sleep(300 * time.Millisecond)
	close(stop)
	acked := <-result
	if len(acked) < 10 {
		t.Fatalf("only %d writes acknowledged", len(acked))
	}
	testenv.Eventually(t, 30*time.Second, "restarted n3 has every acknowledged write", func() error {
		for key, value := range acked {
			code, got := callQuiet(ms[2].url(), "GET", "/v1/config/"+key+"?serializable=true", "")
			if code != 200 || got["value"] != value {
				return fmt.Errorf("%s: %d %v", key, code, got)
			}
		}
		return nil
	})
	checkAcked(t, ms[2], acked)
	t.Logf("%d acknowledged writes, all readable on the restarted member", len(acked))
}

func TestLeaderKilledDuringWrites(t *testing.T) {
	ms := staticCluster(t, 3)
	leader := leaderOf(t, ms)
	var followers []*member
	for _, m := range ms {
		if m != leader {
			followers = append(followers, m)
		}
	}
	stop := make(chan struct{})
	result, _ := ackedWrites(t, followers, stop)
	time.Sleep(300 * time.Millisecond)
	killed := time.Now()
	leader.proc.Kill()
	var resumed time.Duration
	testenv.Eventually(t, 30*time.Second, "writes resume after the leader is killed", func() error {
		code, _ := callWithin(500*time.Millisecond, followers[0].url(), "PUT", "/v1/config/after-kill", `{"value":"x"}`)
		if code != 200 {
			return fmt.Errorf("status %d", code)
		}
		resumed = time.Since(killed)
		return nil
	})
	close(stop)
	acked := <-result
	t.Logf("writes resumed %s after the leader was killed (%d writes acknowledged)", resumed.Round(time.Millisecond), len(acked))
	checkAcked(t, followers[1], acked)
}

func leaderOf(t *testing.T, ms []*member) *member {
	t.Helper()
	var found *member
	testenv.Eventually(t, 10*time.Second, "a leader", func() error {
		st := mustCall(t, 200, ms[0].url(), "GET", "/v1/cluster", "")
		for _, x := range st["members"].([]any) {
			mm := x.(map[string]any)
			if mm["leader"] == true {
				for _, m := range ms {
					if m.name == mm["name"] {
						found = m
						return nil
					}
				}
			}
		}
		return fmt.Errorf("no leader in %v", st["members"])
	})
	return found
}

func TestDeadVoterReplacedByLearner(t *testing.T) {
	opts := []string{"--dead-member-timeout", "2s"}
	first := newMember(t, "a1", opts...)
	first.start(t)
	all := []*member{first}
	for i := 2; i <= 4; i++ {
		m := newMember(t, fmt.Sprintf("a%d", i), append(opts, "--join="+first.url())...)
		m.start(t)
		all = append(all, m)
	}
	if v, l, _ := roles(t, first); v != 3 || l != 1 {
		t.Fatalf("%d voters, %d learners before the kill", v, l)
	}
	leader := leaderOf(t, all[:3])
	var victim *member
	for _, m := range all[:3] {
		if m != leader {
			victim = m
			break
		}
	}
	victim.proc.Kill()
	testenv.Eventually(t, 60*time.Second, "the dead voter replaced by the learner", func() error {
		v, l, names := roles(t, leader)
		for _, n := range names {
			if n == victim.name {
				return fmt.Errorf("%s still a member of %v", victim.name, names)
			}
		}
		if v != 3 || l != 0 {
			return fmt.Errorf("%v: %d voters, %d learners", names, v, l)
		}
		return nil
	})
	if st := mustCall(t, 200, all[3].url(), "GET", "/v1/cluster", ""); st["role"] != "voter" {
		t.Fatalf("the learner a4 is now a %v", st["role"])
	}
}

func TestLostDataDirRejoinsCleanly(t *testing.T) {
	ms := staticCluster(t, 3)
	mustCall(t, 200, ms[0].url(), "PUT", "/v1/config/k", `{"value":"v"}`)
	before := mustCall(t, 200, ms[0].url(), "GET", "/v1/cluster", "")
	ms[2].proc.Kill()
	if err := removeAll(ms[2].dir); err != nil {
		t.Fatal(err)
	}
	ms[2].start(t)
	if got := mustCall(t, 200, ms[2].url(), "GET", "/v1/config/k", ""); got["value"] != "v" {
		t.Fatalf("rejoined member reads %v", got)
	}
	after := mustCall(t, 200, ms[0].url(), "GET", "/v1/cluster", "")
	if n := len(after["members"].([]any)); n != 3 {
		t.Fatalf("%d members after the rejoin: %v", n, after["members"])
	}
	oldIDs := map[any]bool{}
	for _, x := range before["members"].([]any) {
		if x.(map[string]any)["name"] == "n3" {
			oldIDs[x.(map[string]any)["id"]] = true
		}
	}
	for _, x := range after["members"].([]any) {
		if oldIDs[x.(map[string]any)["id"]] {
			t.Fatalf("the old member id of n3 is still there: %v", after["members"])
		}
	}
}

// An app's watch on node C, whose sidecar restarts, resumes from the last revision
// it saw and gets every change made on node A exactly once, in order.
func TestWatchResumesAcrossSidecarRestart(t *testing.T) {
	ms := staticCluster(t, 3)
	a, c := ms[0], ms[2]
	stop := make(chan struct{})
	revs := make(chan []string, 1)
	go func() {
		var acked []string
		for i := 0; ; i++ {
			select {
			case <-stop:
				revs <- acked
				return
			default:
			}
			code, e := callQuiet(a.url(), "PUT", fmt.Sprintf("/v1/config/w/%d", i%5), fmt.Sprintf(`{"value":"%d"}`, i))
			if code == 200 {
				acked = append(acked, str(e, "modRevision"))
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	var seen []string
	collect := func(w *watchStream, until time.Time) {
		for time.Now().Before(until) {
			select {
			case m, ok := <-w.lines:
				if !ok {
					return
				}
				if _, isBatch := m["events"]; isBatch {
					seen = append(seen, str(m, "revision"))
				}
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
	w := openWatch(t, c.url(), "w/", 1)
	collect(w, time.Now().Add(time.Second))
	c.proc.Stop(t) // the stream ends with the sidecar
	collect(w, time.Now().Add(500*time.Millisecond))
	c.start(t)
	last, _ := strconv.ParseInt(seen[len(seen)-1], 10, 64)
	w = openWatch(t, c.url(), "w/", last+1)
	collect(w, time.Now().Add(time.Second))
	close(stop)
	acked := <-revs
	collect(w, time.Now().Add(2*time.Second))

	index := map[string]int{}
	for i, r := range seen {
		if _, dup := index[r]; dup {
			t.Fatalf("revision %s delivered twice", r)
		}
		index[r] = i
		if i > 0 {
			prev, _ := strconv.ParseInt(seen[i-1], 10, 64)
			cur, _ := strconv.ParseInt(r, 10, 64)
			if cur <= prev {
				t.Fatalf("revisions out of order: %s after %s", r, seen[i-1])
			}
		}
	}
	for _, r := range acked {
		if _, ok := index[r]; !ok {
			t.Fatalf("acknowledged put at revision %s never reached the watch (%d seen, %d acked)", r, len(seen), len(acked))
		}
	}
	t.Logf("%d acknowledged puts, %d events seen across the restart, none missing or repeated", len(acked), len(seen))
}
