package dev.outrigger.client.model;

/** One change of a service instance, as delivered by a registry watch. */
public final class InstanceEvent {
    private EventType type;
    private Instance instance;
    private long modRevision;

    private InstanceEvent() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param type PUT or DELETE
     * @param instance the instance; for DELETE only service and id are set
     * @param modRevision the revision of the change
     */
    public InstanceEvent(EventType type, Instance instance, long modRevision) {
        this.type = type;
        this.instance = instance;
        this.modRevision = modRevision;
    }

    /** @return PUT or DELETE */
    public EventType getType() {
        return type;
    }

    /** @return the instance; for DELETE only service and id are set */
    public Instance getInstance() {
        return instance;
    }

    /** @return the revision of the change */
    public long getModRevision() {
        return modRevision;
    }

    @Override
    public String toString() {
        return "InstanceEvent{" + "type=" + type + ", instance=" + instance + ", modRevision=" + modRevision + "}";
    }
}
