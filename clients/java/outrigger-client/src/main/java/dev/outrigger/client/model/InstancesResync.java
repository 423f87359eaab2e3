package dev.outrigger.client.model;

import java.util.Collections;
import java.util.List;

/** Every instance of a watched service, sent when the watch's start revision was compacted. */
public final class InstancesResync {
    private List<Instance> instances;
    private long revision;

    private InstancesResync() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param instances every instance
     * @param revision the revision of that state; events continue after it
     */
    public InstancesResync(List<Instance> instances, long revision) {
        this.instances = instances;
        this.revision = revision;
    }

    /** @return every instance */
    public List<Instance> getInstances() {
        return instances == null ? Collections.emptyList() : Collections.unmodifiableList(instances);
    }

    /** @return the revision of that state; events continue after it */
    public long getRevision() {
        return revision;
    }

    @Override
    public String toString() {
        return "InstancesResync{" + "instances=" + instances + ", revision=" + revision + "}";
    }
}
