package dev.outrigger.client.model;

/** The result of a put in a transaction. */
public final class TxnPutResult {
    private String key;
    private long modRevision;

    private TxnPutResult() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param key the key written
     * @param modRevision its new mod revision
     */
    public TxnPutResult(String key, long modRevision) {
        this.key = key;
        this.modRevision = modRevision;
    }

    /** @return the key written */
    public String getKey() {
        return key;
    }

    /** @return its new mod revision */
    public long getModRevision() {
        return modRevision;
    }

    @Override
    public String toString() {
        return "TxnPutResult{" + "key=" + key + ", modRevision=" + modRevision + "}";
    }
}
