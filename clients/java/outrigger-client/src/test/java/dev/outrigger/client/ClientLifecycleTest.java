package dev.outrigger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.Sidecar;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClientLifecycleTest {

    private static List<Thread> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("outrigger-") && !t.getName().startsWith("outrigger-test"))
                .collect(Collectors.toList());
    }

    @Test
    void everyThreadIsADaemonAndCloseStopsThemAndReleasesEverything() {
        Eventually.await("no client threads left by other tests", Duration.ofSeconds(30), () -> clientThreads().isEmpty());
        String name = Names.unique("lifecycle");
        OutriggerClient client = OutriggerClient.builder().endpoint(Sidecar.shared().endpoint()).build();
        Lock lock;
        Campaign campaign;
        try (OutriggerClient observer = OutriggerClient.builder().endpoint(Sidecar.shared().endpoint()).build()) {
            client.config().watch(name + "/", (rev, events) -> { });
            lock = client.locks().acquire(name, Duration.ZERO);
            campaign = client.elections().campaign(name, "v", new ElectionTest.Recorder());
            Eventually.await("leads", campaign::isLeader);
            client.registry().registerKept(name, "i", InstanceRegistration.of("127.0.0.1", 1), Duration.ofSeconds(5));

            List<Thread> running = clientThreads();
            assertFalse(running.isEmpty());
            assertTrue(running.stream().allMatch(Thread::isDaemon), "non-daemon threads: " + running);

            client.close();
            assertFalse(lock.isHeld());
            assertFalse(campaign.isLeader());
            assertTrue(observer.locks().holder(name).isEmpty(), "the lock is released at once");
            assertTrue(observer.elections().leader(name).isEmpty(), "the leadership is released at once");
            assertTrue(observer.registry().instances(name).getInstances().isEmpty());
        }
        Eventually.await("every client thread stopped", Duration.ofSeconds(30), () -> clientThreads().isEmpty());
        assertEquals(List.of(), clientThreads());
    }
}
