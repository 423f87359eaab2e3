package dev.outrigger.client.model;

/** A session: an etcd lease that owns ephemeral keys, registrations, locks and leaderships. */
public final class Session {
    private long id;
    private int ttlSeconds;
    private int remainingSeconds;

    private Session() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param id the session id (the lease id)
     * @param ttlSeconds the TTL in seconds
     * @param remainingSeconds seconds left before expiry
     */
    public Session(long id, int ttlSeconds, int remainingSeconds) {
        this.id = id;
        this.ttlSeconds = ttlSeconds;
        this.remainingSeconds = remainingSeconds;
    }

    /** @return the session id (the lease id) */
    public long getId() {
        return id;
    }

    /** @return the TTL in seconds */
    public int getTtlSeconds() {
        return ttlSeconds;
    }

    /** @return seconds left before expiry */
    public int getRemainingSeconds() {
        return remainingSeconds;
    }

    @Override
    public String toString() {
        return "Session{" + "id=" + id + ", ttlSeconds=" + ttlSeconds + ", remainingSeconds=" + remainingSeconds + "}";
    }
}
