package dev.outrigger.client;

import dev.outrigger.client.internal.InstanceWatch;
import dev.outrigger.client.internal.Transport;
import dev.outrigger.client.internal.UrlPaths;
import dev.outrigger.client.internal.wire.RegistryWire;
import dev.outrigger.client.model.Instance;
import dev.outrigger.client.model.InstanceList;
import dev.outrigger.client.model.ServiceList;
import java.time.Duration;
import java.util.LinkedHashMap;

/** The service registry: instances bound to sessions, listed and watched. */
public final class RegistryClient {
    private final Transport transport;
    private final SessionClient sessions;
    private final Streams streams;
    private final Resources resources;

    RegistryClient(Transport transport, SessionClient sessions, Streams streams, Resources resources) {
        this.transport = transport;
        this.sessions = sessions;
        this.streams = streams;
        this.resources = resources;
    }

    /**
     * Adds or replaces an instance. Without a session or session TTL, the instance belongs
     * to the sidecar's own session: it lives as long as the sidecar.
     *
     * @param service the service
     * @param id the instance id
     * @param registration address, port, metadata, session, health check
     * @return the instance as stored
     */
    public Instance register(String service, String id, InstanceRegistration registration) {
        RegistryWire.RegisterBody body = new RegistryWire.RegisterBody();
        body.address = registration.address();
        body.port = registration.port();
        body.metadata = new LinkedHashMap<>(registration.metadata());
        body.sessionId = registration.sessionId();
        body.ttlSeconds = registration.ttlSeconds();
        body.healthCheck = registration.healthCheck();
        return transport.call("PUT", path(service) + "/instances/" + UrlPaths.segment(id), body, Instance.class);
    }

    /**
     * Registers an instance bound to a session that the client keeps alive, and registers
     * it again if that session is ever lost.
     *
     * @param service the service
     * @param id the instance id
     * @param registration address, port, metadata, health check (its session is replaced)
     * @param ttl the session's TTL: how long the instance outlives a crashed application
     * @return the registration; close it to deregister
     */
    public KeptRegistration registerKept(String service, String id, InstanceRegistration registration, Duration ttl) {
        KeptRegistration[] self = new KeptRegistration[1];
        KeptRegistration kept = new KeptRegistration(this, sessions, streams.scheduler(), service, id, registration,
                ttl, streams.backoff(), () -> resources.remove(self[0]));
        self[0] = kept;
        kept.register();
        resources.add(kept);
        return kept;
    }

    /**
     * @param service the service
     * @param id the instance id
     * @return whether the instance existed
     */
    public boolean deregister(String service, String id) {
        return transport.call("DELETE", path(service) + "/instances/" + UrlPaths.segment(id), null,
                RegistryWire.DeregisterAnswer.class).deregistered;
    }

    /** @return every service with at least one instance */
    public ServiceList services() {
        return transport.call("GET", "/v1/services", null, ServiceList.class);
    }

    /**
     * @param service the service
     * @return its instances
     */
    public InstanceList instances(String service) {
        return transport.call("GET", path(service) + "/instances", null, InstanceList.class);
    }

    /**
     * Watches a service's instances from now on.
     *
     * @param service the service
     * @param listener receives the changes
     * @return the watch; close it to stop
     */
    public Watch watch(String service, InstanceListener listener) {
        return watch(service, 0, listener);
    }

    /**
     * Watches a service's instances from a revision on.
     *
     * @param service the service
     * @param startRevision the first revision to deliver; 0 for after the current one
     * @param listener receives the changes
     * @return the watch; close it to stop
     */
    public Watch watch(String service, long startRevision, InstanceListener listener) {
        return streams.open(onClose -> new InstanceWatch(transport, streams.scheduler(), streams.idleTimeout(),
                streams.backoff(), service, startRevision, listener, onClose));
    }

    private static String path(String service) {
        return "/v1/services/" + UrlPaths.segment(service);
    }
}
