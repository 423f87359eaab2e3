package dev.outrigger.client.model;

/** The outcome of a config delete (DeleteConfigResponse). */
public final class DeleteResult {
    private long deleted;
    private long revision;

    private DeleteResult() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param deleted how many keys were deleted
     * @param revision the store revision after the delete
     */
    public DeleteResult(long deleted, long revision) {
        this.deleted = deleted;
        this.revision = revision;
    }

    /** @return how many keys were deleted */
    public long getDeleted() {
        return deleted;
    }

    /** @return the store revision after the delete */
    public long getRevision() {
        return revision;
    }

    @Override
    public String toString() {
        return "DeleteResult{" + "deleted=" + deleted + ", revision=" + revision + "}";
    }
}
