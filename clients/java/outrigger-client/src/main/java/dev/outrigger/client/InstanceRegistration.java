package dev.outrigger.client;

import dev.outrigger.client.model.HealthCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What to register for a service instance: address, port, metadata, session, health check. */
public final class InstanceRegistration {
    private String address = "127.0.0.1";
    private int port;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Long sessionId;
    private Integer ttlSeconds;
    private HealthCheck healthCheck;

    private InstanceRegistration() {
    }

    /**
     * @param address the instance's address
     * @param port the instance's port
     * @return a registration
     */
    public static InstanceRegistration of(String address, int port) {
        InstanceRegistration r = new InstanceRegistration();
        r.address = address;
        r.port = port;
        return r;
    }

    /**
     * @param key a metadata key
     * @param value its value
     * @return this
     */
    public InstanceRegistration metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /**
     * @param values metadata to add
     * @return this
     */
    public InstanceRegistration metadata(Map<String, String> values) {
        metadata.putAll(values);
        return this;
    }

    /**
     * Binds the instance to a session: it vanishes when the session ends.
     *
     * @param id the session
     * @return this
     */
    public InstanceRegistration session(long id) {
        this.sessionId = id;
        return this;
    }

    /**
     * Binds the instance to a new session of this TTL, which the caller keeps alive.
     *
     * @param ttl the TTL
     * @return this
     */
    public InstanceRegistration sessionTtl(Duration ttl) {
        this.ttlSeconds = (int) ttl.toSeconds();
        return this;
    }

    /**
     * Has the sidecar probe the instance: after 3 failures in a row it is removed, and
     * written back after the next pass.
     *
     * @param url the URL to GET; any 2xx passes
     * @param interval between probes (1 s to 1 h)
     * @return this
     */
    public InstanceRegistration healthCheck(String url, Duration interval) {
        this.healthCheck = new HealthCheck(url, (int) interval.toSeconds());
        return this;
    }

    String address() {
        return address;
    }

    int port() {
        return port;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    Long sessionId() {
        return sessionId;
    }

    Integer ttlSeconds() {
        return ttlSeconds;
    }

    HealthCheck healthCheck() {
        return healthCheck;
    }

    InstanceRegistration copyWithSession(long id) {
        InstanceRegistration r = of(address, port).metadata(metadata);
        r.healthCheck = healthCheck;
        r.sessionId = id;
        return r;
    }
}
