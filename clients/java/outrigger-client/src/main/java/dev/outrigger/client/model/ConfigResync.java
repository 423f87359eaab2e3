package dev.outrigger.client.model;

import java.util.Collections;
import java.util.List;

/** The whole state under a watched prefix, sent when the watch's start revision was compacted. */
public final class ConfigResync {
    private List<ConfigEntry> items;
    private long revision;

    private ConfigResync() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param items every entry under the prefix
     * @param revision the revision of that state; events continue after it
     */
    public ConfigResync(List<ConfigEntry> items, long revision) {
        this.items = items;
        this.revision = revision;
    }

    /** @return every entry under the prefix */
    public List<ConfigEntry> getItems() {
        return items == null ? Collections.emptyList() : Collections.unmodifiableList(items);
    }

    /** @return the revision of that state; events continue after it */
    public long getRevision() {
        return revision;
    }

    @Override
    public String toString() {
        return "ConfigResync{" + "items=" + items + ", revision=" + revision + "}";
    }
}
