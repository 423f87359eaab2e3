package dev.outrigger.client.model;

import java.util.Collections;
import java.util.List;

/** The outcome of a transaction. */
public final class TxnResponse {
    private boolean succeeded;
    private long revision;
    private List<TxnResult> results;

    private TxnResponse() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param succeeded whether every compare held (the then branch ran)
     * @param revision the store revision after the transaction
     * @param results one result per operation of the branch that ran, in order
     */
    public TxnResponse(boolean succeeded, long revision, List<TxnResult> results) {
        this.succeeded = succeeded;
        this.revision = revision;
        this.results = results;
    }

    /** @return whether every compare held (the then branch ran) */
    public boolean isSucceeded() {
        return succeeded;
    }

    /** @return the store revision after the transaction */
    public long getRevision() {
        return revision;
    }

    /** @return one result per operation of the branch that ran, in order */
    public List<TxnResult> getResults() {
        return results == null ? Collections.emptyList() : Collections.unmodifiableList(results);
    }

    @Override
    public String toString() {
        return "TxnResponse{" + "succeeded=" + succeeded + ", revision=" + revision + ", results=" + results + "}";
    }
}
