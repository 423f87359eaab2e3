package dev.outrigger.client.model;

import java.util.Collections;
import java.util.List;

/** One page of a config listing (ListConfigResponse). */
public final class ConfigPage {
    private List<ConfigEntry> items;
    private long revision;
    private String nextPageToken;

    private ConfigPage() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param items the entries of this page, in key order
     * @param revision the revision the page was read at; every page of one listing shares it
     * @param nextPageToken the token of the next page; empty on the last page
     */
    public ConfigPage(List<ConfigEntry> items, long revision, String nextPageToken) {
        this.items = items;
        this.revision = revision;
        this.nextPageToken = nextPageToken;
    }

    /** @return the entries of this page, in key order */
    public List<ConfigEntry> getItems() {
        return items == null ? Collections.emptyList() : Collections.unmodifiableList(items);
    }

    /** @return the revision the page was read at; every page of one listing shares it */
    public long getRevision() {
        return revision;
    }

    /** @return the token of the next page; empty on the last page */
    public String getNextPageToken() {
        return nextPageToken;
    }

    @Override
    public String toString() {
        return "ConfigPage{" + "items=" + items + ", revision=" + revision + ", nextPageToken=" + nextPageToken + "}";
    }
}
