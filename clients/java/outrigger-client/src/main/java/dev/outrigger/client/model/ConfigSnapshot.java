package dev.outrigger.client.model;

import java.util.Collections;
import java.util.List;

/** Every entry under a prefix, read at one revision (all pages of a listing). */
public final class ConfigSnapshot {
    private final List<ConfigEntry> entries;
    private final long revision;

    /**
     * @param entries the entries, in key order
     * @param revision the revision they were read at
     */
    public ConfigSnapshot(List<ConfigEntry> entries, long revision) {
        this.entries = Collections.unmodifiableList(entries);
        this.revision = revision;
    }

    /** @return the entries, in key order */
    public List<ConfigEntry> getEntries() {
        return entries;
    }

    /** @return the revision they were read at; watch from {@code revision + 1} to miss nothing */
    public long getRevision() {
        return revision;
    }

    @Override
    public String toString() {
        return "ConfigSnapshot{revision=" + revision + ", entries=" + entries + "}";
    }
}
