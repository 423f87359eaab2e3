package dev.outrigger.client.model;

/** The result of a delete in a transaction. */
public final class TxnDeleteResult {
    private long deleted;

    private TxnDeleteResult() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param deleted how many keys were deleted
     */
    public TxnDeleteResult(long deleted) {
        this.deleted = deleted;
    }

    /** @return how many keys were deleted */
    public long getDeleted() {
        return deleted;
    }

    @Override
    public String toString() {
        return "TxnDeleteResult{" + "deleted=" + deleted + "}";
    }
}
