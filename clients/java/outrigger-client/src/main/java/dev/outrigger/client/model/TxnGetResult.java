package dev.outrigger.client.model;

import java.util.Collections;
import java.util.List;

/** The result of a get in a transaction. */
public final class TxnGetResult {
    private List<ConfigEntry> items;

    private TxnGetResult() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param items the entries read
     */
    public TxnGetResult(List<ConfigEntry> items) {
        this.items = items;
    }

    /** @return the entries read */
    public List<ConfigEntry> getItems() {
        return items == null ? Collections.emptyList() : Collections.unmodifiableList(items);
    }

    @Override
    public String toString() {
        return "TxnGetResult{" + "items=" + items + "}";
    }
}
