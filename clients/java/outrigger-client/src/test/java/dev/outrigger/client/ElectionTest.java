package dev.outrigger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.errors.FailedPreconditionException;
import dev.outrigger.client.model.Leader;
import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.SharedClient;
import dev.outrigger.testing.Sidecar;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ElectionTest {
    @RegisterExtension
    static final SharedClient ONE = new SharedClient(b -> b.sessionTtl(Duration.ofSeconds(4)));

    @RegisterExtension
    static final SharedClient TWO = new SharedClient(b -> b.sessionTtl(Duration.ofSeconds(4)));

    /** Records grants and revocations as "granted:term" and "revoked". */
    static final class Recorder implements ElectionListener {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Long> terms = new CopyOnWriteArrayList<>();

        @Override
        public void onGranted(Campaign campaign, long term) {
            terms.add(term);
            calls.add("granted");
        }

        @Override
        public void onRevoked(Campaign campaign, String reason) {
            calls.add("revoked");
        }
    }

    @Test
    void handsLeadershipOverBetweenClients() {
        String name = Names.unique("election");
        List<Optional<Leader>> observed = new CopyOnWriteArrayList<>();
        try (Watch observer = TWO.get().elections().observe(name, (leader, rev) -> observed.add(leader))) {
            Recorder r1 = new Recorder();
            Recorder r2 = new Recorder();
            Campaign c1 = ONE.get().elections().campaign(name, "one", r1);
            Eventually.await("one leads", c1::isLeader);
            Campaign c2 = TWO.get().elections().campaign(name, "two", r2);
            Eventually.await("two is in line", () -> c2.sessionId() != 0);
            assertEquals("one", TWO.get().elections().leader(name).orElseThrow().getValue());
            assertFalse(c2.isLeader());
            assertThrows(FailedPreconditionException.class, () -> c2.proclaim("usurper"));

            Leader proclaimed = c1.proclaim("one, updated");
            assertEquals("one, updated", proclaimed.getValue());

            c1.close();
            Eventually.await("two leads", c2::isLeader);
            Eventually.await("one was revoked", () -> r1.calls.equals(List.of("granted", "revoked")));
            Eventually.await("two was granted", () -> r2.calls.equals(List.of("granted")));
            assertTrue(r2.terms.get(0) > r1.terms.get(0), "terms grow with every leader");
            assertEquals("two", ONE.get().elections().leader(name).orElseThrow().getValue());

            Eventually.await("the observer saw every leader", () -> observed.size() >= 4
                    && observed.get(observed.size() - 1).map(l -> l.getValue().equals("two")).orElse(false));
            assertEquals(Optional.empty(), observed.get(0));
            assertEquals("one", observed.get(1).orElseThrow().getValue());
            assertEquals("one, updated", observed.get(2).orElseThrow().getValue());
            assertEquals("two", observed.get(observed.size() - 1).orElseThrow().getValue());
            c2.close();
            Eventually.await("no leader", () -> ONE.get().elections().leader(name).isEmpty());
        }
    }

    @Test
    void yieldingPassesLeadershipOnAndCampaignsAgain() {
        String name = Names.unique("yield");
        Recorder r1 = new Recorder();
        Recorder r2 = new Recorder();
        try (Campaign c1 = ONE.get().elections().campaign(name, "one", r1);
                Campaign c2 = TWO.get().elections().campaign(name, "two", r2)) {
            Eventually.await("someone leads", () -> c1.isLeader() || c2.isLeader());
            Campaign leader = c1.isLeader() ? c1 : c2;
            Campaign other = leader == c1 ? c2 : c1;
            Eventually.await("both in line", () -> candidates(name) == 2);
            leader.yieldLeadership();
            Eventually.await("the other leads", other::isLeader);
            Eventually.await("the yielder is back in line", () -> !leader.isLeader() && candidates(name) == 2);
            other.yieldLeadership();
            Eventually.await("the first leads again", leader::isLeader);
        }
    }

    @Test
    void revokesWhenTheSessionIsLost() {
        String name = Names.unique("revoked");
        Recorder r = new Recorder();
        try (Campaign c = ONE.get().elections().campaign(name, "one", r)) {
            Eventually.await("leads", c::isLeader);
            long session = ONE.get().elections().leader(name).orElseThrow().getSessionId();
            TWO.get().sessions().delete(session);
            Eventually.await("revoked, then granted again with a new session",
                    () -> r.calls.equals(List.of("granted", "revoked", "granted")));
            assertTrue(r.terms.get(1) > r.terms.get(0));
            assertTrue(c.isLeader());
        }
    }

    /** The campaigning sessions, as etcd holds them (docs/api.md: /outrigger/elections/NAME/SESSION). */
    private static long candidates(String name) {
        return Sidecar.shared().countEtcdKeys("/outrigger/elections/" + name + "/");
    }
}
