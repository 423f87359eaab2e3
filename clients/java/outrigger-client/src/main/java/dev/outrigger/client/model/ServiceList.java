package dev.outrigger.client.model;

import java.util.Collections;
import java.util.List;

/** Every service with at least one instance (ListServicesResponse). */
public final class ServiceList {
    private List<String> services;
    private long revision;

    private ServiceList() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param services the service names
     * @param revision the revision they were read at
     */
    public ServiceList(List<String> services, long revision) {
        this.services = services;
        this.revision = revision;
    }

    /** @return the service names */
    public List<String> getServices() {
        return services == null ? Collections.emptyList() : Collections.unmodifiableList(services);
    }

    /** @return the revision they were read at */
    public long getRevision() {
        return revision;
    }

    @Override
    public String toString() {
        return "ServiceList{" + "services=" + services + ", revision=" + revision + "}";
    }
}
