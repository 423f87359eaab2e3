package dev.outrigger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.model.ConfigEntry;
import dev.outrigger.client.model.ConfigEvent;
import dev.outrigger.client.model.EventType;
import dev.outrigger.testing.Eventually;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.SharedClient;
import dev.outrigger.testing.Sidecar;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigWatchTest {
    @RegisterExtension
    static final SharedClient CLIENT = new SharedClient();

    @Test
    void deliversPutsAndDeletesInOrder() {
        String p = Names.unique("watch") + "/";
        RecordingConfigListener l = new RecordingConfigListener();
        try (Watch w = CLIENT.get().config().watch(p, l)) {
            assertTrue(w.awaitReady(Duration.ZERO), "watch() returns once the watch is in place");
            CLIENT.get().config().put(p + "a", "1");
            CLIENT.get().config().put(p + "b", "2");
            CLIENT.get().config().put("elsewhere-" + p, "not watched");
            CLIENT.get().config().delete(p + "a");
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
        try (Watch w = CLIENT.get().config().watch(p, (rev, events) -> {
            events.forEach(e -> seen.add(e.getValue()));
            throw new IllegalStateException("listener bug");
        })) {
            CLIENT.get().config().put(p + "k", "1");
            CLIENT.get().config().put(p + "k", "2");
            Eventually.await("both events despite the exceptions", () -> seen.size() == 2);
            assertEquals(List.of("1", "2"), seen);
            assertTrue(w.isRunning());
        }
    }

    @Test
    void resumesFromAStartRevision() {
        String p = Names.unique("from") + "/";
        ConfigEntry first = CLIENT.get().config().put(p + "x", "1");
        CLIENT.get().config().put(p + "x", "2");
        RecordingConfigListener l = new RecordingConfigListener();
        try (Watch w = CLIENT.get().config().watch(p, first.getModRevision(), l)) {
            Eventually.await("history replayed", () -> l.events.size() >= 2);
            assertEquals(List.of("PUT:" + p + "x=1", "PUT:" + p + "x=2"), l.values());
        }
    }

    @Test
    void resyncsWhenTheStartRevisionWasCompacted() {
        String p = Names.unique("compacted") + "/";
        ConfigEntry old = CLIENT.get().config().put(p + "a", "old");
        ConfigEntry now = CLIENT.get().config().put(p + "a", "new");
        CLIENT.get().config().put(p + "b", "b");
        Sidecar.shared().compact(now.getModRevision());
        RecordingConfigListener l = new RecordingConfigListener();
        try (Watch w = CLIENT.get().config().watch(p, old.getModRevision(), l)) {
            Eventually.await("a resync", () -> !l.resyncs.isEmpty());
            List<ConfigEntry> state = l.resyncs.get(0);
            assertEquals(2, state.size());
            assertEquals("new", state.get(0).getValue());
            CLIENT.get().config().put(p + "c", "after");
            Eventually.await("events after the resync", () -> l.events.size() >= 1);
            assertEquals(List.of("PUT:" + p + "c=after"), l.values());
        }
    }

    @Test
    void closingStopsTheThread() {
        AtomicInteger calls = new AtomicInteger();
        String p = Names.unique("closing") + "/";
        Watch w = CLIENT.get().config().watch(p, (rev, events) -> calls.incrementAndGet());
        w.close();
        Eventually.await("thread stopped", () -> !w.isRunning());
        CLIENT.get().config().put(p + "k", "v");
        assertEquals(0, calls.get());
    }
}
