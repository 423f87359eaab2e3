package dev.outrigger.client.model;

import java.util.Collections;
import java.util.List;

/** The instances of one service (ListInstancesResponse). */
public final class InstanceList {
    private List<Instance> instances;
    private long revision;

    private InstanceList() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param instances the instances
     * @param revision the revision they were read at
     */
    public InstanceList(List<Instance> instances, long revision) {
        this.instances = instances;
        this.revision = revision;
    }

    /** @return the instances */
    public List<Instance> getInstances() {
        return instances == null ? Collections.emptyList() : Collections.unmodifiableList(instances);
    }

    /** @return the revision they were read at */
    public long getRevision() {
        return revision;
    }

    @Override
    public String toString() {
        return "InstanceList{" + "instances=" + instances + ", revision=" + revision + "}";
    }
}
