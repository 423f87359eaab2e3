package dev.outrigger.client;

import dev.outrigger.client.model.ConfigEntry;
import dev.outrigger.client.model.ConfigEvent;
import java.util.List;

/** Receives the changes of a config watch, in revision order, on the watch's thread. */
@FunctionalInterface
public interface ConfigListener extends WatchListener {

    /**
     * The changes of one revision.
     *
     * @param revision the revision
     * @param events its changes under the watched prefix
     */
    void onEvents(long revision, List<ConfigEvent> events);

    /**
     * The watch's start revision had been compacted: this is the whole state under the
     * prefix; events continue after it. Replace (do not merge) what you held.
     *
     * @param revision the revision of the state
     * @param entries every entry under the prefix
     */
    default void onResync(long revision, List<ConfigEntry> entries) {
    }
}
