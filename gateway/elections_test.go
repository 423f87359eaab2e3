package gateway_test

import (
	"fmt"
	"testing"
	"time"
)

func TestElectionHandover(t *testing.T) {
	s := shared
	obs := s.OpenStream(t, "/v1/elections/sched:observe")
	if first := obs.Next(t, lineWait); first["leader"] != nil {
		t.Fatalf("observe before any campaign: %v", first)
	}
	a := s.MustDo(t, 200, "POST", "/v1/elections/sched:campaign", `{"value":"a"}`)
	if a["elected"] != true {
		t.Fatalf("first campaign: %v", a)
	}
	if l := obs.NextWith(t, "leader", lineWait)["leader"].(map[string]any); l["value"] != "a" || l["term"] != a["term"] {
		t.Fatalf("observed leader: %v", l)
	}
	if b := s.MustDo(t, 200, "POST", "/v1/elections/sched:campaign", `{"value":"b"}`); b["elected"] != false || b["sessionId"] != "0" {
		t.Fatalf("second campaign, try once: %v", b)
	}
	bDone := make(chan map[string]any, 1)
	go func() {
		bDone <- s.Do(t, "POST", "/v1/elections/sched:campaign", `{"value":"b","waitSeconds":30}`).JSON(t)
	}()

	p := s.MustDo(t, 200, "POST", "/v1/elections/sched:proclaim", fmt.Sprintf(`{"sessionId":"%s","value":"a2"}`, str(a, "sessionId")))
	if p["value"] != "a2" || p["term"] != a["term"] {
		t.Fatalf("proclaim: %v", p)
	}
	if l := obs.NextWith(t, "leader", lineWait)["leader"].(map[string]any); l["value"] != "a2" {
		t.Fatalf("observed after proclaim: %v", l)
	}
	if lead := s.MustDo(t, 200, "GET", "/v1/elections/sched/leader", ""); lead["value"] != "a2" || lead["sessionId"] != a["sessionId"] {
		t.Fatalf("leader: %v", lead)
	}
	time.Sleep(200 * time.Millisecond) // let b queue up
	if r := s.MustDo(t, 200, "POST", "/v1/elections/sched:resign", fmt.Sprintf(`{"sessionId":"%s"}`, str(a, "sessionId"))); r["resigned"] != true {
		t.Fatalf("resign: %v", r)
	}
	var b map[string]any
	select {
	case b = <-bDone:
	case <-time.After(10 * time.Second):
		t.Fatal("b not elected within 10s of a resigning")
	}
	if b["elected"] != true || rev(t, b, "term") <= rev(t, a, "term") {
		t.Fatalf("b after handover: %v (a %v)", b, a)
	}
	if l := obs.NextWith(t, "leader", lineWait)["leader"].(map[string]any); l["value"] != "b" || l["term"] != b["term"] {
		t.Fatalf("observed after handover: %v", l)
	}
	notLeader := s.Do(t, "POST", "/v1/elections/sched:proclaim", fmt.Sprintf(`{"sessionId":"%s","value":"x"}`, str(a, "sessionId")))
	if notLeader.Status != 409 {
		t.Fatalf("proclaim by a non-leader: %d %s", notLeader.Status, notLeader.Body)
	}
	s.MustDo(t, 200, "DELETE", "/v1/sessions/"+str(b, "sessionId"), "")
	if line := obs.NextWith(t, "leader", lineWait); line["leader"] != nil {
		t.Fatalf("observed after the leader's session ended: %v", line)
	}
	s.MustDo(t, 404, "GET", "/v1/elections/sched/leader", "")
}
