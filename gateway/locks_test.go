package gateway_test

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestLockMutualExclusionWithIncreasingTokens(t *testing.T) {
	s := shared
	const contenders = 20
	var (
		holders atomic.Int32
		mu      sync.Mutex
		tokens  []int64
		wg      sync.WaitGroup
		errs    = make(chan error, contenders)
	)
	for i := range contenders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			grant := s.MustDo(t, 200, "POST", "/v1/locks/mutex20:acquire", `{"ttlSeconds":30,"waitSeconds":60}`)
			if grant["acquired"] != true {
				errs <- fmt.Errorf("contender %d: not acquired: %v", i, grant)
				return
			}
			if n := holders.Add(1); n != 1 {
				errs <- fmt.Errorf("contender %d: %d holders at once", i, n)
			}
			token := rev(t, grant, "fencingToken")
			mu.Lock()
			tokens = append(tokens, token)
			mu.Unlock()
			// A fenced write with the current token goes through.
			s.MustDo(t, 200, "PUT", "/v1/config/mutex20/register",
				fmt.Sprintf(`{"value":"%d","ifLockHeld":{"name":"mutex20","fencingToken":"%d"}}`, i, token))
			time.Sleep(5 * time.Millisecond)
			holders.Add(-1)
			rel := s.MustDo(t, 200, "POST", "/v1/locks/mutex20:release", fmt.Sprintf(`{"sessionId":"%s"}`, str(grant, "sessionId")))
			if rel["released"] != true {
				errs <- fmt.Errorf("contender %d: release: %v", i, rel)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(tokens) != contenders {
		t.Fatalf("%d grants, want %d", len(tokens), contenders)
	}
	for i := 1; i < len(tokens); i++ {
		if tokens[i] <= tokens[i-1] {
			t.Fatalf("fencing tokens not strictly increasing: %v", tokens)
		}
	}
	s.MustDo(t, 404, "GET", "/v1/locks/mutex20", "")
}

func TestLockTryAndHolder(t *testing.T) {
	s := shared
	session := str(s.MustDo(t, 200, "POST", "/v1/sessions", `{"ttlSeconds":30}`), "id")
	grant := s.MustDo(t, 200, "POST", "/v1/locks/try:acquire", fmt.Sprintf(`{"sessionId":"%s"}`, session))
	if grant["acquired"] != true || grant["sessionId"] != session || !strings.HasPrefix(str(grant, "key"), "/outrigger/locks/try/") {
		t.Fatalf("grant: %v", grant)
	}
	again := s.MustDo(t, 200, "POST", "/v1/locks/try:acquire", fmt.Sprintf(`{"sessionId":"%s"}`, session))
	if again["fencingToken"] != grant["fencingToken"] {
		t.Fatalf("the holder acquiring again got %v, want the same grant %v", again, grant)
	}
	holder := s.MustDo(t, 200, "GET", "/v1/locks/try", "")
	if holder["sessionId"] != session || holder["fencingToken"] != grant["fencingToken"] || holder["since"] == "" {
		t.Fatalf("holder: %v", holder)
	}
	busy := s.MustDo(t, 200, "POST", "/v1/locks/try:acquire", `{}`)
	if busy["acquired"] != false || busy["sessionId"] != "0" || busy["fencingToken"] != "0" {
		t.Fatalf("try on a held lock: %v", busy)
	}
	start := time.Now()
	waited := s.MustDo(t, 200, "POST", "/v1/locks/try:acquire", `{"waitSeconds":0.5}`)
	if waited["acquired"] != false || time.Since(start) < 400*time.Millisecond {
		t.Fatalf("wait 0.5s on a held lock: %v after %s", waited, time.Since(start))
	}
	if rel := s.MustDo(t, 200, "POST", "/v1/locks/try:release", fmt.Sprintf(`{"sessionId":"%s"}`, session)); rel["released"] != true {
		t.Fatalf("release: %v", rel)
	}
	if rel := s.MustDo(t, 200, "POST", "/v1/locks/try:release", fmt.Sprintf(`{"sessionId":"%s"}`, session)); rel["released"] != false {
		t.Fatalf("second release: %v", rel)
	}
	s.MustDo(t, 404, "GET", "/v1/locks/try", "")
}

// waitForGrant starts a waiting acquire and returns a channel with its answer.
func waitForGrant(t *testing.T, name string, wait int) <-chan map[string]any {
	ch := make(chan map[string]any, 1)
	go func() {
		r := shared.Do(t, "POST", "/v1/locks/"+name+":acquire", fmt.Sprintf(`{"waitSeconds":%d}`, wait))
		ch <- r.JSON(t)
	}()
	return ch
}

func TestLockHandoverWhenSessionDeleted(t *testing.T) {
	s := shared
	first := s.MustDo(t, 200, "POST", "/v1/locks/handover1:acquire", `{}`)
	next := waitForGrant(t, "handover1", 30)
	time.Sleep(200 * time.Millisecond) // let the waiter queue up
	s.MustDo(t, 200, "DELETE", "/v1/sessions/"+str(first, "sessionId"), "")
	select {
	case grant := <-next:
		if grant["acquired"] != true || rev(t, grant, "fencingToken") <= rev(t, first, "fencingToken") {
			t.Fatalf("waiter after handover: %v (first %v)", grant, first)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the waiter did not get the lock within 10s of the holder's session being deleted")
	}
}

func TestLockHandoverWhenSessionExpires(t *testing.T) {
	s := shared
	first := s.MustDo(t, 200, "POST", "/v1/locks/handover2:acquire", `{"ttlSeconds":2}`)
	next := waitForGrant(t, "handover2", 30)
	select {
	case grant := <-next:
		if grant["acquired"] != true || grant["fencingToken"] == first["fencingToken"] {
			t.Fatalf("waiter after expiry: %v", grant)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the waiter did not get the lock within 15s of a 2s session expiring")
	}
}

func TestFencedWriteRejectedAfterLockMoved(t *testing.T) {
	s := shared
	old := s.MustDo(t, 200, "POST", "/v1/locks/fence:acquire", `{}`)
	s.MustDo(t, 200, "DELETE", "/v1/sessions/"+str(old, "sessionId"), "")
	cur := s.MustDo(t, 200, "POST", "/v1/locks/fence:acquire", `{}`)
	stale := s.Do(t, "PUT", "/v1/config/fence/register", fmt.Sprintf(`{"value":"stale","ifLockHeld":{"name":"fence","fencingToken":"%s"}}`, str(old, "fencingToken")))
	if stale.Status != 409 || !strings.Contains(string(stale.Body), "not held with fencing token") {
		t.Fatalf("stale fenced write: %d %s", stale.Status, stale.Body)
	}
	s.MustDo(t, 404, "GET", "/v1/config/fence/register", "")
	s.MustDo(t, 200, "PUT", "/v1/config/fence/register", fmt.Sprintf(`{"value":"ok","ifLockHeld":{"name":"fence","fencingToken":"%s"}}`, str(cur, "fencingToken")))
	s.MustDo(t, 200, "POST", "/v1/locks/fence:release", fmt.Sprintf(`{"sessionId":"%s"}`, str(cur, "sessionId")))
	free := s.Do(t, "PUT", "/v1/config/fence/register", fmt.Sprintf(`{"value":"late","ifLockHeld":{"name":"fence","fencingToken":"%s"}}`, str(cur, "fencingToken")))
	if free.Status != 409 {
		t.Fatalf("fenced write on a free lock: %d %s", free.Status, free.Body)
	}
	if got := s.MustDo(t, 200, "GET", "/v1/config/fence/register", ""); got["value"] != "ok" {
		t.Fatalf("register: %v", got)
	}
}

// A session the sidecar creates for a waiting acquire is kept alive while it
// waits, however short its TTL.
func TestNewSessionKeptAliveWhileWaiting(t *testing.T) {
	s := shared
	holder := s.MustDo(t, 200, "POST", "/v1/locks/wait-ttl:acquire", `{"ttlSeconds":30}`)
	go func() {
		time.Sleep(4 * time.Second) // twice the waiter's TTL
		s.Do(t, "POST", "/v1/locks/wait-ttl:release", fmt.Sprintf(`{"sessionId":"%s"}`, str(holder, "sessionId")))
	}()
	grant := s.MustDo(t, 200, "POST", "/v1/locks/wait-ttl:acquire", `{"ttlSeconds":2,"waitSeconds":20}`)
	if grant["acquired"] != true {
		t.Fatalf("waiter with a 2s session: %v", grant)
	}
	s.MustDo(t, 200, "POST", "/v1/sessions/"+str(grant, "sessionId")+":keepalive", "")
}
