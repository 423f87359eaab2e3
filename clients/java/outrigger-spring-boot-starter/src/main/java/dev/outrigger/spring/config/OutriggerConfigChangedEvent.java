package dev.outrigger.spring.config;

import java.util.Set;
import org.springframework.context.ApplicationEvent;

/**
 * Published after the Outrigger property source changed: the names of the properties
 * that were added, changed or removed.
 */
public class OutriggerConfigChangedEvent extends ApplicationEvent {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    private final transient Set<String> keys;
    private final long revision;

    /**
     * @param source the publisher
     * @param keys the changed property names
     * @param revision the revision the properties now reflect
     */
    public OutriggerConfigChangedEvent(Object source, Set<String> keys, long revision) {
        super(source);
        this.keys = Set.copyOf(keys);
        this.revision = revision;
    }

    /** @return the changed property names */
    public Set<String> getKeys() {
        return keys;
    }

    /** @return the revision the properties now reflect */
    public long getRevision() {
        return revision;
    }
}
