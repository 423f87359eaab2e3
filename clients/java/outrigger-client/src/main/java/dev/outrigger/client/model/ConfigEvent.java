package dev.outrigger.client.model;

/** One change of a config key, as delivered by a watch. */
public final class ConfigEvent {
    private EventType type;
    private String key;
    private String value;
    private long modRevision;
    private long createRevision;
    private long version;

    private ConfigEvent() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param type PUT or DELETE
     * @param key the key
     * @param value the new value; empty for DELETE
     * @param modRevision the revision of the change
     * @param createRevision the create revision of the key; 0 for DELETE
     * @param version the version of the key after the change; 0 for DELETE
     */
    public ConfigEvent(EventType type, String key, String value, long modRevision, long createRevision, long version) {
        this.type = type;
        this.key = key;
        this.value = value;
        this.modRevision = modRevision;
        this.createRevision = createRevision;
        this.version = version;
    }

    /** @return PUT or DELETE */
    public EventType getType() {
        return type;
    }

    /** @return the key */
    public String getKey() {
        return key;
    }

    /** @return the new value; empty for DELETE */
    public String getValue() {
        return value;
    }

    /** @return the revision of the change */
    public long getModRevision() {
        return modRevision;
    }

    /** @return the create revision of the key; 0 for DELETE */
    public long getCreateRevision() {
        return createRevision;
    }

    /** @return the version of the key after the change; 0 for DELETE */
    public long getVersion() {
        return version;
    }

    @Override
    public String toString() {
        return "ConfigEvent{" + "type=" + type + ", key=" + key + ", value=" + value + ", modRevision=" + modRevision + ", createRevision=" + createRevision + ", version=" + version + "}";
    }
}
