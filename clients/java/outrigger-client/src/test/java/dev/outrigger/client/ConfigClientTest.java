package dev.outrigger.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outrigger.client.errors.ConflictException;
import dev.outrigger.client.model.CompareOp;
import dev.outrigger.client.model.ConfigEntry;
import dev.outrigger.client.model.ConfigPage;
import dev.outrigger.client.model.ConfigSnapshot;
import dev.outrigger.client.model.TxnResponse;
import dev.outrigger.testing.Names;
import dev.outrigger.testing.SharedClient;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigClientTest {
    @RegisterExtension
    static final SharedClient CLIENT = new SharedClient();

    @Test
    void putGetListDelete() {
        String p = Names.unique("crud") + "/";
        ConfigEntry a = CLIENT.get().config().put(p + "a", "1");
        assertEquals(p + "a", a.getKey());
        assertEquals("1", a.getValue());
        assertEquals(1, a.getVersion());
        assertEquals(a.getModRevision(), a.getCreateRevision());
        CLIENT.get().config().put(p + "b/c", "zwei ü");

        assertEquals("zwei ü", CLIENT.get().config().get(p + "b/c").orElseThrow().getValue());
        assertTrue(CLIENT.get().config().get(p + "missing").isEmpty());

        ConfigSnapshot all = CLIENT.get().config().list(p);
        assertEquals(List.of(p + "a", p + "b/c"),
                all.getEntries().stream().map(ConfigEntry::getKey).collect(Collectors.toList()));
        assertTrue(all.getRevision() >= a.getModRevision());

        assertEquals(1, CLIENT.get().config().delete(p + "a").getDeleted());
        assertTrue(CLIENT.get().config().get(p + "a").isEmpty());
        assertEquals(0, CLIENT.get().config().delete(p + "a").getDeleted());
        assertEquals(1, CLIENT.get().config().deletePrefix(p).getDeleted());
        assertTrue(CLIENT.get().config().list(p).getEntries().isEmpty());
    }

    @Test
    void readsAtPastRevisions() {
        String key = Names.unique("history");
        ConfigEntry v1 = CLIENT.get().config().put(key, "v1");
        CLIENT.get().config().put(key, "v2");
        assertEquals("v1", CLIENT.get().config().getAt(key, v1.getModRevision()).orElseThrow().getValue());
        assertEquals("v2", CLIENT.get().config().get(key).orElseThrow().getValue());
        assertTrue(CLIENT.get().config().getAt(key, v1.getModRevision() - 1).isEmpty());
        assertEquals("v1", CLIENT.get().config().listAt(key, v1.getModRevision()).getEntries().get(0).getValue());
    }

    @Test
    void listsEveryPageAtOneRevision() {
        String p = Names.unique("pages") + "/";
        for (int i = 0; i < 5; i++) {
            CLIENT.get().config().put(p + i, Integer.toString(i));
        }
        ConfigPage first = CLIENT.get().config().page(p, 2, null, 0);
        assertEquals(2, first.getItems().size());
        assertFalse(first.getNextPageToken().isEmpty());
        CLIENT.get().config().put(p + "9", "after the first page");
        ConfigPage second = CLIENT.get().config().page(p, 2, first.getNextPageToken(), 0);
        assertEquals(first.getRevision(), second.getRevision());
        assertEquals(p + "2", second.getItems().get(0).getKey());
        assertEquals(6, CLIENT.get().config().list(p).getEntries().size());
    }

    @Test
    void compareAndSet() {
        String key = Names.unique("cas");
        ConfigEntry created = CLIENT.get().config().putIfRevision(key, "first", 0);
        ConflictException exists = assertThrows(ConflictException.class,
                () -> CLIENT.get().config().putIfRevision(key, "again", 0));
        assertTrue(exists.getMessage().contains(Long.toString(created.getModRevision())), exists.getMessage());

        ConfigEntry second = CLIENT.get().config().putIfRevision(key, "second", created.getModRevision());
        assertEquals(2, second.getVersion());
        ConflictException stale = assertThrows(ConflictException.class,
                () -> CLIENT.get().config().putIfRevision(key, "stale", created.getModRevision()));
        assertFalse(stale.isOutcomeUnknown());
        assertEquals("second", CLIENT.get().config().get(key).orElseThrow().getValue());
    }

    @Test
    void transactions() {
        String key = Names.unique("animal");
        CLIENT.get().config().put(key, "lion");
        TxnResponse won = CLIENT.get().config().txn().ifValue(key, "lion")
                .then(TxnOp.put(key, "tiger"), TxnOp.get(key))
                .otherwise(TxnOp.get(key)).commit();
        assertTrue(won.isSucceeded());
        assertEquals(2, won.getResults().size());
        assertEquals(key, won.getResults().get(0).getPut().getKey());
        assertEquals("tiger", won.getResults().get(1).getGet().getItems().get(0).getValue());

        TxnResponse lost = CLIENT.get().config().txn().ifValue(key, "lion")
                .then(TxnOp.put(key, "bear")).otherwise(TxnOp.get(key)).commit();
        assertFalse(lost.isSucceeded());
        assertEquals("tiger", lost.getResults().get(0).getGet().getItems().get(0).getValue());

        TxnResponse guarded = CLIENT.get().config().txn().ifMissing(key + "/absent")
                .ifVersion(key, CompareOp.GREATER, 1)
                .then(TxnOp.delete(key)).commit();
        assertTrue(guarded.isSucceeded());
        assertEquals(1, guarded.getResults().get(0).getDelete().getDeleted());
        assertTrue(CLIENT.get().config().get(key).isEmpty());
    }

    @Test
    void ephemeralKeysVanishWithTheirSession() {
        String key = Names.unique("ephemeral");
        long session = CLIENT.get().sessions().create(java.time.Duration.ofSeconds(10)).getId();
        ConfigEntry e = CLIENT.get().config().put(key, "here", PutOptions.none().session(session));
        assertEquals(session, e.getSessionId());
        assertTrue(CLIENT.get().sessions().delete(session));
        assertTrue(CLIENT.get().config().get(key).isEmpty());
    }
}
