package dev.outrigger.client.model;

/** The leader of an election. */
public final class Leader {
    private String name;
    private String value;
    private long term;
    private long sessionId;

    private Leader() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param name the election name
     * @param value the leader's value
     * @param term the term: the leader key's create revision, growing with every new leader
     * @param sessionId the leader's session
     */
    public Leader(String name, String value, long term, long sessionId) {
        this.name = name;
        this.value = value;
        this.term = term;
        this.sessionId = sessionId;
    }

    /** @return the election name */
    public String getName() {
        return name;
    }

    /** @return the leader's value */
    public String getValue() {
        return value;
    }

    /** @return the term: the leader key's create revision, growing with every new leader */
    public long getTerm() {
        return term;
    }

    /** @return the leader's session */
    public long getSessionId() {
        return sessionId;
    }

    @Override
    public String toString() {
        return "Leader{" + "name=" + name + ", value=" + value + ", term=" + term + ", sessionId=" + sessionId + "}";
    }
}
