package dev.outrigger.client.model;

/** The current holder of a lock. */
public final class LockHolder {
    private String name;
    private long sessionId;
    private long fencingToken;
    private String since;

    private LockHolder() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param name the lock name
     * @param sessionId the holder's session
     * @param fencingToken the fencing token of the grant
     * @param since when the lock was granted, RFC 3339
     */
    public LockHolder(String name, long sessionId, long fencingToken, String since) {
        this.name = name;
        this.sessionId = sessionId;
        this.fencingToken = fencingToken;
        this.since = since;
    }

    /** @return the lock name */
    public String getName() {
        return name;
    }

    /** @return the holder's session */
    public long getSessionId() {
        return sessionId;
    }

    /** @return the fencing token of the grant */
    public long getFencingToken() {
        return fencingToken;
    }

    /** @return when the lock was granted, RFC 3339 */
    public String getSince() {
        return since;
    }

    @Override
    public String toString() {
        return "LockHolder{" + "name=" + name + ", sessionId=" + sessionId + ", fencingToken=" + fencingToken + ", since=" + since + "}";
    }
}
