package dev.outrigger.client.model;

/** The outcome of one transaction operation: exactly one of put, delete and get is set. */
public final class TxnResult {
    private TxnPutResult put;
    private TxnDeleteResult delete;
    private TxnGetResult get;

    private TxnResult() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param put the result of a put, or null
     * @param delete the result of a delete, or null
     * @param get the result of a get, or null
     */
    public TxnResult(TxnPutResult put, TxnDeleteResult delete, TxnGetResult get) {
        this.put = put;
        this.delete = delete;
        this.get = get;
    }

    /** @return the result of a put, or null */
    public TxnPutResult getPut() {
        return put;
    }

    /** @return the result of a delete, or null */
    public TxnDeleteResult getDelete() {
        return delete;
    }

    /** @return the result of a get, or null */
    public TxnGetResult getGet() {
        return get;
    }

    @Override
    public String toString() {
        return "TxnResult{" + "put=" + put + ", delete=" + delete + ", get=" + get + "}";
    }
}
