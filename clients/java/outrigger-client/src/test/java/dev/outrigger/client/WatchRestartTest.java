package dev.outrigger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.model.InstanceEvent;
import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.Sidecar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Watches survive a sidecar restart (graceful or killed) and miss nothing, repeat nothing. */
class WatchRestartTest {
    private Sidecar sidecar;
    private OutriggerClient watcher;
    private OutriggerClient writer;

    @BeforeEach
    void start() {
        sidecar = Sidecar.start();
        watcher = OutriggerClient.builder().endpoint(sidecar.endpoint())
                .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
        writer = OutriggerClient.builder().endpoint(sidecar.endpoint()).build();
    }

    @AfterEach
    void stop() {
        writer.close();
        watcher.close();
        sidecar.close();
    }

    @Test
    void configWatchSurvivesRestartsWithoutMissingAnEvent() {
        RecordingConfigListener l = new RecordingConfigListener();
        List<String> expected = new ArrayList<>();
        try (Watch w = watcher.config().watch("restart/", l)) {
            for (int i = 0; i < 5; i++) {
                writer.config().put("restart/k" + (i % 2), "before-" + i);
                expected.add("PUT:restart/k" + (i % 2) + "=before-" + i);
            }
            Eventually.await("events before the restart", () -> l.events.size() == 5);

            sidecar.restart();
            writeBurst(expected, "graceful");
            sidecar.kill();
            sidecar.restart();
            writeBurst(expected, "killed");

            Eventually.await("every event", () -> l.events.size() >= expected.size());
            assertEquals(expected, l.values());
            assertEquals(l.revisions.size(), new HashSet<>(l.revisions).size(), "no revision twice");
            assertFalse(l.errors.isEmpty(), "the disconnects were reported");
            assertTrue(l.terminations.isEmpty());
            assertTrue(w.isRunning());
        }
    }

    @Test
    void callsOnAClientWhoseConnectionsTheRestartClosedSucceed() {
        // connections pooled before a restart are closed by it; reads and writes after it
        // must open new ones, not fail on the old ones
        for (int i = 0; i < 8; i++) {
            writer.config().put("pool/k" + i, "v" + i);
        }
        sidecar.restart();
        assertEquals("v3", writer.config().get("pool/k3").orElseThrow().getValue());
        writer.config().put("pool/k3", "after-graceful");
        sidecar.kill();
        sidecar.restart();
        // a write first: writes are never sent twice, so the closed connection must be
        // noticed before the write goes out on it
        writer.config().put("pool/k3", "after-kill");
        assertEquals("after-kill", writer.config().get("pool/k3").orElseThrow().getValue());
    }

    @Test
    void registryWatchSurvivesARestart() {
        List<InstanceEvent> events = new CopyOnWriteArrayList<>();
        try (Watch w = watcher.registry().watch("restart-svc", (rev, batch) -> events.addAll(batch))) {
            writer.registry().register("restart-svc", "a", InstanceRegistration.of("10.0.0.1", 80).sessionTtl(
                    Duration.ofSeconds(30)));
            Eventually.await("the first registration", () -> events.size() == 1);
            sidecar.restart();
            writer.registry().register("restart-svc", "b", InstanceRegistration.of("10.0.0.2", 80).sessionTtl(
                    Duration.ofSeconds(30)));
            Eventually.await("the registration after the restart", () -> events.size() >= 3);
            // the graceful stop deleted the sessions the sidecar owned, and a with its session
            assertEquals(List.of("PUT:a", "DELETE:a", "PUT:b"), events.stream()
                    .map(e -> e.getType() + ":" + e.getInstance().getId()).collect(Collectors.toList()));
            assertTrue(w.isRunning());
        }
    }

    private void writeBurst(List<String> expected, String tag) {
        // written as soon as the sidecar is back, while the watch is still reconnecting
        for (int i = 0; i < 5; i++) {
            writer.config().put("restart/" + tag, tag + "-" + i);
            expected.add("PUT:restart/" + tag + "=" + tag + "-" + i);
        }
    }
}
