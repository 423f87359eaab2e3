package dev.outrigger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.model.ConfigEntry;
import dev.outrigger.client.model.ConfigEvent;
import dev.outrigger.client.model.EventType;
import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.Sidecar;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConfigWatchTest {
    private static OutriggerClient client;

    @BeforeAll
    static void connect() {
        client = OutriggerClient.builder().endpoint(Sidecar.shared().endpoint()).build();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void deliversPutsAndDeletesInOrder() {
        String p = Names.unique("watch") + "/";
        RecordingConfigListener l = new RecordingConfigListener();
        try (Watch w = client.config().watch(p, l)) {
            assertTrue(w.awaitReady(Duration.ZERO), "watch() returns once the watch is in place");
            client.config().put(p + "a", "1");
            client.config().put(p + "b", "2");
            client.config().put("elsewhere-" + p, "not watched");
            client.config().delete(p + "a");
            Eventually.await("3 events", () -> l.events.size() >= 3);
            assertEquals(List.of("PUT:" + p + "a=1", "PUT:" + p + "b=2", "DELETE:" + p + "a="), l.values());
            ConfigEvent delete = l.events.get(2);
            assertEquals(EventType.DELETE, delete.getType());
            assertTrue(l.revisions.get(0) < l.revisions.get(1) && l.revisions.get(1) < l.revisions.get(2));
            assertTrue(w.lastRevision() >= l.revisions.get(2));
        }
    }

    @Test
    void listenerExceptionsDoNotStopTheWatch() {
        String p = Names.unique("throwing") + "/";
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch w = client.config().watch(p, (rev, events) -> {
            events.forEach(e -> seen.add(e.getValue()));
            throw new IllegalStateException("listener bug");
        })) {
            client.config().put(p + "k", "1");
            client.config().put(p + "k", "2");
            Eventually.await("both events despite the exceptions", () -> seen.size() == 2);
            assertEquals(List.of("1", "2"), seen);
            assertTrue(w.isRunning());
        }
    }

    @Test
    void resumesFromAStartRevision() {
        String p = Names.unique("from") + "/";
        ConfigEntry first = client.config().put(p + "x", "1");
        client.config().put(p + "x", "2");
        RecordingConfigListener l = new RecordingConfigListener();
        try (Watch w = client.config().watch(p, first.getModRevision(), l)) {
            Eventually.await("history replayed", () -> l.events.size() >= 2);
            assertEquals(List.of("PUT:" + p + "x=1", "PUT:" + p + "x=2"), l.values());
        }
    }

    @Test
    void resyncsWhenTheStartRevisionWasCompacted() {
        String p = Names.unique("compacted") + "/";
        ConfigEntry old = client.config().put(p + "a", "old");
        ConfigEntry now = client.config().put(p + "a", "new");
        client.config().put(p + "b", "b");
        Sidecar.shared().compact(now.getModRevision());
        RecordingConfigListener l = new RecordingConfigListener();
        try (Watch w = client.config().watch(p, old.getModRevision(), l)) {
            Eventually.await("a resync", () -> !l.resyncs.isEmpty());
            List<ConfigEntry> state = l.resyncs.get(0);
            assertEquals(2, state.size());
            assertEquals("new", state.get(0).getValue());
            client.config().put(p + "c", "after");
            Eventually.await("events after the resync", () -> l.events.size() >= 1);
            assertEquals(List.of("PUT:" + p + "c=after"), l.values());
        }
    }

    @Test
    void closingStopsTheThread() {
        AtomicInteger calls = new AtomicInteger();
        String p = Names.unique("closing") + "/";
        Watch w = client.config().watch(p, (rev, events) -> calls.incrementAndGet());
        w.close();
        Eventually.await("thread stopped", () -> !w.isRunning());
        client.config().put(p + "k", "v");
        assertEquals(0, calls.get());
    }
}
