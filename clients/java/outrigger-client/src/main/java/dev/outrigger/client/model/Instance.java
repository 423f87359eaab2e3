package dev.outrigger.client.model;

import java.util.Collections;
import java.util.Map;

/** A registered instance of a service. */
public final class Instance {
    private String service;
    private String id;
    private String address;
    private int port;
    private Map<String, String> metadata;
    private long sessionId;
    private HealthCheck healthCheck;
    private long modRevision;

    private Instance() {
    }

    /**
     * Creates a value, as the sidecar would answer it.
     *
     * @param service the service name
     * @param id the instance id
     * @param address the address
     * @param port the port
     * @param metadata the metadata, never null
     * @param sessionId the session the instance belongs to
     * @param healthCheck the health check, or null
     * @param modRevision the revision of the last change to the instance
     */
    public Instance(String service, String id, String address, int port, Map<String, String> metadata, long sessionId, HealthCheck healthCheck, long modRevision) {
        this.service = service;
        this.id = id;
        this.address = address;
        this.port = port;
        this.metadata = metadata;
        this.sessionId = sessionId;
        this.healthCheck = healthCheck;
        this.modRevision = modRevision;
    }

    /** @return the service name */
    public String getService() {
        return service;
    }

    /** @return the instance id */
    public String getId() {
        return id;
    }

    /** @return the address */
    public String getAddress() {
        return address;
    }

    /** @return the port */
    public int getPort() {
        return port;
    }

    /** @return the metadata, never null */
    public Map<String, String> getMetadata() {
        return metadata == null ? Collections.emptyMap() : Collections.unmodifiableMap(metadata);
    }

    /** @return the session the instance belongs to */
    public long getSessionId() {
        return sessionId;
    }

    /** @return the health check, or null */
    public HealthCheck getHealthCheck() {
        return healthCheck;
    }

    /** @return the revision of the last change to the instance */
    public long getModRevision() {
        return modRevision;
    }

    @Override
    public String toString() {
        return "Instance{" + "service=" + service + ", id=" + id + ", address=" + address + ", port=" + port + ", metadata=" + metadata + ", sessionId=" + sessionId + ", healthCheck=" + healthCheck + ", modRevision=" + modRevision + "}";
    }
}
