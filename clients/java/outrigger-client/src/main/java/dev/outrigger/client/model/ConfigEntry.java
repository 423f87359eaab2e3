package dev.outrigger.client.model;

/** One stored config key with its value and revisions. */
public final class ConfigEntry {
    private String key;
    private String value;
    private long createRevision;
    private long modRevision;
    private long version;
    private long sessionId;

    private ConfigEntry() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param key the key
     * @param value the value
     * @param createRevision the revision that created the key (since it last did not exist)
     * @param modRevision the revision of the last change to the key
     * @param version how many times the key was written since it was created
     * @param sessionId the session the key belongs to, 0 when it is not ephemeral
     */
    public ConfigEntry(String key, String value, long createRevision, long modRevision, long version, long sessionId) {
        this.key = key;
        this.value = value;
        this.createRevision = createRevision;
        this.modRevision = modRevision;
        this.version = version;
        this.sessionId = sessionId;
    }

    /** @return the key */
    public String getKey() {
        return key;
    }

    /** @return the value */
    public String getValue() {
        return value;
    }

    /** @return the revision that created the key (since it last did not exist) */
    public long getCreateRevision() {
        return createRevision;
    }

    /** @return the revision of the last change to the key */
    public long getModRevision() {
        return modRevision;
    }

    /** @return how many times the key was written since it was created */
    public long getVersion() {
        return version;
    }

    /** @return the session the key belongs to, 0 when it is not ephemeral */
    public long getSessionId() {
        return sessionId;
    }

    @Override
    public String toString() {
        return "ConfigEntry{" + "key=" + key + ", value=" + value + ", createRevision=" + createRevision + ", modRevision=" + modRevision + ", version=" + version + ", sessionId=" + sessionId + "}";
    }
}
