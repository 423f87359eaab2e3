package dev.outrigger.client;

import dev.outrigger.client.errors.NotFoundException;
import dev.outrigger.client.internal.ConfigWatch;
import dev.outrigger.client.internal.Transport;
import dev.outrigger.client.internal.UrlPaths;
import dev.outrigger.client.internal.wire.ConfigWire;
import dev.outrigger.client.model.ConfigEntry;
import dev.outrigger.client.model.ConfigPage;
import dev.outrigger.client.model.ConfigSnapshot;
import dev.outrigger.client.model.DeleteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Config entries: UTF-8 keys and values with compare-and-set, transactions, reads at past
 * revisions and resumable watches. Writes are never retried.
 */
public final class ConfigClient {
    private final Transport transport;
    private final Streams streams;

    ConfigClient(Transport transport, Streams streams) {
        this.transport = transport;
        this.streams = streams;
    }

    /**
     * @param key the key
     * @return the entry, or empty when there is no such key
     */
    public Optional<ConfigEntry> get(String key) {
        return getAt(key, 0);
    }

    /**
     * Reads a key as it was at a past revision.
     *
     * @param key the key
     * @param revision the revision; 0 reads the latest
     * @return the entry, or empty when the key did not exist then
     * @throws dev.outrigger.client.errors.OutOfRangeException when the revision was compacted
     */
    public Optional<ConfigEntry> getAt(String key, long revision) {
        String path = UrlPaths.query().add("revision", revision > 0 ? revision : null)
                .appendTo("/v1/config/" + UrlPaths.key(key));
        try {
            return Optional.of(transport.call("GET", path, null, ConfigEntry.class));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * @param key the key
     * @param value the value
     * @return the entry as written
     */
    public ConfigEntry put(String key, String value) {
        return put(key, value, PutOptions.none());
    }

    /**
     * Compare-and-set.
     *
     * @param key the key
     * @param value the value
     * @param revision the key's expected mod revision; 0 creates only
     * @return the entry as written
     * @throws dev.outrigger.client.errors.ConflictException when the key's mod revision differs
     */
    public ConfigEntry putIfRevision(String key, String value, long revision) {
        return put(key, value, PutOptions.none().ifRevision(revision));
    }

    /**
     * @param key the key
     * @param value the value
     * @param options revision or lock conditions, owning session
     * @return the entry as written
     * @throws dev.outrigger.client.errors.ConflictException when a condition did not hold
     */
    public ConfigEntry put(String key, String value, PutOptions options) {
        ConfigWire.PutBody body = new ConfigWire.PutBody();
        body.value = value;
        body.ifRevision = options.ifRevision();
        body.sessionId = options.sessionId();
        body.ifLockHeld = options.lockCondition();
        return transport.call("PUT", "/v1/config/" + UrlPaths.key(key), body, ConfigEntry.class);
    }

    /**
     * @param key the key
     * @return how many keys were deleted (0 or 1) and the revision after
     */
    public DeleteResult delete(String key) {
        return transport.call("DELETE", "/v1/config/" + UrlPaths.key(key), null, DeleteResult.class);
    }

    /**
     * @param prefix the prefix
     * @return how many keys were deleted and the revision after
     */
    public DeleteResult deletePrefix(String prefix) {
        return transport.call("DELETE", UrlPaths.query().add("prefix", true)
                .appendTo("/v1/config/" + UrlPaths.key(prefix)), null, DeleteResult.class);
    }

    /**
     * Lists every entry under a prefix, reading all pages at the revision of the first.
     *
     * @param prefix the prefix; empty lists everything
     * @return the entries and the revision they were read at
     */
    public ConfigSnapshot list(String prefix) {
        return listAt(prefix, 0);
    }

    /**
     * Lists every entry under a prefix as it was at a past revision.
     *
     * @param prefix the prefix
     * @param revision the revision; 0 reads the latest
     * @return the entries and the revision they were read at
     */
    public ConfigSnapshot listAt(String prefix, long revision) {
        List<ConfigEntry> all = new ArrayList<>();
        ConfigPage page = page(prefix, 0, null, revision);
        all.addAll(page.getItems());
        while (!page.getNextPageToken().isEmpty()) {
            page = page(prefix, 0, page.getNextPageToken(), revision);
            all.addAll(page.getItems());
        }
        return new ConfigSnapshot(all, page.getRevision());
    }

    /**
     * Reads one page of a listing.
     *
     * @param prefix the prefix
     * @param limit the page size (0: 100; at most 1000)
     * @param pageToken the previous page's token, or null for the first page
     * @param revision the revision; 0 reads the latest
     * @return the page
     */
    public ConfigPage page(String prefix, int limit, String pageToken, long revision) {
        String path = UrlPaths.query().add("prefix", prefix).add("limit", limit > 0 ? limit : null)
                .add("pageToken", pageToken == null || pageToken.isEmpty() ? null : pageToken)
                .add("revision", revision > 0 ? revision : null).appendTo("/v1/config");
        return transport.call("GET", path, null, ConfigPage.class);
    }

    /** @return a new transaction */
    public Txn txn() {
        return new Txn(transport);
    }

    /**
     * Watches the keys under a prefix from now on. Returns once the watch is in place
     * (or after the default deadline, still trying): every change after that is delivered.
     *
     * @param prefix the prefix; empty watches everything
     * @param listener receives the changes
     * @return the watch; close it to stop
     */
    public Watch watch(String prefix, ConfigListener listener) {
        return watch(prefix, 0, listener);
    }

    /**
     * Watches the keys under a prefix from a revision on, e.g. {@code snapshot.getRevision() + 1}.
     *
     * @param prefix the prefix
     * @param startRevision the first revision to deliver; 0 for after the current one
     * @param listener receives the changes
     * @return the watch; close it to stop
     */
    public Watch watch(String prefix, long startRevision, ConfigListener listener) {
        return streams.open(onClose -> new ConfigWatch(transport, streams.scheduler(), streams.idleTimeout(),
                streams.backoff(), prefix, startRevision, listener, onClose));
    }
}
